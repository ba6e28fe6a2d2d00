"""Ingest: sources (files, folders, stdin) → cleaned, identified Articles ready for analysis."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsgraph.config import ReadOptions
from newsgraph.ingest.prepare import article_id, prepare_article
from newsgraph.ingest.sources import read_inputs
from newsgraph.model import Article, InputFailure, RawArticle

__all__ = ["article_id", "prepare_article", "read_articles", "read_inputs"]


def read_articles(paths: Iterable[str], options: ReadOptions) -> Iterator[Article | InputFailure]:
    """Read and prepare every article from ``paths``; failures are yielded, not raised."""
    for item in read_inputs(paths, options):
        yield item if isinstance(item, InputFailure) else prepare_article(item, options)


def prepare_raw(items: Iterable[RawArticle | InputFailure], options: ReadOptions) -> Iterator[Article | InputFailure]:
    """Prepare already-read raw articles (used by callers that read sources themselves)."""
    for item in items:
        yield item if isinstance(item, InputFailure) else prepare_article(item, options)

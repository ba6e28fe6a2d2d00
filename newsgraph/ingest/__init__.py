"""Ingest: sources (files, folders, stdin) → cleaned, identified Articles ready for analysis."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsgraph.config import ReadOptions
from newsgraph.ingest.limits import time_limited
from newsgraph.ingest.prepare import article_id, prepare_article
from newsgraph.ingest.sources import iter_input_paths, read_inputs, read_path
from newsgraph.model import Article, InputFailure, RawArticle

__all__ = ["article_id", "prepare_article", "read_articles", "read_inputs"]


def read_articles(paths: Iterable[str], options: ReadOptions) -> Iterator[Article | InputFailure]:
    """Read and prepare every article from ``paths``; failures are yielded, not raised.
    Each file (each record of a streamed one) has ``options.read_timeout`` seconds."""
    for path in iter_input_paths(paths):
        if isinstance(path, InputFailure):
            yield path
        else:
            yield from time_limited(prepare_raw(read_path(path, options), options), options.read_timeout, str(path))


def prepare_raw(items: Iterable[RawArticle | InputFailure], options: ReadOptions) -> Iterator[Article | InputFailure]:
    """Prepare already-read raw articles (used by callers that read sources themselves)."""
    for item in items:
        yield item if isinstance(item, InputFailure) else prepare_article(item, options)

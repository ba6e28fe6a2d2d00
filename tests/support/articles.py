"""Articles prepared as ingest prepares them, from text written in a test."""

from __future__ import annotations

from newsgraph.config import ReadOptions
from newsgraph.ingest.prepare import prepare_article
from newsgraph.model import Article, InputRef, RawArticle


def prepared_text(text: str, published: str | None = None, path: str = "article.txt") -> Article:
    """A plain-text article cleaned as ingest cleans it (the first line becomes its title)."""
    article = prepare_article(RawArticle(text=text, input=InputRef(path=path), format="txt"), ReadOptions(published=published))
    assert isinstance(article, Article)
    return article

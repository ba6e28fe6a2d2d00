"""Metadata that can be corrected: an article's text is its identity (the id hashes it), but
its publication date, outlet, title and URL may arrive wrong, missing or late.

Each place a text was seen (a URL, or a file, line and record id: ``source_key``) is recorded
with what it said (``article_sources``). When the same text arrives again:

- from a place seen before, saying something else: the place corrected itself, and the
  article takes what changed (an undated file sent again with ``--published``, a record
  whose date field was fixed) — ``updated``;
- from a new place: that is an exact copy elsewhere (another outlet reprinting the text),
  recorded as a sighting; the article keeps what its own place said — ``unchanged``;
- as it was said before: nothing changes, so re-running an ingest is a no-op.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from newsgraph.model import Article

FIELDS = ("published", "outlet", "title", "url")
Metadata = dict[str, str | None]


def source_key(url: str | None, path: str | None, line: int | None, input_id: str | None) -> str:
    """Identifies a place: the URL when there is one, else the resolved file, line and record id."""
    if url:
        place = f"url:{url}"
    else:
        path = path or ""
        if path and not path.startswith("<"):
            path = str(Path(path).resolve())
        place = f"file:{path}:{line or 0}:{input_id or ''}"
    return hashlib.sha256(place.encode("utf-8")).hexdigest()[:16]


def article_source_key(article: Article) -> str:
    """The place ``article`` was read from."""
    return source_key(article.url, article.input.path, article.input.line, article.input.id)


def metadata_of(row: Any) -> Metadata:
    """The corrigible fields of an Article or of a stored row (dates as YYYY-MM-DD)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    values: Metadata = {}
    for name in FIELDS:
        value = get(name)
        values[name] = value.isoformat() if isinstance(value, dt.date) else value
    return values


def corrected(stored: Metadata, said_before: Metadata | None, incoming: Metadata) -> Metadata | None:
    """The article's metadata once ``incoming`` is taken in, or None when nothing changes.
    ``said_before`` is what the same place said last time (None for a new place)."""
    if said_before is None:
        return None
    merged = {**stored, **{f: incoming[f] for f in FIELDS if incoming[f] != said_before[f]}}
    return merged if merged != stored else None


def with_metadata(article: Article, metadata: Metadata) -> Article:
    """``article`` with these corrigible fields."""
    return dataclasses.replace(
        article, published=metadata["published"], outlet=metadata["outlet"], title=metadata["title"], url=metadata["url"]
    )

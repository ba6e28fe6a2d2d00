"""Where each article was seen. Article ids hash the cleaned text, so the same text from a
second outlet, URL or file is the same article: ingest stores it once and reports it
``unchanged`` (or ``updated`` when it corrects or fills in metadata: see
``newsgraph.store.metadata``). :class:`SourceLog` notes every place it passed by, and
:func:`record_sources` stores each distinct place once, with what it said last — more than
one place for an article is an exact copy."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from newsgraph.model import Article
from newsgraph.store.db import Store
from newsgraph.store.metadata import source_key

T = TypeVar("T")


@dataclass(frozen=True)
class Sighting:
    """One place an article's text was found."""

    article_id: str
    outlet: str | None
    url: str | None
    input_path: str | None
    input_line: int | None
    input_id: str | None
    title: str | None
    published: str | None
    removed: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, article: Article) -> Sighting:
        """Where ``article`` came from, as its input and metadata say."""
        ref = article.input
        removed = tuple((r.text, r.reason) for r in article.removed)
        return cls(article.id, article.outlet, article.url, ref.path, ref.line, ref.id, article.title, article.published, removed)

    @property
    def key(self) -> str:
        """Identifies the place: the URL when there is one, else the resolved file and line."""
        return source_key(self.url, self.input_path, self.input_line, self.input_id)


@dataclass
class SourceLog:
    """Notes every article that streams past on its way to ingest."""

    seen: list[Sighting] = field(default_factory=list)

    def watch(self, items: Iterable[T]) -> Iterator[T]:
        """Pass ``items`` through unchanged, noting each Article's source."""
        for item in items:
            if isinstance(item, Article):
                self.seen.append(Sighting.of(item))
            yield item


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def record_sources(store: Store, sightings: Iterable[Sighting]) -> int:
    """Store the sightings of stored articles (each place once); returns how many rows were offered."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: list[dict[str, Any]] = [
        {
            "article_id": s.article_id,
            "source_key": s.key,
            "outlet": s.outlet,
            "url": s.url,
            "input_path": s.input_path,
            "input_line": s.input_line,
            "input_id": s.input_id,
            "title": s.title,
            "published": _date(s.published),
            "removed": json.dumps([{"text": text, "reason": reason} for text, reason in s.removed], ensure_ascii=False),
            "seen_at": now,
        }
        for s in sightings
    ]
    if not rows:
        return 0
    # An article whose analysis failed is not stored: its sighting would point nowhere. A
    # place seen again keeps what it says now (the last time, if a run saw it twice).
    stored = store.existing_ids(sorted({r["article_id"] for r in rows}))
    latest = {(r["article_id"], r["source_key"]): r for r in rows if r["article_id"] in stored}
    store.update_tables(upsert={"article_sources": list(latest.values())})
    return len(latest)


def backfill_sources(store: Store) -> None:
    """Give every stored article without a sighting the one its own row describes (stores
    written before sightings existed, or articles stored through the library)."""
    table = store.query(
        """SELECT id, outlet, url, input_path, input_line, input_id, title, CAST(published AS VARCHAR) AS published,
                  CAST(json_extract(record, '$.removed') AS VARCHAR) AS removed
           FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id)"""
    )
    sightings = [
        Sighting(
            r["id"],
            r["outlet"],
            r["url"],
            r["input_path"],
            r["input_line"],
            r["input_id"],
            r["title"],
            r["published"],
            tuple((x["text"], x["reason"]) for x in json.loads(r["removed"] or "[]")),
        )
        for r in table.to_pylist()
    ]
    record_sources(store, sightings)

"""What the API and the pages both show, shaped once from ``Dataset``'s builders: the JSON
endpoint serialises it and the page draws it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from newsgraph.dataset import Dataset
from newsgraph.params import Filters, parse_text
from newsgraph.store.queries import event_clusters, has_table, list_event_clusters

NOTES = {
    "clusters": "events merged across articles by the corpus stage (same CAMEO root and actors, close dates, compatible places)",
    "clusters_fallback": "events grouped by date, CAMEO root and both sides (actor id, else code, else name) across articles",
    "copies": "this store has no copy detection (the corpus stage has not run): copies=exclude/only have no effect",
    "duplicates": "this store has no copy detection yet: run the corpus stage ('newsgraph duplicates') to find copies",
}


def copies_note(data: Dataset, filters: Filters) -> str | None:
    """A note when a copies filter was asked for but the store cannot apply it."""
    if filters.copies != "include" and not has_table(data.store, "copies"):
        return NOTES["copies"]
    return None


def clusters_view(data: Dataset, filters: Filters, min_articles: int, limit: int) -> tuple[pa.Table, str]:
    """Event clusters across articles and how they were made: the corpus stage's, or (in a
    store without them) events grouped by date, root and sides."""
    if has_table(data.store, "event_clusters"):
        return list_event_clusters(data.store, filters, min_articles, limit), NOTES["clusters"]
    return event_clusters(data.store, filters, min_articles, limit), NOTES["clusters_fallback"]


@dataclass
class DuplicatesView:
    """Copies with their originals (``rows``: one per copy, with its diff; ``table``: one row
    per difference, for CSV and the page), or a note when the store has no copy detection."""

    rows: list[dict[str, Any]]
    table: pa.Table
    note: str | None


def duplicates_view(data: Dataset, outlet: str | None, limit: int) -> DuplicatesView:
    """The corpus stage's copy clusters, optionally for one outlet (as copy or original)."""
    if not has_table(data.store, "copies"):
        return DuplicatesView([], pa.table({"copy_id": pa.array([], pa.string())}), NOTES["duplicates"])
    from newsgraph.corpus.duplicates import copy_clusters, duplicates_table

    wanted = (parse_text("outlet", outlet) or "").lower()

    def keep(row: dict[str, Any]) -> bool:
        return not wanted or wanted in {(row.get("copy_outlet") or "").lower(), (row.get("original_outlet") or "").lower()}

    rows = [r for r in copy_clusters(data.store) if keep(r)][:limit]
    table = duplicates_table(data.store)
    if wanted:
        table = pa.Table.from_pylist([r for r in table.to_pylist() if keep(r)], schema=table.schema)
    return DuplicatesView(rows, table, None)


@dataclass
class ActorView:
    """One actor's page."""

    actor: dict[str, Any]
    articles: pa.Table
    quotes: pa.Table
    timeline: pa.Table
    interval: str

    def payload(self) -> dict[str, Any]:
        """The JSON body."""
        return {
            "actor": self.actor,
            "interval": self.interval,
            "articles": self.articles.to_pylist(),
            "quotes": self.quotes.to_pylist(),
            "timeline": self.timeline.to_pylist(),
            "events": {
                "as_source": f"/api/events?source={self.actor['id']}",
                "as_target": f"/api/events?target={self.actor['id']}",
            },
        }


def actor_view(data: Dataset, actor_id: str, interval: str, copies: str | None = None) -> ActorView:
    """The actor, its articles, its quotations and its events over time."""
    profile = data.actor(actor_id, interval, copies)
    return ActorView(profile["actor"].to_pylist()[0], profile["articles"], profile["quotes"], profile["timeline"], interval)


@dataclass
class Column:
    """How the compare page shows a column: ``text`` left-aligned, ``num`` right-aligned,
    ``share`` right-aligned with a %, ``quad`` the QuadClass by name."""

    name: str
    kind: str


def compare_columns(table: pa.Table) -> list[Column]:
    """The columns of one compare section, each with how it is shown."""
    columns = []
    for field in table.schema:
        if field.name == "quad_class":
            kind = "quad"
        elif field.name == "share" or field.name.endswith((" share", "_share")):
            kind = "share"
        elif pa.types.is_integer(field.type) or pa.types.is_floating(field.type) or pa.types.is_decimal(field.type):
            kind = "num"
        else:
            kind = "text"
        columns.append(Column(field.name, kind))
    return columns

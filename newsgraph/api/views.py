"""What the API and the pages both show, computed once: each function calls the store's query
layer and returns the data that the JSON endpoint serialises and the page draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from newsgraph.api.params import QUAD_CLASSES, clean_date, clean_text
from newsgraph.store import Filters, Store, list_events
from newsgraph.store.queries import (
    actor_profile,
    compare_outlets,
    event_clusters,
    event_network,
    event_timeline,
    has_table,
    list_event_clusters,
)

NOTES = {
    "clusters": "events merged across articles by the corpus stage (same CAMEO root and actors, close dates, compatible places)",
    "clusters_fallback": "events grouped by date, CAMEO root and both sides (actor id, else code, else name) across articles",
    "copies": "this store has no copy detection (the corpus stage has not run): copies=exclude/only have no effect",
    "duplicates": "this store has no copy detection yet: run the corpus stage ('newsgraph duplicates') to find copies",
}


def copies_note(store: Store, filters: Filters) -> str | None:
    """A note when a copies filter was asked for but the store cannot apply it."""
    if filters.copies != "include" and not has_table(store, "copies"):
        return NOTES["copies"]
    return None


def detailed_events(store: Store, filters: Filters) -> pa.Table:
    """The event listing with trigger offsets, root code and both sides' ids and countries."""
    return list_events(store, filters, detail=True)


def timeline_view(store: Store, filters: Filters, interval: str) -> pa.Table:
    """Events per period."""
    return event_timeline(store, filters, interval)  # type: ignore[arg-type]


def network_view(store: Store, filters: Filters, max_edges: int) -> tuple[pa.Table, pa.Table]:
    """Nodes and edges of the actor network."""
    return event_network(store, filters, max_edges)


def clusters_view(store: Store, filters: Filters, min_articles: int, limit: int) -> tuple[pa.Table, str]:
    """Event clusters across articles and how they were made: the corpus stage's, or (in a
    store without them) events grouped by date, root and sides."""
    if has_table(store, "event_clusters"):
        return list_event_clusters(store, filters, min_articles, limit), NOTES["clusters"]
    return event_clusters(store, filters, min_articles, limit), NOTES["clusters_fallback"]


@dataclass
class DuplicatesView:
    """Copies with their originals (``rows``: one per copy, with its diff; ``table``: one row
    per difference, for CSV and the page), or a note when the store has no copy detection."""

    rows: list[dict[str, Any]]
    table: pa.Table
    note: str | None


def duplicates_view(store: Store, outlet: str | None, limit: int) -> DuplicatesView:
    """The corpus stage's copy clusters, optionally for one outlet (as copy or original)."""
    if not has_table(store, "copies"):
        return DuplicatesView([], pa.table({"copy_id": pa.array([], pa.string())}), NOTES["duplicates"])
    from newsgraph.corpus.duplicates import copy_clusters, duplicates_table

    wanted = (clean_text("outlet", outlet) or "").lower()

    def keep(row: dict[str, Any]) -> bool:
        return not wanted or wanted in {(row.get("copy_outlet") or "").lower(), (row.get("original_outlet") or "").lower()}

    rows = [r for r in copy_clusters(store) if keep(r)][:limit]
    table = duplicates_table(store)
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


def actor_view(store: Store, actor_id: str, interval: str) -> ActorView:
    """The actor, its articles, its quotations and its events over time."""
    profile = actor_profile(store, actor_id, interval)  # type: ignore[arg-type]
    return ActorView(profile["actor"].to_pylist()[0], profile["articles"], profile["quotes"], profile["timeline"], interval)


@dataclass
class CompareView:
    """Two outlets or outlet groups side by side."""

    a: list[str]
    b: list[str]
    since: str | None
    until: str | None
    tables: dict[str, pa.Table]

    def summary(self, side: str) -> dict[str, Any]:
        """The summary row of one side (zeros when it has no articles)."""
        for row in self.tables["summary"].to_pylist():
            if row["grp"] == side:
                return row
        return {"grp": side, "articles": 0, "words": 0, "tone": None, "quotes": 0, "events": 0, "goldstein": None, "matched_outlets": None}

    def quad_classes(self) -> list[dict[str, Any]]:
        """Events per QuadClass with its name."""
        return [{**row, "name": QUAD_CLASSES.get(row["quad_class"], "uncoded")} for row in self.tables["quad_classes"].to_pylist()]

    def payload(self) -> dict[str, Any]:
        """The JSON body."""
        return {
            "a": {**self.summary("a"), "outlets": self.a},
            "b": {**self.summary("b"), "outlets": self.b},
            "since": self.since,
            "until": self.until,
            "actors": self.tables["actors"].to_pylist(),
            "speakers": self.tables["speakers"].to_pylist(),
            "roots": self.tables["roots"].to_pylist(),
            "quad_classes": self.quad_classes(),
        }

    def long_rows(self) -> list[dict[str, Any]]:
        """Every section as rows of (section, key, name, a, b), for CSV."""
        rows: list[dict[str, Any]] = []
        a, b = self.summary("a"), self.summary("b")
        for key in ("articles", "words", "tone", "quotes", "events", "goldstein"):
            rows.append({"section": "summary", "key": key, "name": None, "a": a[key], "b": b[key]})
        for r in self.tables["actors"].to_pylist():
            rows.append({"section": "actors", "key": r["id"], "name": r["name"], "a": r["a"], "b": r["b"]})
        for r in self.tables["speakers"].to_pylist():
            rows.append({"section": "speakers", "key": r["speaker_actor"], "name": r["speaker"], "a": r["a"], "b": r["b"]})
        for r in self.tables["roots"].to_pylist():
            rows.append({"section": "roots", "key": r["root"], "name": r["name"], "a": r["a"], "b": r["b"]})
        for r in self.quad_classes():
            rows.append({"section": "quad_classes", "key": r["quad_class"], "name": r["name"], "a": r["a"], "b": r["b"]})
        return rows


def compare_view(store: Store, a: list[str], b: list[str], since: str | None, until: str | None, top: int) -> CompareView:
    """Compare two outlets or groups (each side: one or more outlet names)."""
    side_a = [x for x in (clean_text("a", v) for v in a) if x]
    side_b = [x for x in (clean_text("b", v) for v in b) if x]
    filters = Filters(since=clean_date("since", since), until=clean_date("until", until))
    tables = compare_outlets(store, side_a, side_b, filters, top)
    return CompareView(side_a, side_b, filters.since, filters.until, tables)

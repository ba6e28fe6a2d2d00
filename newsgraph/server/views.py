"""What the API and the pages both show, computed once: each function calls the store's query
layer and returns the data that the JSON endpoint serialises and the page draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from newsgraph.corpus.compare import Comparison

from newsgraph.errors import Errors, UsageError
from newsgraph.params import COPIES, Filters, parse_choice, parse_date, parse_text
from newsgraph.store import Store
from newsgraph.store.queries import (
    actor_profile,
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

    wanted = (parse_text("outlet", outlet) or "").lower()

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


def compare_view(
    store: Store, a: list[str], b: list[str], since: str | None, until: str | None, top: int, copies: str | None = None
) -> Comparison:
    """Compare two outlets or outlet groups with the corpus stage's comparison. Each side is
    one or more outlet names (repeated parameters) or group words as ``newsgraph compare``
    takes them (``wire``, ``state``, ``country:RUS``)."""
    from newsgraph.config import outlet_files_from_env
    from newsgraph.corpus.compare import compare
    from newsgraph.corpus.scope import Scope, parse_groups
    from newsgraph.ingest.outlets import load_outlets

    sides = ["+".join(x for x in (parse_text(name, v) for v in values) if x) for name, values in (("a", a), ("b", b))]
    if not all(sides):
        raise UsageError(Errors.E111)
    if any("," in side for side in sides):
        raise UsageError(Errors.E112)
    groups = parse_groups(",".join(sides), store, load_outlets(outlet_files_from_env()))
    choice = parse_choice("copies", copies, COPIES[:2])
    scope = Scope(since=parse_date("since", since), until=parse_date("until", until), copies=choice or "exclude")
    return compare(store, groups, scope, top)

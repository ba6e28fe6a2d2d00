"""Merged events: coded events from different articles that report the same happening.

Two events merge when they have the same CAMEO root, the same negation and modality class,
the same actors after resolution (actor ids where both sides have one, else actor codes,
else names; either order for consultations, root 04, since "A met B" and "B met A" are
one meeting), dates within ``window_days`` of each other and compatible places (no two
different countries). A cluster counts GDELT's NumMentions/NumArticles/NumSources —
``mentions``, ``articles``, ``outlets`` — but counts a republished copy once, and links
to every evidence sentence (``event_cluster_members``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.store.db import Store

SYMMETRIC_ROOTS = frozenset({"04"})
_SPECULATIVE = frozenset({"hypothetical", "future"})
_SIDE_COLUMNS = tuple(f"{side}_{part}" for side in ("source", "target") for part in ("actor", "name", "code", "country", "sector"))


@dataclass(frozen=True)
class ClusterConfig:
    """Event merging settings: how many days apart two reports of one event may be dated, and
    how many of the latest clusters of a group an event is tried against (a bound on the
    cost of one event when a group holds thousands of clusters that cannot merge)."""

    window_days: int = 3
    max_candidates: int = 64


Identity = tuple[str | None, str | None, str | None]


def _identity(event: dict[str, Any], side: str) -> Identity:
    name = event[f"{side}_name"]
    return event[f"{side}_actor"], event[f"{side}_code"], name.casefold() if name else None


def _same_actor(a: Identity, b: Identity) -> bool:
    for x, y in zip(a, b, strict=True):
        if x is not None and y is not None:
            return x == y  # the most specific identity both sides have decides
    return a == b


def _sides(event: dict[str, Any]) -> tuple[Identity, Identity]:
    return _identity(event, "source"), _identity(event, "target")


def _same_actors(root: str | None, a: tuple[Identity, Identity], b: tuple[Identity, Identity]) -> bool:
    if _same_actor(a[0], b[0]) and _same_actor(a[1], b[1]):
        return True
    # "A met B" and "B met A" are one meeting.
    return root in SYMMETRIC_ROOTS and _same_actor(a[0], b[1]) and _same_actor(a[1], b[0])


def group_key(event: dict[str, Any]) -> tuple[Any, ...]:
    """Events merge only within a group: same root, negation and modality class, same codes."""
    codes = (event["source_code"] or "", event["target_code"] or "")
    if event["root"] in SYMMETRIC_ROOTS:
        codes = tuple(sorted(codes))  # type: ignore[assignment]
    return (event["root"], bool(event["negated"]), event["modality"] in _SPECULATIVE, *codes)


@dataclass
class _Cluster:
    """A cluster being built, with what an event must agree with: the distinct actor pairs
    of its events, its place country and its latest date."""

    events: list[dict[str, Any]] = field(default_factory=list)
    sides: set[tuple[Identity, Identity]] = field(default_factory=set)
    country: str | None = None
    last: dt.date | None = None

    def add(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        self.sides.add(_sides(event))
        self.country = self.country or event["place_country"]
        if event["date"] is not None and (self.last is None or event["date"] > self.last):
            self.last = event["date"]

    def fits(self, event: dict[str, Any], window: dt.timedelta) -> bool:
        """Whether ``event`` agrees with every event of the cluster."""
        if self.last is not None and event["date"] is not None and event["date"] - self.last > window:
            return False
        if event["place_country"] is not None and self.country not in (None, event["place_country"]):
            return False  # two different countries
        sides = _sides(event)
        return all(_same_actors(event["root"], sides, other) for other in self.sides)


def event_key(event: dict[str, Any]) -> tuple[dt.date, str]:
    """The order events are merged in: date (undated last), then id."""
    return (event["date"] or dt.date.max, event["id"])


def _merge_into(built: list[_Cluster], members: list[dict[str, Any]], config: ClusterConfig) -> None:
    """Add events (in ``event_key`` order) to the clusters being built: each joins the first
    of the latest ``max_candidates`` clusters it fits, or starts a new one."""
    window = dt.timedelta(days=config.window_days)
    for event in members:
        home = next((c for c in built[-config.max_candidates :] if c.fits(event, window)), None)
        if home is None:
            home = _Cluster()
            built.append(home)
        home.add(event)


def merge_events(events: list[dict[str, Any]], config: ClusterConfig | None = None) -> list[list[dict[str, Any]]]:
    """Group event rows (as in the ``events`` table plus ``date``) into clusters.

    The result depends only on the set of events (each group is walked in date, then id
    order), so the clusters of a store are the same whatever order its articles came in."""
    config = config or ClusterConfig()
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        groups[group_key(event)].append(event)
    result: list[list[dict[str, Any]]] = []
    for key in sorted(groups, key=repr):
        built: list[_Cluster] = []
        _merge_into(built, sorted(groups[key], key=event_key), config)
        result.extend(c.events for c in built)
    return result


def remerge_group(members: list[dict[str, Any]], config: ClusterConfig) -> tuple[list[list[dict[str, Any]]], set[str]]:
    """Bring the clusters of one group up to date: ``members`` are all its events, each with
    the ``cluster_id`` it is stored in (None when it has none: new, or its cluster dropped).
    Returns the clusters to write and the stored cluster ids they replace.

    Equal to merging the whole group again, at the cost of the events from the earliest
    pending one on: the walk before that point is what is stored, and at that point only
    the latest ``max_candidates`` clusters can still take events, so the walk restarts from
    them (holding their earlier events) instead of from the group's first event."""
    ordered = sorted(members, key=event_key)
    start = next(i for i, e in enumerate(ordered) if e["cluster_id"] is None)
    before = ordered[:start]
    firsts: dict[str, tuple[dt.date, str]] = {}
    for event in before:  # in order, so the first seen of each cluster is its first event
        firsts.setdefault(event["cluster_id"], event_key(event))
    seeds = sorted(firsts, key=firsts.__getitem__)[-config.max_candidates :]
    built = {cluster_id: _Cluster() for cluster_id in seeds}
    for event in before:
        if event["cluster_id"] in built:
            built[event["cluster_id"]].add(event)
    walk = list(built.values())
    _merge_into(walk, ordered[start:], config)
    replaced = set(seeds) | {e["cluster_id"] for e in ordered[start:] if e["cluster_id"] is not None}
    return [c.events for c in walk], replaced


def _counted(members: list[dict[str, Any]]) -> set[str]:
    """Events that count: all events of original articles; of copies only those whose
    original reported nothing in the cluster (and then one copy per original)."""
    in_cluster = {m["article_id"] for m in members}
    chosen_copy: dict[str, str] = {}
    counted = set()
    for m in sorted(members, key=lambda m: (m["article_id"], m["id"])):
        original = m["copy_of"]
        # A copy speaks for its original only when the original is not in the cluster.
        stands_in = original is not None and original not in in_cluster
        if original is None or (stands_in and chosen_copy.setdefault(original, m["article_id"]) == m["article_id"]):
            counted.add(m["id"])
    return counted


def cluster_rows(members: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``event_clusters`` row and the ``event_cluster_members`` rows of one cluster."""
    first = min(members, key=lambda e: (e["date"] or dt.date.max, e["id"]))
    cluster_id = "ec-" + hashlib.sha256(first["id"].encode("utf-8")).hexdigest()[:16]
    counted = _counted(members)
    kept = [m for m in members if m["id"] in counted]
    cameo, _ = Counter(m["cameo"] for m in members).most_common(1)[0]
    typical = next(m for m in members if m["cameo"] == cameo)
    dates = [m["date"] for m in members if m["date"] is not None]
    place = next((m for m in members if m["place_name"]), None)
    outlets = sorted({m["outlet"] or "?" for m in kept})
    row = {
        "id": cluster_id,
        "cameo": cameo,
        "root": typical["root"],
        "name": typical["name"],
        "quad_class": typical["quad_class"],
        "goldstein": typical["goldstein"],
        **{key: first[key] for key in _SIDE_COLUMNS},
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "place_name": place["place_name"] if place else None,
        "place_country": place["place_country"] if place else None,
        "mentions": len(kept),
        "articles": len({m["article_id"] if m["copy_of"] is None else m["copy_of"] for m in kept}),
        "outlets": len(outlets),
        "outlet_names": outlets,
    }
    member_rows = [
        {
            "cluster_id": cluster_id,
            "event_id": m["id"],
            "article_id": m["article_id"],
            "outlet": m["outlet"],
            "copy_of": m["copy_of"],
            "counted": m["id"] in counted,
            "date": m["date"],
            "sentence_start": m["sentence_start"],
            "sentence_end": m["sentence_end"],
        }
        for m in sorted(members, key=lambda m: (m["date"] or dt.date.max, m["article_id"], m["id"]))
    ]
    return row, member_rows


_SQL_CODES = "coalesce(e.source_code, ''), coalesce(e.target_code, '')"
# The group key of ``group_key`` in SQL: symmetric roots sort their two codes.
_SQL_GROUP = f"""
    e.root AS g_root, coalesce(e.negated, false) AS g_negated,
    coalesce(e.modality IN ({", ".join(f"'{m}'" for m in sorted(_SPECULATIVE))}), false) AS g_speculative,
    CASE WHEN e.root IN ({", ".join(f"'{r}'" for r in sorted(SYMMETRIC_ROOTS))}) THEN least({_SQL_CODES})
         ELSE coalesce(e.source_code, '') END AS g_a,
    CASE WHEN e.root IN ({", ".join(f"'{r}'" for r in sorted(SYMMETRIC_ROOTS))}) THEN greatest({_SQL_CODES})
         ELSE coalesce(e.target_code, '') END AS g_b"""
_GROUP_COLUMNS = ("g_root", "g_negated", "g_speculative", "g_a", "g_b")

# Every event of every group that holds an event not yet in a cluster (a new one, or one
# whose cluster was dropped because its article, or a copy link, changed).
_PENDING_GROUPS = f"""
    WITH keyed AS (SELECT e.*, {_SQL_GROUP} FROM events e),
    pending AS (
        SELECT DISTINCT {", ".join(_GROUP_COLUMNS)} FROM keyed k
        WHERE NOT EXISTS (SELECT 1 FROM event_cluster_members m WHERE m.event_id = k.id))
    SELECT k.* EXCLUDE ({", ".join(_GROUP_COLUMNS)}) REPLACE (coalesce(k.date, a.published) AS date),
           a.outlet, cp.original_id AS copy_of, cm.cluster_id
    FROM keyed k
    JOIN pending p ON {" AND ".join(f"p.{c} IS NOT DISTINCT FROM k.{c}" for c in _GROUP_COLUMNS)}
    JOIN articles a ON a.id = k.article_id
    LEFT JOIN copies cp ON cp.copy_id = k.article_id
    LEFT JOIN event_cluster_members cm ON cm.event_id = k.id"""


def update_event_clusters(store: Store, config: ClusterConfig | None = None) -> int:
    """Bring the event clusters up to date; returns the number of clusters.

    Only the groups (``group_key``) that hold an event without a cluster are merged again,
    each from its earliest pending event on (``remerge_group``), so the result equals a
    merge of the whole store; the replaced clusters go in the same transaction as the new
    ones are written. A store whose every event is in a cluster costs one query."""
    config = config or ClusterConfig()
    events = store.query(_PENDING_GROUPS).to_pylist()
    if events:
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
        for event in events:
            groups[group_key(event)].append(event)
        clusters: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        stale: set[str] = set()
        for key in sorted(groups, key=repr):
            merged, replaced = remerge_group(groups[key], config)
            stale |= replaced
            for group in merged:
                row, rows = cluster_rows(group)
                clusters.append(row)
                members.extend(rows)
        store.update_tables(
            delete={"event_cluster_members": ("cluster_id", sorted(stale)), "event_clusters": ("id", sorted(stale))},
            insert={"event_clusters": clusters, "event_cluster_members": members},
        )
    return int(store.query("SELECT count(*) AS n FROM event_clusters").column("n")[0].as_py())


def drop_clusters_of(store: Store, article_ids: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """The deletions (for ``Store.update_tables``) that drop every cluster holding an event of
    these articles, so that ``update_event_clusters`` merges their groups again."""
    found = store.query(
        "SELECT DISTINCT cluster_id FROM event_cluster_members WHERE list_contains(?, article_id)", [sorted(set(article_ids))]
    )
    ids = found.column("cluster_id").to_pylist()
    return {"event_cluster_members": ("cluster_id", ids), "event_clusters": ("id", ids)}

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
from dataclasses import dataclass, field
from typing import Any

from newsgraph.store.db import Store

SYMMETRIC_ROOTS = frozenset({"04"})
_SPECULATIVE = frozenset({"hypothetical", "future"})
_SIDE_COLUMNS = tuple(f"{side}_{part}" for side in ("source", "target") for part in ("actor", "name", "code", "country", "sector"))


@dataclass(frozen=True)
class ClusterConfig:
    """Event merging settings: how many days apart two reports of one event may be dated."""

    window_days: int = 3


@dataclass
class _Cluster:
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def last(self) -> dt.date | None:
        dates = [e["date"] for e in self.events if e["date"] is not None]
        return max(dates) if dates else None


def _identity(event: dict[str, Any], side: str) -> tuple[str | None, str | None, str | None]:
    name = event[f"{side}_name"]
    return event[f"{side}_actor"], event[f"{side}_code"], name.casefold() if name else None


def _same_actor(a: tuple[str | None, str | None, str | None], b: tuple[str | None, str | None, str | None]) -> bool:
    for x, y in zip(a, b, strict=True):
        if x is not None and y is not None:
            return x == y  # the most specific identity both sides have decides
    return a == b


def _sides(event: dict[str, Any], swap: bool) -> tuple[Any, Any]:
    source, target = _identity(event, "source"), _identity(event, "target")
    return (target, source) if swap else (source, target)


def _same_actors(a: dict[str, Any], b: dict[str, Any]) -> bool:
    a_sides = _sides(a, swap=False)
    swaps = (False, True) if a["root"] in SYMMETRIC_ROOTS else (False,)
    return any(all(_same_actor(x, y) for x, y in zip(a_sides, _sides(b, swap), strict=True)) for swap in swaps)


def _compatible_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    countries = {a["place_country"], b["place_country"]} - {None}
    return len(countries) <= 1


def _group_key(event: dict[str, Any]) -> tuple[Any, ...]:
    codes = (event["source_code"] or "", event["target_code"] or "")
    if event["root"] in SYMMETRIC_ROOTS:
        codes = tuple(sorted(codes))  # type: ignore[assignment]
    return (event["root"], bool(event["negated"]), event["modality"] in _SPECULATIVE, *codes)


def _fits(cluster: _Cluster, event: dict[str, Any], window: dt.timedelta) -> bool:
    last = cluster.last
    if last is not None and event["date"] is not None and event["date"] - last > window:
        return False
    return all(_same_actors(event, e) and _compatible_place(event, e) for e in cluster.events)


def merge_events(events: list[dict[str, Any]], config: ClusterConfig | None = None) -> list[list[dict[str, Any]]]:
    """Group event rows (as in the ``events`` table plus ``date``) into clusters."""
    config = config or ClusterConfig()
    window = dt.timedelta(days=config.window_days)
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        groups[_group_key(event)].append(event)
    result: list[list[dict[str, Any]]] = []
    for members in groups.values():
        members.sort(key=lambda e: (e["date"] or dt.date.max, e["id"]))
        open_clusters: list[_Cluster] = []
        for event in members:
            home = next((c for c in open_clusters if _fits(c, event, window)), None)
            if home is None:
                home = _Cluster()
                open_clusters.append(home)
            home.events.append(event)
        result.extend(c.events for c in open_clusters)
    return result


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


def update_event_clusters(store: Store, config: ClusterConfig | None = None) -> int:
    """Recompute every event cluster from the stored events; returns the number of clusters."""
    events = store.query(
        """SELECT e.* REPLACE (coalesce(e.date, a.published) AS date), a.outlet, cp.original_id AS copy_of
           FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN copies cp ON cp.copy_id = e.article_id"""
    ).to_pylist()
    clusters: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for group in merge_events(events, config):
        row, rows = cluster_rows(group)
        clusters.append(row)
        members.extend(rows)
    store.update_tables(
        clear=("event_clusters", "event_cluster_members"), insert={"event_clusters": clusters, "event_cluster_members": members}
    )
    return len(clusters)

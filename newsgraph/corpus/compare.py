"""Side-by-side coverage of two outlets or outlet groups over a period.

Sections (each a table, one column per side and measure):

- ``overview``: articles, quotes, events and mean article tone per side;
- ``voices``: share of voice — quotations per speaker, and ``voice_countries`` per speaker country;
- ``actors``: actors mentioned, by the number (and share) of a side's articles naming them;
- ``events``: events by CAMEO root and QuadClass;
- ``tone``: mean tone of the sentences mentioning each top actor (tone toward the actor);
- ``blindspots``: merged events (clusters) reported by one side only.

Copies are left out by default (``Scope.copies``), so a republished story counts once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from newsgraph.corpus.scope import OutletGroup, Scope
from newsgraph.store.db import Store

Query = Callable[..., list[dict[str, Any]]]


@dataclass
class Comparison:
    """The sections of a comparison, in display order."""

    groups: list[OutletGroup]
    scope: Scope
    sections: dict[str, pa.Table] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "sides": [{"label": g.label, "outlets": list(g.outlets)} for g in self.groups],
            "since": self.scope.since,
            "until": self.scope.until,
            "copies": self.scope.copies,
            **{name: table.to_pylist() for name, table in self.sections.items()},
        }


def _sides(groups: Sequence[OutletGroup], scope: Scope) -> tuple[str, list[Any]]:
    parts, params = [], []
    for group in groups:
        condition, condition_params = scope.where("a")
        parts.append(f"SELECT a.id, ? AS side FROM articles a WHERE list_contains(?, a.outlet) AND {condition}")
        params += [group.label, list(group.outlets), *condition_params]
    return f"WITH side AS ({' UNION ALL '.join(parts)})", params


def _pivot(rows: list[dict[str, Any]], keys: Sequence[str], values: Sequence[str], labels: Sequence[str]) -> list[dict[str, Any]]:
    """Long rows (one per side) → wide rows with a ``"<side> <measure>"`` column per side and measure."""
    wide: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        target = wide.setdefault(key, {**{k: row[k] for k in keys}, **{f"{s} {v}": None for s in labels for v in values}})
        for value in values:
            target[f"{row['side']} {value}"] = row[value]
    return list(wide.values())


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> pa.Table:
    if not rows:
        return pa.table({c: pa.array([], pa.string()) for c in columns})
    return pa.Table.from_pylist(rows)


def _by_total(rows: list[dict[str, Any]], measure: str, labels: Sequence[str], top: int | None) -> list[dict[str, Any]]:
    # Ties are broken by the row's own values, never by the order the rows arrived in.
    ordered = sorted(rows, key=lambda r: (-sum(r[f"{s} {measure}"] or 0 for s in labels), [str(v) for v in r.values()]))
    return ordered[:top] if top else ordered


def _shares(rows: list[dict[str, Any]], count: str, share: str) -> None:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["side"]] += row[count]
    for row in rows:
        row[share] = round(100.0 * row[count] / totals[row["side"]], 1) if totals[row["side"]] else None


def compare(store: Store, groups: Sequence[OutletGroup], scope: Scope | None = None, top: int = 10) -> Comparison:
    """Compare the coverage of the outlet groups within ``scope``."""
    scope = scope or Scope()
    labels = [g.label for g in groups]
    head, params = _sides(groups, scope)

    def query(sql: str, *extra: Any) -> list[dict[str, Any]]:
        return store.query(f"{head} {sql}", [*params, *extra]).to_pylist()

    result = Comparison(list(groups), scope)
    result.sections["overview"] = _overview(query, labels)
    result.sections["voices"] = _voices(query, labels, top, "speaker", "coalesce(c.name, q.speaker_name, '(no speaker)')")
    result.sections["voice_countries"] = _voices(query, labels, top, "country", "coalesce(c.country, '?')")
    top_actors = _top_actors(query, labels, top)
    result.sections["actors"] = _table([{k: v for k, v in r.items() if k != "actor_id"} for r in top_actors], ("actor",))
    result.sections["events"] = _events(query, labels)
    result.sections["tone"] = _table(_actor_tone(query, [r["actor_id"] for r in top_actors], top_actors, labels), ("actor",))
    result.sections["blindspots"] = _table(_blindspots(query, labels, top), ("side",))
    return result


def _overview(query: Query, labels: Sequence[str]) -> pa.Table:
    rows = query(
        """SELECT s.side,
                  count(*) AS articles,
                  sum((SELECT count(*) FROM quotes q WHERE q.article_id = s.id AND q.kind <> 'term'))::BIGINT AS quotes,
                  sum((SELECT count(*) FROM events e WHERE e.article_id = s.id))::BIGINT AS events,
                  round(avg(a.tone), 2) AS tone
           FROM side s JOIN articles a ON a.id = s.id GROUP BY s.side"""
    )
    measures = ("articles", "quotes", "events", "tone")
    return pa.Table.from_pylist(
        [{"side": label, **{m: next((r[m] for r in rows if r["side"] == label), 0) for m in measures}} for label in labels]
    )


def _voices(query: Query, labels: Sequence[str], top: int, key: str, expression: str) -> pa.Table:
    """Quotations per speaker (or speaker country, as ``key``) and their share of a side's."""
    rows = query(
        f"""SELECT s.side, {expression} AS {key}, count(*) AS quotes
           FROM quotes q JOIN side s ON s.id = q.article_id LEFT JOIN actors c ON c.id = q.speaker_actor
           WHERE q.kind <> 'term'  -- scare quotes and titles give nobody a voice
           GROUP BY ALL"""
    )
    _shares(rows, "quotes", "share")
    wide = _pivot(rows, (key,), ("quotes", "share"), labels)
    return _table(_by_total(wide, "quotes", labels, top), (key,))


def _top_actors(query: Query, labels: Sequence[str], top: int) -> list[dict[str, Any]]:
    rows = query(
        """SELECT s.side, x.actor_id, any_value(x.name) AS actor, any_value(x.code) AS code,
                  count(DISTINCT x.article_id) AS articles, sum(x.mentions)::BIGINT AS mentions
           FROM article_actors x JOIN side s ON s.id = x.article_id GROUP BY s.side, x.actor_id"""
    )
    wide = _pivot(rows, ("actor_id", "actor", "code"), ("articles", "mentions"), labels)
    return _by_total(wide, "articles", labels, top)


def _events(query: Query, labels: Sequence[str]) -> pa.Table:
    rows = query(
        """SELECT s.side, e.root, min_by(e.name, e.cameo) AS name, e.quad_class, count(*) AS events
           FROM events e JOIN side s ON s.id = e.article_id GROUP BY s.side, e.root, e.quad_class"""
    )
    wide = _pivot(rows, ("root", "quad_class"), ("events",), labels)
    names = {(r["root"], r["quad_class"]): r["name"] for r in rows}
    out = [{"root": r["root"], "name": names[(r["root"], r["quad_class"])], **r} for r in wide]
    return _table(sorted(out, key=lambda r: (r["root"] or "", r["quad_class"] or 0)), ("root",))


def _actor_tone(query: Query, actor_ids: list[str], actors: list[dict[str, Any]], labels: Sequence[str]) -> list[dict[str, Any]]:
    if not actor_ids:
        return []
    # Tone toward an actor: the mean tone of the distinct sentences that mention it.
    rows = query(
        """SELECT side, actor_id, round(avg(score), 2) AS tone, count(*) AS sentences FROM (
                SELECT DISTINCT s.side, m.actor_id, t.article_id, t.start_char, t.score
                FROM mentions m JOIN side s ON s.id = m.article_id
                JOIN sentence_tones t ON t.article_id = m.article_id AND m.start_char >= t.start_char AND m.start_char < t.end_char
                WHERE list_contains(?, m.actor_id)
            ) GROUP BY side, actor_id""",
        actor_ids,
    )
    wide = {r["actor_id"]: r for r in _pivot(rows, ("actor_id",), ("tone", "sentences"), labels)}
    out = []
    for actor in actors:
        tone = wide.get(actor["actor_id"], {})
        out.append({"actor": actor["actor"], **{f"{s} {m}": tone.get(f"{s} {m}") for s in labels for m in ("tone", "sentences")}})
    return out


def _blindspots(query: Query, labels: Sequence[str], top: int) -> list[dict[str, Any]]:
    rows = query(
        """SELECT c.id, c.first_date, c.name, c.source_name, c.target_name, c.mentions, list(DISTINCT s.side) AS sides,
                  list(DISTINCT m.outlet) AS outlets
           FROM event_cluster_members m JOIN side s ON s.id = m.article_id JOIN event_clusters c ON c.id = m.cluster_id
           GROUP BY ALL"""
    )
    out = []
    for row in rows:
        if len(row["sides"]) != 1:
            continue
        (side,) = row["sides"]
        missing = next(label for label in labels if label != side)
        out.append(
            {
                "reported by": side,
                "not by": missing,
                "date": row["first_date"],
                "event": row["name"],
                "source": row["source_name"],
                "target": row["target_name"],
                "mentions": row["mentions"],
                "outlets": ", ".join(sorted(o or "?" for o in row["outlets"])),
                "cluster": row["id"],
            }
        )
    out.sort(key=lambda r: (r["reported by"], -(r["mentions"] or 0), str(r["date"]), r["cluster"]))
    per_side: dict[str, int] = defaultdict(int)
    kept = []
    for row in out:
        per_side[row["reported by"]] += 1
        if per_side[row["reported by"]] <= top:
            kept.append(row)
    return kept

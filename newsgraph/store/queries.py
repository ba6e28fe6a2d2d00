"""Read queries behind the listings (CLI, API, Python): each takes ``Filters`` and returns an
Arrow table. Every value reaches SQL as a bound parameter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from newsgraph.store.db import Store


@dataclass(frozen=True)
class Filters:
    """Filters shared by the listings; a listing ignores those that do not apply to it.

    ``actor`` matches an actor id exactly or a name case-insensitively (substring);
    ``country`` an ISO3 code; ``code`` a CAMEO event code prefix (events) or an actor code
    prefix (actors); ``since``/``until`` are inclusive ISO dates; ``copies`` is "exclude"
    (republished copies and near-duplicates left out, so nothing is counted twice) or
    "include".
    """

    actor: str | None = None
    country: str | None = None
    code: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None
    limit: int | None = 100
    offset: int = 0
    copies: str = "exclude"


class _Where:
    """Collects SQL conditions and their parameters."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.conditions)}" if self.conditions else ""


def _page(filters: Filters, where: _Where) -> str:
    if filters.limit is None:
        return ""
    where.params.extend([filters.limit, filters.offset])
    return "LIMIT ? OFFSET ?"


def _copies(filters: Filters, article_id: str, where: _Where) -> None:
    # A near-duplicate is its own article linked in ``copies`` to the earliest version.
    if filters.copies == "exclude":
        where.add(f"NOT EXISTS (SELECT 1 FROM copies cp WHERE cp.copy_id = {article_id})")


def _actor_match(column_id: str, column_name: str, value: str, where: _Where) -> None:
    where.add(f"({column_id} = ? OR {column_name} ILIKE ?)", value, f"%{value}%")


def list_articles(store: Store, filters: Filters) -> pa.Table:
    """Articles with their counts of actors, quotes and events."""
    where = _Where()
    if filters.outlet:
        where.add("a.outlet ILIKE ?", filters.outlet)
    if filters.since:
        where.add("a.published >= CAST(? AS DATE)", filters.since)
    if filters.until:
        where.add("a.published <= CAST(? AS DATE)", filters.until)
    if filters.search:
        where.add("(a.title ILIKE ? OR a.text ILIKE ?)", f"%{filters.search}%", f"%{filters.search}%")
    if filters.actor:
        where.add(
            "EXISTS (SELECT 1 FROM article_actors x WHERE x.article_id = a.id AND (x.actor_id = ? OR x.name ILIKE ?))",
            filters.actor,
            f"%{filters.actor}%",
        )
    if filters.country:
        where.add("EXISTS (SELECT 1 FROM article_actors x WHERE x.article_id = a.id AND x.country = ?)", filters.country)
    _copies(filters, "a.id", where)
    page = _page(filters, where)
    sql = f"""
        SELECT a.id, a.published, a.outlet, a.title, a.language, a.status, a.words, a.tone,
               (SELECT count(*) FROM article_actors x WHERE x.article_id = a.id) AS actors,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
               (SELECT any_value(cp.original_id) FROM copies cp WHERE cp.copy_id = a.id) AS copy_of
        FROM articles a {where.sql()}
        ORDER BY a.published DESC NULLS LAST, a.id {page}"""
    return store.query(sql, where.params)


def list_actors(store: Store, filters: Filters) -> pa.Table:
    """Actors with how many articles and mentions they have, overall and per outlet."""
    where = _Where()
    if filters.actor:
        _actor_match("x.actor_id", "x.name", filters.actor, where)
    if filters.country:
        where.add("x.country = ?", filters.country)
    if filters.code:
        where.add("x.code LIKE ?", f"{filters.code}%")
    if filters.outlet:
        where.add("a.outlet ILIKE ?", filters.outlet)
    if filters.since:
        where.add("a.published >= CAST(? AS DATE)", filters.since)
    if filters.until:
        where.add("a.published <= CAST(? AS DATE)", filters.until)
    _copies(filters, "x.article_id", where)
    page = _page(filters, where)
    sql = f"""
        WITH per_outlet AS (
            SELECT x.actor_id, coalesce(a.outlet, '?') AS outlet, sum(x.mentions) AS mentions,
                   count(DISTINCT x.article_id) AS articles
            FROM article_actors x JOIN articles a ON a.id = x.article_id {where.sql()}
            GROUP BY ALL
        )
        SELECT p.actor_id AS id, any_value(c.name) AS name, any_value(c.type) AS type,
               any_value(c.code) AS code, any_value(c.country) AS country, any_value(c.sector) AS sector,
               sum(p.articles)::BIGINT AS articles, sum(p.mentions)::BIGINT AS mentions,
               string_agg(p.outlet || ': ' || p.mentions, ', ' ORDER BY p.mentions DESC, p.outlet) AS by_outlet
        FROM per_outlet p JOIN actors c ON c.id = p.actor_id
        GROUP BY p.actor_id
        ORDER BY mentions DESC, id {page}"""
    return store.query(sql, where.params)


def list_quotes(store: Store, filters: Filters) -> pa.Table:
    """Quotations with speaker, cue and article."""
    where = _Where()
    if filters.actor:
        _actor_match("q.speaker_actor", "q.speaker_name", filters.actor, where)
    if filters.country:
        where.add("EXISTS (SELECT 1 FROM actors c WHERE c.id = q.speaker_actor AND c.country = ?)", filters.country)
    if filters.outlet:
        where.add("a.outlet ILIKE ?", filters.outlet)
    if filters.since:
        where.add("a.published >= CAST(? AS DATE)", filters.since)
    if filters.until:
        where.add("a.published <= CAST(? AS DATE)", filters.until)
    if filters.search:
        where.add("q.text ILIKE ?", f"%{filters.search}%")
    _copies(filters, "q.article_id", where)
    page = _page(filters, where)
    sql = f"""
        SELECT q.id, a.published, a.outlet, q.speaker_name AS speaker, q.speaker_actor, q.kind,
               q.cue_text AS cue, q.text, q.article_id, q.start_char, q.end_char
        FROM quotes q JOIN articles a ON a.id = q.article_id {where.sql()}
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.start_char {page}"""
    return store.query(sql, where.params)


def list_events(store: Store, filters: Filters) -> pa.Table:
    """Coded events with both sides, modality, date, place and trigger."""
    where = _Where()
    if filters.actor:
        where.add(
            "(e.source_actor = ? OR e.target_actor = ? OR e.source_name ILIKE ? OR e.target_name ILIKE ? "
            "OR e.source_code = ? OR e.target_code = ?)",
            filters.actor,
            filters.actor,
            f"%{filters.actor}%",
            f"%{filters.actor}%",
            filters.actor,
            filters.actor,
        )
    if filters.country:
        where.add("(e.source_country = ? OR e.target_country = ?)", filters.country, filters.country)
    if filters.code:
        where.add("e.cameo LIKE ?", f"{filters.code}%")
    if filters.outlet:
        where.add("a.outlet ILIKE ?", filters.outlet)
    if filters.since:
        where.add("coalesce(e.date, a.published) >= CAST(? AS DATE)", filters.since)
    if filters.until:
        where.add("coalesce(e.date, a.published) <= CAST(? AS DATE)", filters.until)
    _copies(filters, "e.article_id", where)
    page = _page(filters, where)
    sql = f"""
        SELECT e.id, coalesce(e.date, a.published) AS date, e.cameo, e.name, e.source_name AS source,
               e.source_code, e.target_name AS target, e.target_code, e.quad_class, e.goldstein,
               e.modality, e.negated, e.place_name AS place, e.trigger_text AS trigger, a.outlet, e.article_id
        FROM events e JOIN articles a ON a.id = e.article_id {where.sql()}
        ORDER BY date DESC NULLS LAST, e.article_id, e.trigger_start {page}"""
    return store.query(sql, where.params)

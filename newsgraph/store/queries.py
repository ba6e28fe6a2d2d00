"""Read queries behind the listings (CLI, API, web, Python): each takes ``Filters`` and returns
an Arrow table. Every value reaches SQL as a bound parameter.

Listings page either by offset (``Filters.offset``) or by keyset (``Filters.after``: the sort
values of the last row already seen, in the order of ``ORDERS[listing]``), which stays fast
however deep a client pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from newsgraph.errors import Errors, NotFoundError, UsageError
from newsgraph.params import INTERVALS, Copies, Filters, Interval
from newsgraph.store.db import Store


@dataclass(frozen=True)
class SortKey:
    """One column of a listing's order: its output name, DuckDB type and direction (NULLs last)."""

    column: str
    sql_type: str
    descending: bool = False

    def parse(self, value: Any) -> Any:
        """A cursor value back in this column's type; UsageError when it does not fit."""
        if value is None:
            return None
        try:
            if self.sql_type == "DATE":
                return dt.date.fromisoformat(str(value))
            if self.sql_type in ("INTEGER", "BIGINT"):
                if isinstance(value, bool) or not isinstance(value, int | str):
                    raise ValueError(value)
                return int(value)
            if not isinstance(value, str):
                raise ValueError(value)
            return value
        except ValueError as exc:
            raise UsageError(Errors.E109, reason=f"{self.column} cannot be {value!r}") from exc


ORDERS: dict[str, tuple[SortKey, ...]] = {
    "articles": (SortKey("published", "DATE", True), SortKey("id", "VARCHAR")),
    "actors": (SortKey("mentions", "BIGINT", True), SortKey("id", "VARCHAR")),
    "quotes": (
        SortKey("published", "DATE", True),
        SortKey("article_id", "VARCHAR"),
        SortKey("start_char", "INTEGER"),
        SortKey("id", "VARCHAR"),
    ),
    "events": (
        SortKey("date", "DATE", True),
        SortKey("article_id", "VARCHAR"),
        SortKey("trigger_start", "INTEGER"),
        SortKey("id", "VARCHAR"),
    ),
}


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


def _keyset(keys: tuple[SortKey, ...], after: tuple[Any, ...]) -> tuple[str, list[Any]]:
    """The condition "comes after ``after``" for rows ordered by ``keys`` (NULLs last)."""
    if len(after) != len(keys):
        raise UsageError(Errors.E109, reason=f"expected {len(keys)} values, got {len(after)}")
    values = [key.parse(value) for key, value in zip(keys, after, strict=True)]
    branches: list[str] = []
    params: list[Any] = []
    for k, (key, value) in enumerate(zip(keys, values, strict=True)):
        if value is None:
            continue  # nothing sorts after NULL in this column except on later columns
        parts: list[str] = []
        for prev, prev_value in zip(keys[:k], values[:k], strict=True):
            if prev_value is None:
                parts.append(f"{prev.column} IS NULL")
            else:
                parts.append(f"{prev.column} = CAST(? AS {prev.sql_type})")
                params.append(prev_value)
        op = "<" if key.descending else ">"
        parts.append(f"({key.column} {op} CAST(? AS {key.sql_type}) OR {key.column} IS NULL)")
        params.append(value)
        branches.append("(" + " AND ".join(parts) + ")")
    return ("(" + " OR ".join(branches) + ")" if branches else "FALSE"), params


def _ordered(store: Store, listing: str, inner: str, where: _Where, filters: Filters) -> pa.Table:
    """Run ``inner`` (a SELECT without ORDER/LIMIT) in the listing's order, one page of it."""
    keys = ORDERS[listing]
    order = ", ".join(f"{k.column} {'DESC' if k.descending else 'ASC'} NULLS LAST" for k in keys)
    params = list(where.params)
    outer = ""
    if filters.after is not None:
        condition, keyset_params = _keyset(keys, filters.after)
        outer = f"WHERE {condition}"
        params.extend(keyset_params)
    page = ""
    if filters.limit is not None:
        page = "LIMIT ? OFFSET ?"
        params.extend([filters.limit, filters.offset])
    return store.query(f"SELECT * FROM ({inner}) AS listing {outer} ORDER BY {order} {page}", params)


def cursor_of(listing: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """The keyset cursor that continues a listing after ``row``."""
    return tuple(row[k.column].isoformat() if isinstance(row[k.column], dt.date) else row[k.column] for k in ORDERS[listing])


def literal(value: str) -> str:
    """``value`` with LIKE's wildcards escaped, so that ``%`` and ``_`` match themselves
    (use with ``ESCAPE '\\'``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: str, value: str, where: _Where) -> None:
    """``column`` contains ``value``, case-insensitively and literally."""
    where.add(f"{column} ILIKE ? ESCAPE '\\'", f"%{literal(value)}%")


def equals_text(column: str, value: str, where: _Where) -> None:
    """``column`` is ``value`` up to case (an outlet name)."""
    where.add(f"{column} ILIKE ? ESCAPE '\\'", literal(value))


def actor_condition(column_id: str, column_code: str | None, column_name: str, value: str) -> tuple[str, list[Any]]:
    """How every listing matches an actor: its id exactly, a CAMEO actor code prefix (``RUS``
    covers ``RUSGOV``) or its name as written (substring, case-insensitive)."""
    parts, params = [f"{column_id} = ?"], [value]
    if column_code is not None:
        parts.append(f"{column_code} LIKE ? ESCAPE '\\'")
        params.append(f"{literal(value.upper())}%")
    parts.append(f"{column_name} ILIKE ? ESCAPE '\\'")
    params.append(f"%{literal(value)}%")
    return "(" + " OR ".join(parts) + ")", params


def _actor_match(column_id: str, column_code: str | None, column_name: str, value: str, where: _Where) -> None:
    condition, params = actor_condition(column_id, column_code, column_name, value)
    where.add(condition, *params)


def side_condition(side: str, value: str) -> tuple[str, list[Any]]:
    """Event side ``side`` ("source" or "target", table ``e``) is actor ``value``."""
    return actor_condition(f"e.{side}_actor", f"e.{side}_code", f"e.{side}_name", value)


def has_table(store: Store, name: str) -> bool:
    """Whether the store has table ``name`` (tables of later stages may be absent)."""
    rows = store.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?", [name])
    return bool(rows.column("n")[0].as_py())


def _copies(store: Store, filters: Filters, article_column: str, where: _Where) -> None:
    """Keep, drop or keep only copies, where the corpus stage has recorded them."""
    if filters.copies == "include" or not has_table(store, "copies"):
        return
    # A copy is its own article, linked in ``copies`` (corpus stage) to the earliest version.
    negate = "NOT " if filters.copies == "exclude" else ""
    where.add(f"{negate}EXISTS (SELECT 1 FROM copies cp WHERE cp.copy_id = {article_column})")


def _published(filters: Filters, column: str, where: _Where) -> None:
    if filters.since:
        where.add(f"{column} >= CAST(? AS DATE)", filters.since)
    if filters.until:
        where.add(f"{column} <= CAST(? AS DATE)", filters.until)


def _articles_select(store: Store, filters: Filters) -> tuple[str, _Where]:
    """The SELECT of ``list_articles`` (without order or page) and its conditions."""
    where = _Where()
    if filters.outlet:
        equals_text("a.outlet", filters.outlet, where)
    _published(filters, "a.published", where)
    if filters.search:
        pattern = f"%{literal(filters.search)}%"
        where.add("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')", pattern, pattern)
    if filters.actor:
        condition, params = actor_condition("x.actor_id", "x.code", "x.name", filters.actor)
        where.add(f"EXISTS (SELECT 1 FROM article_actors x WHERE x.article_id = a.id AND {condition})", *params)
    if filters.country:
        where.add("EXISTS (SELECT 1 FROM article_actors x WHERE x.article_id = a.id AND x.country = ?)", filters.country)
    if filters.undated:
        where.add("a.published IS NULL")
    _copies(store, filters, "a.id", where)
    inner = f"""
        SELECT a.id, a.published, a.outlet, a.title, a.language, a.status, a.words, a.tone,
               (SELECT count(*) FROM article_actors x WHERE x.article_id = a.id) AS actors,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
               (SELECT any_value(cp.original_id) FROM copies cp WHERE cp.copy_id = a.id) AS copy_of
        FROM articles a {where.sql()}"""
    return inner, where


def list_articles(store: Store, filters: Filters) -> pa.Table:
    """Articles with their counts of actors, quotes and events."""
    return _ordered(store, "articles", *_articles_select(store, filters), filters)


def _actors_select(store: Store, filters: Filters) -> tuple[str, _Where]:
    """The SELECT of ``list_actors`` (without order or page) and its conditions."""
    where = _Where()
    if filters.actor:
        _actor_match("x.actor_id", "x.code", "x.name", filters.actor, where)
    if filters.country:
        where.add("x.country = ?", filters.country)
    if filters.code:
        where.add("x.code LIKE ? ESCAPE '\\'", f"{literal(filters.code)}%")
    if filters.outlet:
        equals_text("a.outlet", filters.outlet, where)
    _published(filters, "a.published", where)
    _copies(store, filters, "a.id", where)
    inner = f"""
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
        GROUP BY p.actor_id"""
    return inner, where


def list_actors(store: Store, filters: Filters) -> pa.Table:
    """Actors with how many articles and mentions they have, overall and per outlet."""
    return _ordered(store, "actors", *_actors_select(store, filters), filters)


def _quotes_select(store: Store, filters: Filters) -> tuple[str, _Where]:
    """The SELECT of ``list_quotes`` (without order or page) and its conditions."""
    where = _Where()
    if filters.actor:
        condition, params = actor_condition("q.speaker_actor", None, "q.speaker_name", filters.actor)
        where.add(
            f"({condition} OR EXISTS (SELECT 1 FROM actors c WHERE c.id = q.speaker_actor AND c.code LIKE ? ESCAPE '\\'))",
            *params,
            f"{literal(filters.actor.upper())}%",
        )
    if filters.country:
        where.add("EXISTS (SELECT 1 FROM actors c WHERE c.id = q.speaker_actor AND c.country = ?)", filters.country)
    if filters.outlet:
        equals_text("a.outlet", filters.outlet, where)
    _published(filters, "a.published", where)
    if filters.search:
        contains("q.text", filters.search, where)
    _copies(store, filters, "a.id", where)
    inner = f"""
        SELECT q.id, a.published, a.outlet, q.speaker_name AS speaker, q.speaker_actor, q.kind,
               q.cue_text AS cue, q.text, q.article_id, q.start_char, q.end_char
        FROM quotes q JOIN articles a ON a.id = q.article_id {where.sql()}"""
    return inner, where


def list_quotes(store: Store, filters: Filters) -> pa.Table:
    """Quotations with speaker, cue and article."""
    return _ordered(store, "quotes", *_quotes_select(store, filters), filters)


def event_where(store: Store, filters: Filters) -> _Where:
    """Conditions on ``events e JOIN articles a`` for every event filter (listings and exports)."""
    where = _Where()
    if filters.actor:
        source, source_params = side_condition("source", filters.actor)
        target, target_params = side_condition("target", filters.actor)
        where.add(f"({source} OR {target})", *source_params, *target_params)
    for side in ("source", "target"):
        value = getattr(filters, side)
        if value:
            condition, params = side_condition(side, value)
            where.add(condition, *params)
    if filters.country:
        where.add("(e.source_country = ? OR e.target_country = ?)", filters.country, filters.country)
    if filters.source_country:
        where.add("e.source_country = ?", filters.source_country)
    if filters.target_country:
        where.add("e.target_country = ?", filters.target_country)
    if filters.code:
        where.add("e.cameo LIKE ? ESCAPE '\\'", f"{literal(filters.code)}%")
    if filters.root:
        where.add("e.root = ?", filters.root)
    if filters.quad_class is not None:
        where.add("e.quad_class = ?", filters.quad_class)
    if filters.modality:
        where.add("e.modality = ?", filters.modality)
    if filters.outlet:
        equals_text("a.outlet", filters.outlet, where)
    _published(filters, "coalesce(e.date, a.published)", where)
    _copies(store, filters, "a.id", where)
    return where


def _events_select(store: Store, filters: Filters) -> tuple[str, _Where]:
    """The SELECT of ``list_events`` (without order or page) and its conditions."""
    where = event_where(store, filters)
    inner = f"""
        SELECT e.id, coalesce(e.date, a.published) AS date, e.cameo, e.name, e.source_name AS source,
               e.source_code, e.target_name AS target, e.target_code, e.quad_class, e.goldstein,
               e.modality, e.negated, e.place_name AS place, e.trigger_text AS trigger, a.outlet, e.article_id,
               e.trigger_start, e.trigger_end, e.root, e.source_actor, e.target_actor,
               e.source_country, e.target_country
        FROM events e JOIN articles a ON a.id = e.article_id {where.sql()}"""
    return inner, where


def list_events(store: Store, filters: Filters) -> pa.Table:
    """Coded events with both sides (names, codes, actor ids, countries), modality, date,
    place, and the trigger with its offsets."""
    return _ordered(store, "events", *_events_select(store, filters), filters)


_SELECTS = {"articles": _articles_select, "actors": _actors_select, "quotes": _quotes_select, "events": _events_select}


def count_rows(store: Store, listing: str, filters: Filters) -> int:
    """How many rows a listing has under ``filters``, all pages together (the pages' totals)."""
    inner, where = _SELECTS[listing](store, filters)
    return int(store.query(f"SELECT count(*) AS n FROM ({inner}) AS listing", where.params).column(0)[0].as_py())


# -- aggregates over events: timeline, network, clusters ----------------------------------

# Both sides of an event keyed by actor id, else actor code, else the name as written.
_SOURCE_KEY = "coalesce(e.source_actor, e.source_code, e.source_name)"
_TARGET_KEY = "coalesce(e.target_actor, e.target_code, e.target_name)"


def list_event_clusters(store: Store, filters: Filters, min_articles: int = 2, limit: int = 100) -> pa.Table:
    """The corpus stage's event clusters (one event reported by several articles) with at
    least ``min_articles`` articles, keeping a cluster when any of its events matches the
    filters."""
    where = event_where(store, filters)
    condition = (
        "EXISTS (SELECT 1 FROM event_cluster_members m JOIN events e ON e.id = m.event_id "
        f"JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = c.id AND {' AND '.join(where.conditions)})"
        if where.conditions
        else "TRUE"
    )
    sql = f"""
        SELECT c.id, c.first_date AS date, c.last_date, c.root, c.cameo, c.name, c.quad_class, c.goldstein,
               coalesce(c.source_actor, c.source_code, c.source_name) AS source_key,
               coalesce(c.target_actor, c.target_code, c.target_name) AS target_key,
               c.source_name AS source, c.target_name AS target, c.place_name AS place,
               c.mentions AS events, c.articles, c.outlets, array_to_string(c.outlet_names, ', ') AS outlet_names,
               (SELECT list(m.event_id ORDER BY m.event_id) FROM event_cluster_members m WHERE m.cluster_id = c.id) AS event_ids,
               (SELECT list(DISTINCT m.article_id ORDER BY m.article_id) FROM event_cluster_members m
                WHERE m.cluster_id = c.id) AS article_ids
        FROM event_clusters c
        WHERE c.articles >= ? AND {condition}
        ORDER BY c.articles DESC, c.mentions DESC, c.first_date DESC NULLS LAST, c.id
        LIMIT ?"""
    return store.query(sql, [min_articles, *where.params, limit])


def event_clusters(store: Store, filters: Filters, min_articles: int = 2, limit: int = 100) -> pa.Table:
    """Reports of the same event across articles, for stores without the corpus stage's
    clusters: events grouped by date, CAMEO root and both sides, with at least
    ``min_articles`` articles."""
    where = event_where(store, filters)
    sql = f"""
        SELECT coalesce(e.date, a.published) AS date, e.root,
               {_SOURCE_KEY} AS source_key, {_TARGET_KEY} AS target_key,
               any_value(e.source_name) AS source, any_value(e.target_name) AS target,
               string_agg(DISTINCT e.cameo, ', ' ORDER BY e.cameo) AS cameo,
               any_value(e.name) AS name, count(*) AS events,
               count(DISTINCT e.article_id) AS articles, count(DISTINCT a.outlet) AS outlets,
               string_agg(DISTINCT a.outlet, ', ' ORDER BY a.outlet) AS outlet_names,
               list(e.id ORDER BY e.id) AS event_ids,
               list(DISTINCT e.article_id ORDER BY e.article_id) AS article_ids
        FROM events e JOIN articles a ON a.id = e.article_id {where.sql()}
        GROUP BY ALL
        HAVING count(DISTINCT e.article_id) >= ?
        ORDER BY articles DESC, events DESC, date DESC NULLS LAST, source_key, target_key
        LIMIT ?"""
    return store.query(sql, [*where.params, min_articles, limit])


# -- outlets, comparison, actor page, duplicates -------------------------------------------


def list_outlets(store: Store) -> pa.Table:
    """Outlets with their number of articles and first and last publication dates."""
    return store.query(
        """SELECT outlet, count(*) AS articles, min(published) AS first, max(published) AS last,
                  round(avg(tone), 2) AS tone
           FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY articles DESC, outlet"""
    )


def actor_profile(store: Store, actor_id: str, interval: Interval = "month", copies: Copies = "exclude") -> dict[str, pa.Table]:
    """Everything about one actor: ``actor`` (one row), ``articles`` that mention it, ``quotes``
    it is the speaker of, and ``timeline`` (events as source and as target per period).
    Copies count as the listings count them (``copies``), so the page agrees with ``/actors``."""
    if interval not in INTERVALS:
        raise UsageError(Errors.E102, name="interval", choices=", ".join(INTERVALS), value=interval)
    actor = store.query("SELECT id, name, type, code, country, sector FROM actors WHERE id = ?", [actor_id])
    if actor.num_rows == 0:
        raise NotFoundError(Errors.E115, actor_id=actor_id)
    scope = _Where()
    _copies(store, Filters(copies=copies), "a.id", scope)
    also = "".join(f" AND {condition}" for condition in scope.conditions)
    articles = store.query(
        f"""SELECT a.id, a.published, a.outlet, a.title, x.mentions, x.roles
           FROM article_actors x JOIN articles a ON a.id = x.article_id WHERE x.actor_id = ?{also}
           ORDER BY a.published DESC NULLS LAST, a.id LIMIT 500""",
        [actor_id],
    )
    quotes = store.query(
        f"""SELECT q.id, a.published, a.outlet, q.kind, q.text, q.article_id, q.start_char, q.end_char
           FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_actor = ?{also}
           ORDER BY a.published DESC NULLS LAST, q.article_id, q.start_char LIMIT 500""",
        [actor_id],
    )
    timeline = store.query(
        f"""SELECT CAST(date_trunc(?, coalesce(e.date, a.published)) AS DATE) AS period,
                  count(*) FILTER (WHERE e.source_actor = ?) AS as_source,
                  count(*) FILTER (WHERE e.target_actor = ?) AS as_target,
                  round(avg(e.goldstein) FILTER (WHERE e.source_actor = ?), 2) AS goldstein_source,
                  round(avg(e.goldstein) FILTER (WHERE e.target_actor = ?), 2) AS goldstein_target
           FROM events e JOIN articles a ON a.id = e.article_id
           WHERE (e.source_actor = ? OR e.target_actor = ?) AND coalesce(e.date, a.published) IS NOT NULL{also}
           GROUP BY period ORDER BY period""",
        [interval, *([actor_id] * 6)],
    )
    return {"actor": actor, "articles": articles, "quotes": quotes, "timeline": timeline}

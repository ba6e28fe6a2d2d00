"""Events over time — the one builder behind ``newsgraph timeline``, ``/api/timeline``, the
timeline page and ``Dataset.timeline``.

Per day, week, month or year: how many events (evidence sentences), how many distinct
happenings (event clusters; an event in none is its own), how many articles, the four
QuadClasses, the mean Goldstein score and the event types. Events take the event filters;
``actor`` together with ``target`` is a dyad, read both ways unless ``directed``.
Events are dated by their own date, else the article's publication date; undated ones are
left out.
"""

from __future__ import annotations

from dataclasses import replace

import pyarrow as pa

from newsgraph.params import Filters, Interval
from newsgraph.store.db import Store
from newsgraph.store.queries import event_where, has_table, side_condition


def timeline(store: Store, filters: Filters | None = None, interval: Interval = "month", directed: bool = False) -> pa.Table:
    """Events matching ``filters`` per period of ``interval``."""
    filters = filters or Filters(limit=None)
    dyad = bool(filters.actor and filters.target)
    where = event_where(store, replace(filters, actor=None, target=None) if dyad else filters)
    if dyad:
        assert filters.actor and filters.target
        forward_source, p1 = side_condition("source", filters.actor)
        forward_target, p2 = side_condition("target", filters.target)
        condition, params = f"({forward_source} AND {forward_target})", [*p1, *p2]
        if not directed:
            back_source, p3 = side_condition("source", filters.target)
            back_target, p4 = side_condition("target", filters.actor)
            condition, params = f"({condition} OR ({back_source} AND {back_target}))", [*params, *p3, *p4]
        where.add(condition, *params)
    where.add("coalesce(e.date, a.published) IS NOT NULL")
    # A store from before the corpus stage has no cluster table: each event stands alone.
    members = "event_cluster_members" if has_table(store, "event_cluster_members") else "(SELECT NULL AS event_id, NULL AS cluster_id)"
    sql = f"""
        WITH picked AS (
            SELECT CAST(date_trunc(?, coalesce(e.date, a.published)) AS DATE) AS period, e.id, e.article_id, e.quad_class,
                   e.goldstein, e.name, coalesce(m.cluster_id, e.id) AS happening
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN {members} m ON m.event_id = e.id
            {where.sql()}
        )
        SELECT period, count(*) AS events, count(DISTINCT happening) AS happenings, count(DISTINCT article_id) AS articles,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(avg(goldstein), 2) AS goldstein,
               string_agg(DISTINCT name, '; ' ORDER BY name) AS types
        FROM picked GROUP BY period ORDER BY period"""
    return store.query(sql, [interval, *where.params])

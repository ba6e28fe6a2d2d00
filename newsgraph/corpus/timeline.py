"""Events over time for an actor or a dyad: per day, week or month, how many events
(evidence sentences), how many distinct happenings (merged event clusters), the mean
Goldstein score, the four QuadClasses and the most frequent event types."""

from __future__ import annotations

from typing import Any, Literal

import pyarrow as pa

from newsgraph.corpus.actor_match import side_matches
from newsgraph.corpus.scope import Scope
from newsgraph.store.db import Store

Interval = Literal["day", "week", "month", "year"]


def timeline(
    store: Store,
    actor: str,
    target: str | None = None,
    interval: Interval = "day",
    scope: Scope | None = None,
    directed: bool = False,
) -> pa.Table:
    """Events involving ``actor`` (with ``target`` on the other side, if given), by period.

    Without ``directed`` the dyad is read both ways (``RUS`` → ``IGOEUREEC`` and back);
    events are dated by their own date, else the article's publication date.
    """
    scope = scope or Scope()
    condition, params = scope.where("a")
    src_a, p_src_a = side_matches("source", actor)
    if target is None:
        tgt_a, p_tgt_a = side_matches("target", actor)
        dyad, dyad_params = f"({src_a} OR {tgt_a})", [*p_src_a, *p_tgt_a]
    else:
        tgt_b, p_tgt_b = side_matches("target", target)
        dyad, dyad_params = f"({src_a} AND {tgt_b})", [*p_src_a, *p_tgt_b]
        if not directed:
            src_b, p_src_b = side_matches("source", target)
            tgt_a, p_tgt_a = side_matches("target", actor)
            dyad, dyad_params = f"({dyad} OR ({src_b} AND {tgt_a}))", [*dyad_params, *p_src_b, *p_tgt_a]
    sql = f"""
        WITH picked AS (
            SELECT date_trunc(?, coalesce(e.date, a.published))::DATE AS period, e.*, m.cluster_id
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN event_cluster_members m ON m.event_id = e.id
            WHERE {condition} AND {dyad} AND coalesce(e.date, a.published) IS NOT NULL
        )
        SELECT period, count(*) AS events, count(DISTINCT cluster_id) AS happenings,
               round(avg(goldstein), 2) AS goldstein,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               string_agg(DISTINCT name, '; ' ORDER BY name) AS types
        FROM picked GROUP BY period ORDER BY period"""
    values: list[Any] = [interval, *params, *dyad_params]
    return store.query(sql, values)

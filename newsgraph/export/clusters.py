"""Event clusters as exports see them: each happening once, with how many mentions, articles
and outlets report it (GDELT's NumMentions, NumArticles, NumSources) and its earliest
mention as the representative.

Which events belong together comes from the corpus's ``event_cluster_members`` table; an
event not (yet) in it is its own cluster and counts itself. Negated events ("did not
meet") are not happenings and are left out, and so are republished copies unless
``Filters.copies`` is "include" — a copy adds no report of its own.
"""

from __future__ import annotations

import pyarrow as pa

from newsgraph.store.db import Store
from newsgraph.store.queries import Filters, event_where, has_table


def cluster_ctes(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """``WITH`` clauses defining ``members`` (every kept event with its cluster and article
    fields), ``counts`` (per cluster) and ``reps`` (one representative row per cluster), and
    their parameters."""
    where = event_where(store, filters)
    where.add("NOT e.negated")
    # A store from before the corpus stage has no cluster table: each event stands alone.
    membership = "event_cluster_members" if has_table(store, "event_cluster_members") else "(SELECT NULL AS event_id, NULL AS cluster_id)"
    sql = f"""
        members AS (
            SELECT e.*, coalesce(e.date, a.published) AS day, a.outlet, a.url, a.title, a.published,
                   a.tone, a.ingested_at, a.input_path, coalesce(m.cluster_id, e.id) AS cluster_id
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN {membership} m ON m.event_id = e.id
            {where.sql()}
        ),
        -- Counting goes up in plain GROUP BYs (cluster and article, then cluster and
        -- outlet, then cluster), which DuckDB can spill to disk, where DISTINCT counts
        -- and arg_min over structs cannot.
        by_article AS (
            SELECT cluster_id, article_id, any_value(coalesce(outlet, url, article_id)) AS source_key,
                   any_value(tone) AS tone, count(*) AS mentions, min(ingested_at) AS first_added,
                   min(day) AS first_day, max(day) AS last_day,
                   -- The earliest report represents the cluster: earliest event date, then the
                   -- article published (then stored) first, undated ones last. The key sorts
                   -- as text and ends with the event id after a unit separator.
                   min(coalesce(strftime(day, '%Y%m%d'), '99999999') || coalesce(strftime(published, '%Y%m%d'), '99999999')
                       || strftime(ingested_at, '%Y%m%d%H%M%S%f') || article_id || chr(31)
                       || lpad(CAST(trigger_start AS VARCHAR), 10, '0') || chr(31) || id) AS first_key
            FROM members GROUP BY cluster_id, article_id
        ),
        by_source AS (
            SELECT cluster_id, source_key, sum(mentions) AS mentions, count(*) AS articles, sum(tone) AS tone_sum,
                   count(tone) AS tone_n, min(first_added) AS first_added, min(first_day) AS first_day,
                   max(last_day) AS last_day, min(first_key) AS first_key
            FROM by_article GROUP BY cluster_id, source_key
        ),
        counts AS (
            SELECT cluster_id, sum(mentions)::BIGINT AS mentions, sum(articles)::BIGINT AS articles, count(*) AS outlets,
                   -- GDELT's AvgTone: the mean tone of the articles reporting the event, each once.
                   sum(tone_sum) / nullif(sum(tone_n), 0) AS avg_tone,
                   min(first_added) AS first_added, min(first_day) AS first_day, max(last_day) AS last_day,
                   split_part(min(first_key), chr(31), 3) AS first_event
            FROM by_source GROUP BY cluster_id
        ),
        reps AS (
            SELECT r.*, c.mentions, c.articles, c.outlets, c.first_added, c.first_day, c.last_day, c.avg_tone
            FROM members r JOIN counts c ON c.first_event = r.id
        )"""
    return sql, list(where.params)


def list_clusters(store: Store, filters: Filters) -> pa.Table:
    """One row per event cluster: the representative event and the counts of its reports."""
    ctes, params = cluster_ctes(store, filters)
    page = ""
    if filters.limit is not None:
        page = "LIMIT ? OFFSET ?"
        params += [filters.limit, filters.offset]
    sql = f"""
        WITH {ctes}
        SELECT cluster_id AS id, day AS date, cameo, root, name, quad_class, goldstein, plover_type, plover_mode,
               source_name AS source, source_code, source_country, target_name AS target, target_code, target_country,
               place_name AS place, place_country, mentions, articles, outlets, avg_tone, first_day, last_day,
               article_id AS first_article, id AS first_event
        FROM reps
        ORDER BY date DESC NULLS LAST, id {page}"""
    return store.query(sql, params)

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
from newsgraph.store.queries import Filters, event_conditions


def cluster_ctes(filters: Filters) -> tuple[str, list[object]]:
    """``WITH`` clauses defining ``members`` (every kept event with its cluster and article
    fields), ``counts`` (per cluster) and ``reps`` (one representative row per cluster), and
    their parameters."""
    where = event_conditions(filters)
    where.add("NOT e.negated")
    sql = f"""
        members AS (
            SELECT e.*, coalesce(e.date, a.published) AS day, a.outlet, a.url, a.title, a.published,
                   a.tone, a.ingested_at, a.input_path, coalesce(m.cluster_id, e.id) AS cluster_id
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN event_cluster_members m ON m.event_id = e.id
            {where.sql()}
        ),
        counts AS (
            SELECT cluster_id, count(*) AS mentions, count(DISTINCT article_id) AS articles,
                   count(DISTINCT coalesce(outlet, url, article_id)) AS outlets, min(ingested_at) AS first_added,
                   min(day) AS first_day, max(day) AS last_day,
                   -- The earliest report represents the cluster: earliest event date, then the
                   -- article published (then stored) first; undated ones last.
                   arg_min(id, struct_pack(d := coalesce(day, DATE '9999-12-31'), p := coalesce(published, DATE '9999-12-31'),
                                           i := ingested_at, a := article_id, t := trigger_start)) AS first_event
            FROM members GROUP BY cluster_id
        ),
        tones AS (
            -- GDELT's AvgTone: the mean tone of the articles reporting the event, each once.
            SELECT cluster_id, avg(tone) AS avg_tone
            FROM (SELECT DISTINCT cluster_id, article_id, tone FROM members) GROUP BY cluster_id
        ),
        reps AS (
            SELECT r.*, c.mentions, c.articles, c.outlets, c.first_added, c.first_day, c.last_day, t.avg_tone
            FROM members r JOIN counts c ON c.first_event = r.id JOIN tones t ON t.cluster_id = c.cluster_id
        )"""
    return sql, list(where.params)


def list_clusters(store: Store, filters: Filters) -> pa.Table:
    """One row per event cluster: the representative event and the counts of its reports."""
    ctes, params = cluster_ctes(filters)
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

"""GDELT 2.0 export: the 61-column Events table and the 16-column Mentions table, written as
GDELT publishes them (tab-separated, no header, one event a line), each with a header file.

* One Events row per event cluster (see ``clusters.py``): the earliest mention gives date,
  actors, code and source URL; NumMentions, NumArticles and NumSources count its reports.
* One Mentions row per reporting sentence, with the sentence number and the character
  offsets of both actors and the trigger in the article's cleaned text.
* GLOBALEVENTID is a stable 53-bit number derived from the cluster id, so that re-exports
  agree; geographic country codes are FIPS 10-4 as in GDELT, actor country codes CAMEO.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from newsgraph.export.actor_codes import split_code
from newsgraph.export.clusters import cluster_ctes
from newsgraph.export.geo import geo_block
from newsgraph.export.stream import BATCH_ROWS, atomic_file, registered, write_lines
from newsgraph.store.db import Store
from newsgraph.store.queries import Filters


def _actor_columns(n: int) -> list[str]:
    parts = (
        "Code",
        "Name",
        "CountryCode",
        "KnownGroupCode",
        "EthnicCode",
        "Religion1Code",
        "Religion2Code",
        "Type1Code",
        "Type2Code",
        "Type3Code",
    )
    return [f"Actor{n}{p}" for p in parts]


def _geo_columns(prefix: str) -> list[str]:
    parts = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    return [f"{prefix}Geo_{p}" for p in parts]


EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *_actor_columns(1),
    *_actor_columns(2),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *_geo_columns("Actor1"),
    *_geo_columns("Actor2"),
    *_geo_columns("Action"),
    "DATEADDED",
    "SOURCEURL",
)

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)

EVENTS_FILE = "newsgraph.export.CSV"
MENTIONS_FILE = "newsgraph.mentions.CSV"
EVENTS_HEADER = "newsgraph.export.header.txt"
MENTIONS_HEADER = "newsgraph.mentions.header.txt"

# GDELT's MentionType 1 is a web article; its Confidence is a percentage. newsgraph has no
# extraction probability, so Confidence states how firmly the text asserts the event.
_CONFIDENCE = {"asserted": 100, "reported": 80, "future": 60, "hypothetical": 40}

# A sentence ends at . ! or ? (after closing quotes or brackets) followed by space and a
# capital or digit, or at a paragraph break; abbreviations such as "Mr." or "U.S." are
# counted as ends by the first rule and taken off again by the second.
_SENTENCE_END = r"""([.!?]['"”’)\]]*\s+['"“‘(\[]*[\p{Lu}0-9])|(\n\s*\n)"""
_NOT_AN_END = (
    r"""\b(Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Adm|Sen|Rep|Gov|Amb|St|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|U\.K|E\.U)"""
    r"""\.\s+['"“‘(\[]*[\p{Lu}0-9]"""
)


@dataclass
class GdeltExport:
    """What a GDELT export wrote."""

    events: int
    mentions: int
    files: list[Path]


def _clean(expr: str) -> str:
    """A text value without tabs or line breaks, which would break GDELT's layout."""
    return f"translate({expr}, chr(9) || chr(10) || chr(13), '   ')"


def _literal(constant: str) -> str:
    """A constant of this module as an SQL string literal (never used for user values)."""
    return "'" + constant.replace("'", "''") + "'"


def _event_id(expr: str) -> str:
    # 53 bits: exact in JSON numbers and spreadsheets as well as in 64-bit integers.
    return f"(md5_number_upper({expr}) >> 11)::BIGINT"


def _timestamp(expr: str) -> str:
    return f"strftime({expr}, '%Y%m%d%H%M%S')"


def _line(columns: list[str]) -> str:
    """One tab-separated line from SQL expressions; NULL becomes an empty field."""
    return "concat_ws(chr(9), " + ", ".join(f"coalesce(CAST({c} AS VARCHAR), '')" for c in columns) + ")"


def _actor_code_table(store: Store) -> pa.Table:
    """GDELT's actor columns for every (code, country) pair the events use."""
    rows = store.con.execute(
        "SELECT DISTINCT source_code, source_country FROM events UNION SELECT DISTINCT target_code, target_country FROM events"
    ).fetchall()
    keys, countries, groups, ethnics, rel1, rel2, t1, t2, t3 = ([] for _ in range(9))
    for code, country in rows:
        parts = split_code(code, country)
        keys.append(f"{code or ''}|{country or ''}")
        countries.append(parts.country)
        groups.append(parts.known_group)
        ethnics.append(parts.ethnic)
        religions = [*parts.religions, None, None]
        types = [*parts.types, None, None, None]
        rel1.append(religions[0])
        rel2.append(religions[1])
        t1.append(types[0])
        t2.append(types[1])
        t3.append(types[2])
    names = ["key", "country", "known_group", "ethnic", "religion1", "religion2", "type1", "type2", "type3"]
    arrays = [keys, countries, groups, ethnics, rel1, rel2, t1, t2, t3]
    return pa.table({n: pa.array(a, pa.string()) for n, a in zip(names, arrays, strict=True)})


def _geo_table(store: Store) -> pa.Table:
    """GDELT's geography columns for every place the store names."""
    rows = store.con.execute(
        "SELECT name, country, any_value(lat), any_value(lon) FROM ("
        " SELECT name, country, lat, lon FROM places UNION ALL"
        " SELECT place_name, place_country, place_lat, place_lon FROM events WHERE place_name IS NOT NULL"
        ") GROUP BY name, country"
    ).fetchall()
    columns: dict[str, list[object]] = {k: [] for k in ("key", "type", "full_name", "country", "adm1", "adm2", "lat", "lon", "feature_id")}
    for name, country, lat, lon in rows:
        block = geo_block(name, country, lat, lon)
        if block is None:
            continue
        values = [f"{name}|{country or ''}", block.type, block.full_name, block.country, block.adm1, block.adm2, lat, lon, block.feature_id]
        for key, value in zip(columns, values, strict=True):
            columns[key].append(value)
    types = {"type": pa.int32(), "lat": pa.float64(), "lon": pa.float64()}
    return pa.table({k: pa.array(v, types.get(k, pa.string())) for k, v in columns.items()})


def _actor_offsets(rows: str, key: str, side: str) -> str:
    """The mention of the ``side`` actor nearest the trigger inside the event's sentence."""
    return f"""
        SELECT r.{key} AS k, arg_min(m.start_char, abs(m.start_char - r.trigger_start)) AS pos
        FROM {rows} r JOIN mentions m ON m.article_id = r.article_id AND m.actor_id = r.{side}_actor
        WHERE m.start_char >= r.sentence_start AND m.end_char <= r.sentence_end
        GROUP BY r.{key}"""


def _geo_select(alias: str, lat: str, lon: str) -> list[str]:
    return [
        f"{alias}.type",
        _clean(f"{alias}.full_name"),
        f"{alias}.country",
        f"{alias}.adm1",
        f"{alias}.adm2",
        lat,
        lon,
        f"{alias}.feature_id",
    ]


def _actor_select(side: str, alias: str) -> list[str]:
    name = f"upper({_clean(f'r.{side}_name')})"
    return [f"r.{side}_code", name, f"{alias}.country", f"{alias}.known_group", f"{alias}.ethnic"] + [
        f"{alias}.{c}" for c in ("religion1", "religion2", "type1", "type2", "type3")
    ]


def events_sql(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """The query behind the Events table: one text column, one GDELT line per cluster."""
    ctes, params = cluster_ctes(store, filters)
    place_key = "p.name || '|' || coalesce(p.country, '')"
    columns = [
        _event_id("r.cluster_id"),
        "strftime(r.day, '%Y%m%d')",
        "strftime(r.day, '%Y%m')",
        "year(r.day)",
        "round(year(r.day) + least(dayofyear(r.day) / 365.0, 0.9999), 4)",
        *_actor_select("source", "c1"),
        *_actor_select("target", "c2"),
        "CASE WHEN r.sentence_start < l.lead_end THEN 1 ELSE 0 END",
        "r.cameo",
        "left(r.cameo, 3)",
        "r.root",
        "r.quad_class",
        "r.goldstein",
        "r.mentions",
        "r.outlets",
        "r.articles",
        "r.avg_tone",
        *_geo_select("g1", "g1.lat", "g1.lon"),
        *_geo_select("g2", "g2.lat", "g2.lon"),
        *_geo_select("g3", "coalesce(r.place_lat, g3.lat)", "coalesce(r.place_lon, g3.lon)"),
        _timestamp("r.first_added"),
        _clean("coalesce(r.url, r.input_path, 'newsgraph:article/' || r.article_id)"),
    ]
    sql = f"""
        WITH {ctes},
        src AS ({_actor_offsets("reps", "cluster_id", "source")}),
        tgt AS ({_actor_offsets("reps", "cluster_id", "target")}),
        lead AS (
            -- GDELT's IsRootEvent: the event is in the lead paragraph.
            SELECT a.id, coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0) - 1, length(a.text)) AS lead_end
            FROM articles a WHERE a.id IN (SELECT article_id FROM reps)
        ),
        near AS (
            -- GDELT places each actor at the location named nearest to it in the sentence.
            SELECT r.cluster_id,
                   arg_min({place_key}, abs(p.start_char - s.pos)) FILTER (WHERE s.pos IS NOT NULL) AS source_geo,
                   arg_min({place_key}, abs(p.start_char - t.pos)) FILTER (WHERE t.pos IS NOT NULL) AS target_geo,
                   arg_min({place_key}, abs(p.start_char - r.trigger_start)) AS action_geo
            FROM reps r JOIN places p ON p.article_id = r.article_id
                 AND p.start_char >= r.sentence_start AND p.end_char <= r.sentence_end
            LEFT JOIN src s ON s.k = r.cluster_id LEFT JOIN tgt t ON t.k = r.cluster_id
            GROUP BY r.cluster_id
        )
        SELECT {_line(columns)} AS line
        FROM reps r
        JOIN lead l ON l.id = r.article_id
        LEFT JOIN near n ON n.cluster_id = r.cluster_id
        LEFT JOIN _ng_actor_codes c1 ON c1.key = coalesce(r.source_code, '') || '|' || coalesce(r.source_country, '')
        LEFT JOIN _ng_actor_codes c2 ON c2.key = coalesce(r.target_code, '') || '|' || coalesce(r.target_country, '')
        LEFT JOIN _ng_geo g1 ON g1.key = n.source_geo
        LEFT JOIN _ng_geo g2 ON g2.key = n.target_geo
        LEFT JOIN _ng_geo g3 ON g3.key = coalesce(r.place_name || '|' || coalesce(r.place_country, ''), n.action_geo)
        ORDER BY r.day NULLS LAST, r.cluster_id"""
    return sql, params


def mentions_sql(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """The query behind the Mentions table: one GDELT line per reporting sentence."""
    ctes, params = cluster_ctes(store, filters)
    # The text before the sentence plus a stand-in capital for its first letter, so that
    # the end of the previous sentence is seen as one.
    before = "left(a.text, e.sentence_start) || 'X'"
    sentence_id = (
        f"1 + len(regexp_extract_all({before}, {_literal(_SENTENCE_END)})) - len(regexp_extract_all({before}, {_literal(_NOT_AN_END)}))"
    )
    confidence = "CASE e.modality " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in _CONFIDENCE.items()) + " ELSE 100 END"
    extras = (
        "'<NEWSGRAPH_EVENT>' || e.id || '</NEWSGRAPH_EVENT><NEWSGRAPH_ARTICLE>' || e.article_id || '</NEWSGRAPH_ARTICLE>'"
        " || '<SENTENCE_OFFSETS>' || e.sentence_start || '-' || e.sentence_end || '</SENTENCE_OFFSETS>'"
        " || '<MODALITY>' || e.modality || '</MODALITY>'"
    )
    columns = [
        _event_id("e.cluster_id"),
        _timestamp("c.first_added"),
        _timestamp("coalesce(CAST(e.published AS TIMESTAMP), e.ingested_at)"),
        "1",
        _clean("coalesce(e.outlet, '')"),
        _clean("coalesce(e.url, e.input_path, 'newsgraph:article/' || e.article_id)"),
        sentence_id,
        "coalesce(s.pos, -1)",
        "coalesce(t.pos, -1)",
        "e.trigger_start",
        "1",
        confidence,
        "length(a.text)",
        "e.tone",
        "''",
        extras,
    ]
    sql = f"""
        WITH {ctes},
        src AS ({_actor_offsets("members", "id", "source")}),
        tgt AS ({_actor_offsets("members", "id", "target")})
        SELECT {_line(columns)} AS line
        FROM members e
        JOIN counts c ON c.cluster_id = e.cluster_id
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN src s ON s.k = e.id LEFT JOIN tgt t ON t.k = e.id
        ORDER BY c.first_day NULLS LAST, e.cluster_id, e.day NULLS LAST, e.article_id, e.trigger_start"""
    return sql, params


def write_gdelt(store: Store, out: Path, filters: Filters | None = None, batch_rows: int = BATCH_ROWS) -> GdeltExport:
    """Write the Events and Mentions tables and their header files into folder ``out``."""
    filters = filters or Filters(limit=None)
    out.mkdir(parents=True, exist_ok=True)
    files = [out / EVENTS_FILE, out / MENTIONS_FILE, out / EVENTS_HEADER, out / MENTIONS_HEADER]
    with registered(store, "_ng_actor_codes", _actor_code_table(store)), registered(store, "_ng_geo", _geo_table(store)):
        sql, params = events_sql(store, filters)
        n_events = write_lines(store, sql, params, files[0], batch_rows)
    sql, params = mentions_sql(store, filters)
    n_mentions = write_lines(store, sql, params, files[1], batch_rows)
    for path, columns in ((files[2], EVENT_COLUMNS), (files[3], MENTION_COLUMNS)):
        with atomic_file(path) as handle:
            handle.write("\t".join(columns) + "\n")
    return GdeltExport(n_events, n_mentions, files)

"""The store's tables, defined once: DuckDB DDL, Arrow schemas and Parquet datasets all
come from ``TABLES``. Offsets are character offsets into ``articles.text``."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Column:
    """A column: name, DuckDB type, Arrow type."""

    name: str
    sql: str
    arrow: pa.DataType


def _c(name: str, sql: str) -> Column:
    arrow = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
        "VARCHAR[]": pa.list_(pa.string()),
        "JSON": pa.string(),
    }[sql]
    return Column(name, sql, arrow)


def _actor_side(prefix: str) -> list[Column]:
    return [_c(f"{prefix}_{part}", "VARCHAR") for part in ("actor", "name", "code", "country", "sector")]


TABLES: dict[str, list[Column]] = {
    "articles": [
        _c("id", "VARCHAR"),
        _c("input_id", "VARCHAR"),
        _c("input_path", "VARCHAR"),
        _c("input_line", "INTEGER"),
        _c("title", "VARCHAR"),
        _c("url", "VARCHAR"),
        _c("outlet", "VARCHAR"),
        _c("published", "DATE"),
        _c("language", "VARCHAR"),
        _c("status", "VARCHAR"),
        _c("format", "VARCHAR"),
        _c("author", "VARCHAR"),
        _c("site_name", "VARCHAR"),
        _c("words", "INTEGER"),
        _c("tone", "DOUBLE"),
        _c("text", "VARCHAR"),
        _c("record", "JSON"),
        _c("ingested_at", "TIMESTAMP"),
    ],
    "actors": [
        _c("id", "VARCHAR"),
        _c("name", "VARCHAR"),
        _c("type", "VARCHAR"),
        _c("code", "VARCHAR"),
        _c("country", "VARCHAR"),
        _c("sector", "VARCHAR"),
    ],
    "article_actors": [
        _c("article_id", "VARCHAR"),
        _c("actor_id", "VARCHAR"),
        _c("name", "VARCHAR"),
        _c("type", "VARCHAR"),
        _c("code", "VARCHAR"),
        _c("country", "VARCHAR"),
        _c("sector", "VARCHAR"),
        _c("roles", "VARCHAR[]"),
        _c("mentions", "INTEGER"),
    ],
    "mentions": [
        _c("article_id", "VARCHAR"),
        _c("actor_id", "VARCHAR"),
        _c("start_char", "INTEGER"),
        _c("end_char", "INTEGER"),
        _c("text", "VARCHAR"),
    ],
    "quotes": [
        _c("id", "VARCHAR"),
        _c("article_id", "VARCHAR"),
        _c("kind", "VARCHAR"),
        _c("text", "VARCHAR"),
        _c("start_char", "INTEGER"),
        _c("end_char", "INTEGER"),
        _c("cue_start", "INTEGER"),
        _c("cue_end", "INTEGER"),
        _c("cue_text", "VARCHAR"),
        _c("speaker_actor", "VARCHAR"),
        _c("speaker_name", "VARCHAR"),
        _c("speaker_start", "INTEGER"),
        _c("speaker_end", "INTEGER"),
        _c("speaker_text", "VARCHAR"),
    ],
    "events": [
        _c("id", "VARCHAR"),
        _c("article_id", "VARCHAR"),
        _c("cameo", "VARCHAR"),
        _c("root", "VARCHAR"),
        _c("name", "VARCHAR"),
        _c("quad_class", "INTEGER"),
        _c("goldstein", "DOUBLE"),
        _c("plover_type", "VARCHAR"),
        _c("plover_mode", "VARCHAR"),
        *_actor_side("source"),
        *_actor_side("target"),
        _c("negated", "BOOLEAN"),
        _c("modality", "VARCHAR"),
        _c("claimed_by", "VARCHAR"),
        _c("date", "DATE"),
        _c("date_text", "VARCHAR"),
        _c("place_name", "VARCHAR"),
        _c("place_country", "VARCHAR"),
        _c("place_lat", "DOUBLE"),
        _c("place_lon", "DOUBLE"),
        _c("trigger_start", "INTEGER"),
        _c("trigger_end", "INTEGER"),
        _c("trigger_text", "VARCHAR"),
        _c("sentence_start", "INTEGER"),
        _c("sentence_end", "INTEGER"),
    ],
    "places": [
        _c("article_id", "VARCHAR"),
        _c("name", "VARCHAR"),
        _c("country", "VARCHAR"),
        _c("lat", "DOUBLE"),
        _c("lon", "DOUBLE"),
        _c("start_char", "INTEGER"),
        _c("end_char", "INTEGER"),
        _c("text", "VARCHAR"),
    ],
    "dates": [
        _c("article_id", "VARCHAR"),
        _c("text", "VARCHAR"),
        _c("start_char", "INTEGER"),
        _c("end_char", "INTEGER"),
        _c("value", "DATE"),
        _c("granularity", "VARCHAR"),
    ],
    "failures": [
        _c("path", "VARCHAR"),
        _c("line", "INTEGER"),
        _c("reason", "VARCHAR"),
        _c("failed_at", "TIMESTAMP"),
    ],
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "actors": ("id",),
    "quotes": ("id",),
    "events": ("id",),
    "failures": ("path", "line", "reason"),
}

# Tables whose rows belong to one article and go when it goes.
ARTICLE_TABLES = ("article_actors", "mentions", "quotes", "events", "places", "dates")


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a store table."""
    return pa.schema([pa.field(c.name, c.arrow) for c in TABLES[table]])


def create_statements() -> list[str]:
    """``CREATE TABLE IF NOT EXISTS`` statements for every table, plus indexes."""
    statements = ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"]
    for table, columns in TABLES.items():
        cols = [f"{c.name} {c.sql}" for c in columns]
        if table in PRIMARY_KEYS and table != "failures":
            cols.append(f"PRIMARY KEY ({', '.join(PRIMARY_KEYS[table])})")
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(cols)})")
    for table in ARTICLE_TABLES:
        statements.append(f"CREATE INDEX IF NOT EXISTS {table}_article ON {table} (article_id)")
    return statements

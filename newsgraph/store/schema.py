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
        "BLOB": pa.binary(),
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
    # -- corpus: tone per sentence, where articles were seen, copies, merged events ----------
    "sentence_tones": [
        _c("article_id", "VARCHAR"),
        _c("start_char", "INTEGER"),
        _c("end_char", "INTEGER"),
        _c("score", "DOUBLE"),
        _c("positive", "DOUBLE"),
        _c("negative", "DOUBLE"),
        _c("polarity", "DOUBLE"),
        _c("words", "INTEGER"),
    ],
    # Every place an article's text was seen; more than one source is an exact copy.
    "article_sources": [
        _c("article_id", "VARCHAR"),
        _c("source_key", "VARCHAR"),
        _c("outlet", "VARCHAR"),
        _c("url", "VARCHAR"),
        _c("input_path", "VARCHAR"),
        _c("input_line", "INTEGER"),
        _c("input_id", "VARCHAR"),
        _c("title", "VARCHAR"),
        _c("published", "DATE"),
        _c("removed", "JSON"),
        _c("seen_at", "TIMESTAMP"),
    ],
    # MinHash signature of each article's body shingles (for near-duplicate candidates).
    "minhashes": [
        _c("article_id", "VARCHAR"),
        _c("shingles", "INTEGER"),
        _c("signature", "BLOB"),
    ],
    # Candidate pairs confirmed by containment (a_id < b_id).
    "copy_pairs": [
        _c("a_id", "VARCHAR"),
        _c("b_id", "VARCHAR"),
        _c("containment", "DOUBLE"),
        _c("jaccard", "DOUBLE"),
    ],
    # Each near-duplicate linked to the earliest version in its cluster, with the differences.
    "copies": [
        _c("copy_id", "VARCHAR"),
        _c("original_id", "VARCHAR"),
        _c("score", "DOUBLE"),
        _c("jaccard", "DOUBLE"),
        _c("added_chars", "INTEGER"),
        _c("removed_chars", "INTEGER"),
        _c("diff", "JSON"),
    ],
    "event_clusters": [
        _c("id", "VARCHAR"),
        _c("cameo", "VARCHAR"),
        _c("root", "VARCHAR"),
        _c("name", "VARCHAR"),
        _c("quad_class", "INTEGER"),
        _c("goldstein", "DOUBLE"),
        *_actor_side("source"),
        *_actor_side("target"),
        _c("first_date", "DATE"),
        _c("last_date", "DATE"),
        _c("place_name", "VARCHAR"),
        _c("place_country", "VARCHAR"),
        _c("mentions", "INTEGER"),
        _c("articles", "INTEGER"),
        _c("outlets", "INTEGER"),
        _c("outlet_names", "VARCHAR[]"),
    ],
    # One row per event (evidence sentence) in a cluster; ``counted`` is false for copies.
    "event_cluster_members": [
        _c("cluster_id", "VARCHAR"),
        _c("event_id", "VARCHAR"),
        _c("article_id", "VARCHAR"),
        _c("outlet", "VARCHAR"),
        _c("copy_of", "VARCHAR"),
        _c("counted", "BOOLEAN"),
        _c("date", "DATE"),
        _c("sentence_start", "INTEGER"),
        _c("sentence_end", "INTEGER"),
    ],
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "actors": ("id",),
    "quotes": ("id",),
    "events": ("id",),
    "failures": ("path", "line", "reason"),
    "article_sources": ("article_id", "source_key"),
    "minhashes": ("article_id",),
    "copy_pairs": ("a_id", "b_id"),
    "copies": ("copy_id",),
    "event_clusters": ("id",),
    "event_cluster_members": ("event_id",),
}

# Tables whose rows belong to one article and go when it goes.
ARTICLE_TABLES = ("article_actors", "mentions", "quotes", "events", "places", "dates", "sentence_tones")


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

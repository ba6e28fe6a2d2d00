"""``newsgraph check``: verify a store — evidence offsets, foreign keys, duplicate ids.

Every check is one SQL query that returns the offending rows, so a store of millions of
rows is checked inside DuckDB. It works on a store file and on a file attached to a Parquet
dataset (``newsgraph attach``), whose views have no primary keys to enforce uniqueness.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import duckdb

from newsgraph.errors import Errors, StoreError
from newsgraph.store.db import Store
from newsgraph.store.schema import TABLES


@dataclass(frozen=True)
class Span:
    """A span column pair of a table, and the column holding the text it must match (if any)."""

    table: str
    start: str
    end: str
    text: str | None
    key: str  # a column naming the row in problem reports


# Every offset pair in the store, with the evidence text stored beside it.
SPANS = (
    Span("mentions", "start_char", "end_char", "text", "actor_id"),
    Span("quotes", "start_char", "end_char", "text", "id"),
    Span("quotes", "cue_start", "cue_end", "cue_text", "id"),
    Span("quotes", "speaker_start", "speaker_end", "speaker_text", "id"),
    Span("events", "trigger_start", "trigger_end", "trigger_text", "id"),
    Span("events", "sentence_start", "sentence_end", None, "id"),
    Span("places", "start_char", "end_char", "text", "name"),
    Span("dates", "start_char", "end_char", "text", "text"),
    Span("sentence_tones", "start_char", "end_char", None, "start_char"),
    Span("event_cluster_members", "sentence_start", "sentence_end", None, "event_id"),
)

# (table, column) → (table, column) it refers to.
FOREIGN_KEYS = (
    ("article_actors", "article_id", "articles", "id"),
    ("article_actors", "actor_id", "actors", "id"),
    ("mentions", "article_id", "articles", "id"),
    ("mentions", "actor_id", "actors", "id"),
    ("quotes", "article_id", "articles", "id"),
    ("events", "article_id", "articles", "id"),
    ("places", "article_id", "articles", "id"),
    ("dates", "article_id", "articles", "id"),
    ("sentence_tones", "article_id", "articles", "id"),
    ("article_sources", "article_id", "articles", "id"),
    ("minhashes", "article_id", "articles", "id"),
    ("copy_pairs", "a_id", "articles", "id"),
    ("copy_pairs", "b_id", "articles", "id"),
    ("copies", "copy_id", "articles", "id"),
    ("copies", "original_id", "articles", "id"),
    ("event_cluster_members", "cluster_id", "event_clusters", "id"),
    ("event_cluster_members", "event_id", "events", "id"),
    ("event_cluster_members", "article_id", "articles", "id"),
)

# Identity of a row: primary keys, and for tables without one the columns that make a row
# the same evidence (a resumed run that wrote an article's rows twice shows up here).
UNIQUE = (
    ("articles", ("id",)),
    ("actors", ("id",)),
    ("quotes", ("id",)),
    ("events", ("id",)),
    ("article_actors", ("article_id", "actor_id")),
    ("mentions", ("article_id", "actor_id", "start_char", "end_char")),
    ("minhashes", ("article_id",)),
    ("article_sources", ("article_id", "source_key")),
    ("copies", ("copy_id",)),
    ("event_clusters", ("id",)),
    ("event_cluster_members", ("event_id",)),
)


@dataclass
class CheckReport:
    """What ``check_store`` found: one line per problem, and how many rows it looked at."""

    problems: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the store has no problem."""
        return not self.problems

    def summary(self) -> str:
        """One closing line."""
        counted = ", ".join(f"{self.rows.get(t, 0)} {t}" for t in ("articles", "mentions", "quotes", "events", "places", "dates"))
        verdict = "ok" if self.ok else f"{len(self.problems)} problem(s)"
        return f"{verdict}: checked {counted}"


def _tables(store: Store) -> set[str]:
    rows = store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    return {row[0] for row in rows}


def _span_problems(store: Store, span: Span, limit: int) -> Iterator[str]:
    # DuckDB's substring is 1-based and counts characters, as Python's str slicing does.
    text_check = (
        f"OR s.{span.text} IS DISTINCT FROM substring(a.text, s.{span.start} + 1, s.{span.end} - s.{span.start})" if span.text else ""
    )
    sql = f"""
        SELECT s.article_id, s.{span.key}, s.{span.start}, s.{span.end}, length(a.text),
               {f"s.{span.text}" if span.text else "NULL"},
               substring(a.text, greatest(s.{span.start}, 0) + 1, least(greatest(s.{span.end} - s.{span.start}, 0), 80))
        FROM {span.table} s JOIN articles a ON a.id = s.article_id
        WHERE s.{span.start} IS NOT NULL AND (
            s.{span.end} IS NULL OR s.{span.start} < 0 OR s.{span.end} < s.{span.start} OR s.{span.end} > length(a.text) {text_check})
        ORDER BY s.article_id, s.{span.start}
        LIMIT ?
    """
    for article, key, start, end, length, stored, found in store.con.execute(sql, [limit]).fetchall():
        where = f"{span.table}.{span.start}/{span.end} of {span.key} {key!s} in article {article}"
        if end is None or start < 0 or end < start or end > length:
            yield f"{where}: span {start}-{end} lies outside the article text ({length} characters)"
        else:
            yield f"{where}: stored text {_shown(stored)} differs from the article's characters {_shown(found)}"


def _shown(value: str | None) -> str:
    if value is None:
        return "NULL"
    return repr(value if len(value) <= 60 else value[:57] + "...")


def _orphans(store: Store, table: str, column: str, parent: str, parent_column: str, limit: int) -> Iterator[str]:
    sql = f"""
        SELECT c.{column}, count(*) FROM {table} c
        WHERE c.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{parent_column} = c.{column})
        GROUP BY c.{column} ORDER BY c.{column} LIMIT ?
    """
    for value, count in store.con.execute(sql, [limit]).fetchall():
        yield f"{table}.{column} {value}: {count} row(s) refer to no {parent}.{parent_column}"


def _duplicates(store: Store, table: str, columns: tuple[str, ...], limit: int) -> Iterator[str]:
    keys = ", ".join(columns)
    sql = f"SELECT {keys}, count(*) AS n FROM {table} GROUP BY ALL HAVING count(*) > 1 ORDER BY n DESC, {keys} LIMIT ?"
    for row in store.con.execute(sql, [limit]).fetchall():
        shown = ", ".join(f"{c}={v}" for c, v in zip(columns, row[:-1], strict=True))
        yield f"{table}: {row[-1]} rows with {shown} (duplicates)"


def check_store(store: Store, limit: int = 50) -> CheckReport:
    """Check every offset, foreign key and id of ``store``; at most ``limit`` problems per check.
    A file DuckDB cannot read through (cut short, overwritten) raises StoreError."""
    try:
        return _check(store, limit)
    except duckdb.Error as exc:
        raise StoreError(Errors.E318, path=store.path, detail=" ".join(str(exc).split())) from exc


def _check(store: Store, limit: int) -> CheckReport:
    report = CheckReport()
    present = _tables(store)
    missing = [t for t in ("articles", *TABLES) if t not in present]
    for table in dict.fromkeys(missing):
        report.problems.append(f"table {table} is missing (not a newsgraph store, or an older schema)")
    if "articles" in missing:
        return report
    report.rows = {t: int(store.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES if t in present}
    for span in SPANS:
        if span.table in present:
            report.problems.extend(_span_problems(store, span, limit))
    for table, column, parent, parent_column in FOREIGN_KEYS:
        if table in present and parent in present:
            report.problems.extend(_orphans(store, table, column, parent, parent_column, limit))
    for table, columns in UNIQUE:
        if table in present:
            report.problems.extend(_duplicates(store, table, columns, limit))
    return report

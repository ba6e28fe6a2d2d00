"""The DuckDB store: open, write a batch of articles in one transaction, read records back.

A batch is all-or-nothing, and an article whose id (the hash of its cleaned text) is already
stored is left alone, so a re-run of the same input is a no-op and a run killed mid-way and
started again ends with exactly the rows of an uninterrupted one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from newsgraph.errors import Errors, NotFoundError, StoreBusyError, StoreError
from newsgraph.model import Article, InputFailure
from newsgraph.store.metadata import FIELDS, Metadata, article_source_key, corrected, metadata_of, source_key, with_metadata
from newsgraph.store.rows import article_rows, failure_row
from newsgraph.store.schema import ARTICLE_TABLES, PRIMARY_KEYS, SCHEMA_VERSION, TABLES, arrow_schema, create_statements


def actor_rank(row: str) -> str:
    """The ranking (an SQL list, smallest first) that picks one description of an actor id."""
    coded = f"CASE WHEN {row}.code IS NULL THEN '1' ELSE '0' END"
    return f"[{coded}, coalesce({row}.code, ''), {row}.name, {row}.type, coalesce({row}.country, ''), coalesce({row}.sector, '')]"


# Articles may describe one actor id differently (a code that depends on the date); the row
# kept is the one that ranks first (coded before uncoded, then by value), so the actors table
# does not depend on the order in which articles are stored.
_UPSERT_ACTORS = f"""
    INSERT INTO actors SELECT DISTINCT ON (id) {{columns}} FROM _incoming ORDER BY id, {actor_rank("_incoming")}
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, code = excluded.code,
        country = excluded.country, sector = excluded.sector
    WHERE {actor_rank("excluded")} < {actor_rank("actors")}"""


@dataclass
class WriteResult:
    """What a write did: ids stored, ids already present, failures recorded, ids stored again
    in place of their earlier record (``replace``)."""

    stored: list[str]
    unchanged: list[str]
    failures: int = 0
    updated: list[str] = field(default_factory=list)


# Rows that go when an article is stored again: its own, and the cross-article rows built from
# its metadata (copy links and their diffs, the event clusters it is in), which the
# cross-article stage then builds again.
_DROP_ARTICLES = (
    "DELETE FROM event_clusters WHERE id IN (SELECT cluster_id FROM event_cluster_members WHERE list_contains($ids, article_id))",
    "DELETE FROM event_cluster_members WHERE cluster_id IN "
    "(SELECT cluster_id FROM event_cluster_members WHERE list_contains($ids, article_id))",
    "DELETE FROM copies WHERE list_contains($ids, copy_id) OR list_contains($ids, original_id)",
    *(f"DELETE FROM {table} WHERE list_contains($ids, article_id)" for table in ARTICLE_TABLES),
    "DELETE FROM articles WHERE list_contains($ids, id)",
)


class Store:
    """A newsgraph store in one DuckDB file. Use as a context manager or call ``close()``."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.con = connection
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Store:
        """Open (creating if needed) the store at ``path``; ``":memory:"`` for a throwaway one."""
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(Errors.E310, path=path)
        try:
            con = duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreBusyError(Errors.E311, path=path) from exc
            raise StoreError(Errors.E312, path=path, detail=exc) from exc
        except duckdb.Error as exc:
            raise StoreError(Errors.E312, path=path, detail=exc) from exc
        store = cls(con, path, read_only)
        if not read_only:
            store._create_schema()
        return store

    def _create_schema(self) -> None:
        for statement in create_statements():
            self.con.execute(statement)
        self.con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        """Close the connection (committing nothing that is not already committed)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back if it raises. A write
        that fails raises StoreError with its real cause (a full disk says so), not the
        rollback's own complaint when DuckDB has already ended the transaction."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            yield
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            if "no space left" in str(exc).lower():
                raise StoreError(Errors.E317, path=self.path) from exc
            raise StoreError(Errors.E313, path=self.path, detail=exc) from exc

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [list(ids)]).fetchall()
        return {row[0] for row in rows}

    def classify(self, articles: Sequence[Article]) -> dict[str, Article | None]:
        """For each of these articles whose text is stored: None when it brings nothing new,
        or the article to analyse again and store in place of the old record, carrying the
        metadata its place corrected or filled in (``newsgraph.store.metadata``)."""
        ids = sorted({a.id for a in articles})
        if not ids:
            return {}
        rows = self.query(
            f"SELECT id, input_path, input_line, input_id, {', '.join(FIELDS)} FROM articles WHERE list_contains(?, id)", [ids]
        )
        stored = {r["id"]: r for r in rows.to_pylist()}
        said: dict[str, dict[str, Metadata]] = defaultdict(dict)
        for r in self.query(
            f"SELECT article_id, source_key, {', '.join(FIELDS)} FROM article_sources WHERE list_contains(?, article_id)", [ids]
        ).to_pylist():
            said[r["article_id"]][r["source_key"]] = metadata_of(r)
        verdicts: dict[str, Article | None] = {}
        for article in articles:
            row = stored.get(article.id)
            if row is None:
                continue
            # A record stored before its sightings were: its own row says where it came from.
            places = said.get(article.id) or {
                source_key(row["url"], row["input_path"], row["input_line"], row["input_id"]): metadata_of(row)
            }
            merged = corrected(metadata_of(row), places.get(article_source_key(article)), metadata_of(article))
            verdicts[article.id] = None if merged is None else with_metadata(article, merged)
        return verdicts

    def write(self, articles: Iterable[Article], failures: Iterable[InputFailure] = (), replace: Collection[str] = ()) -> WriteResult:
        """Store new articles and record failures, all in one transaction; the ids in
        ``replace`` are stored in place of their earlier record (``classify``).

        Which articles are new is decided once, by the articles table's key inside the
        transaction: an article whose id is already stored (or repeats one earlier in the
        batch) is left alone and reported ``unchanged``."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        batch = list(articles)
        article_tables = {a.id: article_rows(a, now) for a in reversed(batch)}  # the first of each id wins
        failure_rows = [failure_row(f, now) for f in failures]
        replaced = sorted(set(replace) & set(article_tables))
        if not batch and not failure_rows:
            return WriteResult([], [], 0)
        with self.transaction():
            for statement in _DROP_ARTICLES if replaced else ():
                self.con.execute(statement, {"ids": replaced})
            inserted = self._insert_articles([tables.pop("articles")[0] for tables in reversed(article_tables.values())])
            rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for article_id in inserted:
                for table, table_rows in article_tables[article_id].items():
                    rows[table].extend(table_rows)
            for table, table_rows in rows.items():
                self._insert(table, table_rows)
            if failure_rows:
                self._insert_failures(failure_rows)
        stored: list[str] = []
        unchanged: list[str] = []
        fresh = set(inserted) - set(replaced)
        for article in batch:  # the first of an inserted id is stored, any repeat unchanged
            if article.id not in replaced:
                (stored if article.id in fresh else unchanged).append(article.id)
                fresh.discard(article.id)
        return WriteResult(stored, unchanged, len(failure_rows), replaced)

    def _insert_articles(self, rows: list[dict[str, Any]]) -> list[str]:
        """Insert the article rows whose id is not stored yet; the ids inserted, in order."""
        if not rows:
            return []
        columns = ", ".join(c.name for c in TABLES["articles"])
        self.con.register("_incoming", pa.Table.from_pylist(rows, schema=arrow_schema("articles")))
        try:
            returned = self.con.execute(f"INSERT INTO articles SELECT {columns} FROM _incoming ON CONFLICT (id) DO NOTHING RETURNING id")
            inserted = {row[0] for row in returned.fetchall()}
        finally:
            self.con.unregister("_incoming")
        return [r["id"] for r in rows if r["id"] in inserted]

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        data = pa.Table.from_pylist(rows, schema=arrow_schema(table))
        columns = ", ".join(c.name for c in TABLES[table])
        self.con.register("_incoming", data)
        try:
            if table == "actors":
                self.con.execute(_UPSERT_ACTORS.format(columns=columns))
            else:
                self.con.execute(f"INSERT INTO {table} SELECT {columns} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def _insert_failures(self, rows: list[dict[str, Any]]) -> None:
        data = pa.Table.from_pylist(rows, schema=arrow_schema("failures"))
        self.con.register("_incoming", data)
        try:
            self.con.execute(
                "INSERT INTO failures SELECT DISTINCT ON (path, line, reason) i.* FROM _incoming i "
                "WHERE NOT EXISTS (SELECT 1 FROM failures f WHERE f.path = i.path "
                "AND f.line IS NOT DISTINCT FROM i.line AND f.reason = i.reason)"
            )
        finally:
            self.con.unregister("_incoming")

    def update_tables(
        self,
        insert: Mapping[str, list[dict[str, Any]]] | None = None,
        delete: Mapping[str, tuple[str, Sequence[Any]]] | None = None,
        clear: Sequence[str] = (),
        upsert: Mapping[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        """Change derived tables in one transaction: empty the ``clear`` tables, ``delete``
        rows (table → a column and the values whose rows go), then ``insert`` rows (rows
        whose primary key is already stored are left alone, so re-applying is a no-op) and
        ``upsert`` rows (which replace the stored row with their primary key)."""
        with self.transaction():
            for table in clear:
                if table not in TABLES:
                    raise StoreError(Errors.E316, name=table)
                self.con.execute(f"DELETE FROM {table}")
            for table, (column, values) in (delete or {}).items():
                if column not in {c.name for c in TABLES[table]}:
                    raise StoreError(Errors.E316, name=f"{table}.{column}")
                self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, {column})", [list(values)])
            for table, rows in (insert or {}).items():
                if rows:
                    self._insert_ignoring(table, rows)
            for table, rows in (upsert or {}).items():
                if rows:
                    self._insert_ignoring(table, rows, verb="INSERT OR REPLACE")

    def _insert_ignoring(self, table: str, rows: list[dict[str, Any]], verb: str = "INSERT OR IGNORE") -> None:
        data = pa.Table.from_pylist(rows, schema=arrow_schema(table))
        columns = ", ".join(c.name for c in TABLES[table])
        verb = verb if table in PRIMARY_KEYS else "INSERT"
        self.con.register("_incoming", data)
        try:
            self.con.execute(f"{verb} INTO {table} SELECT {columns} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    # -- reading -------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a read query with bound parameters and return an Arrow table."""
        try:
            return self.con.sql(sql, params=list(params)).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(Errors.E314, path=self.path, detail=exc) from exc

    def article(self, article_id: str) -> Article:
        """The full record of one stored article."""
        rows = self.con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchall()
        if not rows:
            raise NotFoundError(Errors.E315, id=article_id)
        return Article.from_dict(json.loads(rows[0][0]))

    def counts(self) -> dict[str, int]:
        """Row counts of every table."""
        return {table: int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]) for table in TABLES}

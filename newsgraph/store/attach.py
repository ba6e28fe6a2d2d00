"""Make a Parquet dataset queryable as a newsgraph store without copying it: a DuckDB file
whose tables are views over the dataset's files (``read_parquet`` globs), so every command
that takes ``--db`` — the listings, the API, the web UI — reads the dataset directly, and
files that later runs add are seen at once."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsgraph.errors import Errors, StoreError, UsageError
from newsgraph.store.db import actor_rank
from newsgraph.store.parquet import sql_string, table_glob
from newsgraph.store.schema import SCHEMA_VERSION, TABLES

ATTACHED_KEY = "attached_dataset"


def _is_dataset(root: Path) -> bool:
    return (root / "articles").is_dir() or (root / "articles.parquet").is_file()


def _table_files(root: Path, table: str) -> str | None:
    """The files of one table: ``<table>/**/*.parquet`` (``ingest --engine dask --out``) or
    one ``<table>.parquet`` (``export --format parquet``); None when the dataset lacks it."""
    if (root / f"{table}.parquet").is_file():
        return str(root / f"{table}.parquet")
    return table_glob(root, table) if any((root / table).glob("**/*.parquet")) else None


def attached_dataset(db: Path) -> str | None:
    """The dataset a DuckDB file is attached to, or None (also for a store or no file)."""
    if not db.exists():
        return None
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute("SELECT value FROM meta WHERE key = ?", [ATTACHED_KEY]).fetchall()
    except duckdb.Error:  # no meta table (not a newsgraph file), or a writer holds it
        return None
    return rows[0][0] if rows else None


def attach(dataset: Path, db: Path) -> dict[str, int]:
    """Create (or refresh) views in ``db`` over the dataset at ``dataset``; row counts."""
    root = dataset.resolve()
    if not _is_dataset(root):
        raise UsageError(Errors.E320, path=dataset)
    try:
        con = duckdb.connect(str(db))
    except duckdb.Error as exc:
        raise StoreError(Errors.E312, path=db, detail=exc) from exc
    with con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "articles" in tables:
            raise UsageError(Errors.E321, path=db)
        for table, columns in TABLES.items():
            files = _table_files(root, table)
            if files is not None:
                source = f"read_parquet({sql_string(files)}, union_by_name = true, hive_partitioning = false)"
                present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
            else:  # a table the dataset lacks (an export leaves out what it does not hold)
                source, present = "(SELECT 1 WHERE false)", set()
            # Columns the schema gained after the files were written read as NULL.
            select = ", ".join(c.name if c.name in present else f"CAST(NULL AS {c.sql}) AS {c.name}" for c in columns)
            if table == "actors":  # every partition lists its actors: one row each, chosen as the store chooses
                con.execute(
                    f"CREATE OR REPLACE VIEW actors AS SELECT DISTINCT ON (id) {select} FROM {source} a ORDER BY id, {actor_rank('a')}"
                )
            else:
                con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT {select} FROM {source}")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), (?, ?)", [str(SCHEMA_VERSION), ATTACHED_KEY, str(root)])
        return {table: int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]) for table in TABLES}

"""A digest of everything a store holds, table by table, leaving out only the wall-clock
columns (when a row was written): two stores with equal digests hold the same rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from newsgraph.store.schema import TABLES

WALL_CLOCK = {"ingested_at", "seen_at", "failed_at"}


def table_digests(db: Path | str) -> dict[str, str]:
    """Table → SHA-256 of its rows (sorted, wall-clock columns left out) and their count."""
    digests: dict[str, str] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table, columns in TABLES.items():
            kept = ", ".join(c.name for c in columns if c.name not in WALL_CLOCK)
            rows = con.execute(f"SELECT {kept} FROM {table} ORDER BY ALL").fetchall()
            digest = hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()[:16]
            digests[table] = f"{len(rows)} rows {digest}"
    return digests


def store_digest(db: Path | str) -> str:
    """One digest for the whole store."""
    return hashlib.sha256(repr(sorted(table_digests(db).items())).encode("utf-8")).hexdigest()[:16]

"""Streaming building blocks for exports: run a query and write its rows in batches, so
memory stays bounded by one batch however large the store; files appear complete or not at
all (written beside the target, then renamed)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa

from newsgraph.errors import StoreError
from newsgraph.store.db import Store

BATCH_ROWS = 50_000


@contextlib.contextmanager
def atomic_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open ``path.part`` for writing and rename it to ``path`` once the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    try:
        with part.open(mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "") as handle:
            yield handle
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def batch_reader(store: Store, sql: str, params: Sequence[Any] = (), batch_rows: int = BATCH_ROWS) -> pa.RecordBatchReader:
    """A reader yielding the rows of a query ``batch_rows`` at a time (``.schema`` is known up front)."""
    try:
        return store.con.sql(sql, params=list(params)).to_arrow_reader(batch_rows)
    except duckdb.Error as exc:
        raise StoreError(f"export query on {store.path} failed: {exc}") from exc


def record_batches(reader: pa.RecordBatchReader, store: Store) -> Iterator[pa.RecordBatch]:
    """The batches of ``reader``, with query errors turned into StoreError."""
    try:
        yield from reader
    except duckdb.Error as exc:
        raise StoreError(f"export query on {store.path} failed: {exc}") from exc


def write_lines(store: Store, sql: str, params: Sequence[Any], path: Path, batch_rows: int = BATCH_ROWS) -> int:
    """Write the single text column of a query, one value a line; return the number of lines."""
    count = 0
    with atomic_file(path) as out:
        for batch in record_batches(batch_reader(store, sql, params, batch_rows), store):
            lines = batch.column(0).to_pylist()
            if lines:
                out.write("\n".join(lines))
                out.write("\n")
                count += len(lines)
    return count


@contextlib.contextmanager
def registered(store: Store, name: str, table: pa.Table) -> Iterator[None]:
    """Make an Arrow table queryable as ``name`` for the duration of the block."""
    store.con.register(name, table)
    try:
        yield
    finally:
        store.con.unregister(name)

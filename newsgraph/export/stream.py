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
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from newsgraph.errors import Errors, StoreError
from newsgraph.store.db import Store

BATCH_ROWS = 20_000
# Tables holding whole documents (an article's text and record) stream fewer rows at a time.
DOCUMENT_BATCH_ROWS = 1_000


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
        raise StoreError(Errors.E710, path=store.path, reason=exc) from exc


def record_batches(reader: pa.RecordBatchReader, store: Store) -> Iterator[pa.RecordBatch]:
    """The batches of ``reader``, with query errors turned into StoreError."""
    try:
        yield from reader
    except duckdb.Error as exc:
        raise StoreError(Errors.E710, path=store.path, reason=exc) from exc


def _text_bytes(column: pa.Array) -> memoryview:
    """The UTF-8 bytes of a text column, each value followed by a newline, without making
    Python strings of them."""
    lines = pc.binary_join_element_wise(column, pa.scalar("", column.type), pa.scalar("\n", column.type))
    width = np.int64 if pa.types.is_large_string(lines.type) else np.int32
    offsets = np.frombuffer(lines.buffers()[1], dtype=width)[lines.offset : lines.offset + len(lines) + 1]
    return memoryview(lines.buffers()[2])[int(offsets[0]) : int(offsets[-1])]


def write_lines(store: Store, sql: str, params: Sequence[Any], path: Path, batch_rows: int = BATCH_ROWS) -> int:
    """Write the single text column of a query, one value a line; return the number of lines."""
    count = 0
    with atomic_file(path, "wb") as out:
        for batch in record_batches(batch_reader(store, sql, params, batch_rows), store):
            if batch.num_rows:
                out.write(_text_bytes(batch.column(0)))
                count += batch.num_rows
    return count


@contextlib.contextmanager
def registered(store: Store, name: str, table: pa.Table) -> Iterator[None]:
    """Make an Arrow table queryable as ``name`` for the duration of the block."""
    store.con.register(name, table)
    try:
        yield
    finally:
        store.con.unregister(name)

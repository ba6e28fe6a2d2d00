"""Every store table — and the actor network's nodes and edges — as Parquet, CSV or
JSON Lines files in one folder, one file per table (``articles.parquet``, ``events.csv`` …).

Parquet keeps the store's column types, so ``newsgraph.open(folder)`` reads an export back
as a store. CSV writes list columns (an actor's roles) as JSON arrays; JSON Lines writes the
article record as a nested object; both write binary columns (MinHash signatures) as base64.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from newsgraph.errors import Errors, UsageError
from newsgraph.export.network import edges_sql, nodes_sql
from newsgraph.export.stream import BATCH_ROWS, DOCUMENT_BATCH_ROWS, atomic_file, batch_reader, record_batches, write_lines
from newsgraph.store.db import Store
from newsgraph.store.queries import Filters
from newsgraph.store.schema import TABLES


class TableFormat(StrEnum):
    """File formats for table exports."""

    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


DERIVED = ("network_nodes", "network_edges")


@dataclass
class TablesExport:
    """What a table export wrote: rows per table and the files."""

    rows: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def table_names() -> list[str]:
    """The tables an export writes by default: the store's, then the derived ones."""
    return [*TABLES, *DERIVED]


def table_sql(store: Store, table: str, fmt: TableFormat) -> tuple[str, list[object]]:
    """The query that reads one table for export, with columns made fit for ``fmt``."""
    if table == "network_nodes":
        return nodes_sql(store, Filters(limit=None))
    if table == "network_edges":
        return edges_sql(store, Filters(limit=None))
    if table not in TABLES:
        raise UsageError(Errors.E709, table=table, tables=", ".join(table_names()))
    columns = []
    for column in TABLES[table]:
        if fmt is not TableFormat.parquet and column.sql == "BLOB":
            columns.append(f"to_base64({column.name}) AS {column.name}")  # text formats carry bytes as base64
        elif fmt is TableFormat.csv and column.sql.endswith("[]"):
            columns.append(f"CAST(to_json({column.name}) AS VARCHAR) AS {column.name}")
        else:
            columns.append(column.name)
    return f"SELECT {', '.join(columns)} FROM {table}", []


def _write_parquet(reader: pa.RecordBatchReader, store: Store, path: Path) -> int:
    rows = 0
    with atomic_file(path, "wb") as handle, pq.ParquetWriter(handle, reader.schema, compression="zstd") as writer:
        for batch in record_batches(reader, store):
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def _write_csv(reader: pa.RecordBatchReader, store: Store, path: Path) -> int:
    rows = 0
    with atomic_file(path, "wb") as handle, pacsv.CSVWriter(handle, reader.schema) as writer:
        for batch in record_batches(reader, store):
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows


def write_tables(store: Store, out: Path, fmt: TableFormat, tables: list[str] | None = None, batch_rows: int = BATCH_ROWS) -> TablesExport:
    """Write each table to ``out/<table>.<fmt>``, streaming ``batch_rows`` rows at a time."""
    result = TablesExport()
    names = tables or table_names()
    queries = {name: table_sql(store, name, fmt) for name in names}  # unknown names fail before writing
    out.mkdir(parents=True, exist_ok=True)
    for name, (sql, params) in queries.items():
        path = out / f"{name}.{fmt.value}"
        documents = any(c.sql == "JSON" for c in TABLES.get(name, []))
        rows = min(batch_rows, DOCUMENT_BATCH_ROWS) if documents else batch_rows
        if fmt is TableFormat.jsonl:
            count = write_lines(store, f"SELECT CAST(to_json(t) AS VARCHAR) FROM ({sql}) t", params, path, rows)
        else:
            reader = batch_reader(store, sql, params, rows)
            count = (_write_parquet if fmt is TableFormat.parquet else _write_csv)(reader, store, path)
        result.rows[name] = count
        result.files.append(path)
    return result

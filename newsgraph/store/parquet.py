"""A Parquet dataset with the store's tables and columns (``schema.TABLES``), partitioned
by publication month: ``DIR/<table>/month=YYYY-MM/part-<key>.parquet`` (``month=unknown``
when an article has no date; failures in ``DIR/failures/part-<key>.parquet``).

Each input partition writes its own files, named by the partition's key and the run, so no
run ever replaces what an earlier one wrote; they are written to hidden temporary files and
renamed into place when the partition is done, the articles file last, so an article is in
the dataset only with all its rows (``prepare_dataset`` removes the files of a commit that a
kill cut short before its articles file). Article ids already in the dataset are skipped
before analysis, and ``deduplicate`` removes an id written by two partitions of one run, so
the dataset holds each article once however often it is re-run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsgraph.model import Article, InputFailure
from newsgraph.store.db import WriteResult
from newsgraph.store.rows import article_rows, failure_row
from newsgraph.store.schema import TABLES, arrow_schema

UNKNOWN_MONTH = "unknown"
SCHEMA_FILE = "_schema.parquet"
_TMP_SUFFIX = ".parquet.tmp"
_HEX_ID_LENGTH = 16


def month_of(published: dt.date | None) -> str:
    """The partition value for a publication date."""
    return f"{published.year:04d}-{published.month:02d}" if published else UNKNOWN_MONTH


def table_glob(root: Path, table: str) -> str:
    """The glob matching every Parquet file of one table (absolute)."""
    return str(root.resolve() / table / "**" / "*.parquet")


def sql_string(value: str) -> str:
    """A SQL string literal, for the file paths of DDL statements (which take no parameters)."""
    return "'" + value.replace("'", "''") + "'"


def prepare_dataset(root: Path) -> None:
    """Create the folders with a zero-row schema file per table (so every table is
    queryable from the start) and remove what a killed run left behind: temporary files, and
    the rows of a partition whose commit stopped before its articles file was in place."""
    for table in TABLES:
        folder = root / table
        folder.mkdir(parents=True, exist_ok=True)
        schema_file = folder / SCHEMA_FILE
        schema = arrow_schema(table)
        if not schema_file.exists() or pq.read_schema(schema_file) != schema:
            pq.write_table(schema.empty_table(), schema_file)
        for stale in folder.glob(f"**/.*{_TMP_SUFFIX}"):
            stale.unlink(missing_ok=True)
    committed = {path.name for path in (root / "articles").glob("**/part-*.parquet")}
    for table in TABLES:
        if table in ("articles", "failures"):
            continue  # failures stand alone: a partition may fail every article it read
        for path in (root / table).glob("**/part-*.parquet"):
            if path.name not in committed:
                path.unlink()


class IdSet:
    """A compact set of article ids (16 hex digits each, stored as 64-bit integers)."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        numbers: list[int] = []
        self.other: set[str] = set()
        for value in ids:
            if len(value) == _HEX_ID_LENGTH:
                try:
                    numbers.append(int(value, 16))
                    continue
                except ValueError:
                    pass
            self.other.add(value)
        self.numbers = np.unique(np.array(numbers, dtype=np.uint64))

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        if len(value) == _HEX_ID_LENGTH:
            try:
                number = np.uint64(int(value, 16))
            except ValueError:
                return value in self.other
            index = int(np.searchsorted(self.numbers, number))
            return index < len(self.numbers) and self.numbers[index] == number
        return value in self.other

    def __len__(self) -> int:
        return len(self.numbers) + len(self.other)


def existing_ids(root: Path) -> IdSet:
    """The article ids already in the dataset at ``root``."""
    if not (root / "articles").is_dir():
        return IdSet()
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT id FROM read_parquet({sql_string(table_glob(root, 'articles'))}, hive_partitioning = false, union_by_name = true)"
        ).fetchall()
    return IdSet(row[0] for row in rows)


class PartitionWriter:
    """Writes one partition's rows; has the ``classify``/``write`` of a Store, so that
    ``run.job.ingest_items`` can fill it. ``commit`` puts the files in place."""

    def __init__(self, root: Path, key: str, skip: IdSet | None = None, rows_per_group: int = 10_000) -> None:
        self.root = root
        self.key = key
        self.skip = skip or IdSet()
        self.rows_per_group = rows_per_group
        self.written: set[str] = set()
        self._buffers: dict[Path, list[dict[str, Any]]] = defaultdict(list)
        self._writers: dict[Path, pq.ParquetWriter] = {}

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    def _path(self, table: str, month: str | None) -> Path:
        folder = self.root / table if month is None else self.root / table / f"month={month}"
        return folder / f"part-{self.key}.parquet"

    def _table(self, path: Path) -> str:
        return path.relative_to(self.root).parts[0]

    def classify(self, articles: Sequence[Article]) -> dict[str, Article | None]:
        """The articles the dataset or this partition already holds: unchanged (a dataset's
        files are never rewritten, so metadata is not corrected there)."""
        return {a.id: None for a in articles if a.id in self.skip or a.id in self.written}

    def write(self, articles: Iterable[Article], failures: Iterable[InputFailure] = (), replace: Collection[str] = ()) -> WriteResult:
        """Buffer the rows of new articles and of failures (written in row groups)."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        stored: list[str] = []
        unchanged: list[str] = []
        for article in articles:
            if article.id in self.written or article.id in self.skip:
                unchanged.append(article.id)
                continue
            self.written.add(article.id)
            stored.append(article.id)
            rows = article_rows(article, now)
            month = month_of(rows["articles"][0]["published"])
            for table, table_rows in rows.items():
                self._buffers[self._path(table, month)].extend(table_rows)
        failure_rows = [failure_row(f, now) for f in failures]
        self._buffers[self._path("failures", None)].extend(failure_rows)
        for path in [p for p, buffered in self._buffers.items() if len(buffered) >= self.rows_per_group]:
            self._flush(path)
        return WriteResult(stored, unchanged, len(failure_rows))

    def _flush(self, path: Path) -> None:
        rows = self._buffers.pop(path, [])
        if not rows:
            return
        schema = arrow_schema(self._table(path))
        if path not in self._writers:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writers[path] = pq.ParquetWriter(_tmp(path), schema)
        self._writers[path].write_table(pa.Table.from_pylist(rows, schema=schema))

    def commit(self) -> None:
        """Write what is buffered and move the files into place, the articles file last."""
        for path in list(self._buffers):
            self._flush(path)
        for writer in self._writers.values():
            writer.close()
        for path in sorted(self._writers, key=lambda p: self._table(p) == "articles"):
            _tmp(path).replace(path)
        self._writers.clear()

    def abort(self) -> None:
        """Drop everything this partition wrote."""
        for path, writer in self._writers.items():
            writer.close()
            _tmp(path).unlink(missing_ok=True)
        self._writers.clear()
        self._buffers.clear()


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.stem}{_TMP_SUFFIX}")


def failures_key(failures: Sequence[InputFailure]) -> str:
    """A key for a file of failures found outside any partition (e.g. a missing input)."""
    return "inputs-" + hashlib.sha256("\n".join(map(str, failures)).encode()).hexdigest()[:16]


def deduplicate(root: Path) -> int:
    """Remove articles stored by more than one partition (keeping the copy in the file that
    sorts first) with all their rows, and failures recorded again by a re-run; the number of
    articles removed."""
    _deduplicate_failures(root)
    with duckdb.connect() as con:
        rows = con.execute(
            f"""
            WITH a AS (SELECT id, filename FROM read_parquet({sql_string(table_glob(root, "articles"))},
                                                              filename = true, hive_partitioning = false, union_by_name = true))
            SELECT id, filename FROM a WHERE id IN (SELECT id FROM a GROUP BY id HAVING count(*) > 1)
            ORDER BY id, filename
            """
        ).fetchall()
    drop: dict[str, set[str]] = defaultdict(set)
    previous = None
    for article_id, filename in rows:
        if article_id == previous:
            drop[Path(filename).name].add(article_id)
        previous = article_id
    for name, ids in drop.items():
        for path in root.glob(f"*/**/{name}"):
            column = "id" if path.relative_to(root).parts[0] == "articles" else "article_id"
            table = pq.read_table(path)
            if column not in table.column_names:
                continue
            kept = table.filter(pc.invert(pc.is_in(table[column], value_set=pa.array(sorted(ids)))))
            tmp = _tmp(path)
            pq.write_table(kept, tmp)
            tmp.replace(path)
    return sum(len(ids) for ids in drop.values())


def _deduplicate_failures(root: Path) -> None:
    # As in the store, a failure is one (path, line, reason): a re-run meeting the same broken
    # record again does not record it twice.
    seen: set[tuple[Any, ...]] = set()
    for path in sorted((root / "failures").glob("part-*.parquet")):
        table = pq.read_table(path)
        keys = list(zip(*(table[c].to_pylist() for c in ("path", "line", "reason")), strict=True))
        fresh = [key not in seen for key in keys]
        seen.update(keys)
        if all(fresh):
            continue
        if any(fresh):
            tmp = _tmp(path)
            pq.write_table(table.filter(pa.array(fresh)), tmp)
            tmp.replace(path)
        else:
            path.unlink()

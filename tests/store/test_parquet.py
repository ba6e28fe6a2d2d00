"""The Parquet dataset: store columns, month partitions, all-or-nothing partitions, the id
set, and removal of an article two partitions wrote."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article, InputFailure
from newsgraph.pipeline import Analyzer
from newsgraph.store.parquet import IdSet, PartitionWriter, deduplicate, existing_ids, prepare_dataset, table_glob
from newsgraph.store.schema import TABLES, arrow_schema


@pytest.fixture(scope="module")
def analysed(corpus: tuple[Path, int], analyzer: Analyzer) -> list[Article]:
    articles = [a for a in read_articles([str(corpus[0])], ReadOptions()) if isinstance(a, Article)][:8]
    return list(analyzer.analyze_many(articles))


def _count(root: Path, table: str) -> int:
    return duckdb.sql(f"SELECT count(*) FROM read_parquet('{table_glob(root, table)}', union_by_name = true)").fetchall()[0][0]


def test_a_partition_writes_store_tables_by_month(tmp_path: Path, analysed: list[Article]) -> None:
    prepare_dataset(tmp_path)
    with PartitionWriter(tmp_path, "k1", rows_per_group=5) as writer:
        result = writer.write(analysed, [InputFailure("bad.jsonl", "malformed JSON", 3)])
        assert result.stored == [a.id for a in analysed]
        assert writer.write(analysed[:2]).unchanged == [a.id for a in analysed[:2]]
    months = {f"month={a.published[:7]}" for a in analysed if a.published}
    assert {p.name for p in (tmp_path / "articles").iterdir() if p.is_dir()} == months
    for table in TABLES:
        for path in (tmp_path / table).glob("**/part-k1.parquet"):
            assert pq.read_schema(path) == arrow_schema(table)
    assert _count(tmp_path, "articles") == len(analysed)
    assert _count(tmp_path, "mentions") == sum(len(m.mentions) for a in analysed for m in a.actors)
    assert _count(tmp_path, "failures") == 1
    assert not list(tmp_path.glob("**/*.tmp"))


def test_an_aborted_partition_leaves_nothing(tmp_path: Path, analysed: list[Article]) -> None:
    with pytest.raises(RuntimeError), PartitionWriter(tmp_path, "k2", rows_per_group=1) as writer:
        writer.write(analysed)
        raise RuntimeError("worker lost")
    assert not [p for p in tmp_path.glob("**/*") if p.is_file()]


def test_id_set_holds_hex_ids_compactly_and_others_as_they_are() -> None:
    ids = IdSet(["00ff00ff00ff00ff", "ffffffffffffffff", "custom-id"])
    assert "00ff00ff00ff00ff" in ids and "ffffffffffffffff" in ids and "custom-id" in ids
    assert "00ff00ff00ff00fe" not in ids and "other" not in ids and len(ids) == 3


def test_duplicates_across_partitions_are_removed_with_their_rows(tmp_path: Path, analysed: list[Article]) -> None:
    prepare_dataset(tmp_path)
    with PartitionWriter(tmp_path, "a") as writer:
        writer.write(analysed[:5])
    moved = [dataclasses.replace(a, published="2023-12-01") for a in analysed[3:]]  # same ids, another month
    with PartitionWriter(tmp_path, "b") as writer:
        writer.write(moved)
    assert _count(tmp_path, "articles") == len(analysed) + 2
    assert deduplicate(tmp_path) == 2
    assert _count(tmp_path, "articles") == len(analysed)
    assert _count(tmp_path, "mentions") == sum(len(m.mentions) for a in analysed for m in a.actors)
    ids = existing_ids(tmp_path)
    assert len(ids) == len(analysed) and all(a.id in ids for a in analysed)
    assert deduplicate(tmp_path) == 0


def test_a_commit_cut_before_its_articles_file_is_removed_on_the_next_run(tmp_path: Path, analysed: list[Article]) -> None:
    prepare_dataset(tmp_path)
    with PartitionWriter(tmp_path, "done") as writer:
        writer.write(analysed[:4])
    with PartitionWriter(tmp_path, "cut") as writer:
        writer.write(analysed[4:])
    for path in (tmp_path / "articles").glob("**/part-cut.parquet"):
        path.unlink()  # as if killed after the other tables were renamed into place
    assert _count(tmp_path, "mentions") > sum(len(m.mentions) for a in analysed[:4] for m in a.actors)
    prepare_dataset(tmp_path)
    assert _count(tmp_path, "articles") == 4
    assert _count(tmp_path, "mentions") == sum(len(m.mentions) for a in analysed[:4] for m in a.actors)
    assert not list(tmp_path.glob("**/part-cut.parquet"))


def test_a_rerun_that_only_records_failures_keeps_what_earlier_runs_stored(tmp_path: Path, analysed: list[Article]) -> None:
    prepare_dataset(tmp_path)
    with PartitionWriter(tmp_path, "p-run1") as writer:
        writer.write(analysed, [InputFailure("cut.jsonl.gz", "archive ends mid-record")])
    with PartitionWriter(tmp_path, "p-run2", skip=existing_ids(tmp_path)) as writer:
        assert writer.write(analysed, [InputFailure("cut.jsonl.gz", "archive ends mid-record")]).stored == []
    assert _count(tmp_path, "articles") == len(analysed)
    assert (deduplicate(tmp_path), _count(tmp_path, "failures")) == (0, 1)  # recorded once, as in the store


def test_a_rerun_that_skips_stored_articles_keeps_their_rows(tmp_path: Path, analysed: list[Article]) -> None:
    """A re-run of a partition whose articles are all stored writes only its failures: the rows
    the first run committed must stay (they were deleted as 'stale' before)."""
    prepare_dataset(tmp_path)
    failure = InputFailure("cut.jsonl.gz", "truncated", 9)
    with PartitionWriter(tmp_path, "p") as writer:
        writer.write(analysed[:3], [failure])
    with PartitionWriter(tmp_path, "p", skip=existing_ids(tmp_path)) as writer:
        assert writer.write(analysed[:3], [failure]).stored == []
    assert _count(tmp_path, "articles") == 3
    assert _count(tmp_path, "mentions") == sum(len(m.mentions) for a in analysed[:3] for m in a.actors)
    assert _count(tmp_path, "failures") == 1

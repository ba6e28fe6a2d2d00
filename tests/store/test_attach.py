"""attach: the CLI queries a Parquet dataset through views, sees later files at once, reads
columns the files lack as NULL, and refuses to mix a dataset and a store."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.config import ReadOptions
from newsgraph.errors import UsageError
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from newsgraph.pipeline import Analyzer
from newsgraph.store import Filters, Store, list_actors, list_articles
from newsgraph.store.attach import attach, attached_dataset
from newsgraph.store.parquet import PartitionWriter, prepare_dataset
from tests.support.commands import run_newsgraph


@pytest.fixture(scope="module")
def analysed(corpus: tuple[Path, int], analyzer: Analyzer) -> list[Article]:
    articles = [a for a in read_articles([str(corpus[0])], ReadOptions()) if isinstance(a, Article)][:6]
    return list(analyzer.analyze_many(articles))


def test_listings_read_the_dataset_and_its_later_files(tmp_path: Path, analysed: list[Article]) -> None:
    root, db = tmp_path / "dataset", tmp_path / "view.duckdb"
    prepare_dataset(root)
    with PartitionWriter(root, "first") as writer:
        writer.write(analysed[:4])
    counts = attach(root, db)
    assert counts["articles"] == 4
    assert attached_dataset(db) == str(root.resolve())
    with PartitionWriter(root, "second") as writer:
        writer.write(analysed[4:])
    with Store.open(db, read_only=True) as store:
        assert store.counts()["articles"] == len(analysed)
        assert store.article(analysed[0].id).to_dict() == analysed[0].to_dict()
        listed = list_articles(store, Filters(limit=None)).to_pylist()
        assert {row["id"] for row in listed} == {a.id for a in analysed}
        actors = list_actors(store, Filters(limit=None)).to_pylist()
        assert len({row["id"] for row in actors}) == len(actors), "each actor once, though every partition lists it"
    result = run_newsgraph("articles", "--db", str(db), "--format", "json", "--limit", "0")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == len(analysed)


def test_columns_missing_from_older_files_read_as_null(tmp_path: Path, analysed: list[Article]) -> None:
    root = tmp_path / "dataset"
    with PartitionWriter(root, "old") as writer:
        writer.write(analysed[:2])
    for path in (root / "articles").glob("**/*.parquet"):
        pq.write_table(pq.read_table(path).drop_columns(["site_name"]), path)
    attach(root, tmp_path / "view.duckdb")
    with Store.open(tmp_path / "view.duckdb", read_only=True) as store:
        rows = store.query("SELECT id, site_name FROM articles").to_pylist()
    assert len(rows) == 2 and all(row["site_name"] is None for row in rows)


def test_a_store_and_a_dataset_do_not_mix(tmp_path: Path, analysed: list[Article]) -> None:
    root = tmp_path / "dataset"
    with PartitionWriter(root, "only") as writer:
        writer.write(analysed[:1])
    store_db = tmp_path / "store.duckdb"
    Store.open(store_db).close()
    with pytest.raises(UsageError, match="store with its own tables"):
        attach(root, store_db)
    with pytest.raises(UsageError, match="not a newsgraph Parquet dataset"):
        attach(tmp_path / "nowhere", tmp_path / "view.duckdb")
    view_db = tmp_path / "view.duckdb"
    attach(root, view_db)
    result = run_newsgraph("ingest", "-", "--db", str(view_db), stdin="")
    assert result.returncode == 2 and "attached to the Parquet dataset" in result.stderr


def test_an_export_folder_attaches_too(tmp_path: Path, analysed: list[Article]) -> None:
    # Issue 16 item 4: 'export --format parquet' writes one <table>.parquet per table.
    store_db = tmp_path / "store.duckdb"
    with Store.open(store_db) as store:
        store.write(analysed[:3])
    exported = run_newsgraph("export", "--db", str(store_db), "--format", "parquet", "--out", str(tmp_path / "export"))
    assert exported.returncode == 0, exported.stderr
    counts = attach(tmp_path / "export", tmp_path / "view.duckdb")
    assert counts["articles"] == 3
    with Store.open(tmp_path / "view.duckdb", read_only=True) as store:
        assert store.article(analysed[0].id).to_dict() == analysed[0].to_dict()

"""Dask on a LocalCluster of two worker processes: ingest writes a dataset holding what a
store ingest holds, a re-run adds nothing, a corrupt file is named and skipped; the engine
analyses batches as one process does."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from newsgraph.pipeline import Analyzer
from newsgraph.run.cluster import ClusterJob, DaskEngine, dask_client, run_cluster_ingest
from newsgraph.run.engine import InProcess
from newsgraph.run.job import ingest_items
from newsgraph.store import Store
from newsgraph.store.attach import attach
from tests.support.commands import run_newsgraph

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with dask_client("local", workers=2) as client:
        yield client


@pytest.fixture
def inputs(tmp_path: Path, corpus: tuple[Path, int]) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(corpus[0], folder / "a.jsonl")
    packed = gzip.compress(corpus[0].read_bytes())
    (folder / "b_cut.jsonl.gz").write_bytes(packed[: len(packed) // 3])
    return folder


def _records(db: Path) -> dict[str, dict]:
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT id, record FROM articles").to_pylist()
    records = {row["id"]: json.loads(row["record"]) for row in rows}
    for record in records.values():
        record.pop("input")  # which copy of a repeated article is kept may differ
    return records


def test_cluster_dataset_equals_a_store_ingest_and_reruns_add_nothing(
    client: object, tmp_path: Path, inputs: Path, corpus: tuple[Path, int], analyzer: Analyzer
) -> None:
    job = ClusterJob(tmp_path / "dataset", ReadOptions(), PipelineConfig(), batch_size=8)
    report = run_cluster_ingest([str(inputs)], job, client, partition_bytes=6_000)  # type: ignore[arg-type]
    assert report.ingested == corpus[1]
    assert report.unchanged > 0, "the cut archive repeats the first articles of the corpus"
    assert [f.path for f in report.failures] == [str(inputs / "b_cut.jsonl.gz")]
    assert len({p.name for p in (job.out / "articles").glob("*/part-*.parquet")}) > 2, "several partitions"

    again = run_cluster_ingest([str(inputs)], job, client, partition_bytes=6_000)  # type: ignore[arg-type]
    assert (again.ingested, again.unchanged) == (0, report.ingested + report.unchanged)

    with Store.open(tmp_path / "store.duckdb") as store:
        ingest_items(read_articles([str(inputs)], ReadOptions()), store, analyzer)
    attach(job.out, tmp_path / "view.duckdb")
    with Store.open(tmp_path / "view.duckdb", read_only=True) as view, Store.open(tmp_path / "store.duckdb", read_only=True) as store:
        assert view.counts() == store.counts()
    assert _records(tmp_path / "view.duckdb") == _records(tmp_path / "store.duckdb")


def test_cli_ingests_through_a_scheduler_address_then_attaches(client: Any, tmp_path: Path, corpus: tuple[Path, int]) -> None:
    out, db = tmp_path / "dataset", tmp_path / "view.duckdb"
    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    first = run_newsgraph("ingest", str(corpus[0]), "--engine", "dask", "--scheduler", address, "--out", str(out), "--partition-mb", "0.02")
    assert first.returncode == 0, first.stderr
    assert f"ingested {corpus[1]}, unchanged 0, failed 0" in first.stderr
    assert run_newsgraph("attach", str(out), "--db", str(db)).returncode == 0
    listed = run_newsgraph("articles", "--db", str(db), "--format", "jsonl", "--limit", "0")
    assert len(listed.stdout.splitlines()) == corpus[1]


def test_the_dask_engine_gives_the_results_of_one_process(client: Any, corpus: tuple[Path, int], analyzer: Analyzer) -> None:
    articles = [a for a in read_articles([str(corpus[0])], ReadOptions()) if isinstance(a, Article)][:6]
    batches = [(n, articles[i : i + 2]) for n, i in enumerate(range(0, len(articles), 2))] + [(3, [])]
    expected = {tag: [r.to_dict() for r in results] for tag, results in InProcess(analyzer=analyzer).map(batches)}
    engine = DaskEngine(client, PipelineConfig(), in_flight=2)
    ordered = [(tag, [r.to_dict() for r in results]) for tag, results in engine.map(batches, ordered=True)]
    assert ordered == list(expected.items())
    unordered = {tag: [r.to_dict() for r in results] for tag, results in engine.map(batches, ordered=False)}
    assert unordered == expected

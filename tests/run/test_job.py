"""The main job with worker processes: the store ends as with one process, repeats count as
unchanged, and analyze keeps input order with failures where they occurred."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article, InputFailure
from newsgraph.pipeline import Analyzer
from newsgraph.run.job import analyze_items, ingest_items
from newsgraph.run.pool import WorkerPool
from newsgraph.store import Store
from tests.support.corpus import write_corpus


def _records(store: Store) -> dict[str, dict]:
    rows = store.query("SELECT id, record FROM articles").to_pylist()
    return {row["id"]: json.loads(row["record"]) for row in rows}


@pytest.mark.slow
def test_two_workers_store_what_one_process_stores(tmp_path: Path, examples_dir: Path, analyzer: Analyzer, worker_pool: WorkerPool) -> None:
    corpus = tmp_path / "corpus.jsonl"
    total = write_corpus(examples_dir, corpus, copies=2)
    lines = corpus.read_text().splitlines()
    corpus.write_text("\n".join([*lines, lines[0], lines[5]]) + "\n")  # two repeats
    with Store.open(tmp_path / "one.duckdb") as one, Store.open(tmp_path / "two.duckdb") as two:
        single = ingest_items(read_articles([str(corpus)], ReadOptions()), one, analyzer, batch_size=4)
        seen: list[int] = []
        parallel = ingest_items(
            read_articles([str(corpus)], ReadOptions()),
            two,
            worker_pool,
            batch_size=4,
            on_batch=lambda report, _: seen.append(report.ingested),
        )
        assert (
            (parallel.ingested, parallel.unchanged, parallel.failed) == (single.ingested, single.unchanged, single.failed) == (total, 2, 0)
        )
        assert parallel.words == single.words
        assert seen == sorted(seen) and len(seen) > 2, "results are written batch by batch as they arrive"
        assert one.counts() == two.counts()
        assert _records(one) == _records(two)


@pytest.mark.slow
def test_analyze_with_workers_keeps_input_order_and_failures_in_place(tmp_path: Path, examples_dir: Path, worker_pool: WorkerPool) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(examples_dir, corpus, copies=1)
    lines = corpus.read_text().splitlines()
    lines.insert(3, "{this line is not JSON")
    lines.insert(9, json.dumps({"id": "no-text", "title": "A record without text"}))
    corpus.write_text("\n".join(lines) + "\n")
    items = list(analyze_items(read_articles([str(corpus)], ReadOptions()), worker_pool, batch_size=2))
    assert [item.line if isinstance(item, InputFailure) else item.input.line for item in items] == list(range(1, len(lines) + 1))
    assert [n for n, item in enumerate(items, start=1) if isinstance(item, InputFailure)] == [4, 10]
    assert all(item.actors for item in items if isinstance(item, Article))

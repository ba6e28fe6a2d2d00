"""The main job with worker processes: the store ends as with one process, repeats count as
unchanged, and analyze keeps input order with failures where they occurred."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph import corpus
from newsgraph.config import ReadOptions
from newsgraph.corpus.integrity import check_corpus
from newsgraph.errors import Errors
from newsgraph.ingest import read_articles
from newsgraph.model import Article, InputFailure
from newsgraph.pipeline import Analyzer
from newsgraph.run.job import IngestReport, analyze_items, ingest_items
from newsgraph.run.pool import WorkerPool
from newsgraph.store import Store
from tests.support.commands import run_newsgraph
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


def test_a_corrected_date_updates_the_stored_article_and_a_rerun_changes_nothing(tmp_path: Path, analyzer: Analyzer) -> None:
    text = (
        "Latvia's foreign minister met his Estonian counterpart in Riga on Tuesday to discuss border security, "
        "the ministry said.\n\nThe two ministers agreed to meet again in Tallinn next month."
    )
    source = tmp_path / "riga.txt"
    source.write_text(text)
    db = tmp_path / "store.duckdb"

    def ingest(published: str | None) -> IngestReport:
        with Store.open(db) as store:
            log = corpus.SourceLog()
            report = ingest_items(log.watch(read_articles([str(source)], ReadOptions(published=published))), store, analyzer)
            corpus.update(store, log.seen)
        return report

    first = ingest(None)
    assert (first.ingested, first.undated) == (1, 1) and first.warnings()[0].startswith(f"[{Errors.E306.code}] warning: 1 of the 1")
    second = ingest("2024-05-06")
    assert (second.ingested, len(second.updated), second.unchanged, second.undated, second.warnings()) == (0, 1, 0, 0, [])
    assert second.summary() == "ingested 0, updated 1, unchanged 0, failed 0"
    third = ingest("2024-05-06")
    assert (third.ingested, third.updated, third.unchanged) == (0, [], 1)
    with Store.open(db, read_only=True) as store:
        (record,) = [json.loads(r) for r in store.query("SELECT record FROM articles").column("record").to_pylist()]
        assert record["published"] == "2024-05-06"
        dates = {e["trigger"]["text"]: e["date"] for e in record["events"]}
        assert dates["met"] == "2024-04-30", "'on Tuesday' resolved against the corrected date"
        assert store.counts()["events"] == len(record["events"]) and list(check_corpus(store).lines()) == []


def test_a_reprint_in_the_same_run_is_a_sighting_and_the_rerun_a_no_op(tmp_path: Path, analyzer: Analyzer) -> None:
    text = "Lithuania's defence minister said on Monday that NATO would keep its air policing mission over the Baltic states."
    dump = tmp_path / "dump.jsonl"
    records = [{"text": text, "outlet": "Baltic Ledger"}, {"text": text, "outlet": "Harbour Times", "published": "2024-05-06"}]
    dump.write_text("".join(json.dumps(r) + "\n" for r in records))
    reports = []
    with Store.open(tmp_path / "store.duckdb") as store:
        for _ in range(2):
            log = corpus.SourceLog()
            reports.append(ingest_items(log.watch(read_articles([str(dump)], ReadOptions())), store, analyzer))
            corpus.update(store, log.seen)
        (outlet, published) = store.query("SELECT outlet, published FROM articles").to_pylist()[0].values()
        assert (outlet, published) == ("Baltic Ledger", None) and store.counts()["article_sources"] == 2
    assert [(r.ingested, r.updated, r.unchanged) for r in reports] == [(1, [], 1), (0, [], 2)]


@pytest.mark.slow
def test_the_command_line_warns_once_about_undated_articles(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    days = ("Monday", "Tuesday", "Wednesday")
    dump.write_text("".join(json.dumps({"text": f"Estonia and Finland signed a grid agreement in Tallinn on {d}."}) + "\n" for d in days))
    result = run_newsgraph("ingest", str(dump), "--db", str(tmp_path / "s.duckdb"), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "ingested 3, unchanged 0, failed 0",
        f"newsgraph: [{Errors.E306.code}] warning: 3 of the 3 articles stored have no publication date, so their relative dates "
        "('on Tuesday') stay unresolved; give --published or a date field and ingest them again",
    ]

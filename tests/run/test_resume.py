"""Kill -9 in the middle of an ingest, run it again: the store must equal a clean run's —
same article ids, same rows in every table, no duplicates, no orphans. For the DuckDB store
(also killed in the cross-article stage) and for the Dask engine's Parquet dataset.
``bench/crash_resume.py`` runs the same trials twenty times per engine at random kill points."""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph.corpus.integrity import check_corpus
from newsgraph.store import Store
from tests.support.crash import (
    differences,
    ingest_command,
    kill_group,
    kill_in_stage,
    run_to_end,
    snapshot,
    start_ingest,
    write_corpus,
    write_edited_copies,
)


def _wait_for(condition: Callable[[], bool], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("the ingest wrote nothing in time")


def _kill_after_first_write(command: list[str], written: Callable[[], bool], rng: random.Random, max_delay: float) -> None:
    """Start the ingest, wait until it has written something (load-independent, unlike a
    fixed delay), then SIGKILL it and its workers within ``max_delay`` seconds."""
    process = start_ingest(command)
    try:
        _wait_for(lambda: written() or process.poll() is not None)
        time.sleep(rng.uniform(0.0, max_delay))
    finally:
        kill_group(process)


def _wal_grew(db: Path) -> Callable[[], bool]:
    # DuckDB's write-ahead log grows by tens of kilobytes per batch, past the few the schema takes.
    wal = db.with_name(db.name + ".wal")
    return lambda: wal.exists() and wal.stat().st_size > 20_000


def _trials(
    engine: str, tmp_path: Path, articles: int, targets: list[Path], written: Callable[[Path], Callable[[], bool]], max_delay: float
) -> None:
    """A clean run, then for each target: kill after the first write, check that the kill
    left a partial store, run again, compare with the clean run."""
    corpus = tmp_path / "corpus.jsonl"
    total = write_corpus(corpus, articles)
    clean = tmp_path / ("clean.duckdb" if engine == "local" else "clean")
    run_to_end(ingest_command(engine, corpus, clean, workers=1))
    expected = snapshot(engine, clean)
    assert len(expected.ids) == total and expected.problems == []
    rng = random.Random(20240329)
    for target in targets:
        command = ingest_command(engine, corpus, target, workers=1)
        _kill_after_first_write(command, written(target), rng, max_delay)
        partial = len(snapshot(engine, target).ids)
        assert 0 < partial < total, f"{target.name}: killed with {partial} of {total} articles stored"
        run_to_end(command)
        assert differences(expected, snapshot(engine, target)) == []


@pytest.mark.slow
def test_kill_mid_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    _trials("local", tmp_path, 60, [tmp_path / f"killed{n}.duckdb" for n in range(2)], _wal_grew, max_delay=0.5)


@pytest.mark.slow
def test_kill_mid_dask_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    _trials("dask", tmp_path, 40, [tmp_path / "killed"], lambda out: lambda: any((out / "articles").glob("**/part-*.parquet")), 0.0)


@pytest.mark.slow
def test_kill_in_the_cross_article_stage_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    """A store of 12 articles takes 6 republished versions of them; the ingest is killed when
    its cross-article stage begins linking copies, or merging events."""
    base, edits = tmp_path / "base.jsonl", tmp_path / "edits.jsonl"
    write_corpus(base, 12)
    write_edited_copies(base, edits, 6)
    stored = tmp_path / "base.duckdb"
    run_to_end(ingest_command("local", base, stored, workers=1))

    def copy_of_base(name: str) -> Path:
        target = tmp_path / name
        shutil.copy(stored, target)
        if stored.with_name(stored.name + ".wal").exists():
            shutil.copy(stored.with_name(stored.name + ".wal"), target.with_name(target.name + ".wal"))
        return target

    clean = copy_of_base("clean.duckdb")
    run_to_end(ingest_command("local", edits, clean, workers=1))
    expected = snapshot("local", clean)
    assert expected.problems == [] and expected.counts["copies"] >= 6 and expected.counts["event_clusters"] > 0
    for stage in ("copies", "clusters"):
        target = copy_of_base(f"killed-{stage}.duckdb")
        command = ingest_command("local", edits, target, workers=1)
        assert kill_in_stage(command, stage) == -9
        with Store.open(target, read_only=True) as store:
            left = check_corpus(store)
        assert left.missing_links + left.unclustered > 0, f"the kill in the {stage} stage left nothing to finish"
        run_to_end(command)
        assert differences(expected, snapshot("local", target)) == [], stage

"""Kill -9 in the middle of an ingest, run it again: the store must equal a clean run's —
same article ids, same rows in every table, no duplicates, no orphans. For the DuckDB store
and for the Dask engine's Parquet dataset. ``bench/crash_resume.py`` runs the same trials
twenty times per engine at random kill points."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.crash_resume import _kill_group, _start, differences, ingest_command, run_to_end, snapshot, write_corpus


def _wait_for(condition: Callable[[], bool], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("the ingest wrote nothing in time")


def _kill_after_first_write(command: list[str], written: Callable[[], bool], rng: random.Random, clean_seconds: float) -> None:
    """Start the ingest, wait until it has written something (load-independent, unlike a
    fixed delay), then SIGKILL it and its workers at a random moment."""
    process = _start(command)
    try:
        _wait_for(lambda: written() or process.poll() is not None)
        time.sleep(rng.uniform(0.0, clean_seconds / 4))
    finally:
        _kill_group(process)


def _wal_grew(db: Path) -> Callable[[], bool]:
    # DuckDB's write-ahead log grows by tens of kilobytes per batch, past the few the schema takes.
    wal = db.with_name(db.name + ".wal")
    return lambda: wal.exists() and wal.stat().st_size > 20_000


@pytest.mark.slow
def test_kill_mid_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    total = write_corpus(corpus, 80)
    clean_db = tmp_path / "clean.duckdb"
    seconds = run_to_end(ingest_command("local", corpus, clean_db, workers=2))
    expected = snapshot("local", clean_db)
    assert len(expected.ids) == total and expected.problems == []

    rng = random.Random(20240329)
    for trial in range(2):
        db = tmp_path / f"killed{trial}.duckdb"
        command = ingest_command("local", corpus, db, workers=2)
        _kill_after_first_write(command, _wal_grew(db), rng, seconds)
        partial = len(snapshot("local", db).ids)
        assert 0 < partial < total, f"trial {trial}: killed with {partial} of {total} articles stored"
        run_to_end(command)
        assert differences(expected, snapshot("local", db)) == []


@pytest.mark.slow
def test_kill_mid_dask_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    total = write_corpus(corpus, 40)
    clean = tmp_path / "clean"
    seconds = run_to_end(ingest_command("dask", corpus, clean, workers=2))
    expected = snapshot("dask", clean)
    assert len(expected.ids) == total and expected.problems == []

    out = tmp_path / "killed"
    command = ingest_command("dask", corpus, out, workers=2)
    _kill_after_first_write(command, lambda: any((out / "articles").glob("**/part-*.parquet")), random.Random(7), seconds)
    partial = len(snapshot("dask", out).ids)
    assert 0 < partial < total, f"killed with {partial} of {total} articles written"
    run_to_end(command)
    assert differences(expected, snapshot("dask", out)) == []

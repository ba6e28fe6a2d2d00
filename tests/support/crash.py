"""Kill an ingest and run it again: start ``newsgraph ingest`` in a session of its own, kill
its whole process group with SIGKILL (as a power cut would), run it to its end, and compare
what the store (or the Dask engine's Parquet dataset) holds with an uninterrupted run's.
Used by the crash tests (``tests/run/test_resume.py``), the concurrency tests and
``bench/crash_resume.py``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsgraph.store import Store
from newsgraph.store.attach import attach
from newsgraph.store.check import check_store
from newsgraph.store.schema import TABLES
from tests.support.varied import iter_varied


def write_corpus(path: Path, articles: int, seed: int = 11) -> int:
    """A JSON Lines corpus of distinct, realistic articles (recombined example paragraphs,
    places, numbers and weekdays varied: ``tests/support/varied.py``)."""
    with path.open("w", encoding="utf-8") as out:
        for record in itertools.islice(iter_varied(seed), articles):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return articles


def ingest_command(engine: str, corpus: Path, target: Path, workers: int) -> list[str]:
    """The ``newsgraph ingest`` command line for one engine."""
    base = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--workers", str(workers), "--batch-size", "8"]
    if engine == "dask":
        return [*base, "--engine", "dask", "--scheduler", "local", "--out", str(target), "--partition-mb", "0.05"]
    return [*base, "--db", str(target)]


def start_ingest(command: list[str]) -> subprocess.Popen[bytes]:
    # A session of its own, so that the ingest and everything it started die together.
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the group's other processes take a moment to go
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def run_to_end(command: list[str], timeout: float = 1800) -> float:
    """Run an ingest to its end; its wall time. Raise if it fails."""
    started = time.perf_counter()
    process = start_ingest(command)
    try:
        _, err = process.communicate(timeout=timeout)
    finally:
        kill_group(process)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {err.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - started


def run_and_kill(command: list[str], after: float) -> bool:
    """Start an ingest and SIGKILL its process group after ``after`` seconds; whether it was
    still running when killed."""
    process = start_ingest(command)
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        return True
    finally:
        kill_group(process)


@dataclass
class Snapshot:
    """What a finished store holds: article ids, rows per table, check problems."""

    ids: list[str]
    counts: dict[str, int]
    problems: list[str]


def snapshot(engine: str, target: Path) -> Snapshot:
    """Read a store (or attach a dataset) and check it."""
    db = target
    if engine == "dask":
        db = target.with_suffix(".attached.duckdb")
        db.unlink(missing_ok=True)
        attach(target, db)
    with Store.open(db, read_only=True) as store:
        report = check_store(store)
        ids = sorted(row[0] for row in store.con.execute("SELECT id FROM articles").fetchall())
        counts = {t: int(store.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES}
    return Snapshot(ids, counts, report.problems)


def differences(expected: Snapshot, got: Snapshot) -> list[str]:
    """Every way ``got`` differs from ``expected``."""
    found = [f"check: {p}" for p in got.problems]
    if got.ids != expected.ids:
        found.append(f"article ids differ: {len(set(expected.ids) - set(got.ids))} missing, {len(set(got.ids) - set(expected.ids))} extra")
    if len(set(got.ids)) != len(got.ids):
        found.append(f"{len(got.ids) - len(set(got.ids))} duplicate article ids")
    found.extend(
        f"{t}: {expected.counts[t]} rows expected, {got.counts.get(t)} found"
        for t in expected.counts
        if got.counts.get(t) != expected.counts[t]
    )
    return found

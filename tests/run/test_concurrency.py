"""Two processes on one DuckDB store: a second writer, a listing and a server started while an
ingest runs either work or say in one line that the store is in use — and the store ends
exactly as if the two ingests had run one after the other. ``bench/concurrent_writers.py``
repeats this at random moments."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.commands import run_newsgraph
from tests.support.contention import BUSY, contend, final_state, reference, split_corpus
from tests.support.network import free_port


@pytest.mark.slow
def test_contenders_during_an_ingest_wait_or_fail_clearly_and_nothing_is_corrupted(tmp_path: Path) -> None:
    a, b = split_corpus(tmp_path, 24)
    expected = reference(tmp_path, a, b)
    db = tmp_path / "contended.duckdb"
    trial = final_state(contend(db, a, b, delay=0.0), db, expected)
    assert trial.a_running, "the first ingest ended before the others started"
    assert trial.corruptions == []
    by_who = {o.who: o for o in trial.outcomes}
    # Started while the first ingest holds the file, the listing and the server are refused.
    assert by_who["listing"].busy and by_who["serve"].busy, trial.outcomes
    assert by_who["listing"].line.startswith(f"newsgraph: [E311] {db} {BUSY}")


@pytest.mark.slow
def test_listings_and_ingest_work_beside_a_running_server(tmp_path: Path) -> None:
    a, b = split_corpus(tmp_path, 6)
    db = tmp_path / "served.duckdb"
    assert run_newsgraph("ingest", str(a), "--db", str(db), "--workers", "1").returncode == 0
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_TOKEN"}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)], env=env, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/api/", timeout=2).json()["counts"]["articles"] == 4
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        listing = run_newsgraph("articles", "--db", str(db), "--format", "json")
        assert listing.returncode == 0 and len(listing.stdout.strip()) > 2
        # The server holds no lock between requests: an ingest writes while it runs.
        added = run_newsgraph("ingest", str(b), "--db", str(db), "--workers", "1")
        assert added.returncode == 0, added.stderr
        assert httpx.get(f"http://127.0.0.1:{port}/api/", timeout=10).json()["counts"]["articles"] == 6
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert run_newsgraph("check", "--db", str(db)).returncode == 0

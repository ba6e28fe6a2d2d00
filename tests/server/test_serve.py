"""``newsgraph serve`` as a user runs it: answers on the port it was given, read-only without a
token, one line and exit 1 for a missing store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from newsgraph.model import Article
from tests.support.commands import run_newsgraph
from tests.support.network import free_port


@pytest.mark.slow
def test_serve_answers_read_only(sample_db: tuple[Path, list[Article]]) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(sample_db[0]), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/", timeout=2).json()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert body is not None, "serve did not answer"
        assert body["read_only"] is True and body["counts"]["articles"] == len(sample_db[1])
        page = httpx.get(f"http://127.0.0.1:{port}/events", timeout=10)
        assert page.status_code == 200 and "Events" in page.text
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert f"http://127.0.0.1:{port}/" in (process.stderr.read() if process.stderr else "")


def test_serve_without_a_store_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run_newsgraph("serve", "--db", str(tmp_path / "missing.duckdb"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "no store at" in result.stderr


def test_a_busy_port_fails_before_anything_is_printed(sample_db: tuple[Path, list[Article]]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_newsgraph("serve", "--db", str(sample_db[0]), "--port", str(port))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().count("\n") == 0 and "[E617] cannot listen on 127.0.0.1:" in result.stderr
    assert "Ctrl-C" not in result.stderr


WRITER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])          # a writer, as 'newsgraph ingest' is
con.execute("CREATE TABLE IF NOT EXISTS writer_was_here (n INTEGER)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_the_server_holds_no_lock_between_requests(tmp_path: Path, live_server_on: Callable[[Path], str]) -> None:
    from tests.support.sample_store import build_sample_store

    db = tmp_path / "shared.duckdb"
    build_sample_store(db)
    base = live_server_on(db)
    assert httpx.get(f"{base}/api/events", timeout=20).status_code == 200
    time.sleep(1.0)  # the read connection closes a moment after the last request
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "3"], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"  # it could open the file
        busy = httpx.get(f"{base}/api/events", timeout=20)
        assert busy.status_code == 503 and busy.headers["retry-after"] == "2" and busy.json()["code"] == "E618"
        page = httpx.get(f"{base}/events", timeout=20)
        assert page.status_code == 503 and "will answer again" in page.text
    finally:
        writer.wait(timeout=30)
    assert writer.returncode == 0
    assert httpx.get(f"{base}/api/events", timeout=20).status_code == 200

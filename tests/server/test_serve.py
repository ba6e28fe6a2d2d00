"""``newsgraph serve`` as a user runs it: answers on the port it was given, read-only without a
token, one line and exit 1 for a missing store."""

from __future__ import annotations

import os
import subprocess
import sys
import time
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

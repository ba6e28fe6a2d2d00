"""The same input gives the same record in every process (nothing may depend on the order in
which Python happens to iterate a set of strings: hash randomisation differs per process),
and the same store whatever the number of workers and the order their results arrive in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.store import Store
from tests.support.commands import run_newsgraph
from tests.support.crash import write_corpus, write_edited_copies
from tests.support.digest import store_digest


def _analyze(paths: list[str], seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", *paths, "--published", "2024-03-29"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_records_do_not_depend_on_hash_seed(examples_dir: Path) -> None:
    paths = [str(examples_dir)]
    first, second = _analyze(paths, "1"), _analyze(paths, "2")
    assert first.count("\n") == 13
    assert first == second


@pytest.mark.slow
def test_one_folder_gives_the_same_store_with_one_or_two_workers(tmp_path: Path) -> None:
    """Same input, same store: 12 articles, 4 republished a day later and 4 the same day (so
    which is the original is decided by a tie-break), in batches of two so that two workers'
    results arrive in varying order; three runs each with one and with two workers."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    write_corpus(folder / "a.jsonl", 12)
    write_edited_copies(folder / "a.jsonl", folder / "b.jsonl", 4)
    same_day = [json.loads(line) for line in (folder / "b.jsonl").read_text().splitlines()]
    originals = [json.loads(line) for line in (folder / "a.jsonl").read_text().splitlines()]
    for n, record in enumerate(same_day):
        record["published"] = originals[n]["published"]
        record["text"] = record["text"].replace("\n\n", "\n\nOfficials confirmed the account on Friday.\n\n", 1)
    (folder / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in same_day))
    digests: dict[str, list[str]] = {}
    for workers in (1, 2):
        for run in range(3):
            db = tmp_path / f"w{workers}-{run}.duckdb"
            result = run_newsgraph("ingest", str(folder), "--db", str(db), "--workers", str(workers), "--batch-size", "2")
            assert result.returncode == 0, result.stderr
            digests.setdefault(store_digest(db), []).append(db.name)
    assert len(digests) == 1, digests
    with Store.open(tmp_path / "w2-0.duckdb", read_only=True) as store:
        assert store.counts()["copies"] >= 8

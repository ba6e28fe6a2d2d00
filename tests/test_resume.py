"""Kill -9 in the middle of an ingest, run it again: the store must equal a clean run's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article

TABLES = ("articles", "actors", "article_actors", "mentions", "places", "dates", "quotes", "events")


def _corpus(examples_dir: Path, path: Path, copies: int = 12) -> int:
    """Vary the English example articles into many distinct ones (different ids)."""
    bases = [a for a in read_articles([str(examples_dir)], ReadOptions()) if isinstance(a, Article) and a.status == "analysed"]
    count = 0
    with path.open("w") as out:
        for n in range(copies):
            for base in bases:
                text = f"{base.text}\n\nUpdate {n}: officials said more talks would follow in round {n + 2}."
                out.write(json.dumps({"id": f"{base.id}-{n}", "text": text, "outlet": base.outlet, "published": base.published}) + "\n")
                count += 1
    return count


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}
        counts["distinct_ids"] = con.execute("SELECT count(DISTINCT id) FROM articles").fetchall()[0][0]
    return counts


def _ingest(corpus: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--batch-size", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_kill_mid_ingest_then_rerun_equals_clean_run(tmp_path: Path, examples_dir: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    total = _corpus(examples_dir, corpus)
    clean_db = tmp_path / "clean.duckdb"
    clean = _ingest(corpus, clean_db)
    assert clean.wait(timeout=600) == 0, clean.stderr.read() if clean.stderr else ""
    expected = _counts(clean_db)
    assert expected["articles"] == total

    killed_midway = 0
    for trial, delay in enumerate((3.0, 4.5, 6.0)):
        db = tmp_path / f"killed{trial}.duckdb"
        process = _ingest(corpus, db)
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        partial = _counts(db)["articles"] if db.exists() else 0
        killed_midway += 0 < partial < total
        rerun = _ingest(corpus, db)
        assert rerun.wait(timeout=600) == 0
        assert _counts(db) == expected
    assert killed_midway >= 1, "no trial was killed in the middle of the ingest; adjust the delays"

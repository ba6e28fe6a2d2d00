"""Two writers on one DuckDB store: start an ingest, then a second ingest, a listing and a
``serve`` against the same file; each must work or say in one line that the store is in use,
and the final store must equal one that ingested both inputs one after the other. Used by
``tests/run/test_concurrency.py`` and ``bench/concurrent_writers.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.crash import Snapshot, differences, snapshot, write_corpus
from tests.support.network import free_port

BUSY = "is in use by another newsgraph process"


def newsgraph(*args: str) -> list[str]:
    """A ``newsgraph`` command line."""
    return [sys.executable, "-m", "newsgraph", *args]


def spawn(*args: str) -> subprocess.Popen[str]:
    """Start ``newsgraph ARGS`` with stderr captured (stdout dropped)."""
    return subprocess.Popen(newsgraph(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def split_corpus(folder: Path, articles: int) -> tuple[Path, Path]:
    """Two JSON Lines files: A with two thirds of the articles, B with the rest."""
    whole = folder / "all.jsonl"
    write_corpus(whole, articles)
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = 2 * len(lines) // 3
    a, b = folder / "a.jsonl", folder / "b.jsonl"
    a.write_text("".join(lines[:cut]), encoding="utf-8")
    b.write_text("".join(lines[cut:]), encoding="utf-8")
    return a, b


@dataclass
class Outcome:
    """How one contender ended: exit code and the last line it printed on stderr."""

    who: str
    code: int
    line: str

    @property
    def busy(self) -> bool:
        """Refused with the one-line 'in use' message."""
        return self.code == 1 and BUSY in self.line and "Traceback" not in self.line

    @property
    def acceptable(self) -> bool:
        """Worked, or refused clearly."""
        return self.code == 0 or self.busy


def _outcome(who: str, process: subprocess.Popen[str], timeout: float) -> Outcome:
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        return Outcome(who, -9, f"did not answer within {timeout:.0f} s")
    lines = err.strip().splitlines()
    # A refusal must be a single line; a traceback or several lines is not acceptable.
    line = (lines[-1] if lines else "") if len(lines) <= 1 or process.returncode == 0 else " | ".join(lines)
    return Outcome(who, process.returncode, line)


@dataclass
class WriterTrial:
    """One trial: what the contenders did and what the final store looked like."""

    number: int
    delay: float
    a_running: bool
    outcomes: list[Outcome] = field(default_factory=list)
    corruptions: list[str] = field(default_factory=list)


def contend(db: Path, a: Path, b: Path, delay: float, number: int = 0, workers: int = 1) -> WriterTrial:
    """Start ingest A into ``db``; after ``delay`` s start ingest B, a listing and a serve
    probe on the same file; then finish B and compare nothing — see ``final_state``."""
    writer = spawn("ingest", str(a), "--db", str(db), "--workers", str(workers))
    while not db.exists() and writer.poll() is None:
        time.sleep(0.01)
    time.sleep(delay)
    trial = WriterTrial(number, round(delay, 2), writer.poll() is None)
    second = subprocess.Popen(newsgraph("ingest", str(b), "--db", str(db), "--workers", str(workers)), stderr=subprocess.PIPE, text=True)
    listing = subprocess.Popen(
        newsgraph("articles", "--db", str(db), "--limit", "5"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    # A serve that starts answers until stopped; one that cannot open the store exits at once.
    server = spawn("serve", "--db", str(db), "--port", str(free_port()))
    trial.outcomes.append(_outcome("second ingest", second, 600))
    trial.outcomes.append(_outcome("listing", listing, 120))
    try:
        server.wait(timeout=15)
        trial.outcomes.append(_outcome("serve", server, 5))
    except subprocess.TimeoutExpired:
        server.terminate()
        server.wait(timeout=30)
        trial.outcomes.append(Outcome("serve", 0, "served"))
    trial.outcomes.append(_outcome("first ingest", writer, 600))
    if trial.outcomes[0].busy:  # refused: run it now that the store is free
        trial.outcomes.append(
            _outcome(
                "second ingest, again",
                subprocess.Popen(newsgraph("ingest", str(b), "--db", str(db)), stderr=subprocess.PIPE, text=True),
                600,
            )
        )
    return trial


def final_state(trial: WriterTrial, db: Path, expected: Snapshot) -> WriterTrial:
    """Record as corruptions every unclear refusal and every way the store differs."""
    trial.corruptions.extend(f"{o.who}: exit {o.code}: {o.line}" for o in trial.outcomes if not o.acceptable)
    try:
        trial.corruptions.extend(differences(expected, snapshot("local", db)))
    except Exception as exc:
        trial.corruptions.append(f"the store cannot be read: {type(exc).__name__}: {exc}")
    return trial


def reference(folder: Path, a: Path, b: Path) -> Snapshot:
    """A then B, one after the other."""
    db = folder / "reference.duckdb"
    for corpus in (a, b):
        subprocess.run(newsgraph("ingest", str(corpus), "--db", str(db)), check=True, capture_output=True)
    return snapshot("local", db)

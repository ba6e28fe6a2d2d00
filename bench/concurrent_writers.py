"""Two writers on one DuckDB store: while ``newsgraph ingest`` A runs, a second ingest B, a
listing and a ``serve`` are started against the same file at a random moment. Each must work
or say in one line that the store is in use — never corrupt it. B is run again once A is
done, and the final store must hold A's and B's articles once, pass ``newsgraph check`` and
equal a store that ingested both one after the other.

    python bench/concurrent_writers.py [--trials 20] [--articles 60]

Figures go to stdout and ``bench/results/concurrent_writers.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crash_resume import Snapshot, differences, snapshot, write_corpus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BUSY = "is in use by another newsgraph process"


def newsgraph(*args: str) -> list[str]:
    """A ``newsgraph`` command line."""
    return [sys.executable, "-m", "newsgraph", *args]


def spawn(*args: str) -> subprocess.Popen[str]:
    """Start ``newsgraph ARGS`` with stderr captured (stdout dropped)."""
    return subprocess.Popen(newsgraph(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--max-delay", type=float, default=15.0, help="Latest start of the contenders, in seconds after A.")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    trials = []
    with tempfile.TemporaryDirectory(prefix="newsgraph-writers-") as tmp:
        folder = Path(tmp)
        a, b = split_corpus(folder, args.articles)
        expected = reference(folder, a, b)
        for number in range(args.trials):
            db = folder / f"trial{number}.duckdb"
            trial = final_state(contend(db, a, b, rng.uniform(0, args.max_delay), number), db, expected)
            trials.append(trial)
            shown = "; ".join(f"{o.who}: {'ok' if o.code == 0 else 'busy' if o.busy else o.line}" for o in trial.outcomes)
            state = "running" if trial.a_running else "done"
            print(f"trial {number + 1}: A {state} at {trial.delay:.1f}s — {shown} → {len(trial.corruptions)} corruption(s)", flush=True)
            for line in trial.corruptions[:5]:
                print(f"    {line}", flush=True)
    refused = sum(1 for t in trials for o in t.outcomes if o.busy)
    corrupt = sum(1 for t in trials if t.corruptions)
    running = sum(t.a_running for t in trials)
    print(f"\n{len(trials)} trials, {running} with A still running; {refused} clear 'in use' refusals; {corrupt} trials with corruption")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "concurrent_writers.json").write_text(json.dumps([asdict(t) for t in trials], indent=2))
    return 1 if corrupt else 0


if __name__ == "__main__":
    sys.exit(main())

"""Kill ``newsgraph ingest`` with SIGKILL at random points, run it again, and compare the
result with an uninterrupted run: same article ids, same rows in every table, no duplicates,
no orphans (``newsgraph check``). For the DuckDB store (``--engine local``) and for the Dask
engine's Parquet dataset (``--engine dask --scheduler local --out DIR``).

    python bench/crash_resume.py [--engine local|dask|both] [--trials 20] [--articles 300]

The whole process group is killed (the ingest and its worker processes or Dask cluster), as
a power cut would. In some trials the resumed run is killed again before a final run.
Figures go to stdout and ``bench/results/crash_resume.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import iter_varied
from newsgraph.store import Store
from newsgraph.store.attach import attach
from newsgraph.store.check import check_store
from newsgraph.store.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def write_corpus(path: Path, articles: int, seed: int = 11) -> int:
    """A JSON Lines corpus of distinct, realistic articles (recombined example paragraphs,
    places, numbers and weekdays varied: ``bench/corpus.py``)."""
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


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    # A session of its own, so that the ingest and everything it started die together.
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
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
    process = _start(command)
    try:
        _, err = process.communicate(timeout=timeout)
    finally:
        _kill_group(process)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {err.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - started


def run_and_kill(command: list[str], after: float) -> bool:
    """Start an ingest and SIGKILL its process group after ``after`` seconds; whether it was
    still running when killed."""
    process = _start(command)
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        return True
    finally:
        _kill_group(process)


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


@dataclass
class Trial:
    """One kill-and-resume trial."""

    number: int
    kills: list[float]
    killed_running: int
    articles_at_kill: int | None
    differences: list[str] = field(default_factory=list)


@dataclass
class EngineResult:
    """All trials of one engine."""

    engine: str
    articles: int
    clean_seconds: float
    trials: list[Trial]

    @property
    def with_differences(self) -> int:
        """Trials whose final store differed from the clean run's."""
        return sum(1 for t in self.trials if t.differences)


def _articles_now(engine: str, target: Path) -> int | None:
    try:
        if engine == "dask":
            glob = str(target / "articles" / "**" / "*.parquet")
            with duckdb.connect() as con:
                return int(con.execute(f"SELECT count(*) FROM read_parquet('{glob}', union_by_name = true)").fetchall()[0][0])
        with duckdb.connect(str(target), read_only=True) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
    except duckdb.Error:
        return None  # killed before the store had its tables


def run_engine(engine: str, trials: int, articles: int, workers: int, folder: Path, seed: int = 20240329) -> EngineResult:
    """A clean run, then ``trials`` kill-and-resume trials, each compared with it."""
    corpus = folder / "corpus.jsonl"
    if not corpus.exists():
        write_corpus(corpus, articles)
    suffix = "" if engine == "dask" else ".duckdb"
    clean = folder / f"{engine}-clean{suffix}"
    seconds = run_to_end(ingest_command(engine, corpus, clean, workers))
    expected = snapshot(engine, clean)
    if len(expected.ids) != articles or expected.problems:
        raise RuntimeError(f"the clean run is not as expected: {len(expected.ids)} articles, problems {expected.problems[:3]}")
    rng = random.Random(seed)
    done: list[Trial] = []
    for number in range(trials):
        target = folder / f"{engine}-trial{number}{suffix}"
        command = ingest_command(engine, corpus, target, workers)
        kills = [rng.uniform(0.05, 1.0) * seconds]
        if rng.random() < 0.3:  # kill the resumed run too
            kills.append(rng.uniform(0.05, 0.8) * seconds)
        running = 0
        at_kill = None
        for index, after in enumerate(kills):
            running += run_and_kill(command, after)
            if index == 0:
                at_kill = _articles_now(engine, target)
        run_to_end(command)
        trial = Trial(number, [round(k, 2) for k in kills], running, at_kill, differences(expected, snapshot(engine, target)))
        done.append(trial)
        print(
            f"{engine} trial {number + 1}/{trials}: killed at {', '.join(f'{k:.1f}s' for k in kills)} "
            f"({at_kill} articles stored at the first kill) → {len(trial.differences)} differences",
            flush=True,
        )
        for line in trial.differences[:5]:
            print(f"    {line}", flush=True)
    return EngineResult(engine, articles, round(seconds, 1), done)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["local", "dask", "both"], default="both")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    engines = ["local", "dask"] if args.engine == "both" else [args.engine]
    results = []
    with tempfile.TemporaryDirectory(prefix="newsgraph-crash-") as tmp:
        for engine in engines:
            results.append(run_engine(engine, args.trials, args.articles, args.workers, Path(tmp)))
    print("\n| engine | articles | trials | killed while running | trials with differences |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r.engine} | {r.articles} | {len(r.trials)} | {sum(t.killed_running for t in r.trials)} | {r.with_differences} |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "crash_resume.json").write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 1 if any(r.with_differences for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Kill ``newsgraph ingest`` with SIGKILL at random points, run it again, and compare the
result with an uninterrupted run: same article ids, same rows in every table, no duplicates,
no orphans (``newsgraph check``). For the DuckDB store (``--engine local``) and for the Dask
engine's Parquet dataset (``--engine dask --scheduler local --out DIR``).

    python bench/crash_resume.py [--engine local|dask|both] [--trials 20] [--articles 300]
    python bench/crash_resume.py --cross-article [--trials 7] [--articles 200] [--copies 100]

The whole process group is killed (the ingest and its worker processes or Dask cluster), as
a power cut would. In some trials the resumed run is killed again before a final run.
``--cross-article`` reproduces issue 17's first finding: a store of ``--articles`` takes
``--copies`` edited republications, and that ingest is killed when its cross-article stage
begins linking copies, or merging events (alternately), then run again.
Figures go to stdout and ``bench/results/crash_resume.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.crash import (
    differences,
    ingest_command,
    kill_in_stage,
    run_and_kill,
    run_to_end,
    snapshot,
    write_corpus,
    write_edited_copies,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


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


def _copy_store(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    wal = source.with_name(source.name + ".wal")
    if wal.exists():
        shutil.copy(wal, target.with_name(target.name + ".wal"))
    return target


def run_cross_article(trials: int, articles: int, copies: int, workers: int, folder: Path) -> dict[str, object]:
    """Kill trials in the cross-article stage, each compared with an uninterrupted run."""
    base, edits = folder / "base.jsonl", folder / "edits.jsonl"
    write_corpus(base, articles)
    write_edited_copies(base, edits, copies)
    stored = folder / "base.duckdb"
    run_to_end(ingest_command("local", base, stored, workers))
    clean = _copy_store(stored, folder / "clean.duckdb")
    seconds = run_to_end(ingest_command("local", edits, clean, workers))
    expected = snapshot("local", clean)
    counts = {t: expected.counts.get(t) for t in ("articles", "copy_pairs", "copies", "event_clusters", "event_cluster_members")}
    print(f"uninterrupted: {counts} ({seconds:.0f} s for the edited copies)", flush=True)
    done = []
    for number in range(trials):
        stage = ("copies", "clusters")[number % 2]
        target = _copy_store(stored, folder / f"killed{number}.duckdb")
        command = ingest_command("local", edits, target, workers)
        code = kill_in_stage(command, stage)
        run_to_end(command)
        found = differences(expected, snapshot("local", target))
        done.append({"trial": number, "stage": stage, "killed": code == -9, "differences": found})
        print(f"cross-article trial {number + 1}/{trials}: killed in {stage} ({code}) → {len(found)} differences", flush=True)
        for line in found[:5]:
            print(f"    {line}", flush=True)
    return {"articles": articles, "copies": copies, "uninterrupted": counts, "trials": done}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["local", "dask", "both"], default="both")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cross-article", action="store_true", help="Kill in the cross-article stage instead.")
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args(argv)
    if args.cross_article:
        with tempfile.TemporaryDirectory(prefix="newsgraph-crash-") as tmp:
            result = run_cross_article(args.trials, args.articles, args.copies, args.workers, Path(tmp))
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "crash_resume_cross_article.json").write_text(json.dumps(result, indent=2))
        bad = sum(1 for t in result["trials"] if t["differences"])  # type: ignore[attr-defined]
        print(f"\n{len(result['trials'])} trials killed in the cross-article stage, {bad} with differences")  # type: ignore[arg-type]
        return 1 if bad else 0
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

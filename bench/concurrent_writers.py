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
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.contention import contend, final_state, reference, split_corpus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


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

"""A long fuzzing run over every reader (hypothesis, ``tests/support/fuzz_inputs.py``): each
hostile input is read as ingest reads it and must end in articles or one-line failures
naming the file, with no exception and no hang; with ``--analyse`` every article read is
also analysed by the full pipeline, which must not raise.

    python bench/fuzz_ingest.py [--inputs 20000] [--analyse] [--seed 1]
    python bench/fuzz_ingest.py --shapes      # issue 17's hostile shapes, timed (bench/hostile_shapes.py)

Prints the number of inputs tried per format, articles, failures and crashes (the target is
0 crashes); writes ``bench/results/fuzz_ingest.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, Phase, Verbosity, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.model import Article
from newsgraph.pipeline import Analyzer
from newsgraph.run.engine import analyze_safely
from tests.support.fuzz_inputs import hostile_inputs, read_case, write_case

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=20_000)
    parser.add_argument("--analyse", action="store_true", help="Also analyse every article read (slower).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shapes", action="store_true", help="Time issue 17's hostile shapes instead (bench/hostile_shapes.py).")
    args = parser.parse_args(argv)
    if args.shapes:
        from bench.hostile_shapes import main as shapes

        return shapes([])
    tried: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    crashes: list[str] = []
    slowest = 0.0
    analyzer = Analyzer() if args.analyse else None
    pending: list[Article] = []

    def analyse(batch: list[Article]) -> None:
        assert analyzer is not None
        for result in analyze_safely(analyzer, batch):
            if not isinstance(result, Article):
                crashes.append(f"analysis: {result}")
        totals["analysed"] += len(batch)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsgraph-fuzz-") as tmp:
        folder = Path(tmp)

        @settings(
            max_examples=args.inputs,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,
        )
        @given(case=hostile_inputs())
        def one(case: tuple[str, bytes]) -> None:
            nonlocal slowest
            name, data = case
            path = write_case(folder, name, data, sum(tried.values()))
            tried[name.removeprefix("input.")] += 1
            verdict = read_case(path)
            path.unlink()
            totals["articles"] += len(verdict.articles)
            totals["failures"] += len(verdict.failures)
            crashes.extend(f"{name}: {c}" for c in verdict.crashes)
            slowest = max(slowest, verdict.seconds)
            if analyzer is not None:
                pending.extend(verdict.articles)
                if len(pending) >= 64:
                    analyse(pending[:])
                    pending.clear()
            if sum(tried.values()) % 1000 == 0:
                print(f"{sum(tried.values())} inputs, {len(crashes)} crashes, {time.perf_counter() - started:.0f} s", flush=True)

        one()
        if pending:
            analyse(pending)
    result = {
        "inputs": sum(tried.values()),
        "per_format": dict(sorted(tried.items())),
        "articles": totals["articles"],
        "failures": totals["failures"],
        "analysed": totals["analysed"],
        "crashes": len(crashes),
        "slowest_input_s": round(slowest, 2),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, indent=2))
    for crash in crashes[:20]:
        print(f"  CRASH {crash}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "fuzz_ingest.json").write_text(json.dumps({**result, "crash_list": crashes[:200]}, indent=2))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())

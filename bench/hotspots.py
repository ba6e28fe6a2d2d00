"""Where single-process analysis spends its time: cProfile over newsgraph's analysis of a
varied corpus; prints the top functions by own time and the share of spaCy/thinc, newsgraph
and everything else, and writes bench/results/hotspots.json.

    python bench/hotspots.py [--mb 0.3] [--top 20]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import corpus_articles
from newsgraph.pipeline import Analyzer
from newsgraph.run.engine import analyze_safely

HERE = Path(__file__).resolve().parent
GROUPS = {"spacy": ("spacy", "thinc", "numpy", "blis", "cymem", "srsly"), "newsgraph": ("newsgraph",)}


def _group(filename: str) -> str:
    parts = Path(filename).parts
    return next((group for group, packages in GROUPS.items() if any(p in parts for p in packages)), "other")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=0.3)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "hotspots.json")
    args = parser.parse_args()
    articles = corpus_articles(args.mb, seed=5)
    analyzer = Analyzer()
    list(analyzer.analyze_many(articles[:4]))
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(0, len(articles), 64):
        analyze_safely(analyzer, articles[i : i + 64])
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(tottime for (_, _, tottime, _, _) in raw.values())
    by_group: dict[str, float] = {}
    rows = []
    for (filename, line, function), (_, calls, tottime, cumtime, _) in raw.items():
        by_group[_group(filename)] = by_group.get(_group(filename), 0.0) + tottime
        name = f"{Path(filename).name}:{line}({function})"
        rows.append({"function": name, "calls": calls, "own_s": round(tottime, 3), "cum_s": round(cumtime, 3)})
    rows.sort(key=lambda r: -r["own_s"])
    print(f"profiled {len(articles)} articles; {total:.1f} s of own time")
    print("share: " + ", ".join(f"{g} {100 * s / total:.0f}%" for g, s in sorted(by_group.items(), key=lambda x: -x[1])))
    print(f"{'own s':>8}{'cum s':>8}{'calls':>10}  function")
    for row in rows[: args.top]:
        print(f"{row['own_s']:>8}{row['cum_s']:>8}{row['calls']:>10}  {row['function']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    shares = {g: round(s / total, 3) for g, s in by_group.items()}
    summary = {"articles": len(articles), "seconds": round(total, 1), "shares": shares, "top": rows[: args.top]}
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

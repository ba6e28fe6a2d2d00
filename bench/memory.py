"""Long-run memory check: ``newsgraph ingest --workers N`` over many articles (20,000 by
default) whose text keeps naming people never seen before, sampling the resident memory of
the main process and of every worker. Memory is flat when the last quarter of the run
uses no more than the second quarter (within a tolerance) and stays under 1.2 GB.

    python bench/memory.py [--articles 20000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.rss import RssSampler, mb
from tests.support.varied import iter_varied

HERE = Path(__file__).resolve().parent
LIMIT_MB = 1200
TOLERANCE_MB = 50  # allocator noise: RSS moves by tens of MB without any leak


def _quarters(points: list[tuple[float, int]]) -> list[float]:
    """Median RSS (MB) in each quarter of the run."""
    if not points:
        return []
    end = points[-1][0] or 1.0
    return [mb(statistics.median([r for t, r in points if q * end / 4 <= t <= (q + 1) * end / 4] or [0])) for q in range(4)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between samples")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "memory.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "long.jsonl"
        words = 0
        with corpus.open("w", encoding="utf-8") as out:
            for n, record in enumerate(iter_varied(seed=11, novel_names=True)):
                if n == args.articles:
                    break
                words += len(record["text"].split())
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"corpus: {args.articles} articles, {words:,} words, {corpus.stat().st_size / 1e6:.1f} MB", flush=True)
        db = Path(tmp) / "long.duckdb"
        command = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "--workers", str(args.workers)]
        started = time.monotonic()
        child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        with RssSampler(child.pid, interval=args.interval) as sampler:
            _, err = child.communicate()
        seconds = time.monotonic() - started
    if child.returncode != 0:
        raise SystemExit(f"ingest failed: {err.strip()}")

    series: dict[int, list[tuple[float, int]]] = {}
    for t, snapshot in sampler.series:
        for pid, rss in snapshot.items():
            series.setdefault(pid, []).append((t, rss))
    # The workers are the big long-lived children; the main process is the child we started.
    processes: dict[str, Any] = {}
    for pid, points in series.items():
        if pid != child.pid and (len(points) < len(sampler.series) // 2 or max(r for _, r in points) < 200e6):
            continue  # short-lived helpers (e.g. the spawn resource tracker)
        quarters = _quarters(points)
        role = "main" if pid == child.pid else "worker"
        processes[f"{role} {pid}"] = {
            "peak_mb": mb(max(r for _, r in points)),
            "median_mb_by_quarter": quarters,
            "growth_q2_to_q4_mb": round(quarters[3] - quarters[1], 1),
            "flat": quarters[3] - quarters[1] <= TOLERANCE_MB,
            "under_limit": max(r for _, r in points) <= LIMIT_MB * 1e6,
        }
    result = {
        "articles": args.articles,
        "words": words,
        "workers": args.workers,
        "seconds": round(seconds),
        "articles_per_s": round(args.articles / seconds, 1),
        "summary": err.strip().splitlines()[-1] if err.strip() else "",
        "processes": processes,
        "flat": all(p["flat"] for p in processes.values()),
        "under_limit": all(p["under_limit"] for p in processes.values()),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    for name, fig in processes.items():
        print(f"{name:<16} peak {fig['peak_mb']:>7} MB; median by quarter {fig['median_mb_by_quarter']} MB; flat: {fig['flat']}")
    print(f"{result['summary']} in {result['seconds']} s ({result['articles_per_s']} articles/s)")
    print(f"flat: {result['flat']}, ≤ 1.2 GB: {result['under_limit']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

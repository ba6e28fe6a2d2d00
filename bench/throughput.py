"""The benchmark suite (``make bench``): on one varied corpus, in one run, each measurement
in a fresh process — words/s of spaCy's pipeline alone (the floor set by the parser), of
newsgraph's analysis in one process, of ``ingest --workers 1`` and ``--workers N``, and of
``ingest --engine dask`` on a LocalCluster of N workers; articles/s, peak RSS per worker,
seconds per pipeline component, and the targets met or not. Prints a table and writes
bench/results/throughput.json. Model loading and worker start-up are not timed.

    python bench/throughput.py [--mb 2.5] [--workers 2] [--repeat 1] [--skip dask,components]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import write_corpus
from bench.rss import RssSampler, mb

HERE = Path(__file__).resolve().parent
TARGETS = {
    "analysis ≥ 0.85 × bare spaCy": ("analysis_vs_bare", 0.85),
    "N workers ≥ 1.7 × 1 worker (N=2)": ("speedup", 1.7),
    "peak RSS ≤ 1.2 GB per worker": ("max_worker_rss_mb", -1200),
    "Dask within 15% of --workers N": ("dask_vs_workers", 0.85),
}


def measure(mode: str, corpus: Path, workers: int = 1) -> dict[str, Any]:
    """Run one mode in a child process, sampling the memory of its whole process tree."""
    child = subprocess.Popen(
        [sys.executable, str(HERE / "modes.py"), mode, str(corpus), "--workers", str(workers)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    with RssSampler(child.pid) as sampler:
        out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"bench mode {mode} failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["words_per_s"] = round(result["words"] / result["seconds"])
    result["articles_per_s"] = round(result["articles"] / result["seconds"], 1)
    result["peak_rss_mb_per_worker"] = {str(pid): mb(sampler.peak.get(pid, 0)) for pid in result["worker_pids"]}
    result["peak_rss_mb_main"] = mb(sampler.peak.get(result["main_pid"], 0))
    result["peak_rss_mb_total"] = mb(max((sum(s.values()) for _, s in sampler.series), default=0))
    return result


def _worker_rss(result: dict[str, Any]) -> float:
    return max(result["peak_rss_mb_per_worker"].values(), default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.5, help="corpus size in MB of text (≥ 2 for the issue's figures)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel and Dask runs")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--skip", default="", help="comma-separated modes to skip: dask, components")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "throughput.json")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    n = args.workers

    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_articles = write_corpus(corpus, int(args.mb * 1_000_000))
        runs: dict[str, dict[str, Any]] = {}
        plan = [
            ("bare", "bare", 1),
            ("analysis", "analysis", 1),
            ("ingest_1", "ingest", 1),
            (f"ingest_{n}", "ingest", n),
            (f"dask_{n}", "dask", n),
            ("components", "components", 1),
        ]
        for name, mode, workers in plan:
            if mode in skip:
                continue
            print(f"… {name}", file=sys.stderr, flush=True)
            # Best of --repeat runs: on a shared machine, other jobs only ever slow a run down.
            tries = [measure(mode, corpus, workers) for _ in range(args.repeat)]
            runs[name] = max(tries, key=lambda r: r["words_per_s"])
            runs[name]["words_per_s_all_tries"] = [r["words_per_s"] for r in tries]

    bare, analysis, one, many = runs["bare"], runs["analysis"], runs["ingest_1"], runs[f"ingest_{n}"]
    figures: dict[str, Any] = {
        "analysis_vs_bare": round(analysis["words_per_s"] / bare["words_per_s"], 3),
        "ingest_vs_bare": round(one["words_per_s"] / bare["words_per_s"], 3),
        "speedup": round(many["words_per_s"] / one["words_per_s"], 3),
        # The components run holds every Doc at once, unlike a worker: it is left out.
        "max_worker_rss_mb": max(_worker_rss(r) for name, r in runs.items() if name != "components"),
    }
    if f"dask_{n}" in runs:
        figures["dask_vs_workers"] = round(runs[f"dask_{n}"]["words_per_s"] / many["words_per_s"], 3)
    load = os.getloadavg()
    results = {
        "corpus": {"articles": n_articles, "words": bare["words"], "megabytes": args.mb},
        "workers": n,
        "runs": runs,
        "figures": figures,
        "targets": {label: _met(figures, key, bound) for label, (key, bound) in TARGETS.items()},
        "machine": {
            "python": platform.python_version(),
            "processor": platform.machine(),
            "cores": os.cpu_count(),
            "spacy": spacy.__version__,
            "load_average_at_end": [round(x, 2) for x in load],
        },
        "seconds": round(time.time() - started),
    }
    _print(results, n)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


def _met(figures: dict[str, Any], key: str, bound: float) -> dict[str, Any]:
    if key not in figures:
        return {"value": None, "met": None}
    value = figures[key]
    return {"value": value, "met": value <= -bound if bound < 0 else value >= bound}


def _print(results: dict[str, Any], n: int) -> None:
    corpus = results["corpus"]
    print(f"corpus: {corpus['articles']} articles, {corpus['words']:,} words, {corpus['megabytes']} MB of varied text")
    print(f"{'run':<40}{'words/s':>10}{'articles/s':>12}{'× bare':>8}{'peak RSS/worker MB':>20}{'main MB':>9}")
    labels = {
        "bare": "bare spaCy pipeline (1 process)",
        "analysis": "newsgraph analysis (1 process)",
        "ingest_1": "ingest --workers 1 (into DuckDB)",
        f"ingest_{n}": f"ingest --workers {n} (into DuckDB)",
        f"dask_{n}": f"dask LocalCluster {n} workers (Parquet)",
    }
    bare = results["runs"]["bare"]["words_per_s"]
    for key, label in labels.items():
        if key in results["runs"]:
            run = results["runs"][key]
            ratio = run["words_per_s"] / bare
            print(
                f"{label:<40}{run['words_per_s']:>10,}{run['articles_per_s']:>12}{ratio:>8.2f}"
                f"{_worker_rss(run):>20}{run['peak_rss_mb_main']:>9}"
            )
    if "components" in results["runs"]:
        parts = results["runs"]["components"]["components"]
        total = sum(parts.values())
        print("seconds per component: " + ", ".join(f"{k} {v:.1f} ({100 * v / total:.0f}%)" for k, v in parts.items()))
    for label, verdict in results["targets"].items():
        mark = "n/a" if verdict["met"] is None else ("met" if verdict["met"] else "NOT met")
        print(f"target {label}: {verdict['value']} — {mark}")
    print(f"load average at the end: {results['machine']['load_average_at_end']} on {results['machine']['cores']} cores")


if __name__ == "__main__":
    main()

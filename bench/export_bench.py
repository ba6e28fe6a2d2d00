"""How long exporting a million events takes, and how much memory it needs.

Builds a synthetic store once — the coded articles of ``bench/synthetic.py`` (realistic
text with actors, places, quotes and events at true offsets, copies found and events merged
by the corpus stage), replicated in DuckDB under new ids and shifted dates until it holds
exactly ``--events`` events — then runs the real
``newsgraph export`` command for each format in a fresh process and records wall time and
the process's peak resident memory (DuckDB's included). Prints a table, writes JSON.

    python bench/export_bench.py [--events 1000000] [--store /tmp/newsgraph-export-bench.duckdb] [--memory-limit 1GB]

An existing ``--store`` is reused (delete it to rebuild).
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph import corpus
from newsgraph.store import Store
from newsgraph.store.schema import TABLES
from tests.support.synthetic import demo_articles

BASE_ARTICLES = 2000
FORMATS = ("gdelt", "plover", "parquet", "csv", "jsonl", "graphml")

# How each table's rows are copied for replica ``r``: new ids, dates shifted by ``r`` weeks.
_RENAMED = {
    "articles": {"id": "id || '-' || r", "published": "published + 7 * (r % 100)::INTEGER"},
    "article_actors": {"article_id": "article_id || '-' || r"},
    "mentions": {"article_id": "article_id || '-' || r"},
    "places": {"article_id": "article_id || '-' || r"},
    "dates": {"article_id": "article_id || '-' || r"},
    "quotes": {"id": "id || '-' || r", "article_id": "article_id || '-' || r"},
    "events": {"id": "id || '-' || r", "article_id": "article_id || '-' || r", "date": "date + 7 * (r % 100)::INTEGER"},
    "sentence_tones": {"article_id": "article_id || '-' || r"},
    "article_sources": {"article_id": "article_id || '-' || r", "source_key": "source_key || '-' || r"},
    "copies": {"copy_id": "copy_id || '-' || r", "original_id": "original_id || '-' || r"},
    "event_clusters": {"id": "id || '-' || r"},
    "event_cluster_members": {
        "cluster_id": "cluster_id || '-' || r",
        "event_id": "event_id || '-' || r",
        "article_id": "article_id || '-' || r",
        "copy_of": "copy_of || '-' || r",
        "date": "date + 7 * (r % 100)::INTEGER",
    },
}


def build_store(path: Path, events: int) -> dict[str, float]:
    """Write the base articles, then replicate them in SQL until there are ``events`` events."""
    started = time.perf_counter()
    with Store.open(path) as store:
        store.write(list(demo_articles(BASE_ARTICLES, seed=3)))
        corpus.update(store)  # copies and merged events, replicated with the rest
        (base,) = store.con.execute("SELECT count(*) FROM events").fetchone() or (0,)
        copies = -(-events // base)  # ceiling
        for table, renamed in _RENAMED.items():
            columns = ", ".join(renamed.get(c.name, c.name) for c in TABLES[table])
            store.con.execute(f"INSERT INTO {table} SELECT {columns} FROM {table}, range(1, ?) AS t(r)", [copies])
        # Drop the surplus from the last replica so the count is exact.
        store.con.execute("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id DESC LIMIT ?)", [base * copies - events])
        store.con.execute("CHECKPOINT")
        counts = store.counts()
    return {"seconds": round(time.perf_counter() - started, 1), **{k: v for k, v in counts.items() if v}}


def run_export(db: Path, fmt: str, out: Path, memory: str) -> dict[str, float | str]:
    """Run ``newsgraph export`` in a fresh process; wall time and that process's peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "export", "--db", str(db), "--format", fmt, "--out", str(out), "--memory-limit", memory],
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    summary = process.stderr.read().strip() if process.stderr else ""
    if status != 0:
        raise SystemExit(f"export --format {fmt} failed: {summary}")
    size = sum(p.stat().st_size for p in (out.rglob("*") if out.is_dir() else [out]) if p.is_file())
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024), "output_mb": round(size / 1e6), "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "newsgraph-export-bench.duckdb")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--memory-limit", default="1GB", help="passed to newsgraph export")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "export.json")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.build_only:
        print(json.dumps(build_store(args.store, args.events)))
        return
    built: dict[str, float] = {}
    if not args.store.exists():
        # Built in a child process: a child forked from a parent holding gigabytes would
        # report the parent's memory as its own peak.
        done = subprocess.run([sys.executable, __file__, "--build-only", "--events", str(args.events), "--store", str(args.store)],
                              capture_output=True, text=True, check=True)  # fmt: skip
        built = json.loads(done.stdout)
        print(f"built {args.store}: {built}")
    count = "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True).execute('SELECT count(*) FROM events').fetchone()[0])"
    events = int(subprocess.run([sys.executable, "-c", count, str(args.store)], capture_output=True, text=True, check=True).stdout)
    results: dict[str, dict[str, float | str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            target = Path(tmp) / (f"{fmt}.jsonl" if fmt == "plover" else f"{fmt}.graphml" if fmt == "graphml" else fmt)
            results[fmt] = run_export(args.store, fmt, target, args.memory_limit)
            print(f"{fmt:8} {results[fmt]['seconds']:>7} s  {results[fmt]['peak_rss_mb']:>6} MB peak RSS  {results[fmt]['summary']}")
    report = {
        "events": events,
        "memory_limit": args.memory_limit,
        "store_mb": round(args.store.stat().st_size / 1e6),
        "build": built,
        "exports": results,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "processor": platform.machine()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

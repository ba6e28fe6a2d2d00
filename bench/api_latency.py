"""Latency of ``GET /api/events`` with filters on a store of 1,000,000 synthetic events, and
the time ``newsgraph serve`` takes to start answering.

Starts ``newsgraph serve`` (read-only) on 127.0.0.1 on a free port, sends a bounded number of
requests per filter set, one at a time (at most ``--requests`` each and ``--budget`` seconds
in all), and reports p50/p95 per filter set; writes bench/results/api_latency.json.

    python bench/api_latency.py [--events 1000000] [--requests 100] [--db existing.duckdb]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.events_store import build

SCENARIOS: list[tuple[str, dict[str, str]]] = [
    ("first page, no filter", {}),
    ("actor=RUS (either side)", {"actor": "RUS"}),
    ("source_country=RUS & target_country=UKR", {"source_country": "RUS", "target_country": "UKR"}),
    ("code=17 (prefix)", {"code": "17"}),
    ("root=19 & one year", {"root": "19", "since": "2023-01-01", "until": "2023-12-31"}),
    ("quad_class=4 & modality=asserted", {"quad_class": "4", "modality": "asserted"}),
    ("outlet & month", {"outlet": "Eastern Wire", "since": "2022-06-01", "until": "2022-06-30"}),
    ("actor name substring (ILIKE)", {"actor": "Lavrov"}),
    (
        "all filters",
        {"actor": "RUS", "target_country": "UKR", "code": "1", "quad_class": "3", "since": "2022-01-01", "until": "2023-12-31"},
    ),
    ("limit=1000 as CSV", {"limit": "1000", "format": "csv"}),
]


def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> tuple[subprocess.Popen[bytes], float]:
    """Start ``newsgraph serve``; return it and the seconds until it answered ``/api/``."""
    started = time.perf_counter()
    env = {**os.environ, "NEWSGRAPH_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)], env=env)
    deadline = started + 60
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("newsgraph serve exited")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/", timeout=1).status_code == 200:
                return proc, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.01)
    proc.kill()
    raise RuntimeError("newsgraph serve did not answer within 60 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server we started."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def measure(base: str, requests: int, budget: float) -> list[dict[str, object]]:
    """Bounded request loops, one per scenario, plus a deep keyset page."""
    results = []
    deadline = time.perf_counter() + budget
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, params in SCENARIOS:
            client.get("/api/events", params=params).raise_for_status()  # warm-up
            times: list[float] = []
            rows = 0
            for _ in range(requests):
                if time.perf_counter() > deadline:
                    break
                t0 = time.perf_counter()
                response = client.get("/api/events", params=params)
                times.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
                rows = response.json()["count"] if params.get("format") != "csv" else response.text.count("\n") - 1
            results.append({"scenario": name, "params": params, "requests": len(times), "rows": rows, **summary(times)})
        # Page 20 by keyset: follow next_url 19 times, then time the 20th page.
        url: str = "/api/events?quad_class=4&limit=50"
        for _ in range(19):
            url = client.get(url).json()["next_url"]
        times = []
        for _ in range(requests):
            if time.perf_counter() > deadline:
                break
            t0 = time.perf_counter()
            client.get(url).raise_for_status()
            times.append((time.perf_counter() - t0) * 1000)
        results.append(
            {"scenario": "keyset page 20 (quad_class=4)", "params": {"next": "…"}, "requests": len(times), "rows": 50, **summary(times)}
        )
    return results


def summary(times: list[float]) -> dict[str, float]:
    """p50, p95 and max in milliseconds."""
    if not times:
        return {"p50_ms": float("nan"), "p95_ms": float("nan"), "max_ms": float("nan")}
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 95), 1), "max_ms": round(max(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="requests per filter set (bounded loop)")
    parser.add_argument("--budget", type=float, default=300.0, help="seconds for all request loops together")
    parser.add_argument("--db", type=Path, help="use this synthetic store instead of building one")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "api_latency.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "events.duckdb"
        if args.db is None:
            build(db, args.events, 20)
        startups = []
        for _ in range(3):
            proc, seconds = start_server(db, free_port())
            startups.append(seconds)
            stop(proc)
        port = free_port()
        proc, _ = start_server(db, port)
        try:
            results = measure(f"http://127.0.0.1:{port}", args.requests, args.budget)
        finally:
            stop(proc)

    print(f"newsgraph serve: first answer after {min(startups):.2f} s (best of 3; all: {', '.join(f'{s:.2f}' for s in startups)})")
    print(f"{'GET /api/events …':44} {'rows':>5} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for r in results:
        print(f"{r['scenario']:44} {r['rows']:>5} {r['requests']:>4} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "events": args.events,
        "serve_startup_s": {"best": round(min(startups), 3), "runs": [round(s, 3) for s in startups]},
        "latency": results,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "note": "requests one at a time against 127.0.0.1 on a shared 2-core machine; timings are noisy",
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""A bounded load test of ``newsgraph serve`` on 127.0.0.1, then the attack probes.

    python bench/server_load.py [--requests 20000] [--concurrency 32] [--articles 800] [--probes]

Builds a synthetic store (``bench/synthetic.py``: articles with actors, quotes and events),
starts ``newsgraph serve`` on it in its own process, and sends ``--requests`` GETs over the
main API endpoints (listings with filters, article records, actors, timeline, network,
clusters, compare, CSV) from ``--concurrency`` concurrent httpx clients. Any non-2xx answer
or transport error counts as an error. Reports throughput, p50/p90/p99/max latency; with
``--probes`` also the attack probes of ``tests/support/probes.py`` (counts and successes).
Figures go to stdout and ``bench/results/server_load.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.ingest.prepare import article_id
from newsgraph.model import Article, InputRef
from newsgraph.store import Store
from tests.support import probes
from tests.support.synthetic import write_demo_store

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TOKEN = "load-test-token-0d5c"


def endpoints(db: Path) -> list[str]:
    """The request mix: the main API endpoints with realistic filters, over real ids."""
    with Store.open(db, read_only=True) as store:
        articles = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY id LIMIT 50").fetchall()]
        actors = [r[0] for r in store.con.execute("SELECT id FROM actors ORDER BY id LIMIT 20").fetchall()]
        outlets = [r[0] for r in store.con.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1").fetchall()]
        countries = [
            r[0] for r in store.con.execute("SELECT DISTINCT source_country FROM events WHERE source_country IS NOT NULL").fetchall()
        ]
    mix = ["/api/", "/api/articles", "/api/events", "/api/quotes", "/api/actors", "/api/clusters", "/api/network", "/api/duplicates"]
    mix += [f"/api/articles/{a}" for a in articles[:10]] + [f"/api/actors/{a}" for a in actors[:5]]
    mix += [f"/api/events?source_country={c}&quad_class=4" for c in countries[:5]] + [
        f"/api/events?country={c}&limit=200" for c in countries[:5]
    ]
    mix += [f"/api/events?outlet={o}&since=2023-01-01" for o in outlets[:3]] + [f"/api/quotes?outlet={o}" for o in outlets[:3]]
    mix += [f"/api/timeline?actor={c}&interval=month" for c in countries[:3]] + [
        "/api/events?format=csv&limit=500",
        "/api/articles?search=talks",
    ]
    if len(outlets) >= 2:
        mix.append(f"/api/compare?a={outlets[0]}&b={outlets[1]}")
    return mix


async def load(base: str, urls: list[str], total: int, concurrency: int) -> tuple[list[float], Counter[str]]:
    """Send ``total`` requests cycling through ``urls`` from ``concurrency`` workers."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def worker() -> None:
            for n in counter:
                url = urls[n % len(urls)]
                started = time.perf_counter()
                try:
                    response = await client.get(url)
                    await response.aread()
                    if not response.is_success:
                        errors[f"{response.status_code} {url}"] += 1
                except httpx.HTTPError as exc:
                    errors[f"{type(exc).__name__} {url}"] += 1
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors


def start_server(db: Path, port: int, token: str | None = None) -> subprocess.Popen[bytes]:
    """``newsgraph serve`` in its own process; returns once it answers."""
    env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_TOKEN"}
    if token:
        env["NEWSGRAPH_TOKEN"] = token
    process = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/", timeout=2)
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("serve did not start")


def store_hostile_articles(db: Path) -> list[str]:
    """Articles whose text, title and outlet carry markup payloads; their ids."""
    hostile = []
    for n, payload in enumerate(probes.XSS_PAYLOADS):
        text = f"Ministers met in Geneva on Tuesday, a page that kept its markup: {payload}. Talks go on, officials said ({n})."
        hostile.append(
            Article(
                id=article_id(text), input=InputRef(path=f"hostile-{n}.txt"), text=text, title=f"Talks {payload}", outlet=f"Wire {payload}"
            )
        )
    with Store.open(db) as store:
        store.write(hostile)
    return [a.id for a in hostile]


def run_probes(db: Path, port: int) -> dict[str, dict[str, int]]:
    """Every attack probe against a server with a token; counts per kind."""
    hostile = store_hostile_articles(db)
    with Store.open(db, read_only=True) as store:  # before the server, which holds the file to write
        ids = hostile + [r[0] for r in store.con.execute("SELECT id FROM articles LIMIT 20").fetchall()]
    server = start_server(db, port, TOKEN)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            pages = ["/", "/articles", "/events", "/quotes", "/actors", "/network", "/clusters", "/duplicates"]
            pages += [f"/articles/{i}" for i in ids] + [f"/events?actor={p}" for p in probes.XSS_PAYLOADS]
            pages += [f"/articles?search={p[:12]}" for p in probes.XSS_PAYLOADS] + [
                f"/compare?a=Wire {p}&b=TASS" for p in probes.XSS_PAYLOADS
            ]
            pages += [f"/articles/{p}" for p in probes.XSS_PAYLOADS] + [f"/quotes?search={p}" for p in probes.XSS_PAYLOADS]
            found = [
                *probes.sql_probes(client),
                *probes.traversal_probes(base),
                *probes.token_probes(client, TOKEN),
                *probes.body_probes(client, TOKEN, 10_000_000),
                *probes.xss_probes(client, pages),
            ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    kinds: dict[str, dict[str, int]] = {}
    for probe in found:
        entry = kinds.setdefault(probe.kind, {"probes": 0, "successes": 0})
        entry["probes"] += 1
        entry["successes"] += probe.succeeded
        if probe.succeeded:
            print(f"  PROBE SUCCEEDED: {probe.kind} {probe.target} ({probe.detail})")
    return kinds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--probes", action="store_true", help="Also run the attack probes.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as tmp:
        db = Path(tmp) / "load.duckdb"
        write_demo_store(db, n_articles=args.articles)
        urls = endpoints(db)
        server = start_server(db, args.port)
        try:
            started = time.perf_counter()
            latencies, errors = asyncio.run(load(f"http://127.0.0.1:{args.port}", urls, args.requests, args.concurrency))
            seconds = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        quantiles = statistics.quantiles(latencies, n=100)
        result: dict[str, object] = {
            "requests": len(latencies),
            "concurrency": args.concurrency,
            "endpoints": len(urls),
            "errors": sum(errors.values()),
            "requests_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": round(quantiles[49] * 1000, 1),
            "p90_ms": round(quantiles[89] * 1000, 1),
            "p99_ms": round(quantiles[98] * 1000, 1),
            "max_ms": round(max(latencies) * 1000, 1),
        }
        print(json.dumps(result, indent=2))
        for what, count in errors.most_common(10):
            print(f"  error: {count} × {what}")
        if args.probes:
            result["probes"] = run_probes(db, args.port)
            print(json.dumps(result["probes"], indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "server_load.json").write_text(json.dumps(result, indent=2))
    failed = result["errors"] or any(k["successes"] for k in result.get("probes", {}).values())  # type: ignore[union-attr]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

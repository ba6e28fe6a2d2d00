"""Time and peak memory of the corpus update (sightings, copy detection, copy links, event
clusters) on a store of synthetic articles (``bench/synthetic_news.py``, ~30% copies),
each with three coded events between random actors so that event merging has work to do.

The store is written first (not timed); the update then runs in a fresh process whose peak
resident memory (``ru_maxrss``) is reported next to that of a process that only imports
newsgraph and opens the store.

    python bench/corpus_scale.py [--size 10000] [--out bench/results/corpus_scale.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.copies_eval import articles
from bench.synthetic_news import COUNTRIES, corpus
from newsgraph.model import Article, Event, EventActor, Mention, TextSpan
from newsgraph.store import Store

ROOTS = [
    ("040", "04", "Consult", 1, 1.0),
    ("036", "03", "Express intent to meet or negotiate", 1, 4.0),
    ("111", "11", "Criticize or denounce", 3, -2.0),
]
ROOTS += [("172", "17", "Impose administrative sanctions", 4, -5.0), ("057", "05", "Sign formal agreement", 1, 8.0)]


def with_events(arts: list[Article], seed: int) -> list[Article]:
    """Give each article three events; a copy gets its original's events (same sentences)."""
    rng = random.Random(seed)
    codes = [c.removeprefix("the ").upper()[:3] for c in COUNTRIES]
    by_text: dict[str, list[tuple]] = {}
    for article in arts:
        first = article.text.split("\n\n", 1)[0]
        if first not in by_text:  # copies share their first paragraph with the original (most transforms)
            by_text[first] = [(rng.choice(ROOTS), *rng.sample(codes, 2)) for _ in range(3)]
        end = article.text.find(".") + 1
        article.events = [
            Event(
                id=f"{article.id}-{n}",
                cameo=cameo,
                root=root,
                name=name,
                quad_class=quad,
                goldstein=goldstein,
                trigger=Mention(0, 3, article.text[:3]),
                sentence=TextSpan(0, end),
                source=EventActor(name=src, code=f"{src}GOV", country=src),
                target=EventActor(name=tgt, code=f"{tgt}GOV", country=tgt),
                date=article.published,
            )
            for n, ((cameo, root, name, quad, goldstein), src, tgt) in enumerate(by_text[first])
        ]
    return arts


def child(db: str, mode: str) -> None:
    """Run in a fresh process: the update (or only opening the store) and its measures."""
    from newsgraph import corpus as corpus_mod
    from newsgraph.corpus.copies import CopyConfig, _sign_new, candidate_pairs, confirm, link_copies
    from newsgraph.corpus.event_clusters import update_event_clusters
    from newsgraph.corpus.sources import backfill_sources

    timings: dict[str, float] = {}
    with Store.open(db) as store:
        before_mb = _rss_mb("VmRSS")
        _reset_peak()
        if mode == "update":
            config = CopyConfig()
            mark = time.perf_counter()
            steps = [
                ("sightings", lambda: backfill_sources(store)),
                ("minhash signatures", lambda: _sign_new(store, config)),
            ]
            results: dict[str, object] = {}
            for name, step in steps:
                results[name] = step()
                timings[name] = time.perf_counter() - mark
                mark = time.perf_counter()
            signed, signature_rows = results["minhash signatures"]  # type: ignore[misc]
            pairs = candidate_pairs(store, signed, config)
            timings["lsh candidates"] = time.perf_counter() - mark
            mark = time.perf_counter()
            confirmed = confirm(store, pairs, config)
            store.update_tables(insert={"minhashes": signature_rows, "copy_pairs": confirmed})
            timings["containment check"] = time.perf_counter() - mark
            mark = time.perf_counter()
            copies, _ = link_copies(store, config)
            timings["copy links + diffs"] = time.perf_counter() - mark
            mark = time.perf_counter()
            clusters = update_event_clusters(store)
            timings["event clusters"] = time.perf_counter() - mark
            mark = time.perf_counter()
            again = corpus_mod.update(store)
            timings["second update (no new articles)"] = time.perf_counter() - mark
            counts = {"candidates": len(pairs), "confirmed_pairs": len(confirmed), "copies": copies, "event_clusters": clusters}
            counts["second_update_signed"] = again.copies.signed
        else:
            counts = {}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    measures = {"peak_rss_mb": round(peak_mb, 1), "rss_before_update_mb": before_mb, "peak_rss_during_update_mb": _rss_mb("VmHWM")}
    print(json.dumps({"timings": {k: round(v, 2) for k, v in timings.items()}, "counts": counts, **measures}))


def _rss_mb(field: str) -> float | None:
    """A memory figure of this process from /proc (Linux), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _reset_peak() -> None:
    # Writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0), so the peak covers the update only.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "corpus_scale.json")
    parser.add_argument("--child", nargs=2, metavar=("DB", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "scale.duckdb")
        docs = corpus(args.size, seed=args.seed)
        arts = with_events(articles(docs), args.seed)
        with Store.open(db) as store:
            for start in range(0, len(arts), 1000):
                store.write(arts[start : start + 1000])
            counts = store.counts()

        def run(mode: str) -> dict:
            started = time.perf_counter()
            out = subprocess.run([sys.executable, __file__, "--child", db, mode], capture_output=True, text=True, check=True)
            result = json.loads(out.stdout)
            result["wall_seconds"] = round(time.perf_counter() - started, 2)
            return result

        baseline = run("open")
        update = run("update")
    words = sum(len(d.text.split()) for d in docs)
    result = {
        "articles": counts["articles"],
        "words": words,
        "events": counts["events"],
        "update_seconds": round(sum(v for k, v in update["timings"].items() if not k.startswith("second")), 2),
        "steps_seconds": update["timings"],
        "counts": update["counts"],
        "rss_before_update_mb (imports + open store)": update["rss_before_update_mb"],
        "peak_rss_during_update_mb": update["peak_rss_during_update_mb"],
        "peak_rss_process_mb": update["peak_rss_mb"],
        "peak_rss_open_only_mb": baseline["peak_rss_mb"],
        "note": "2-core machine shared with other jobs; timings are noisy",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""Throughput of newsgraph against the bare spaCy pipeline, on the same varied corpus in the
same run: words/s of (1) spaCy's English model alone, (2) newsgraph's analysis (model +
components), (3) a full ingest into a fresh DuckDB store. Prints a table, writes JSON.

    python bench/throughput.py [--mb 1.0] [--out bench/results/throughput.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import write_corpus
from newsgraph.config import DEFAULT_MODEL, ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from newsgraph.nlp.pipeline import Analyzer
from newsgraph.runner import ingest_items
from newsgraph.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.0, help="corpus size in MB of text")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "throughput.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_articles = write_corpus(corpus, int(args.mb * 1_000_000))
        articles = [a for a in read_articles([str(corpus)], ReadOptions()) if isinstance(a, Article)]
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)

        bare = spacy.load(DEFAULT_MODEL)
        analyzer = Analyzer()
        # Warm both pipelines so model loading is not timed.
        list(bare.pipe(texts[:4]))
        list(analyzer.analyze_many(articles[:4]))

        started = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=32):
            pass
        bare_s = time.perf_counter() - started

        started = time.perf_counter()
        for _ in analyzer.analyze_many(articles):
            pass
        analysis_s = time.perf_counter() - started

        with Store.open(Path(tmp) / "bench.duckdb") as store:
            started = time.perf_counter()
            report = ingest_items(read_articles([str(corpus)], ReadOptions()), store, analyzer)
            ingest_s = time.perf_counter() - started
        assert report.ingested == n_articles, report.summary()

    results = {
        "corpus": {"articles": n_articles, "words": words, "megabytes": round(sum(len(t.encode()) for t in texts) / 1e6, 2)},
        "bare_spacy_words_per_s": round(words / bare_s),
        "analysis_words_per_s": round(words / analysis_s),
        "ingest_words_per_s": round(words / ingest_s),
        "ingest_articles_per_s": round(n_articles / ingest_s, 1),
        "analysis_vs_bare": round(bare_s / analysis_s, 3),
        "ingest_vs_bare": round(bare_s / ingest_s, 3),
        "machine": {"python": platform.python_version(), "processor": platform.machine(), "spacy": spacy.__version__},
    }
    rows = [
        ("bare spaCy pipeline", results["bare_spacy_words_per_s"], 1.0),
        ("newsgraph analysis", results["analysis_words_per_s"], results["analysis_vs_bare"]),
        ("newsgraph ingest (analysis + store)", results["ingest_words_per_s"], results["ingest_vs_bare"]),
    ]
    print(f"corpus: {n_articles} articles, {words:,} words, {results['corpus']['megabytes']} MB")
    print(f"{'stage':<38}{'words/s':>10}{'× bare':>9}")
    for name, wps, ratio in rows:
        print(f"{name:<38}{wps:>10,}{ratio:>9.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

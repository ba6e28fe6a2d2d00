"""One measured run, in a fresh process so that its memory is its own; prints one JSON
object: seconds (model loading and worker start-up excluded), words, articles, pids.

    python bench/modes.py MODE CORPUS.jsonl [--workers N]

MODE: ``bare`` (spaCy's pipeline alone), ``analysis`` (newsgraph's pipeline, one process),
``ingest`` (read, analyse, store into a fresh DuckDB file with --workers N), ``dask``
(ingest on a LocalCluster of N workers into a Parquet dataset), ``components`` (seconds per
pipeline component).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import prepared_articles
from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from newsgraph.pipeline import Analyzer, build_pipeline, make_doc
from newsgraph.pipeline.build import model_name
from newsgraph.run.engine import Engine, InProcess, analyze_safely
from newsgraph.run.job import ingest_items
from newsgraph.run.pool import WorkerPool
from newsgraph.store import Store

BATCH = 64


def _words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def bare(corpus: Path, workers: int) -> dict[str, Any]:
    articles = prepared_articles(corpus)
    texts = [a.text for a in articles]
    nlp = spacy.load(model_name())
    list(nlp.pipe(texts[:4]))
    started = time.perf_counter()
    with nlp.memory_zone():
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    return {"seconds": time.perf_counter() - started, "words": _words(articles), "articles": len(articles), "worker_pids": [os.getpid()]}


def analysis(corpus: Path, workers: int) -> dict[str, Any]:
    articles = prepared_articles(corpus)
    analyzer = Analyzer()
    list(analyzer.analyze_many(articles[:4]))
    started = time.perf_counter()
    for i in range(0, len(articles), BATCH):
        analyze_safely(analyzer, articles[i : i + BATCH])
    return {"seconds": time.perf_counter() - started, "words": _words(articles), "articles": len(articles), "worker_pids": [os.getpid()]}


def ingest(corpus: Path, workers: int) -> dict[str, Any]:
    engine: Engine
    if workers == 1:
        analyzer = Analyzer()
        list(analyzer.analyze_many(prepared_articles(corpus)[:4]))
        engine, pids, pool = InProcess(analyzer=analyzer), [os.getpid()], None
    else:
        pool = WorkerPool(PipelineConfig(), workers)
        engine, pids = pool, sorted(pool.warm())
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.duckdb") as store:
        started = time.perf_counter()
        report = ingest_items(read_articles([str(corpus)], ReadOptions()), store, engine, batch_size=BATCH)
        seconds = time.perf_counter() - started
    if pool is not None:
        pool.close()
    return {"seconds": seconds, "words": report.words, "articles": report.ingested, "failed": report.failed, "worker_pids": pids}


def dask(corpus: Path, workers: int) -> dict[str, Any]:
    from newsgraph.run.cluster import ClusterJob, PipelinePlugin, dask_client, run_cluster_ingest

    config = PipelineConfig()
    with tempfile.TemporaryDirectory() as tmp, dask_client("local", workers) as client:
        client.register_plugin(PipelinePlugin(config))
        pids = sorted(client.run(os.getpid).values())
        job = ClusterJob(Path(tmp) / "dataset", ReadOptions(), config, batch_size=BATCH)
        # Enough partitions that no worker waits long for the last one.
        partition_bytes = max(50_000, corpus.stat().st_size // (6 * workers))
        started = time.perf_counter()
        report = run_cluster_ingest([str(corpus)], job, client, partition_bytes=partition_bytes)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": report.words, "articles": report.ingested, "failed": report.failed, "worker_pids": pids}


def components(corpus: Path, workers: int) -> dict[str, Any]:
    """Seconds spent in each component, running them one after another over all docs."""
    articles = prepared_articles(corpus)
    nlp = build_pipeline()
    list(Analyzer(nlp=nlp).analyze_many(articles[:4]))
    seconds: dict[str, float] = {}
    with nlp.memory_zone():
        started = time.perf_counter()
        docs = [make_doc(nlp, a) for a in articles]
        seconds["tokenizer"] = time.perf_counter() - started
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            docs = list(component.pipe(docs, batch_size=32)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
            seconds[name] = time.perf_counter() - started
    total = sum(seconds.values())
    return {"seconds": total, "words": _words(articles), "articles": len(articles), "components": seconds, "worker_pids": [os.getpid()]}


MODES = {"bare": bare, "analysis": analysis, "ingest": ingest, "dask": dask, "components": components}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=sorted(MODES))
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    result = MODES[args.mode](args.corpus, args.workers)
    result["main_pid"] = os.getpid()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

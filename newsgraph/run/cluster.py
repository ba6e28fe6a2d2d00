"""Dask: analysis on the workers of a cluster — a ``LocalCluster`` on this machine, or a
scheduler anywhere (``dask scheduler`` + ``dask worker``, dask-jobqueue on SLURM, …).

``DaskEngine`` is the engine (``newsgraph.run.engine``) over a cluster: batches go to the
workers and their results come back. ``ingest --engine dask`` goes further: partitions of
the input are read, analysed and written as a Parquet dataset by the workers themselves. The
client only plans partitions, lists the ids already in the dataset (sent once to every
worker), keeps a bounded number of partitions in flight and reports as they finish. Workers
need newsgraph installed and the same view of the input and output paths (a shared disk).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import dask
from distributed import Client, Future, LocalCluster, as_completed, wait
from distributed.diagnostics.plugin import WorkerPlugin

from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.errors import Errors, UsageError
from newsgraph.model import Article, InputFailure
from newsgraph.run.engine import InProcess, Item, analysis_failure, analyze_safely, process_analyzer, warm_up
from newsgraph.run.job import IngestReport, ingest_items
from newsgraph.run.partitions import Partition, plan_partitions, read_partition
from newsgraph.store.parquet import IdSet, PartitionWriter, deduplicate, existing_ids, failures_key, prepare_dataset

LOCAL = "local"
DEFAULT_PARTITION_BYTES = 8_000_000
T = TypeVar("T")


class PipelinePlugin(WorkerPlugin):
    """Builds the newsgraph pipeline once in every worker (and in workers that join later)."""

    name = "newsgraph-pipeline"

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        """Load the pipeline before the worker takes tasks."""
        warm_up(self.config)


@dataclass(frozen=True)
class ClusterJob:
    """What every partition task needs: where to write and how to read and analyse."""

    out: Path
    options: ReadOptions
    config: PipelineConfig
    batch_size: int = 64
    run: str = ""  # names this run's files, so that a re-run never replaces an earlier run's


def ingest_partition(partition: Partition, job: ClusterJob, skip: IdSet) -> IngestReport:
    """Read, analyse and write one partition (runs on a worker)."""
    engine = InProcess(job.config, process_analyzer(job.config))
    with PartitionWriter(job.out, f"{partition.key}{job.run}", skip) as writer:
        return ingest_items(read_partition(partition, job.options), writer, engine, batch_size=job.batch_size)


@contextmanager
def dask_client(scheduler: str, workers: int) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers``
    single-threaded processes listening on 127.0.0.1 only, without a dashboard."""
    if scheduler == LOCAL:
        with (
            # Without a dashboard nobody reads the workers' statistical profiles; sampling
            # every thread's stack every 10 ms only competes with spaCy for the GIL.
            dask.config.set({"distributed.worker.profile.enabled": False}),
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.CRITICAL,  # workers log tracebacks when closing under load
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    else:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise UsageError(Errors.E304, address=scheduler, detail=exc) from exc
        with client:
            yield client


def _analyze_on_worker(config: PipelineConfig, articles: list[Article]) -> list[Item]:
    return analyze_safely(process_analyzer(config), articles)


@dataclass
class DaskEngine:
    """Analysis on the workers of the cluster behind ``client``, each with its own pipeline
    (built once per worker by ``PipelinePlugin``), at most ``in_flight`` batches queued.

    A batch whose task fails (its worker died more often than Dask retries it) is analysed
    again one article at a time, so only the article that kills workers is reported."""

    client: Client
    config: PipelineConfig = field(default_factory=PipelineConfig)
    in_flight: int | None = None

    def __post_init__(self) -> None:
        self.client.register_plugin(PipelinePlugin(self.config))

    def _submit(self, articles: list[Article]) -> Future:
        return self.client.submit(_analyze_on_worker, self.config, articles, pure=False)

    def _result(self, articles: list[Article], future: Future | None) -> list[Item]:
        if future is None:
            return []
        try:
            return list(future.result())
        except Exception:
            pass
        results: list[Item] = []
        for article, single in zip(articles, [self._submit([a]) for a in articles], strict=True):
            try:
                results.extend(single.result())
            except Exception as exc:
                results.append(analysis_failure(article, exc))
        return results

    def map(self, batches: Iterable[tuple[T, list[Article]]], ordered: bool = True) -> Iterator[tuple[T, list[Item]]]:
        """Analyse batches on the cluster; ``ordered=False`` yields each as soon as it is done."""
        limit = self.in_flight or 2 * max(1, sum(self.client.nthreads().values()))
        source = iter(batches)
        pending: deque[tuple[T, list[Article], Future | None]] = deque()
        while True:
            while len(pending) < limit and (nxt := next(source, None)) is not None:
                tag, articles = nxt
                pending.append((tag, articles, self._submit(articles) if articles else None))
            if not pending:
                return
            index = 0
            if not ordered and pending[0][2] is not None:
                done = wait([f for _, _, f in pending if f is not None], return_when="FIRST_COMPLETED").done
                index = next(i for i, (_, _, f) in enumerate(pending) if f is None or f in done)
            tag, articles, future = pending[index]
            del pending[index]
            yield tag, self._result(articles, future)


def run_cluster_ingest(
    paths: Iterable[str],
    job: ClusterJob,
    client: Client,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    on_partition: Callable[[IngestReport, list[InputFailure]], None] | None = None,
) -> IngestReport:
    """Ingest ``paths`` into the Parquet dataset ``job.out`` on the cluster behind ``client``."""
    prepare_dataset(job.out)
    job = replace(job, run=f"-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}")
    client.register_plugin(PipelinePlugin(job.config))
    skip = client.scatter(existing_ids(job.out), broadcast=True)
    report = IngestReport()
    outside: list[InputFailure] = []  # failures no partition writes: missing inputs, lost tasks

    def note(part: IngestReport) -> None:
        report.add(part)
        if on_partition is not None:
            on_partition(report, part.failures)

    planned = plan_partitions(paths, partition_bytes)
    running = as_completed()
    partitions: dict[Any, Partition] = {}  # by task key

    def submit_next() -> None:
        for item in planned:
            if isinstance(item, InputFailure):
                outside.append(item)
                note(IngestReport(failed=1, failures=[item]))
                continue
            future = client.submit(ingest_partition, item, job, skip, pure=False)
            partitions[future.key] = item
            running.add(future)
            return

    for _ in range(2 * max(1, sum(client.nthreads().values()))):
        submit_next()
    for future in running:
        partition = partitions.pop(future.key)
        try:
            note(future.result())
        except Exception as exc:
            failure = InputFailure.of(partition.path, Errors.E303, start=partition.start, detail=f"{type(exc).__name__}: {exc}")
            outside.append(failure)
            note(IngestReport(failed=1, failures=[failure]))
        future.release()
        submit_next()
    if outside:
        with PartitionWriter(job.out, failures_key(outside) + job.run) as writer:
            writer.write([], outside)
    # Two partitions of this run may have held the same article.
    removed = deduplicate(job.out)
    report.ingested -= removed
    report.unchanged += removed
    return report

"""Analysis on every core: worker processes that each build the pipeline once and analyse the
batches sent to them, with a bounded number of batches in flight so memory stays flat.

An *engine* maps ``(tag, articles)`` batches to ``(tag, results)``: ``InProcess`` analyses in
the calling process, ``WorkerPool`` in worker processes, and ``LocalEngine`` (``--workers N``)
picks one of them. The tag is whatever the caller needs back with the results.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, TypeVar

from newsgraph.config import PipelineConfig
from newsgraph.model import Article, InputFailure, InputRef
from newsgraph.pipeline import Analyzer

Item = Article | InputFailure
T = TypeVar("T")

# A short article run once outside a memory zone when a worker starts, so that components
# which set themselves up lazily keep what they build (see ``analyze_safely``).
_WARM_UP_TEXT = (
    "BERLIN, May 6 (Reuters) - German Foreign Minister Annalena Baerbock met her French "
    'counterpart in Berlin on Monday. "We stand together," she told reporters.'
)


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analysis_failure(article: Article, exc: BaseException | str) -> InputFailure:
    """The failure recorded for an article whose analysis raised ``exc``."""
    reason = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return InputFailure(article.input.path or "<input>", f"analysis failed: {reason}", article.input.line)


def analyze_safely(analyzer: Analyzer, articles: list[Article]) -> list[Item]:
    """Analyse a batch; if the pipeline fails, retry one by one so only the culprit fails.

    The batch runs in a spaCy memory zone: strings and lexemes first seen in it are freed
    afterwards, so a long run does not grow the vocabulary without bound. Results are plain
    dataclasses, copied out of the Docs before the zone ends.
    """
    if not articles:
        return []
    with analyzer.nlp.memory_zone():
        try:
            return list(analyzer.analyze_many(articles))
        except Exception:
            results: list[Item] = []
            for article in articles:
                try:
                    results.append(analyzer.analyze(article))
                except Exception as exc:
                    results.append(analysis_failure(article, exc))
            return results


@functools.cache
def worker_analyzer(config: PipelineConfig) -> Analyzer:
    """The analyser of this process, built once per configuration and warmed up."""
    analyzer = Analyzer(config)
    analyzer.analyze(Article(id="warm-up", input=InputRef(), text=_WARM_UP_TEXT, published="2024-05-06"))
    return analyzer


class Engine(Protocol):
    """Maps batches of articles to their analysis results."""

    def map(self, batches: Iterable[tuple[T, list[Article]]], ordered: bool = True) -> Iterator[tuple[T, list[Item]]]:
        """Analyse each batch; ``ordered`` keeps input order, else results come as they finish."""
        ...


@dataclass
class InProcess:
    """Analysis in this process; the pipeline is built on the first non-empty batch."""

    config: PipelineConfig = field(default_factory=PipelineConfig)
    analyzer: Analyzer | None = None

    def map(self, batches: Iterable[tuple[T, list[Article]]], ordered: bool = True) -> Iterator[tuple[T, list[Item]]]:
        """Analyse batch after batch (always in order)."""
        for tag, articles in batches:
            if articles and self.analyzer is None:
                self.analyzer = Analyzer(self.config)
            yield tag, analyze_safely(self.analyzer, articles) if self.analyzer and articles else []


# -- worker processes ----------------------------------------------------------------------


def _exit_when_orphaned(parent: int) -> None:
    # A parent killed with SIGKILL cannot stop its workers; they notice and leave.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _start_worker(config: PipelineConfig, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    worker_analyzer(config)


def _analyze_in_worker(config: PipelineConfig, articles: list[Article]) -> list[Item]:
    return analyze_safely(worker_analyzer(config), articles)


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


@dataclass
class _Pending:
    tag: object
    articles: list[Article]
    future: cf.Future[list[Item]]
    pool: cf.ProcessPoolExecutor | None


class WorkerPool:
    """``workers`` processes, each with its own pipeline; at most ``in_flight`` batches queued.

    A worker that dies (a crash, the kernel's OOM killer) is replaced; the batches it took
    down are analysed again one article at a time, so only the article that kills a worker
    is reported as failed. Use as a context manager.
    """

    def __init__(self, config: PipelineConfig, workers: int, in_flight: int | None = None) -> None:
        self.config = config
        self.workers = max(1, workers)
        self.in_flight = in_flight or 2 * self.workers
        self._executor: cf.ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close(now=exc_type is not None)

    def close(self, now: bool = False) -> None:
        """Stop the workers once their current batch is done, or ``now`` (on Ctrl-C or an
        error: results not yet written are simply analysed again by the next run)."""
        if self._executor is None:
            return
        if now:
            # The executor has no public way to stop a running task before Python 3.14.
            for process in list(getattr(self._executor, "_processes", {}).values()):
                process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None

    def _pool(self) -> cf.ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: the parent may hold DuckDB and progress-bar threads.
            self._executor = cf.ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.config, os.getpid()),
            )
        return self._executor

    def _replace(self, broken: cf.ProcessPoolExecutor | None) -> None:
        if broken is not None and broken is self._executor:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def warm(self, timeout: float = 300.0) -> set[int]:
        """Start every worker and wait until each has built its pipeline; their pids."""
        pool = self._pool()
        pids: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(pids) < self.workers and time.monotonic() < deadline:
            # Slow tasks keep a worker busy, so the next one goes to a worker without a result yet.
            futures = [pool.submit(_pid_after, 0.3) for _ in range(self.workers)]
            pids.update(f.result() for f in futures)
        return pids

    def _submit(self, tag: object, articles: list[Article]) -> _Pending:
        if not articles:
            done: cf.Future[list[Item]] = cf.Future()
            done.set_result([])
            return _Pending(tag, articles, done, None)
        pool, future = self._submit_task(articles)
        return _Pending(tag, articles, future, pool)

    def _submit_task(self, articles: list[Article]) -> tuple[cf.ProcessPoolExecutor, cf.Future[list[Item]]]:
        pool = self._pool()
        try:
            return pool, pool.submit(_analyze_in_worker, self.config, articles)
        except BrokenProcessPool:  # a worker died since the last result was collected
            self._replace(pool)
            pool = self._pool()
            return pool, pool.submit(_analyze_in_worker, self.config, articles)

    def _result(self, pending: _Pending) -> list[Item]:
        try:
            return pending.future.result()
        except BrokenProcessPool:
            self._replace(pending.pool)
            return self._one_by_one(pending.articles)
        except Exception as exc:  # e.g. a result that cannot be pickled
            return [analysis_failure(a, exc) for a in pending.articles]

    def _one_by_one(self, articles: list[Article]) -> list[Item]:
        results: list[Item] = []
        for article in articles:
            pool, future = self._submit_task([article])
            try:
                results.extend(future.result())
            except BrokenProcessPool:
                self._replace(pool)
                results.append(analysis_failure(article, "the worker process died while analysing it"))
        return results

    def map(self, batches: Iterable[tuple[T, list[Article]]], ordered: bool = True) -> Iterator[tuple[T, list[Item]]]:
        """Analyse batches in the workers; ``ordered=False`` yields each as soon as it is done."""
        source = iter(batches)
        pending: deque[_Pending] = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.in_flight:
                nxt = next(source, None)
                if nxt is None:
                    exhausted = True
                else:
                    pending.append(self._submit(*nxt))
            if not pending:
                return
            if ordered:
                entry = pending.popleft()
            else:
                done, _ = cf.wait([p.future for p in pending], return_when=cf.FIRST_COMPLETED)
                entry = next(p for p in pending if p.future in done)
                pending.remove(entry)
            yield entry.tag, self._result(entry)  # type: ignore[misc]


@dataclass
class LocalEngine:
    """``--workers N`` on this machine: a WorkerPool, or this process when N is 1 or the
    input holds a single batch (starting workers would cost more than it saves)."""

    config: PipelineConfig = field(default_factory=PipelineConfig)
    workers: int = field(default_factory=default_workers)

    def map(self, batches: Iterable[tuple[T, list[Article]]], ordered: bool = True) -> Iterator[tuple[T, list[Item]]]:
        """Analyse every batch, starting workers once there are two batches to analyse."""
        source = iter(batches)
        head: list[tuple[T, list[Article]]] = []
        for tag, articles in source:
            if articles or (head and ordered):
                head.append((tag, articles))
            else:
                yield tag, []  # nothing to analyse, nothing queued before it
            if sum(1 for _, a in head if a) >= 2:
                break
        rest = itertools.chain(head, source)
        if self.workers > 1 and sum(1 for _, a in head if a) >= 2:
            with WorkerPool(self.config, self.workers) as pool:
                yield from pool.map(rest, ordered)
        else:
            yield from InProcess(self.config).map(rest, ordered)

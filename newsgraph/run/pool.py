"""``--workers N`` on this machine: worker processes that each build the pipeline once and
analyse the batches sent to them, with a bounded number of batches in flight so memory stays
flat. ``LocalEngine`` is the engine (``newsgraph.run.engine``) over them."""

from __future__ import annotations

import concurrent.futures as cf
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
from typing import TypeVar

from newsgraph.config import PipelineConfig
from newsgraph.errors import Errors
from newsgraph.model import Article, InputFailure
from newsgraph.run.engine import (
    InProcess,
    Item,
    analysis_failure,
    analyze_safely,
    default_workers,
    process_analyzer,
    time_limit,
    warm_up,
)

T = TypeVar("T")

# How long past every time limit of its batch a worker may stay inside analysis before it leaves.
STUCK_GRACE_SECONDS = 30.0


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
    warm_up(config)


def _analyze_in_worker(config: PipelineConfig, articles: list[Article]) -> list[Item]:
    # The time limit is an alarm in this (main) thread; code that never returns to Python
    # cannot see it, so past the batch's limit and every article's own (the retry one by one)
    # the worker leaves, and the pool reports the article that took it down (E302).
    seconds = time_limit(articles) + sum(time_limit([a]) for a in articles) + STUCK_GRACE_SECONDS
    watchdog = threading.Timer(seconds, os._exit, (1,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return analyze_safely(process_analyzer(config), articles)
    finally:
        watchdog.cancel()


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
                results.append(InputFailure.of(article.input.path or "<input>", Errors.E302, article.input.line))
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

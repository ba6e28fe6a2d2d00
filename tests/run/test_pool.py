"""Worker processes: same results as one process, input order or arrival order, a dead
worker costs no article, orphaned workers leave, and memory zones keep the vocabulary flat."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from newsgraph.pipeline import Analyzer
from newsgraph.run.engine import InProcess, analyze_safely
from newsgraph.run.pool import LocalEngine, WorkerPool, _Pending


def _articles(corpus: tuple[Path, int]) -> list[Article]:
    return [a for a in read_articles([str(corpus[0])], ReadOptions()) if isinstance(a, Article)]


def _batches(articles: list[Article], size: int) -> list[tuple[int, list[Article]]]:
    return [(n, articles[i : i + size]) for n, i in enumerate(range(0, len(articles), size))]


def _records(results: list[object]) -> list[dict]:
    return [r.to_dict() for r in results if isinstance(r, Article)]


@pytest.mark.slow
def test_two_workers_give_the_results_of_one_process_in_input_order(
    corpus: tuple[Path, int], analyzer: Analyzer, worker_pool: WorkerPool
) -> None:
    articles = _articles(corpus)[:16]
    expected = [r for _, results in InProcess(analyzer=analyzer).map(_batches(articles, 4)) for r in results]
    ordered = list(worker_pool.map(_batches(articles, 4), ordered=True))
    unordered = list(worker_pool.map(_batches(articles, 4), ordered=False))
    assert [tag for tag, _ in ordered] == [0, 1, 2, 3]
    assert _records([r for _, results in ordered for r in results]) == _records(expected)
    assert sorted(tag for tag, _ in unordered) == [0, 1, 2, 3]
    by_tag = {tag: _records(results) for tag, results in unordered}
    assert [r for tag in range(4) for r in by_tag[tag]] == _records(expected)
    assert all(r.actors for r in expected), "every example variant names at least one actor"


@pytest.mark.slow
def test_a_batch_lost_with_a_dead_worker_is_analysed_again(corpus: tuple[Path, int], analyzer: Analyzer, worker_pool: WorkerPool) -> None:
    articles = _articles(corpus)[:3]
    lost: cf.Future = cf.Future()
    lost.set_exception(BrokenProcessPool("a worker died"))
    results = worker_pool._result(_Pending("tag", articles, lost, None))
    assert _records(results) == _records(analyze_safely(analyzer, articles))


@pytest.mark.slow
def test_killing_a_worker_mid_run_loses_no_article(corpus: tuple[Path, int], worker_pool: WorkerPool) -> None:
    articles = _articles(corpus)
    victim = min(worker_pool.warm())
    results = []
    for n, (_, batch) in enumerate(worker_pool.map(_batches(articles, 3), ordered=True)):
        if n == 0:
            os.kill(victim, signal.SIGKILL)
        results.extend(batch)
    assert [r.input.line for r in results if isinstance(r, Article)] == [a.input.line for a in articles]


@pytest.mark.slow
def test_workers_leave_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import time
        from newsgraph.config import PipelineConfig
        from newsgraph.run.pool import WorkerPool

        if __name__ == "__main__":
            pool = WorkerPool(PipelineConfig(), workers=2)
            print(" ".join(map(str, sorted(pool.warm()))), flush=True)
            time.sleep(600)
        """
    )
    (tmp_path / "parent.py").write_text(script)
    parent = subprocess.Popen([sys.executable, str(tmp_path / "parent.py")], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.5)
    assert not any(_alive(pid) for pid in pids)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its exit status is left for init to collect.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


def test_local_engine_analyses_a_single_batch_in_this_process(corpus: tuple[Path, int]) -> None:
    articles = _articles(corpus)[:2]
    engine = LocalEngine(PipelineConfig(), workers=2)
    before = {p.pid for p in multiprocessing.active_children()}  # e.g. the session's worker pool
    results = []
    for result in engine.map([("only", articles)]):
        assert {p.pid for p in multiprocessing.active_children()} == before
        results.append(result)
    assert [tag for tag, _ in results] == ["only"]
    assert [r.input.line for r in results[0][1] if isinstance(r, Article)] == [1, 2]
    assert list(engine.map([("empty", []), ("also empty", [])], ordered=False)) == [("empty", []), ("also empty", [])]

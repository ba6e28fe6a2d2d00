"""Shared fixtures: the analyser (built once per test session), paths to examples and to
../shared material (tests that need the latter skip cleanly when it is absent)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from newsgraph.config import PipelineConfig
from newsgraph.errors import NewsgraphError
from newsgraph.pipeline import Analyzer
from newsgraph.run.pool import WorkerPool
from newsgraph.store import Store
from tests.support.corpus import write_corpus
from tests.support.paths import EXAMPLES, ROOT, SHARED


@pytest.fixture(scope="session", autouse=True)
def stores_pass_check(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """At the end of the session, ``newsgraph check`` every store the tests built (stores a
    test damages on purpose are named ``*.broken.duckdb``)."""
    yield
    from newsgraph.store.check import check_store

    problems = []
    stores = sorted(p for p in tmp_path_factory.getbasetemp().rglob("*.duckdb") if ".broken." not in p.name)
    for path in stores:
        try:
            with Store.open(path, read_only=True) as store:
                if "articles" not in {row[0] for row in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}:
                    continue  # a DuckDB file that is not a store
                problems += [f"{path}: {problem}" for problem in check_store(store).problems]
        except (NewsgraphError, duckdb.Error) as exc:
            problems.append(f"{path}: {exc}")
    if problems:
        pytest.fail(f"newsgraph check on {len(stores)} stores built by the tests:\n" + "\n".join(problems[:50]), pytrace=False)


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def worker_pool() -> Iterator[WorkerPool]:
    """Two worker processes with the default pipeline, started once for the session."""
    with WorkerPool(PipelineConfig(), workers=2, in_flight=4) as pool:
        yield pool


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds


@pytest.fixture(scope="session")
def article_schema() -> dict:
    return json.loads((ROOT / "newsgraph" / "data" / "article.schema.json").read_text())


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> tuple[Path, int]:
    """A JSON Lines file of 36 distinct articles (the English examples, varied) and its length."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    return path, write_corpus(examples_dir, path, copies=3)


# -- the one line that says whether the quality floors ran ---------------------------------

_FLOOR_OUTCOMES: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note the outcome of every quality-floor test (marked ``eval``)."""
    if "eval" in report.keywords and (report.when == "call" or report.outcome != "passed"):
        _FLOOR_OUTCOMES[report.nodeid] = report.outcome


def floors_line(outcomes: dict[str, str], shared_present: bool) -> str:
    """``quality floors: …`` — whether the floors on ../shared/eval ran, passed or were skipped."""
    counts = {outcome: sum(1 for o in outcomes.values() if o == outcome) for outcome in ("passed", "failed", "skipped")}
    if not outcomes:
        return "quality floors: not selected in this run"
    if counts["skipped"] == len(outcomes):
        why = "../shared/eval is not present" if not shared_present else "every floor test skipped"
        return f"quality floors: SKIPPED ({why}; {len(outcomes)} floor tests did not run)"
    ran = counts["passed"] + counts["failed"]
    verdict = "FAILED" if counts["failed"] else "ran"
    return f"quality floors: {verdict} on ../shared/eval ({counts['passed']} of {ran} passed, {counts['skipped']} skipped)"


def pytest_unconfigure(config: pytest.Config) -> None:
    """Print the floors line last, after pytest's own summary (``make test`` ends with it)."""
    if getattr(config, "workerinput", None) is None:  # not inside an xdist worker
        print(floors_line(_FLOOR_OUTCOMES, (SHARED / "eval").is_dir()), flush=True)

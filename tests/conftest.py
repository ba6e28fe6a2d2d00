"""Shared fixtures: the analyser (built once per test session), paths to examples and to
../shared material (tests that need the latter skip cleanly when it is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.ingest.prepare import prepare_article
from newsgraph.model import Article, InputRef, RawArticle
from newsgraph.nlp.pipeline import Analyzer
from newsgraph.scale.pool import WorkerPool

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


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


def run_newsgraph(*args: str, stdin: str | None = None, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real ``newsgraph`` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )


def prepared_text(text: str, published: str, path: str = "article.txt") -> Article:
    """A plain-text article cleaned as ingest cleans it (the first line becomes its title)."""
    article = prepare_article(RawArticle(text=text, input=InputRef(path=path), format="txt"), ReadOptions(published=published))
    assert isinstance(article, Article)
    return article

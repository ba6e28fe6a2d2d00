"""A sample store (hand-annotated articles) and TestClients over it: read-only, and with an
ingest token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import ServeConfig, create_app
from newsgraph.model import Article
from tests.sample_store import build_sample_store

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Article]]:
    path = tmp_path_factory.mktemp("api") / "sample.duckdb"
    return path, build_sample_store(path)


@pytest.fixture(scope="session")
def articles(sample_db: tuple[Path, list[Article]]) -> list[Article]:
    return sample_db[1]


@pytest.fixture(scope="session")
def client(sample_db: tuple[Path, list[Article]]) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(db=sample_db[0]))) as test_client:
        yield test_client

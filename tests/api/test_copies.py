"""Copies: without the corpus stage's ``copies`` table the filter says it cannot apply; with
one, ``copies=exclude``/``only`` drop or keep the copies and /api/duplicates lists them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from newsgraph.api import ServeConfig, create_app
from newsgraph.ingest.prepare import article_id
from newsgraph.model import Article
from newsgraph.store import Store
from tests.sample_store import sample_articles


def test_copies_filter_without_copy_detection_says_so(client: TestClient) -> None:
    everything = client.get("/api/articles").json()["rows"]
    response = client.get("/api/articles", params={"copies": "exclude"})
    assert response.json()["rows"] == everything
    assert "no copy detection" in response.headers["x-newsgraph-note"]


@pytest.fixture
def with_copies(tmp_path: Path) -> Iterator[tuple[TestClient, Article, Article]]:
    articles = sample_articles()
    original = next(a for a in articles if a.outlet == "Kyiv Policy Review")
    text = original.text.replace("The European Union agreed", "Brussels agreed")
    copy = dataclasses.replace(
        original, id=article_id(text), text=text, outlet="Global Market Pulse", published="2024-03-23", events=[], quotes=[]
    )
    db = tmp_path / "copies.duckdb"
    with Store.open(db) as store:
        store.write([*articles, copy])
    # The corpus stage's table, as it records a copy and its original.
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE copies (copy_id VARCHAR PRIMARY KEY, original_id VARCHAR, score DOUBLE)")
    con.execute("INSERT INTO copies VALUES (?, ?, 0.97)", [copy.id, original.id])
    con.close()
    with TestClient(create_app(ServeConfig(db=db))) as test_client:
        yield test_client, original, copy


def test_copies_filter_and_duplicates_with_copy_detection(with_copies: tuple[TestClient, Article, Article]) -> None:
    client, original, copy = with_copies
    ids = lambda params: {r["id"] for r in client.get("/api/articles", params=params).json()["rows"]}  # noqa: E731
    assert {original.id, copy.id} <= ids({})
    assert copy.id not in ids({"copies": "exclude"}) and original.id in ids({"copies": "exclude"})
    assert ids({"copies": "only"}) == {copy.id}
    rows = client.get("/api/duplicates").json()
    assert rows["available"] is True
    assert [(r["copy_id"], r["original_id"], r["original_outlet"]) for r in rows["rows"]] == [(copy.id, original.id, "Kyiv Policy Review")]

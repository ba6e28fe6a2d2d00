"""Copies found by the corpus stage: listings leave them out by default (``copies=exclude``),
``include``/``only`` bring them back, and /api/duplicates lists each with its original."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from newsgraph.model import Article


def _copy_and_original(articles: list[Article]) -> tuple[Article, Article]:
    return next(a for a in articles if a.outlet == "Global Market Pulse"), next(a for a in articles if a.outlet == "Kyiv Policy Review")


def test_copies_are_left_out_unless_asked_for(client: TestClient, articles: list[Article]) -> None:
    copy, original = _copy_and_original(articles)

    def ids(**params: str) -> set[str]:
        return {r["id"] for r in client.get("/api/articles", params={"limit": "100", **params}).json()["rows"]}

    assert original.id in ids() and copy.id not in ids()
    assert {original.id, copy.id} <= ids(copies="include")
    assert ids(copies="only") == {copy.id}
    row = next(r for r in client.get("/api/articles", params={"copies": "include"}).json()["rows"] if r["id"] == copy.id)
    assert row["copy_of"] == original.id
    # Actor mentions in the copy count only when copies are included.
    counts = {
        c: client.get("/api/actors", params={"actor": "Josep Borrell", "copies": c}).json()["rows"][0]["articles"]
        for c in ("exclude", "include")
    }
    assert counts == {"exclude": 1, "include": 2}


def test_duplicates_list_the_copy_with_its_original_and_what_differs(client: TestClient, articles: list[Article]) -> None:
    copy, original = _copy_and_original(articles)
    body = client.get("/api/duplicates").json()
    assert body["available"] is True
    assert [(r["copy_id"], r["original_id"], r["kind"]) for r in body["rows"]] == [(copy.id, original.id, "near")]
    assert body["rows"][0]["copy_outlet"] == "Global Market Pulse" and body["rows"][0]["differences"]
    assert client.get("/api/duplicates", params={"outlet": "tass"}).json()["rows"] == []
    rows = list(csv.DictReader(io.StringIO(client.get("/api/duplicates", params={"format": "csv"}).text)))
    assert rows and {r["copy_id"] for r in rows} == {copy.id}

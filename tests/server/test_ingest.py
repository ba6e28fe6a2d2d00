"""POST /api/articles: refused without the token (or with a wrong one), bodies over the limit
refused, JSON and file uploads analysed and stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.pipeline import Analyzer
from newsgraph.server import ServeConfig, create_app
from tests.server.conftest import TOKEN

REPORT = (
    "VILNIUS, May 14 (Baltic Ledger) - Lithuania recalled its ambassador from Minsk on Tuesday after Belarus "
    "detained two Lithuanian citizens near the border, the foreign ministry said.\n\n"
    'Foreign Minister Gabrielius Landsbergis said the detentions were "a provocation we cannot ignore".'
)
BRIEF = "Estonia and Finland agreed on Monday to link their power grids with a second undersea cable by 2028."


@pytest.fixture
def writer(tmp_path: Path, analyzer: Analyzer) -> Iterator[TestClient]:
    config = ServeConfig(db=tmp_path / "ingest.duckdb", token=TOKEN, max_body=20_000)
    with TestClient(create_app(config, analyzer=analyzer)) as test_client:
        yield test_client


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_ingest_is_refused_without_a_token_or_with_a_wrong_one(writer: TestClient) -> None:
    payload = {"text": REPORT, "outlet": "Baltic Ledger", "published": "2024-05-14"}
    for headers in ({}, {"Authorization": "Basic abc"}, _auth("wrong"), _auth(TOKEN + "x"), _auth(TOKEN[:-1])):
        response = writer.post("/api/articles", json=payload, headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["ok"] is False and response.headers["www-authenticate"].startswith("Bearer")
    assert writer.get("/api/").json()["counts"]["articles"] == 0


def test_ingest_is_disabled_on_a_read_only_server(client: TestClient) -> None:
    response = client.post("/api/articles", json={"text": BRIEF}, headers=_auth())
    assert response.status_code == 403 and "--token" in response.json()["error"]


def test_json_article_is_analysed_stored_and_readable(writer: TestClient) -> None:
    payload = {"id": "bl-1", "title": "Lithuania recalls ambassador", "text": REPORT, "outlet": "Baltic Ledger", "published": "2024-05-14"}
    response = writer.post("/api/articles", json=payload, headers=_auth())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ingested"] == 1 and body["failed"] == 0 and body["articles"][0]["status"] == "stored"
    record = writer.get(body["articles"][0]["url"]).json()["article"]
    assert record["input"] == {"id": "bl-1", "path": "request.json", "line": 1}
    assert record["outlet"] == "Baltic Ledger" and record["published"] == "2024-05-14"
    assert "Lithuania" in {a["name"] for a in record["actors"]}
    again = writer.post("/api/articles", json=payload, headers=_auth())
    assert again.status_code == 200 and again.json()["articles"][0]["status"] == "unchanged"
    assert writer.get("/api/").json()["counts"]["articles"] == 1


def test_file_upload_of_a_text_and_a_jsonl_file(writer: TestClient) -> None:
    lines = "\n".join(json.dumps({"text": t, "outlet": "Nordic Wire"}) for t in (BRIEF, REPORT)) + "\n"
    files = [
        ("file", ("../../etc/brief.txt", BRIEF.encode(), "text/plain")),
        ("file", ("two.jsonl", lines.encode(), "application/octet-stream")),
    ]
    response = writer.post("/api/articles", files=files, params={"published": "2024-05-20"}, headers=_auth())
    assert response.status_code == 201, response.text
    body = response.json()
    # The brief arrives twice (the .txt and the first JSON line): stored once.
    assert body["ingested"] == 2 and body["unchanged"] == 1
    paths = {writer.get(a["url"]).json()["article"]["input"]["path"] for a in body["articles"]}
    assert paths <= {"brief.txt", "two.jsonl"}
    # The corpus stage ran: the brief seen in two files is an exact copy.
    copies = writer.get("/api/duplicates").json()["rows"]
    assert [(r["kind"], r["copy_outlet"]) for r in copies] == [("exact", "Nordic Wire")]


def test_unreadable_input_is_a_400_with_the_reason(writer: TestClient) -> None:
    response = writer.post("/api/articles", json={"title": "no text"}, headers=_auth())
    assert response.status_code == 400 and "text" in response.json()["error"]
    response = writer.post("/api/articles", content=b"<xml/>", headers={**_auth(), "Content-Type": "application/xml"})
    assert response.status_code == 415


def test_bodies_over_the_limit_are_refused(writer: TestClient) -> None:
    big = {"text": BRIEF + " " + "The talks continued. " * 2000}
    response = writer.post("/api/articles", json=big, headers=_auth())
    assert response.status_code == 413
    body = response.json()
    assert (body["ok"], body["status"], body["code"]) == (False, 413, "E608")
    assert body["error"].startswith("request body larger than 20000 bytes; ")

    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 1000

    response = writer.post("/api/articles", content=chunks(), headers={**_auth(), "Content-Type": "text/plain"})
    assert response.status_code == 413
    assert writer.get("/api/").json()["counts"]["articles"] == 0


def test_a_bad_post_leaves_nothing_open_for_the_next_one(tmp_path: Path, analyzer: Analyzer) -> None:
    config = ServeConfig(db=tmp_path / "ingest.duckdb", token=TOKEN)
    with TestClient(create_app(config, analyzer=analyzer), raise_server_exceptions=False) as client:
        bad = b'{"text": "Norway and Sweden agreed on Friday to share air-defence radar data.", "title": "\\ud800 broken"}'
        first = client.post("/api/articles", content=bad, headers={**_auth(), "Content-Type": "application/json"})
        assert first.status_code >= 400 and first.json()["ok"] is False  # a title that is not text is refused
        second = client.post("/api/articles", json={"text": BRIEF, "published": "2024-05-13"}, headers=_auth())
    assert second.status_code == 201, second.text
    assert second.json()["articles"][0]["status"] == "stored"

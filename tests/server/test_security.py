"""The server under attack, over real sockets: a ``newsgraph serve`` with a token on
127.0.0.1, probed with SQL injection in every filter, path traversal, wrong tokens,
oversized bodies and stored markup. Every probe must fail."""

from __future__ import annotations

import hmac
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsgraph.config import ReadOptions
from newsgraph.ingest import prepare_article
from newsgraph.model import Article, InputRef, RawArticle
from newsgraph.pipeline import Analyzer
from newsgraph.server import ServeConfig, create_app
from newsgraph.store import Store
from tests.support import probes
from tests.support.network import free_port
from tests.support.sample_store import build_sample_store

TOKEN = "correct-horse-battery-staple-7f3a"
MAX_BODY = 200_000


def _hostile_articles(analyzer: Analyzer) -> list[Article]:
    """Reports whose text, title and outlet carry markup, analysed as ingest would."""
    raws = [
        RawArticle(
            text=(
                f"GENEVA, May {n + 2} (Reuters) - Swiss Foreign Minister Ignazio Cassis met his Ukrainian counterpart in Geneva "
                f"on Tuesday to prepare a peace conference, a page that kept its markup: {payload}.\n\n"
                f'"We will host the conference {payload}," Cassis told reporters after the meeting.'
            ),
            input=InputRef(path=f"hostile-{n}.txt"),
            format="txt",
            title=f"Cassis meets Kuleba {payload}",
            outlet=f"Alpine Wire {payload}",
            published="2024-05-0" + str(n + 2),
        )
        for n, payload in enumerate(probes.XSS_PAYLOADS)
    ]
    prepared = [prepare_article(raw, ReadOptions()) for raw in raws]
    return list(analyzer.analyze_many([a for a in prepared if isinstance(a, Article)]))


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> tuple[Path, list[Article]]:
    path = tmp_path_factory.mktemp("security") / "hostile.duckdb"
    build_sample_store(path)
    hostile = _hostile_articles(analyzer)
    with Store.open(path) as store:
        store.write(hostile)
    return path, hostile


@pytest.fixture(scope="module")
def server(hostile_store: tuple[Path, list[Article]]) -> Iterator[str]:
    """``newsgraph serve`` with a token (read-write) on a free port; its base URL."""
    port = free_port()
    env = {**os.environ, "NEWSGRAPH_TOKEN": TOKEN}
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(hostile_store[0]), "--port", str(port)]
    process = subprocess.Popen([*command, "--max-body-mb", str(MAX_BODY / 1e6)], stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                httpx.get(f"{base}/api/", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def _assert_none_succeeded(results: list[probes.Probe], at_least: int) -> None:
    assert len(results) >= at_least
    assert [p for p in results if p.succeeded] == []


@pytest.mark.slow
def test_sql_injection_in_every_filter_of_every_route(http: httpx.Client) -> None:
    routes = probes.get_routes(http)
    assert {"/api/events", "/api/articles", "/api/quotes", "/api/compare"} <= set(routes)
    before = http.get("/api/").json()["counts"]
    _assert_none_succeeded(list(probes.sql_probes(http, probes.SQL_PAYLOADS[:4])), at_least=500)
    assert http.get("/api/").json()["counts"] == before


def test_path_traversal_is_refused(server: str) -> None:
    _assert_none_succeeded(list(probes.traversal_probes(server)), at_least=len(probes.TRAVERSALS))
    status, body = probes.raw_get(server, "/static/app.css")
    assert status == 200 and body  # the static route itself works


def test_writes_without_the_right_token_are_refused(http: httpx.Client) -> None:
    results = list(probes.token_probes(http, TOKEN))
    _assert_none_succeeded(results, at_least=10)
    assert {p.detail for p in results} == {"status 401"}


def test_oversized_bodies_are_refused_and_the_server_goes_on(http: httpx.Client) -> None:
    _assert_none_succeeded(list(probes.body_probes(http, TOKEN, MAX_BODY)), at_least=4)
    assert http.get("/api/").status_code == 200


def test_stored_markup_is_rendered_inertly(http: httpx.Client, hostile_store: tuple[Path, list[Article]]) -> None:
    hostile = hostile_store[1]
    assert all(p in a.text and p in (a.title or "") and p in (a.outlet or "") for a, p in zip(hostile, probes.XSS_PAYLOADS, strict=True))
    actors = sorted({actor.id for a in hostile for actor in a.actors})
    pages = ["/", "/articles", "/articles?search=Cassis", "/quotes", "/events", "/actors", "/network", "/clusters", "/duplicates"]
    pages += [f"/articles/{a.id}" for a in hostile] + [f"/actors/{actor}" for actor in actors]
    pages += [f"/compare?a={a.outlet}&b=TASS" for a in hostile] + [f"/events?outlet={a.outlet}" for a in hostile]
    pages += [f"/timeline?actor={actors[0]}"]
    # Reflected: the payload in a query parameter or the path.
    pages += [f"/events?actor={p}" for p in probes.XSS_PAYLOADS] + [f"/articles/{p}" for p in probes.XSS_PAYLOADS]
    results = list(probes.xss_probes(http, pages))
    _assert_none_succeeded(results, at_least=30)
    reader = http.get(f"/articles/{hostile[0].id}").text
    assert "&lt;script&gt;alert(" in reader  # shown as text, not dropped


def test_the_token_is_compared_in_constant_time(
    monkeypatch: pytest.MonkeyPatch, sample_db: tuple[Path, list[Article]], tmp_path: Path
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    db = tmp_path / "writer.duckdb"
    db.write_bytes(sample_db[0].read_bytes())
    with TestClient(create_app(ServeConfig(db=db, token=TOKEN))) as client:
        response = client.post("/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN[:-1]}z"})
    assert response.status_code == 401
    assert calls == [(f"{TOKEN[:-1]}z".encode(), TOKEN.encode())]

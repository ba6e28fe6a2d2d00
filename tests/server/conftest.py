"""Server fixtures: a sample store (hand-annotated articles), TestClients over it (read-only,
and with an ingest token), a live server, and Chromium driven by Playwright (Debian's
/usr/bin/chromium; the browser tests skip, saying why, when it is not installed)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.model import Article
from newsgraph.server import ServeConfig, create_app
from newsgraph.server.app import listen, uvicorn_server
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.sample_store import build_sample_store

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Article]]:
    path = tmp_path_factory.mktemp("web") / "sample.duckdb"
    return path, build_sample_store(path)


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over ``db`` under uvicorn on 127.0.0.1 in a thread, set up as ``newsgraph
    serve`` sets it up; yields its base URL."""
    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn_server(create_app(ServeConfig(db=db)))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def live_server(web_store: tuple[Path, list[Article]]) -> Iterator[str]:
    """The sample store served for the session."""
    with serving(web_store[0]) as base:
        yield base


@pytest.fixture
def live_server_on() -> Iterator[Callable[[Path], str]]:
    """Serve a store of the test's own for the test."""
    with ExitStack() as stack:
        yield lambda db: stack.enter_context(serving(db))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, live_server: str) -> Iterator[object]:
    """A fresh page that records console errors, dialogs and any request leaving 127.0.0.1."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1360, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.problems = []  # console errors, page errors and dialogs: a page should produce none
    tab.outside = []  # requests to anywhere but the test server: everything must work offline
    tab.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(live_server) or url.startswith("data:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            tab.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    tab.route("**/*", guard)
    yield tab
    context.close()


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

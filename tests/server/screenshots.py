"""Take the README's screenshots (docs/screenshots/*.png) with Playwright and Chromium.

By default over the hand-annotated sample corpus (tests/support/sample_store.py), which has quotes
and events placed by hand; ``--db`` takes any store instead (e.g. after ``newsgraph demo``).

    python -m tests.server.screenshots [--db STORE] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import uvicorn
from playwright.sync_api import sync_playwright

from newsgraph.server import ServeConfig, create_app
from newsgraph.store import Filters, Store, list_articles
from newsgraph.store.queries import list_outlets
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.network import free_port
from tests.support.sample_store import build_sample_store

ROOT = Path(__file__).resolve().parent.parent.parent


def pages(db: Path) -> list[tuple[str, str, str | None]]:
    """(file name, path, selector to click first) for each screenshot."""
    with Store.open(db, read_only=True) as store:
        articles = list_articles(store, Filters(limit=None)).to_pylist()
        outlets = [r["outlet"] for r in list_outlets(store).to_pylist()]
    richest = max(articles, key=lambda a: (a["events"] + a["quotes"], a["actors"]))
    a, b = outlets[0], outlets[1:3]
    compare = f"/compare?a={quote(a)}" + "".join(f"&b={quote(x)}" for x in b)
    return [
        ("article.png", f"/articles/{richest['id']}", '.rec-event[data-ann="e0"] a.jump'),
        ("events.png", "/events", None),
        ("timeline.png", "/timeline?interval=week", None),
        ("network.png", "/network", None),
        ("compare.png", compare, None),
        ("actor.png", "/actors/country:RUS?interval=week", None),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.duckdb"
            build_sample_store(db)
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(ServeConfig(db=db)), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1360, "height": 860}, base_url=f"http://127.0.0.1:{port}")
                for name, path, click in pages(db):
                    page.goto(path)
                    if click and page.locator(click).count():
                        page.locator(click).first.click()
                        page.wait_for_timeout(600)
                        page.evaluate("window.scrollTo(0, 0)")
                    # The network is taller than a screen: show all of it.
                    page.screenshot(path=str(args.out / name), full_page=name == "network.png")
                    print(args.out / name)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()

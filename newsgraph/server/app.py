"""The web application: REST API under ``/api/``, pages at the root, static files under
``/static/``, all over one DuckDB store.

The store is opened read-only unless an ingest token is configured (then read-write, for
``POST /api/articles``). Each request reads through its own cursor of the one connection, so
requests served in parallel threads do not share a DuckDB cursor.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsgraph import __version__
from newsgraph.server import docs, ingest, pages, routes
from newsgraph.server.errors import install_error_handlers
from newsgraph.server.limits import BodyLimit, SecurityHeaders
from newsgraph.server.state import ServeConfig, ServeState
from newsgraph.store import Store

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyzer

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(config: ServeConfig, analyzer: Analyzer | None = None) -> FastAPI:
    """Build the app over the store in ``config`` (opened now, so a bad path fails early).

    ``analyzer`` is used for ingest if given; otherwise one is built on the first ingest, so
    that starting the server does not load the language model."""
    store = Store.open(config.db, read_only=config.read_only)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=__version__,
        description=(
            "Actors, quotations and CAMEO/PLOVER events extracted from news articles, each with character "
            "offsets into the article text. Every listing speaks JSON and CSV (`format=csv`) and pages by "
            'keyset (`next`). Errors have one shape: `{"ok": false, "error": "...", "status": 400, "code": "E101"}`.'
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.newsgraph = ServeState(config, store, analyzer)
    install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(ingest.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(BodyLimit, max_bytes=config.max_body)
    app.add_middleware(SecurityHeaders)

    return app

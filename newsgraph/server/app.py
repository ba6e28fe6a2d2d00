"""The web application: REST API under ``/api/``, pages at the root, static files under
``/static/``, all over one store (a DuckDB file or a folder of Parquet tables).

Requests read through read-only connections opened while they are in flight (see
``newsgraph.server.state``); ``POST /api/articles``, enabled by an ingest token, opens the
store for writing for the time of one ingest. ``serve`` runs the app under uvicorn on a
socket the caller has already bound, so a busy port fails before anything is printed.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsgraph import __version__
from newsgraph.errors import Errors, UsageError
from newsgraph.server import docs, ingest, pages, routes
from newsgraph.server.errors import install_error_handlers
from newsgraph.server.limits import MAX_REQUEST_BYTES, BodyLimit, HeadAsGet, RelativeRedirects, RequestLimits, SecurityHeaders
from newsgraph.server.openapi import openapi_document
from newsgraph.server.state import Connections, ServeConfig, ServeState
from newsgraph.store import Store

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyzer

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(config: ServeConfig, analyzer: Analyzer | None = None) -> FastAPI:
    """Build the app over the store in ``config`` (opened now, so a bad path fails early).

    ``analyzer`` is used for ingest if given; otherwise one is built on the first ingest, so
    that starting the server does not load the language model."""
    if not config.read_only and config.db.is_dir():
        raise UsageError(Errors.E619, db=config.db)
    if not config.read_only and not config.db.exists():
        Store.open(config.db).close()  # a server that ingests starts its store, as 'ingest' does
    connections = Connections(config.db)
    connections.check()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        connections.close()

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
    app.state.newsgraph = ServeState(config, connections, analyzer)
    install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(ingest.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(BodyLimit, max_bytes=config.max_body)
    app.add_middleware(RequestLimits)
    app.add_middleware(RelativeRedirects)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    app.openapi = lambda: openapi_document(app)  # type: ignore[method-assign]
    return app


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (UsageError when it cannot be), for ``serve``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        raise UsageError(Errors.E617, address=shown, reason=exc.strerror or exc) from exc
    return sock


def uvicorn_server(app: FastAPI) -> uvicorn.Server:
    """The uvicorn server for ``app``: quiet, and with room for request lines and headers up to
    ``limits.MAX_REQUEST_BYTES`` so that ``RequestLimits`` answers oversize ones in JSON
    (h11 would answer a plain-text 400 first)."""
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        server_header=False,
        h11_max_incomplete_event_size=MAX_REQUEST_BYTES,
    )
    return uvicorn.Server(config)

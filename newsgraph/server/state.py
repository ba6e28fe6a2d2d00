"""What a running server holds: its configuration, the store and (after the first ingest)
the analyser, and the request dependencies that hand them to route handlers.

Every other module of the server imports this one and none imports ``app``, so the modules
depend on each other one way: state ← errors, params, responses ← routes, pages, ingest ← app.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request

from newsgraph.dataset import Dataset
from newsgraph.store import Store

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyzer

DEFAULT_MAX_BODY = 10_000_000


@dataclass(frozen=True)
class ServeConfig:
    """How the server runs: the store, the ingest token (None: read-only, no ingest) and the
    largest request body accepted."""

    db: Path
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY

    @property
    def read_only(self) -> bool:
        """Read-only unless ingest over HTTP is enabled by a token."""
        return not self.token


@dataclass
class ServeState:
    """What the running app holds: its configuration, the store, and (built on the first
    ingest) the analyser; ``lock`` serialises ingests."""

    config: ServeConfig
    store: Store
    analyzer: Analyzer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def serve_state(request: Request) -> ServeState:
    """The app's state, for route handlers."""
    state: ServeState = request.app.state.newsgraph
    return state


def request_dataset(request: Request) -> Iterator[Dataset]:
    """The read API over a fresh cursor for one request (dependency); the cursor is closed
    after, so requests served in parallel threads never share one."""
    root = serve_state(request).store
    cursor = root.con.cursor()
    try:
        yield Dataset(Store(cursor, root.path, root.read_only))
    finally:
        cursor.close()

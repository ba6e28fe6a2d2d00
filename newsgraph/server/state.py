"""What a running server holds: its configuration, the connections to the store, and (after
the first ingest) the analyser; and the request dependencies that hand them to handlers.

The server holds no lock on a DuckDB store between requests, so ``newsgraph ingest`` can write
while the pages are open: a read-only connection is opened when a request needs one, shared by
the requests in flight, and closed a moment after the last of them (``linger``), so a burst
of requests pays for one open. A request that meets a writer gets 503 with ``Retry-After``.
A Parquet folder has no lock: its in-memory views stay open.

Every other module of the server imports this one and none imports ``app``, so the modules
depend on each other one way: state ← errors, params, responses ← routes, pages, ingest ← app.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request

from newsgraph.dataset import Dataset
from newsgraph.errors import Errors, StoreBusyError
from newsgraph.store import Store

if TYPE_CHECKING:
    from newsgraph.pipeline import Analyzer

DEFAULT_MAX_BODY = 10_000_000
LINGER_SECONDS = 0.25


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


class Connections:
    """The store's read connection, open only while requests are in flight (see the module
    docstring), and the way for an ingest to have the file to itself."""

    def __init__(self, db: Path, linger: float = LINGER_SECONDS) -> None:
        self.db = db
        self.linger = linger
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._store: Store | None = None
        self._users = 0
        self._writing = False
        self._timer: threading.Timer | None = None
        self._folder = db.is_dir()  # a Parquet folder: views in memory, nothing to release

    def check(self) -> None:
        """Open and close the store once, so that a bad path (or a store an ingest is
        writing) fails when the server starts, with the command line's message."""
        Dataset.open(self.db).close()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A store on a cursor of its own for one request."""
        root = self._acquire()
        cursor = root.con.cursor()
        try:
            yield Store(cursor, root.path, read_only=True)
        finally:
            cursor.close()
            self._release()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store opened for writing, alone: the reads in flight finish first, and reads
        that arrive meanwhile get 503 (callers serialise writes; see ``ServeState``)."""
        with self._lock:
            self._writing = True
            self._idle.wait_for(lambda: self._users == 0)
            self._close()
        try:
            with Store.open(self.db) as store:
                yield store
        finally:
            with self._lock:
                self._writing = False

    def close(self) -> None:
        """Close the read connection (when the server stops)."""
        with self._lock:
            self._close()

    def _acquire(self) -> Store:
        with self._lock:
            if self._writing:
                raise StoreBusyError(Errors.E616)
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._store is None:
                try:
                    self._store = Dataset.open(self.db).store
                except StoreBusyError as exc:
                    raise StoreBusyError(Errors.E618) from exc
            self._users += 1
            return self._store

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users or self._folder:
                return
            if self._writing:
                self._idle.notify_all()
                return
            self._timer = threading.Timer(self.linger, self._close_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if not self._users:
                self._close()

    def _close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._store is not None:
            self._store.close()
            self._store = None


@dataclass
class ServeState:
    """What the running app holds: its configuration, the store's connections, and (built on
    the first ingest) the analyser; ``ingest_lock`` serialises ingests."""

    config: ServeConfig
    connections: Connections
    analyzer: Analyzer | None = None
    ingest_lock: threading.Lock = field(default_factory=threading.Lock)


def serve_state(request: Request) -> ServeState:
    """The app's state, for route handlers."""
    state: ServeState = request.app.state.newsgraph
    return state


def request_dataset(request: Request) -> Iterator[Dataset]:
    """The read API over a cursor of its own for one request (dependency)."""
    with serve_state(request).connections.reading() as store:
        yield Dataset(store)

"""Limits that keep one hostile or broken input from taking a run down: a time limit per
input, bounded lines, and decompression that refuses bombs while it streams."""

from __future__ import annotations

import gzip
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Protocol, TypeVar

from newsgraph.errors import Errors, InputError
from newsgraph.model import InputFailure

T = TypeVar("T")

# Below this many decompressed bytes any ratio is accepted (tiny files compress oddly).
BOMB_FLOOR_BYTES = 16_000_000
_SKIP_CHUNK = 1 << 20


def size_text(n: int) -> str:
    """A byte count for messages: ``950 bytes``, ``12 MB``."""
    return f"{n:,} bytes" if n < 1_000_000 else f"{n / 1e6:,.0f} MB"


class ReadTimeout(BaseException):
    """The time limit of one input ran out. A BaseException, so that the readers' own
    ``except Exception`` handlers cannot swallow it half-way through a record."""


@contextmanager
def alarm(seconds: float | None, raising: type[BaseException] = ReadTimeout) -> Iterator[None]:
    """Raise ``raising`` in this thread after ``seconds``. Signals reach only the main
    thread, so elsewhere (a Dask worker's task thread, a server's thread pool) no limit applies."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise raising

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def time_limited(items: Iterable[T], seconds: float | None, path: str) -> Iterator[T | InputFailure]:
    """Pass ``items`` through, allowing each at most ``seconds`` to be produced (a one-article
    file as a whole, a record of a streamed file); when one takes longer the input ends with
    a failure naming it, keeping what came before."""
    iterator = iter(items)
    produced = 0
    while True:
        try:
            with alarm(seconds):
                item = next(iterator)
        except StopIteration:
            return
        except ReadTimeout:
            where = f" after record {produced}" if produced else ""
            yield InputFailure.of(path, Errors.E210, seconds=f"{seconds:g}", where=where)
            return
        produced += 1
        yield item


class LineSource(Protocol):
    """Anything with a binary ``readline(size)``: a file, stdin's buffer, a GuardedGzip."""

    def readline(self, size: int = -1, /) -> bytes:
        """At most ``size`` bytes, up to and including a newline."""
        ...


def bounded_lines(stream: LineSource, max_bytes: int) -> Iterator[bytes]:
    """The lines of ``stream``; a line longer than ``max_bytes`` is cut to ``max_bytes + 1``
    bytes (so the reader can tell) and the rest of it skipped without holding it in memory."""
    while line := stream.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
        yield line


class GuardedGzip:
    """A gzip stream that refuses to expand more than ``max_ratio`` times its compressed size
    (past the first ``BOMB_FLOOR_BYTES``): a decompression bomb is stopped while streaming,
    after a few megabytes, not once it has filled the memory or the disk."""

    def __init__(self, raw: IO[bytes], max_ratio: float, floor: int = BOMB_FLOOR_BYTES) -> None:
        self._raw = raw
        self._unpacked = gzip.GzipFile(fileobj=raw)
        self.max_ratio = max_ratio
        self.floor = floor
        self.produced = 0

    def _count(self, data: bytes) -> bytes:
        self.produced += len(data)
        if self.produced > self.floor:
            check_expansion(self.produced, self._raw.tell(), self.max_ratio)
        return data

    def read(self, size: int = -1) -> bytes:
        """Decompressed bytes, as ``GzipFile.read``."""
        return self._count(self._unpacked.read(size))

    def readline(self, size: int = -1) -> bytes:
        """One decompressed line, as ``GzipFile.readline``."""
        return self._count(self._unpacked.readline(size))


def check_expansion(unpacked: int, packed: int, max_ratio: float) -> None:
    """Raise InputError when ``unpacked`` bytes came out of ``packed`` compressed ones at a
    ratio no real text reaches."""
    if unpacked > max_ratio * max(packed, 1):
        raise InputError(Errors.E211, unpacked=size_text(unpacked), packed=size_text(max(packed, 1)), ratio=f"{max_ratio:g}")

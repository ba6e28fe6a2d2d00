"""A compiled cache of package data: what a process builds from the data files (the actor
dictionary, the matchers' phrase tables, the event patterns, the geonames database) is kept
on disk after the first build, so that the next process starts without parsing YAML, JSON
or tokenising thousands of phrases again.

An entry is keyed by a fingerprint of newsgraph's own code and data files (any edit, any
upgrade gives new keys) and by the inputs its builder names (a library's version, the
spaCy model, a third-party data file's size and time). Entries live in
``$NEWSGRAPH_CACHE`` (default ``$XDG_CACHE_HOME/newsgraph`` or ``~/.cache/newsgraph``);
``NEWSGRAPH_CACHE=off`` turns the cache off. Entries are pickles or SQLite files written
atomically (a temporary file renamed into place), so processes starting together never
read half an entry; a folder that others may write to is not used, since a pickle runs
code when it is loaded. Anything wrong with an entry (unreadable, stale class) means a
rebuild, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
CACHE_ENV = "NEWSGRAPH_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent
_FINGERPRINTED = (".py", ".yaml", ".tsv", ".cfg", ".json")
_OFF = ("off", "0", "no", "false")
# Entries kept per name: several checkouts of newsgraph (worktrees, a CI clone) share one cache,
# each with its own fingerprint, and must not keep deleting each other's entries.
_KEEP = 4


@cache
def fingerprint() -> str:
    """A hash of newsgraph's code and data files (names, sizes, modification times: an edit or
    an upgrade changes it) and of the Python that runs them."""
    digest = hashlib.sha256(f"{sys.version}\0{sys.implementation.cache_tag}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _FINGERPRINTED and "static" not in path.parts and path.is_file():
            info = path.stat()
            digest.update(f"{path.relative_to(_PACKAGE)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None and value.strip().lower() in _OFF:
        return None
    if value:
        return Path(value)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph"


def file_stamp(path: Path) -> str:
    """A third-party file's identity for a key: its path, size and modification time."""
    info = path.stat()
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


def content_stamp(path: Path) -> str:
    """A user's file's identity for a key: a hash of its content (missing: its path alone)."""
    try:
        return f"{path}:{hashlib.sha256(path.read_bytes()).hexdigest()}"
    except OSError:
        return str(path)


def entry_path(name: str, suffix: str, inputs: tuple[str, ...]) -> Path | None:
    """Where the entry for ``name`` and ``inputs`` lives (None when the cache is off or unsafe)."""
    assert "-" not in name, "entry names use underscores: a hyphen separates the key"
    folder = cache_dir()
    if folder is None or not _usable(folder):
        return None
    key = hashlib.sha256("\0".join((fingerprint(), name, *inputs)).encode()).hexdigest()[:24]
    return folder / f"{name}-{key}{suffix}"


def compiled(name: str, build: Callable[[], T], *inputs: str) -> T:
    """``build()``'s result: from the cache when an entry is there, else built and stored."""
    path = entry_path(name, ".pickle", inputs)
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
            _touch(path)
            return value  # type: ignore[no-any-return]
        except Exception:  # a truncated file, a class that changed: rebuild
            pass
    value = build()
    if path is not None:
        _store(path, lambda target: _write_pickle(target, value))
    return value


def compiled_file(name: str, suffix: str, build: Callable[[Path], None], *inputs: str) -> Path | None:
    """The path of a file ``build(path)`` writes (an SQLite database, say), built once and kept;
    None when the cache is off or cannot be written (the caller then builds in memory)."""
    path = entry_path(name, suffix, inputs)
    if path is None:
        return None
    if path.is_file():
        _touch(path)
        return path
    return path if _store(path, build) else None


def _write_pickle(path: Path, value: object) -> None:
    path.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _touch(path: Path) -> None:
    """Mark an entry as used now, so that pruning keeps the entries in use."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _usable(folder: Path) -> bool:
    """The folder exists (or can be made) as ours, and nobody else can write to it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _store(path: Path, write: Callable[[Path], None]) -> bool:
    """Write an entry under a temporary name, rename it into place, drop the entries of the same
    name used least recently beyond ``_KEEP``. False when the folder cannot be written (the
    cache is then skipped)."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        os.close(handle)
        try:
            write(Path(temporary))
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        name = path.name.rsplit("-", 1)[0]
        others = [p for p in path.parent.glob(f"{name}-*{path.suffix}") if p != path]
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for older in others[_KEEP - 1 :]:
            older.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        return False
    return True

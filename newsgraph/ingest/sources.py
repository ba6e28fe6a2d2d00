"""Find input files and dispatch each to the reader for its format."""

from __future__ import annotations

import glob
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsgraph.config import ReadOptions
from newsgraph.errors import Errors, InputError
from newsgraph.ingest.decode import Transcoded, sniff_binary, utf16_without_bom
from newsgraph.ingest.limits import GuardedGzip, LineSource, bounded_lines, size_text
from newsgraph.ingest.tabular import read_csv, read_json, read_jsonl
from newsgraph.ingest.text import read_text
from newsgraph.model import InputFailure, InputRef, RawArticle

# Documentation files that sit beside articles in a folder; named explicitly, they are read.
_FOLDER_SKIP = re.compile(r"^(readme|license|licence|changelog|contributing)(\.[a-z]+)?$", re.IGNORECASE)
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz", ".ndjson", ".json", ".csv", ".warc", ".warc.gz")
STDIN = "-"


def input_format(path: Path) -> str | None:
    """The supported suffix a file name ends with, or None."""
    name = path.name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)


def _folder_files(folder: Path) -> Iterator[Path]:
    """Every file of a folder tree, sorted, hidden ones and README/LICENSE files aside."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not _FOLDER_SKIP.match(name):
                yield Path(root) / name


def _walk(folder: Path) -> Iterator[Path]:
    return (candidate for candidate in _folder_files(folder) if input_format(candidate))


def unread_files(paths: Iterable[str]) -> list[Path]:
    """Files inside the given folders that are not read because newsgraph reads no file of
    their type (a .pdf, a .docx), so that the command can name them (one more walk of the
    folders, without opening a file)."""
    return [f for given in paths if given != STDIN and Path(given).is_dir() for f in _folder_files(Path(given)) if not input_format(f)]


def _glob(pattern: str) -> list[Path]:
    """Paths matching a pattern, sorted. ``**`` does not descend into symlinked folders:
    ``glob.glob`` does, and a symlink loop makes it list the same files without end."""
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root = Path(*parts[:fixed]) if fixed else Path()
    rest = parts[fixed:]
    # As glob.glob does, wildcards do not match hidden names unless the pattern names them.
    hidden_wanted = any(part.startswith(".") for part in rest)
    matches = []
    for match in root.glob(str(Path(*rest))):
        relative = match.relative_to(root) if fixed else match
        if hidden_wanted or not any(part.startswith(".") for part in relative.parts):
            matches.append(match)
    return sorted(matches)


def iter_input_paths(paths: Iterable[str]) -> Iterator[Path | InputFailure]:
    """Expand folders recursively (sorted; hidden files and README/LICENSE files skipped;
    symlinked folders not followed, so loops cannot happen) and glob patterns such as
    ``'archive/**/*.jsonl.gz'`` (sorted); name paths that do not exist."""
    for given in paths:
        if given == STDIN:
            yield Path(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        elif glob.has_magic(given):
            matches = _glob(given)
            if not matches:
                yield InputFailure.of(given, Errors.E202)
            seen: set[Path] = set()  # '**' matches nested folders, each of which is walked
            for match in matches:
                for found in _walk(match) if match.is_dir() else [match] if input_format(match) else []:
                    if found not in seen:
                        seen.add(found)
                        yield found
        else:
            yield InputFailure.of(given, Errors.E201)


def read_path(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputFailure]:
    """Read one file (or stdin) into raw articles; problems become InputFailures."""
    name = str(path)
    limit = options.max_file_bytes
    if name == STDIN:
        yield from read_jsonl(bounded_lines(sys.stdin.buffer, limit), "<stdin>", options.fields, limit)
        return
    fmt = input_format(path)
    try:
        if fmt is None:
            raise InputError(Errors.E203, suffixes=", ".join(SUFFIXES))
        _refuse_devices(path)
        if fmt in (".jsonl", ".ndjson"):
            with path.open("rb") as stream:
                yield from read_jsonl(bounded_lines(_jsonl_source(stream), limit), name, options.fields, limit)
        elif fmt == ".jsonl.gz":
            with path.open("rb") as raw:
                unpacked = GuardedGzip(raw, options.max_expansion)
                yield from read_jsonl(bounded_lines(unpacked, limit), name, options.fields, limit)
        elif fmt == ".csv":
            with path.open("rb") as stream:
                yield from read_csv(stream, name, options.fields)
        elif fmt in (".warc", ".warc.gz"):
            from newsgraph.ingest.warc import read_warc  # warcio costs 0.4 s to import; only WARCs need it

            with path.open("rb") as stream:
                yield from read_warc(stream, name, limit, options.max_expansion)
        else:
            data = _whole_file(path, limit)
            if fmt == ".json":
                yield from read_json(data, name, options.fields)
            elif fmt in (".html", ".htm"):
                from newsgraph.ingest.html import read_html  # trafilatura and lxml: only pages need them

                yield read_html(data, InputRef(path=name))
            else:
                yield read_text(data, path)
    except InputError as exc:
        yield InputFailure.from_error(name, exc)
    except OSError as exc:
        yield InputFailure.of(name, Errors.E207, detail=exc.strerror or exc)
    except RecursionError:
        yield InputFailure.of(name, Errors.E208)
    except Exception as exc:
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        yield InputFailure.of(name, Errors.E209, detail=reason[:200])


_DEVICES = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _refuse_devices(path: Path) -> None:
    """Devices (``/dev/zero`` behind an article's name) never end; named pipes are read as
    streams, under the time limit per input."""
    mode = path.stat().st_mode
    for test, kind in _DEVICES:
        if test(mode):
            raise InputError(Errors.E235, kind=kind)


def _whole_file(path: Path, limit: int) -> bytes:
    """The bytes of a one-article file, refused when empty or over ``limit``."""
    size = path.stat().st_size
    if size > limit:
        raise InputError(Errors.E206, size=size_text(size), limit=size_text(limit))
    with path.open("rb") as stream:
        data = stream.read(limit + 1)  # a named pipe's size is 0 until it is read
    if not data:
        raise InputError(Errors.E205)
    if len(data) > limit:
        raise InputError(Errors.E206, size=f"more than {size_text(limit)}", limit=size_text(limit))
    return data


def _jsonl_source(stream: BinaryIO) -> LineSource:
    """The lines of a JSON Lines file as UTF-8 bytes: UTF-16 files are transcoded; a file of
    binary data is refused as a whole (a stray NUL byte fails only its line)."""
    head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_without_bom(head)
    if encoding is not None:
        return Transcoded(stream, encoding)
    if (kind := sniff_binary(head)) is not None:
        raise InputError(Errors.E204, expected="a JSON Lines file", kind=kind)
    return stream


def read_inputs(paths: Iterable[str], options: ReadOptions) -> Iterator[RawArticle | InputFailure]:
    """Every raw article (or failure) from the given files, folders and ``-``, in order."""
    for item in iter_input_paths(paths):
        if isinstance(item, InputFailure):
            yield item
        else:
            yield from read_path(item, options)

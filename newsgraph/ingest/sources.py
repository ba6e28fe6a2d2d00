"""Find input files and dispatch each to the reader for its format."""

from __future__ import annotations

import glob
import gzip
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.config import ReadOptions
from newsgraph.errors import InputError
from newsgraph.ingest.decode import sniff_binary
from newsgraph.ingest.html import read_html
from newsgraph.ingest.tabular import read_csv, read_json, read_jsonl
from newsgraph.ingest.text import read_text
from newsgraph.ingest.warc import read_warc
from newsgraph.model import InputFailure, InputRef, RawArticle

# Documentation files that sit beside articles in a folder; named explicitly, they are read.
_FOLDER_SKIP = re.compile(r"^(readme|license|licence|changelog|contributing)(\.[a-z]+)?$", re.IGNORECASE)
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz", ".ndjson", ".json", ".csv", ".warc", ".warc.gz")
STDIN = "-"


def input_format(path: Path) -> str | None:
    """The supported suffix a file name ends with, or None."""
    name = path.name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if not name.startswith(".") and not _FOLDER_SKIP.match(name) and input_format(candidate):
                yield candidate


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
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield InputFailure(path=given, reason="no file matches this pattern")
            for match in map(Path, matches):
                if match.is_dir():
                    yield from _walk(match)
                elif input_format(match):
                    yield match
        else:
            yield InputFailure(path=given, reason="no such file or folder")


def read_path(path: Path, options: ReadOptions) -> Iterator[RawArticle | InputFailure]:
    """Read one file (or stdin) into raw articles; problems become InputFailures."""
    name = str(path)
    if name == STDIN:
        yield from read_jsonl(sys.stdin.buffer, "<stdin>", options.fields)
        return
    fmt = input_format(path)
    try:
        if fmt is None:
            raise InputError(f"unsupported file type (supported: {', '.join(SUFFIXES)})")
        if fmt in (".jsonl", ".ndjson"):
            with path.open("rb") as stream:
                if (kind := sniff_binary(stream.read(8192))) is not None:
                    raise InputError(f"not a JSON Lines file: looks like {kind}")
                stream.seek(0)
                yield from read_jsonl(stream, name, options.fields)
        elif fmt == ".jsonl.gz":
            with gzip.open(path, "rb") as stream:
                yield from read_jsonl(stream, name, options.fields)
        elif fmt == ".csv":
            with path.open("rb") as stream:
                yield from read_csv(stream, name, options.fields)
        elif fmt in (".warc", ".warc.gz"):
            with path.open("rb") as stream:
                yield from read_warc(stream, name)
        else:
            size = path.stat().st_size
            if size == 0:
                raise InputError("empty file")
            if size > options.max_file_bytes:
                raise InputError(
                    f"file too large ({size / 1e6:,.0f} MB; the limit for one-article files is "
                    f"{options.max_file_bytes / 1e6:,.0f} MB — split it or use JSON Lines)"
                )
            data = path.read_bytes()
            if fmt == ".json":
                yield from read_json(data, name, options.fields)
            elif fmt in (".html", ".htm"):
                yield read_html(data, InputRef(path=name))
            else:
                yield read_text(data, path)
    except InputError as exc:
        yield InputFailure(path=name, reason=exc.message)
    except OSError as exc:
        yield InputFailure(path=name, reason=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:
        yield InputFailure(path=name, reason=f"cannot read: {type(exc).__name__}: {exc}")


def read_inputs(paths: Iterable[str], options: ReadOptions) -> Iterator[RawArticle | InputFailure]:
    """Every raw article (or failure) from the given files, folders and ``-``, in order."""
    for item in iter_input_paths(paths):
        if isinstance(item, InputFailure):
            yield item
        else:
            yield from read_path(item, options)

"""WARC archives (.warc, .warc.gz): every HTML response record is an article."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import Errors, InputError
from newsgraph.ingest.html import read_html
from newsgraph.ingest.limits import BOMB_FLOOR_BYTES, check_expansion, size_text
from newsgraph.model import InputFailure, InputRef, RawArticle

_GZIP_MAGIC = b"\x1f\x8b"
_MAX_REASON = 120
DEFAULT_MAX_RECORD = 20_000_000
DEFAULT_MAX_RATIO = 100.0


@contextmanager
def _warcio_noise() -> Iterator[io.StringIO]:
    """Catch what warcio writes to stderr (it prints warnings about corrupt records there
    itself, several lines each); only around warcio's own calls, never across a yield."""
    buffer = io.StringIO()
    with redirect_stderr(buffer):
        yield buffer


def _noise_failure(path: str, number: int, noise: str) -> InputFailure:
    """One failure line for a warning warcio printed about record ``number``."""
    first = noise.strip().splitlines()[0].strip()
    return InputFailure.of(path, Errors.E222, number, number=number, detail=first[:_MAX_REASON])


def _declared_length(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _gzip_complete(stream: IO[bytes]) -> bool:
    """Whether a gzip stream decompresses to its end (warcio stops quietly at a cut member)."""
    stream.seek(0)
    try:
        with gzip.GzipFile(fileobj=stream) as unpacked:
            while unpacked.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True


def read_warc(
    stream: IO[bytes], path: str, max_record_bytes: int = DEFAULT_MAX_RECORD, max_ratio: float = DEFAULT_MAX_RATIO
) -> Iterator[RawArticle | InputFailure]:
    """Yield one RawArticle per HTML response; a broken record ends the file with a failure.

    An HTML record over ``max_record_bytes`` is refused (other records are skipped as they
    stream by); a compressed archive whose records declare more than ``max_ratio`` times its
    compressed size is a decompression bomb and is refused before the record is unpacked."""
    number = 0
    declared = 0
    try:
        compressed = stream.read(2) == _GZIP_MAGIC
        stream.seek(0)
        records = iter(ArchiveIterator(stream))
        while True:
            with _warcio_noise() as noise:
                record = next(records, None)
            if noise.getvalue().strip():
                yield _noise_failure(path, number + 1, noise.getvalue())
            if record is None:
                break
            declared += _declared_length(record.rec_headers.get_header("Content-Length"))
            if compressed and declared > BOMB_FLOOR_BYTES:
                check_expansion(declared, stream.tell(), max_ratio)
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode() or ""
            url = record.rec_headers.get_header("WARC-Target-URI")
            if "html" not in content_type.lower() or not status.startswith("2"):
                number += 1
                continue
            with _warcio_noise() as noise:
                body = record.content_stream().read(max_record_bytes + 1)
            if noise.getvalue().strip():
                yield _noise_failure(path, number + 1, noise.getvalue())
                number += 1
                continue
            if getattr(record.raw_stream, "limit", 0) and len(body) <= max_record_bytes:
                raise EOFError(f"record {number + 1} is cut short")
            number += 1
            if len(body) > max_record_bytes:
                yield InputFailure.of(path, Errors.E223, number, number=number, url=url, limit=size_text(max_record_bytes))
                continue
            ref = InputRef(path=path, line=number)
            try:
                yield read_html(body, ref, url=url)
            except InputError as exc:
                yield InputFailure(path, f"record {number} ({url}): {exc.message}", number, exc.code)
        if compressed and not _gzip_complete(stream):
            raise EOFError("the compressed data ends in the middle of a record")
    # warcio raises assorted errors (even AttributeError) on a cut record; all mean "corrupt".
    except InputError as exc:
        yield InputFailure(path, f"record {number + 1}: {exc.message}", number + 1, exc.code)
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if len(reason) > _MAX_REASON:  # e.g. the garbage first line of a file that is not a WARC
            reason = reason[:_MAX_REASON].rstrip() + " …"
        yield InputFailure.of(path, Errors.E224, number + 1, number=number, detail=reason)

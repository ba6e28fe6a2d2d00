"""WARC archives (.warc, .warc.gz): every HTML response record is an article."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import InputError
from newsgraph.ingest.html import read_html
from newsgraph.model import InputFailure, InputRef, RawArticle


def read_warc(stream: IO[bytes], path: str) -> Iterator[RawArticle | InputFailure]:
    """Yield one RawArticle per HTML response; a broken record ends the file with a failure."""
    number = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            number += 1
            content_type = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode() or ""
            if "html" not in content_type.lower() or not status.startswith("2"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            ref = InputRef(path=path, line=number)
            try:
                yield read_html(body, ref, url=url)
            except InputError as exc:
                yield InputFailure(path=path, line=number, reason=f"record {number} ({url}): {exc.message}")
    # warcio raises assorted errors (even AttributeError) on a cut record; all mean "corrupt".
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield InputFailure(path=path, line=number + 1, reason=f"truncated or corrupt WARC after record {number}: {reason}")

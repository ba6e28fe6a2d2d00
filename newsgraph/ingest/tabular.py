"""Article dumps: JSON Lines, JSON and CSV, one article a record."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from newsgraph.config import FieldMap
from newsgraph.errors import Errors, InputError
from newsgraph.ingest.decode import decode_text, sniff_binary, text_encoding
from newsgraph.ingest.limits import size_text
from newsgraph.model import InputFailure, InputRef, RawArticle

csv.field_size_limit(1 << 30)


def record_to_raw(record: Any, fields: FieldMap, ref: InputRef, fmt: str) -> RawArticle:
    """Map one JSON/CSV record onto a RawArticle using ``fields``; raise InputError if unusable."""
    if not isinstance(record, dict):
        raise InputError(Errors.E212, kind=type(record).__name__)
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        raise InputError(Errors.E213, field=fields.text)
    given_id = record.get(fields.id)
    ref.id = None if given_id is None else str(given_id)

    def optional(name: str) -> str | None:
        value = record.get(name)
        return None if value in (None, "") else str(value)

    return RawArticle(
        text=text,
        input=ref,
        format=fmt,
        title=optional(fields.title),
        url=optional(fields.url),
        published=optional(fields.published),
        outlet=optional(fields.outlet),
    )


def read_jsonl(
    lines: Iterable[bytes | str], path: str, fields: FieldMap, max_line_bytes: int | None = None
) -> Iterator[RawArticle | InputFailure]:
    """Read JSON Lines; a malformed line (or one longer than ``max_line_bytes``) becomes an
    InputFailure and reading goes on."""
    for number, line in enumerate(lines, start=1):
        try:
            if max_line_bytes is not None and len(line) > max_line_bytes:
                raise InputError(Errors.E214, limit=size_text(max_line_bytes))
            if isinstance(line, bytes):
                line = decode_text(line) if number > 1 else decode_text(line).lstrip("\ufeff")
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(Errors.E215, detail=f"{exc.msg} at column {exc.colno}") from exc
            yield record_to_raw(record, fields, InputRef(path=path, line=number), "jsonl")
        except InputError as exc:
            yield InputFailure.from_error(path, exc, number)


def read_json(data: bytes, path: str, fields: FieldMap) -> Iterator[RawArticle | InputFailure]:
    """Read a JSON file holding one article, a list of them, or ``{"articles": [...]}``."""
    try:
        document = json.loads(decode_text(data))
    except json.JSONDecodeError as exc:
        yield InputFailure.of(path, Errors.E215, exc.lineno, detail=exc.msg)
        return
    if isinstance(document, dict) and isinstance(document.get("articles"), list):
        document = document["articles"]
    records = document if isinstance(document, list) else [document]
    for index, record in enumerate(records, start=1):
        try:
            yield record_to_raw(record, fields, InputRef(path=path, line=index), "json")
        except InputError as exc:
            yield InputFailure(path, f"record {index}: {exc.message}", index, exc.code)


def read_csv(stream: IO[bytes], path: str, fields: FieldMap) -> Iterator[RawArticle | InputFailure]:
    """Read a CSV file with a header row; the text column is required."""
    head = stream.read(8192)
    kind = sniff_binary(head)
    if kind is not None:
        yield InputFailure.of(path, Errors.E204, expected="a CSV file", kind=kind)
        return
    text_stream = io.TextIOWrapper(io.BufferedReader(_Rejoin(head, stream)), encoding=text_encoding(head), newline="")
    reader = csv.DictReader(text_stream)
    try:
        header = reader.fieldnames or []
    except (csv.Error, UnicodeDecodeError) as exc:
        yield InputFailure.of(path, Errors.E216, detail=exc)
        return
    if fields.text not in header:
        shown = ", ".join(header[:8]) or "none"
        yield InputFailure.of(path, Errors.E217, field=fields.text, columns=shown)
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield InputFailure.of(path, Errors.E218, reader.line_num, detail=exc)
            return
        try:
            yield record_to_raw(row, fields, InputRef(path=path, line=reader.line_num), "csv")
        except InputError as exc:
            yield InputFailure.from_error(path, exc, reader.line_num)


class _Rejoin(io.RawIOBase):
    """A byte stream that replays ``head`` and then continues with ``rest``."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

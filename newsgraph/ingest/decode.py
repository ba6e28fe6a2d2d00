"""Turn the bytes of a file into text, or say clearly why they are not text.

UTF-8 (with or without a byte-order mark) and UTF-16 (with a byte-order mark, or without one
when every other byte is NUL) are read as they are; other bytes are given to
charset-normalizer, limited to the Western single-byte encodings (cp1252, latin-1) that
older newsroom systems still write."""

from __future__ import annotations

import io
from typing import BinaryIO

from charset_normalizer import from_bytes

from newsgraph.errors import Errors, InputError

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
# Bytes no text holds (tab, newline, form feed and carriage return aside).
_CONTROL = bytes([*range(0, 9), 11, *range(14, 32)])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
# Text may hold a stray control byte; binary data is full of them.
_BINARY_SHARE = 0.05
_LEGACY_ENCODINGS = ["cp1252", "latin_1"]


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``head`` looks like UTF-16 text without a
    byte-order mark (ASCII-range text: every other byte NUL), else None."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, letters, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) <= 0.1 * len(letters):
            return encoding
    return None


def sniff_binary(head: bytes) -> str | None:
    """Name the kind of binary data ``head`` starts with, or None if it may be text."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head):
        return None
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls > max(1, _BINARY_SHARE * len(head)):
        return f"binary data ({controls:,} of its first {len(head):,} bytes are NUL or control bytes)"
    return None


def decode_text(data: bytes) -> str:
    """Decode text (UTF-8, UTF-16, cp1252 or latin-1); raise InputError for anything else."""
    # Before sniffing: UTF-16 text is full of NUL bytes, its byte-order mark says what it is.
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_without_bom(data[:8192])
    if encoding is not None:
        try:
            return _without_nul(data.decode(encoding))
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E219, offset=exc.start) from exc
    kind = sniff_binary(data[:8192])
    if kind is not None:
        raise InputError(Errors.E204, expected="a text file", kind=kind)
    try:
        return _without_nul(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        legacy = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
        if legacy is None:
            raise InputError(Errors.E220, byte=data[exc.start], offset=exc.start) from exc
        return _without_nul(str(legacy))


def text_encoding(head: bytes) -> str:
    """The encoding to stream a file in, judged by its first bytes: UTF-8 (a character cut at
    the end of ``head`` aside), UTF-16, or the legacy encoding charset-normalizer finds."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if (encoding := utf16_without_bom(head)) is not None:
        return encoding
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            legacy = from_bytes(head, cp_isolation=_LEGACY_ENCODINGS).best()
            return legacy.encoding if legacy is not None else "utf-8-sig"
    return "utf-8-sig"


def _without_nul(text: str) -> str:
    """``text``, unless it holds a NUL character (no article does; the store cannot keep one)."""
    at = text.find("\x00")
    if at >= 0:
        raise InputError(Errors.E234, offset=at)
    return text


class Transcoded:
    """Binary lines, as UTF-8, of a stream of text in another encoding (UTF-16 JSON Lines)."""

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self._text = io.TextIOWrapper(stream, encoding=encoding, newline="")

    def readline(self, size: int = -1, /) -> bytes:
        """At most about ``size`` bytes, up to and including a newline."""
        return self._text.readline(size).encode("utf-8")

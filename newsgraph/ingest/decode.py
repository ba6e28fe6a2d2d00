"""Turn the bytes of a file into text, or say clearly why they are not text."""

from __future__ import annotations

from newsgraph.errors import Errors, InputError

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


def sniff_binary(head: bytes) -> str | None:
    """Name the kind of binary data ``head`` starts with, or None if it may be text."""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:8192]:
        return "binary data (it contains NUL bytes)"
    return None


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without a byte-order mark); raise InputError otherwise."""
    # Before sniffing: UTF-16 text is full of NUL bytes, its byte-order mark says what it is.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E219, offset=exc.start) from exc
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(Errors.E204, expected="a text file", kind=kind)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Errors.E220, byte=data[exc.start], offset=exc.start) from exc

"""Bytes to text: UTF-8 and UTF-16 with or without a byte-order mark, cp1252 and latin-1
through charset-normalizer; binary data is named, one stray NUL is not binary data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.config import ReadOptions
from newsgraph.errors import Errors, InputError
from newsgraph.ingest import read_articles
from newsgraph.ingest.decode import decode_text, sniff_binary
from newsgraph.model import Article, InputFailure

REPORT = "Lithuania expelled a Russian diplomat on Thursday, accusing him of espionage, the foreign ministry in Vilnius said."
FRENCH = "Le ministre a déclaré que la réunion aurait lieu à Genève lundi, a indiqué le ministère — « officiellement »."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_with_or_without_byte_order_mark_is_text(encoding: str) -> None:
    assert decode_text(REPORT.encode(encoding)) == REPORT


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encodings_are_read(encoding: str) -> None:
    text = FRENCH.replace("—", "-") if encoding == "latin-1" else FRENCH
    assert decode_text(text.encode(encoding)) == text


def test_binary_data_is_named_but_a_stray_nul_is_not_binary() -> None:
    assert sniff_binary(b"%PDF-1.7\n") == "a PDF document"
    assert sniff_binary(bytes(range(256)) * 4) is not None
    assert sniff_binary(REPORT.encode() + b"\x00" + REPORT.encode()) is None
    with pytest.raises(InputError) as caught:
        decode_text(REPORT.encode() + b"\x00")
    assert caught.value.code == Errors.E234.code and f"at character {len(REPORT)}" in caught.value.message


def _read(path: Path) -> tuple[list[Article], list[InputFailure]]:
    items = list(read_articles([str(path)], ReadOptions()))
    return [a for a in items if isinstance(a, Article)], [f for f in items if isinstance(f, InputFailure)]


def test_a_nul_byte_early_in_json_lines_fails_only_its_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": REPORT.replace("Thursday", day)}).encode() for day in ("Monday", "Tuesday", "Friday")]
    path = tmp_path / "dump.jsonl"
    path.write_bytes(lines[0] + b"\n" + b'{"text": "Vilnius\x00 said"}\n' + lines[1] + b"\n" + lines[2] + b"\n")
    articles, failures = _read(path)
    assert [a.input.line for a in articles] == [1, 3, 4]
    assert [(f.line, f.code) for f in failures] == [(2, Errors.E234.code)]


def test_utf16_json_lines_without_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes("".join(json.dumps({"text": REPORT.replace("Thursday", d)}) + "\n" for d in ("Monday", "Friday")).encode("utf-16-le"))
    articles, failures = _read(path)
    assert failures == [] and [a.text for a in articles] == [REPORT.replace("Thursday", d) for d in ("Monday", "Friday")]


def test_a_cp1252_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_bytes(f'title,text\nGenève talks,"{FRENCH}"\n'.encode("cp1252"))
    items = list(read_articles([str(path)], ReadOptions(english_only=False)))
    assert [(a.title, a.text) for a in items if isinstance(a, Article)] == [("Genève talks", FRENCH)]

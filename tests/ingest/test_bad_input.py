"""Bad input: each case gives one line on stderr naming the file (and line) and the reason,
the rest of the batch is stored, the exit code is 1 and nothing stored before is lost."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pytest

from newsgraph.errors import Errors
from tests.support.commands import run_newsgraph

GOOD = "Lithuania expelled a Russian diplomat on Thursday, accusing him of activities incompatible with his status, the foreign ministry in Vilnius said."


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    return path


def _make_bad(tmp_path: Path, case: str) -> tuple[Path, str]:
    """Create one bad input; return its path and a fragment the error line must contain."""
    if case == "empty":
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        return path, f"[{Errors.E205.code}] empty file"
    if case == "binary":
        path = tmp_path / "scan.txt"
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x00")
        return path, f"[{Errors.E204.code}] not a text file: it looks like a PDF"
    if case == "invalid_utf8":
        # Not UTF-8, and bytes that cp1252 leaves undefined and latin-1 reads as controls.
        path = tmp_path / "mangled.txt"
        path.write_bytes("Le ministre a déclaré".encode("latin-1") + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40)
        return path, f"[{Errors.E220.code}] not valid UTF-8, cp1252 or latin-1"
    if case == "device":
        path = tmp_path / "zero.txt"
        path.symlink_to("/dev/zero")
        return path, f"[{Errors.E235.code}] not a regular file but a character device"
    if case == "huge":
        path = tmp_path / "huge.txt"
        with path.open("wb") as f:
            f.truncate(200_000_000)  # sparse: 200 MB on paper, nothing on disk
        return path, f"[{Errors.E206.code}] file too large"
    if case == "bad_json_line":
        path = tmp_path / "dump.jsonl"
        path.write_text(json.dumps({"text": GOOD.replace("Thursday", "Friday")}) + '\n{"text": "broken\n')
        return path, f"dump.jsonl:2: [{Errors.E215.code}] malformed JSON"
    if case == "csv_without_text":
        path = tmp_path / "dump.csv"
        path.write_text("headline,body\nTalks,Ministers met in Riga.\n")
        return path, f"[{Errors.E217.code}] CSV has no 'text' column"
    if case == "truncated_warc":
        source = Path(__file__).resolve().parents[2] / "examples" / "warc" / "press_pages.warc.gz"
        data = gzip.decompress(source.read_bytes())
        path = tmp_path / "cut.warc"
        path.write_bytes(data[: len(data) * 2 // 3])
        return path, f"[{Errors.E224.code}] truncated or corrupt WARC"
    if case == "html_without_article":
        path = tmp_path / "nav.html"
        path.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
        return path, f"[{Errors.E221.code}] no article text"
    if case == "gzip_named_jsonl":
        path = tmp_path / "packed.jsonl"
        path.write_bytes(gzip.compress(json.dumps({"text": GOOD}).encode()))
        return path, f"[{Errors.E204.code}] not a JSON Lines file: it looks like gzip"
    raise AssertionError(case)


CASES = [
    "empty",
    "binary",
    "invalid_utf8",
    "huge",
    "bad_json_line",
    "csv_without_text",
    "truncated_warc",
    "html_without_article",
    "gzip_named_jsonl",
    "device",
]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_named_and_rest_is_stored(tmp_path: Path, case: str) -> None:
    bad, fragment = _make_bad(tmp_path, case)
    good = _good(tmp_path)
    db = tmp_path / "store.duckdb"
    result = run_newsgraph("ingest", str(bad), str(good), "--db", str(db))
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsgraph:")]
    # The good file has no date: one warning line says so, after the failures.
    error_lines = [line for line in lines if not line.startswith(f"newsgraph: [{Errors.E306.code}] warning")]
    assert len(error_lines) >= 1
    assert all(bad.name in line for line in error_lines)
    assert fragment in error_lines[0]
    assert "Traceback" not in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        texts = [row[0] for row in con.execute("SELECT text FROM articles").fetchall()]
    assert GOOD in texts


def test_earlier_store_contents_survive_a_bad_batch(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    first = run_newsgraph("ingest", str(_good(tmp_path)), "--db", str(db))
    assert first.returncode == 0, first.stderr
    bad, _ = _make_bad(tmp_path, "binary")
    second = run_newsgraph("ingest", str(bad), "--db", str(db))
    assert second.returncode == 1
    assert "ingested 0, unchanged 0, failed 1" in second.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 1


def test_truncated_warc_keeps_records_before_the_cut(tmp_path: Path) -> None:
    bad, _ = _make_bad(tmp_path, "truncated_warc")
    result = run_newsgraph("analyze", str(bad))
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    assert "truncated or corrupt WARC" in result.stderr


def test_missing_path_is_reported(tmp_path: Path) -> None:
    result = run_newsgraph("analyze", str(tmp_path / "nope.txt"), str(_good(tmp_path)))
    assert result.returncode == 1
    assert f"nope.txt: [{Errors.E201.code}] no such file or folder" in result.stderr
    assert len(result.stdout.splitlines()) == 1

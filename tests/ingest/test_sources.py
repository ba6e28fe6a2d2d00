"""Input paths at scale: glob patterns expand (sorted, recursively with **), and one corrupt
file among many is named once while the others are read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsgraph.config import ReadOptions
from newsgraph.ingest.sources import iter_input_paths, read_inputs
from newsgraph.model import InputFailure, RawArticle

TEXT = "Indonesia and Malaysia signed a maritime boundary agreement in Jakarta on {day}, officials said."


def _dump(path: Path, days: list[str]) -> None:
    lines = "".join(json.dumps({"id": f"{path.stem}-{d}", "text": TEXT.format(day=d)}) + "\n" for d in days)
    path.write_bytes(gzip.compress(lines.encode()) if path.suffix == ".gz" else lines.encode())


def test_glob_patterns_expand_sorted_and_recursively(tmp_path: Path) -> None:
    (tmp_path / "2024" / "05").mkdir(parents=True)
    _dump(tmp_path / "2024" / "05" / "b.jsonl.gz", ["Monday"])
    _dump(tmp_path / "2024" / "a.jsonl", ["Tuesday"])
    (tmp_path / "2024" / "notes.pdf").write_bytes(b"%PDF-1.4")
    found = list(iter_input_paths([str(tmp_path / "**" / "*.jsonl*"), str(tmp_path / "2024" / "*")]))
    assert [p.relative_to(tmp_path).as_posix() for p in found if isinstance(p, Path)] == [
        "2024/05/b.jsonl.gz",
        "2024/a.jsonl",
        "2024/05/b.jsonl.gz",
        "2024/a.jsonl",
    ]
    (missing,) = iter_input_paths([str(tmp_path / "*.warc")])
    assert isinstance(missing, InputFailure) and "no file matches" in missing.reason


def test_a_corrupt_archive_among_many_is_named_once_and_skipped(tmp_path: Path) -> None:
    _dump(tmp_path / "a.jsonl.gz", ["Monday", "Tuesday"])
    _dump(tmp_path / "c.jsonl", ["Friday"])
    whole = gzip.compress(b"".join(json.dumps({"text": TEXT.format(day=str(n))}).encode() + b"\n" for n in range(400)))
    (tmp_path / "b.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    items = list(read_inputs([str(tmp_path / "*.jsonl*")], ReadOptions()))
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [(Path(f.path).name, "Compressed file ended" in f.reason) for f in failures] == [("b.jsonl.gz", True)]
    ids = [i.input.id for i in items if isinstance(i, RawArticle)]
    assert ids[:2] == ["a.jsonl-Monday", "a.jsonl-Tuesday"] and ids[-1] == "c-Friday"

"""Partitions: line-aligned byte ranges that cover a JSON Lines file exactly, with the right
line numbers; other files whole; keys that change when the file changes."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from newsgraph.config import ReadOptions
from newsgraph.errors import UsageError
from newsgraph.model import Article, InputFailure
from newsgraph.run import partitions
from newsgraph.run.partitions import Partition, plan_partitions, read_partition


def _plan(paths: list[str], block: int) -> list[Partition]:
    planned = list(plan_partitions(paths, block))
    assert all(isinstance(p, Partition) for p in planned)
    return planned  # type: ignore[return-value]


@pytest.mark.parametrize("block", [1, 700, 5_000, 10**9])
def test_ranges_cover_the_file_at_line_starts_with_their_line_numbers(
    block: int, corpus: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(partitions, "_SCAN_CHUNK", 1_000)  # cuts that fall across scan chunks
    path, total = corpus
    data = path.read_bytes()
    planned = _plan([str(path)], block)
    assert b"".join(data[p.start : len(data) if p.end is None else p.end] for p in planned) == data
    for p in planned:
        assert p.start == 0 or data[p.start - 1 : p.start] == b"\n"
        assert p.first_line == data[: p.start].count(b"\n") + 1
    assert len(planned) == (1 if block >= len(data) else len(planned))
    lines = [item.input.line for p in planned for item in read_partition(p, ReadOptions()) if isinstance(item, Article)]
    assert lines == list(range(1, total + 1))


def test_malformed_lines_are_named_by_their_line_in_the_file(tmp_path: Path, corpus: tuple[Path, int]) -> None:
    lines = corpus[0].read_text().splitlines()
    lines[20] = "{not json"
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n")
    failures = [x for p in _plan([str(path)], 2_000) for x in read_partition(p, ReadOptions()) if isinstance(x, InputFailure)]
    assert [(f.path, f.line) for f in failures] == [(str(path), 21)]


def test_compressed_archives_and_binary_files_stay_whole(tmp_path: Path, corpus: tuple[Path, int], examples_dir: Path) -> None:
    packed = tmp_path / "dump.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus[0].read_bytes()))
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(b"\x89PNG" + b"\x00" * 5_000)
    planned = _plan([str(tmp_path), str(examples_dir / "warc")], 100)
    assert [(Path(p.path).name, p.end) for p in planned] == [("dump.jsonl.gz", None), ("image.jsonl", None), ("press_pages.warc.gz", None)]
    failures = [x for x in read_partition(planned[1], ReadOptions()) if isinstance(x, InputFailure)]
    assert len(failures) == 1 and "PNG" in failures[0].reason


def test_a_key_changes_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Turkey and Greece held talks in Ankara on Tuesday."}\n')
    first = _plan([str(path)], 10**6)[0].key
    assert _plan([str(path)], 10**6)[0].key == first
    os.utime(path, ns=(1, 1))
    assert _plan([str(path)], 10**6)[0].key != first


def test_missing_inputs_are_failures_and_stdin_is_refused(tmp_path: Path) -> None:
    planned = list(plan_partitions([str(tmp_path / "gone.jsonl")], 10))
    assert isinstance(planned[0], InputFailure) and "no such file" in planned[0].reason
    with pytest.raises(UsageError):
        list(plan_partitions(["-"], 10))

"""Split inputs into partitions for a cluster: one per file, and large JSON Lines files cut
into line-aligned byte ranges, so that workers read (and analyse) in parallel.

A partition's ``key`` names its output files; it changes when the input file changes, so a
re-run overwrites only what an identical partition wrote before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsgraph.config import ReadOptions
from newsgraph.errors import Errors, UsageError
from newsgraph.ingest import prepare_raw
from newsgraph.ingest.decode import sniff_binary
from newsgraph.ingest.limits import bounded_lines, time_limited
from newsgraph.ingest.sources import STDIN, input_format, iter_input_paths, read_path
from newsgraph.ingest.tabular import read_jsonl
from newsgraph.model import Article, InputFailure, RawArticle

SPLITTABLE = (".jsonl", ".ndjson")
_SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """A whole file, or bytes ``start``–``end`` of a JSON Lines file starting at ``first_line``."""

    path: str
    size: int
    mtime_ns: int
    start: int = 0
    end: int | None = None
    first_line: int = 1

    @property
    def key(self) -> str:
        """A stable name for this partition's output files."""
        ident = f"{self.path}|{self.size}|{self.mtime_ns}|{self.start}|{self.end}"
        return hashlib.sha256(ident.encode()).hexdigest()[:16]


def _cuts(path: Path, block_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line) of line-aligned ranges of about ``block_bytes`` each."""
    start, first_line, newlines, position = 0, 1, 0, 0
    with path.open("rb") as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            offset = 0
            # A range ends after the first newline at or past start + block_bytes.
            while (target := start + block_bytes) < position + len(chunk):
                newline = chunk.find(b"\n", max(target - position, offset))
                if newline < 0:
                    break
                newlines += chunk.count(b"\n", offset, newline + 1)
                end = position + newline + 1
                yield start, end, first_line
                start, first_line, offset = end, newlines + 1, newline + 1
            newlines += chunk.count(b"\n", offset)
            position += len(chunk)
    if position > start:
        yield start, position, first_line


def plan_partitions(paths: Iterable[str], block_bytes: int) -> Iterator[Partition | InputFailure]:
    """Partitions of every input file (folders and glob patterns expanded, in order)."""
    for item in iter_input_paths(paths):
        if isinstance(item, InputFailure):
            yield item
            continue
        if str(item) == STDIN:
            raise UsageError(Errors.E305)
        try:
            stat = item.stat()
        except OSError as exc:
            yield InputFailure.of(str(item), Errors.E207, detail=exc.strerror or exc)
            continue
        # Absolute, because workers elsewhere do not share this process's working directory.
        item = item.resolve()
        whole = Partition(str(item), stat.st_size, stat.st_mtime_ns)
        if input_format(item) not in SPLITTABLE or stat.st_size <= block_bytes:
            yield whole
            continue
        with item.open("rb") as stream:
            if sniff_binary(stream.read(8192)) is not None:
                yield whole  # read whole, so that the reader names the problem once
                continue
        for start, end, line in _cuts(item, block_bytes):
            yield Partition(str(item), stat.st_size, stat.st_mtime_ns, start, end, line)


def _range_lines(path: str, start: int, end: int, max_line_bytes: int) -> Iterator[bytes]:
    with open(path, "rb") as stream:
        stream.seek(start)
        for line in bounded_lines(stream, max_line_bytes):
            yield line
            if stream.tell() >= end:
                return


def _renumbered(items: Iterable[RawArticle | InputFailure], first_line: int) -> Iterator[RawArticle | InputFailure]:
    for item in items:
        if isinstance(item, InputFailure):
            item.line = None if item.line is None else item.line + first_line - 1
        elif item.input.line is not None:
            item.input.line += first_line - 1
        yield item


def read_partition(partition: Partition, options: ReadOptions) -> Iterator[Article | InputFailure]:
    """The prepared articles (and failures) of one partition, streamed."""
    if partition.end is None:
        raw: Iterable[RawArticle | InputFailure] = read_path(Path(partition.path), options)
    else:
        lines = _range_lines(partition.path, partition.start, partition.end, options.max_file_bytes)
        raw = _renumbered(read_jsonl(lines, partition.path, options.fields, options.max_file_bytes), partition.first_line)
    return time_limited(prepare_raw(raw, options), options.read_timeout, partition.path)

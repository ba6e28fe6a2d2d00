"""WARC archives cut short: records before the cut are kept and the file is named once,
whether the cut falls inside a compressed member or inside a record."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest.warc import read_warc
from newsgraph.model import InputFailure, RawArticle


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.8, 0.95])
def test_a_cut_compressed_warc_is_reported_after_its_whole_records(tmp_path: Path, examples_dir: Path, keep: float) -> None:
    source = examples_dir / "warc" / "press_pages.warc.gz"
    with source.open("rb") as stream:
        whole = [x for x in read_warc(stream, "full") if isinstance(x, RawArticle)]
    data = source.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * keep)])
    with cut.open("rb") as stream:
        items = list(read_warc(stream, str(cut)))
    failures = [i for i in items if isinstance(i, InputFailure)]
    kept = [i for i in items if isinstance(i, RawArticle)]
    assert len(failures) == 1 and "truncated or corrupt WARC" in failures[0].reason
    assert [a.text for a in kept] == [a.text for a in whole[: len(kept)]] and len(kept) < len(whole)


def test_garbage_named_warc_gets_one_short_line(tmp_path: Path) -> None:
    path = tmp_path / "noise.warc"
    path.write_bytes(bytes(range(256)) * 40)
    with path.open("rb") as stream:
        (failure,) = list(read_warc(stream, str(path)))
    assert isinstance(failure, InputFailure) and len(str(failure)) < 250

"""Property tests over every reader: whatever the bytes, reading ends in articles or one-line
failures naming the file — no exception, no hang — and ingesting them leaves a store that
``newsgraph check`` passes, with no article stored in part."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph import corpus
from newsgraph.errors import Errors
from newsgraph.model import Article
from newsgraph.pipeline import Analyzer
from newsgraph.run.job import ingest_items
from newsgraph.store import Store
from newsgraph.store.check import check_store
from tests.support.commands import run_newsgraph
from tests.support.fuzz_inputs import FORMATS, FUZZ_OPTIONS, hostile_inputs, read_case, well_formed, write_case

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure in CI can be replayed
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@SETTINGS
@given(case=hostile_inputs())
def test_every_hostile_input_ends_in_articles_or_one_line_failures(case: tuple[str, bytes]) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as tmp:
        verdict = read_case(write_case(Path(tmp), name, data))
    assert verdict.crashes == []


@settings(SETTINGS, max_examples=40)
@given(fmt=st.sampled_from(FORMATS), data=st.data())
def test_intact_inputs_of_every_format_give_their_articles(fmt: str, data: st.DataObject) -> None:
    """The fuzzer's starting points are real inputs: intact, each gives articles and no failure."""
    raw = data.draw(well_formed(fmt))
    with tempfile.TemporaryDirectory() as tmp:
        verdict = read_case(write_case(Path(tmp), f"input.{fmt}", raw))
    assert verdict.crashes == [] and verdict.failures == []
    assert verdict.articles and all(a.status == "analysed" for a in verdict.articles)


@pytest.mark.slow
@settings(SETTINGS, max_examples=6)
@given(cases=st.lists(hostile_inputs(), min_size=4, max_size=8))
def test_ingesting_hostile_folders_leaves_a_consistent_store(cases: list[tuple[str, bytes]], analyzer: Analyzer) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for index, (name, data) in enumerate(cases):
            write_case(folder, name, data, index)
        expected = {v.id for path in sorted(folder.iterdir()) for v in read_case(path).articles if v.status == "analysed"}
        with Store.open(Path(tmp) / "fuzz.duckdb") as store:
            sources = corpus.SourceLog()
            report = ingest_items(sources.watch(_read(folder)), store, analyzer, batch_size=3)
            corpus.update(store, sources.seen)
            problems = check_store(store).problems
            stored = {row[0] for row in store.con.execute("SELECT id FROM articles WHERE status = 'analysed'").fetchall()}
    assert problems == []
    analysis_failures = [f for f in report.failures if f.reason.startswith("analysis failed")]
    assert analysis_failures == []
    assert stored == expected


def _read(folder: Path) -> list[Article | object]:
    from newsgraph.ingest import read_articles

    return list(read_articles([str(folder)], FUZZ_OPTIONS))


@pytest.mark.slow
def test_the_command_line_names_each_bad_file_on_one_line(tmp_path: Path) -> None:
    cases = [
        hostile
        for hostile in [
            ("scan.txt", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n"),
            ("packed.jsonl", b"\x1f\x8b\x08\x00" + b"\x00" * 30),
            ("deep.html", b"<html><body>" + b"<div>" * 100_000 + b"</body></html>"),
            ("nul.csv", b"id,text\n1,Iran and the IAEA \x00 agreed\n"),
            ("cut.warc.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\x01" * 20),
            ("bom16.md", "# Talks\n\nIran and the IAEA agreed on Monday to resume talks in Vienna, officials said.".encode("utf-16")),
            ("good.txt", b"Iran and the International Atomic Energy Agency agreed on Monday to resume talks in Vienna."),
        ]
    ]
    for name, data in cases:
        (tmp_path / name).write_bytes(data)
    db = tmp_path / "cli.duckdb"
    result = run_newsgraph("ingest", str(tmp_path), "--db", str(db), "--workers", "1")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    *failures, summary, undated = result.stderr.strip().splitlines()
    assert summary.startswith("ingested 2,")  # the plain text and the UTF-16 Markdown file
    assert undated.startswith(f"newsgraph: [{Errors.E306.code}] warning: 2 of the 2 articles stored have no publication date")
    assert len(failures) == 5
    for line in failures:
        assert line.startswith(f"newsgraph: {tmp_path}/"), line


def test_a_warc_with_a_wrong_content_length_is_one_failure_line(tmp_path: Path) -> None:
    """warcio prints its own multi-line warning about such a record; it must not reach stderr."""
    raw = write_case(tmp_path, "input.warc", b"")
    intact = Path(__file__).resolve().parents[2] / "examples" / "warc" / "press_pages.warc.gz"
    data = gzip.decompress(intact.read_bytes())
    length = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", length)
    raw.write_bytes(data[:length] + str(int(data[length:end]) - 40).encode() + data[end:])
    verdict = read_case(raw)
    assert verdict.crashes == []
    assert any("corrupt WARC at record 1" in f.reason or "record" in f.reason for f in verdict.failures), verdict.failures

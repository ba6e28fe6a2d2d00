"""Limits: file, record and article sizes, decompression bombs, symlink loops, a time limit
per input — each refused with one line naming the file, the rest of the input kept."""

from __future__ import annotations

import gzip
import io
import json
import os
import threading
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.config import ReadOptions
from newsgraph.errors import Errors
from newsgraph.ingest import read_articles
from newsgraph.model import Article, InputFailure
from tests.support.commands import run_newsgraph

REPORT = (
    "Iran and the International Atomic Energy Agency agreed on Monday to resume talks on access for inspectors, "
    "the agency's director general told reporters in Vienna after meeting the Iranian delegation."
)


def _read(paths: list[Path], **limits: object) -> tuple[list[Article], list[InputFailure]]:
    items = list(read_articles([str(p) for p in paths], ReadOptions(**limits)))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputFailure)]


def _html(text: str) -> bytes:
    return f"<html><head><title>Talks</title></head><body><article><p>{text}</p></article></body></html>".encode()


def _warc(path: Path, bodies: list[bytes]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for n, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(f"https://news.example.org/{n}", "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_file_and_article_limits_are_options_with_clear_messages(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT)
    big = run_newsgraph("analyze", str(tmp_path / "report.txt"), "--max-file-mb", "0.0001", "--workers", "1")
    assert big.returncode == 1 and big.stdout == ""
    assert (
        big.stderr.strip()
        == f"newsgraph: {tmp_path}/report.txt: [{Errors.E206.code}] file too large ({len(REPORT)} bytes; the limit for one-article files is 100 bytes, --max-file-mb): split it or use JSON Lines"
    )
    long = run_newsgraph("analyze", str(tmp_path / "report.txt"), "--max-article-chars", "50", "--workers", "1")
    assert long.returncode == 1
    assert "article too long" in long.stderr and "--max-article-chars" in long.stderr
    assert len(long.stderr.strip().splitlines()) == 1


def test_an_overlong_json_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [{"text": REPORT}, {"text": "Vienna " * 5000}, {"text": REPORT.replace("Monday", "Tuesday")}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    articles, failures = _read([path], max_file_bytes=10_000)
    assert [a.input.line for a in articles] == [1, 3]
    assert [(f.line, f.code) for f in failures] == [(2, Errors.E214.code)]
    assert failures[0].reason.startswith("line longer than 10,000 bytes (the limit for one record, --max-file-mb)")


def test_a_gzip_bomb_named_jsonl_gz_is_refused_while_streaming(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write((json.dumps({"text": REPORT}) + "\n").encode())
        out.write(b'{"text": "')
        for _ in range(100):  # 100 MB of one line, a few hundred kilobytes packed
            out.write(b"a" * 1_000_000)
    started = time.perf_counter()
    articles, failures = _read([path])
    assert time.perf_counter() - started < 20
    assert len(articles) == 1
    assert len(failures) == 1 and failures[0].path == str(path)
    assert failures[0].reason.startswith("refused as a decompression bomb: ") and "--max-expansion" in failures[0].reason


def test_a_warc_gz_bomb_is_refused_before_the_record_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.warc.gz"
    _warc(path, [_html(REPORT), b"<html><body><p>" + b" " * 60_000_000 + b"</p></body></html>"])
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    articles, failures = _read([path])
    assert time.perf_counter() - started < 10
    assert len(articles) == 1
    assert [f.line for f in failures] == [2]
    assert "decompression bomb" in failures[0].reason


def test_an_html_record_over_the_limit_is_refused_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    _warc(path, [_html("filler " * 5000), _html(REPORT)])
    articles, failures = _read([path], max_file_bytes=20_000)
    assert len(articles) == 1 and articles[0].input.line == 2
    assert len(failures) == 1 and "record 1 (https://news.example.org/0): larger than 20,000 bytes" in failures[0].reason


def test_symlink_loops_in_folders_and_globs_are_handled(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "report.txt").write_text(REPORT)
    os.symlink("..", folder / "2024" / "up")  # a loop: archive/2024/up/2024/up/…
    os.symlink("..", folder / "2024" / "again")
    os.symlink("self.txt", folder / "self.txt")  # a link to itself
    started = time.perf_counter()
    for given in (str(folder), f"{folder}/**/*.txt"):
        articles, failures = _read([Path(given)])
        assert [a.input.path for a in articles] == [str(folder / "2024" / "report.txt")]
        assert [f.path for f in failures] == [str(folder / "self.txt")]
        assert "symbolic links" in failures[0].reason
    assert time.perf_counter() - started < 10


def test_an_input_that_takes_too_long_is_stopped(tmp_path: Path) -> None:
    """A named pipe nobody writes to blocks its reader forever: the time limit ends it."""
    stuck = tmp_path / "stuck.jsonl"
    os.mkfifo(stuck)
    (tmp_path / "report.txt").write_text(REPORT)
    started = time.perf_counter()
    articles, failures = _read([stuck, tmp_path / "report.txt"], read_timeout=1.0)
    assert time.perf_counter() - started < 10
    assert len(articles) == 1
    assert [(f.path, f.code) for f in failures] == [(str(stuck), Errors.E210.code)]
    assert failures[0].reason.startswith("reading took longer than 1 s (the time limit per input, --read-timeout)")


def test_utf16_with_a_byte_order_mark_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("utf-16"))
    articles, failures = _read([path])
    assert failures == [] and articles[0].text == REPORT


def test_a_named_pipe_is_read_as_a_stream(tmp_path: Path) -> None:
    pipe = tmp_path / "wire.txt"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_text, args=(REPORT,))
    writer.start()
    articles, failures = _read([pipe], read_timeout=30.0)
    writer.join()
    assert failures == [] and [a.text for a in articles] == [REPORT]


def test_a_text_too_dense_to_analyse_well_is_refused_with_its_line(tmp_path: Path) -> None:
    # 3 tokens per word: quotation marks around every word, as in a hostile record.
    path = tmp_path / "dump.jsonl"
    dense = " ".join(f'"{w}"' for w in REPORT.split()) * 20
    lines = [{"text": REPORT}, {"text": dense}, {"text": REPORT.replace("Monday", "Tuesday")}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    articles, failures = _read([path], max_article_tokens=1_000)
    assert [a.input.line for a in articles] == [1, 3]
    assert [(f.path, f.line, f.code) for f in failures] == [(str(path), 2, Errors.E241.code)]
    assert "the limit is 1,000 per article" in failures[0].reason


def test_an_html_page_of_too_many_elements_is_refused_before_extraction(tmp_path: Path) -> None:
    page = tmp_path / "endless.html"
    page.write_bytes(_html("</p><p>".join(["Talks resumed."] * 40_000)))
    (tmp_path / "report.html").write_bytes(_html(REPORT))
    articles, failures = _read([tmp_path / "endless.html", tmp_path / "report.html"])
    assert [a.input.path for a in articles] == [str(tmp_path / "report.html")]
    assert [(f.path, f.code) for f in failures] == [(str(page), Errors.E236.code)]
    assert "40,005 elements, more than the 30,000" in failures[0].reason

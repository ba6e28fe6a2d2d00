"""Hostile inputs for every reader, as hypothesis strategies, and the verdict on reading one.

A case is a file name and its bytes: a well-formed input of one format (txt, md, html, jsonl,
json, csv, warc, warc.gz, jsonl.gz) then damaged — cut short, re-encoded in part, NUL bytes,
byte-order marks, a huge line, deeply nested HTML, random bytes spliced in — or a file whose
name lies about its contents (a PDF named .txt, gzip named .jsonl). Used by
``tests/ingest/test_fuzz.py`` and by the longer run in ``bench/fuzz_ingest.py``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.ingest.prepare import article_id
from newsgraph.model import Article, InputFailure

# Our own wire-style paragraphs (not from the seeds), recombined into articles.
PARAGRAPHS = (
    "VIENNA, Oct 14 (Reuters) - Iran and the International Atomic Energy Agency agreed on Monday to resume talks on "
    "access for inspectors to two sites near Isfahan, the agency's director general told reporters after the meeting.",
    "Austrian Foreign Minister Alexander Schallenberg welcomed the agreement and said Vienna was ready to host "
    "further rounds, adding that \u201cdialogue remains the only path\u201d.",
    "The United States and France had urged Tehran last week to restore the cameras removed in June, warning that "
    "the board of governors could adopt a resolution if cooperation did not improve.",
    "A spokesman for Iran's foreign ministry, Nasser Kanaani, rejected what he called Western pressure and accused "
    "Washington of undermining the 2015 nuclear deal.",
    "Diplomats in Brussels said the European Union would discuss new sanctions against Iranian drone makers at a "
    "meeting of foreign ministers in Luxembourg on October 21.",
    "\u00abNous ne c\u00e9derons pas\u00bb, a d\u00e9clar\u00e9 le ministre \u2014 a French aside quoted by the agency, "
    "with accents, guillemets and an em dash \u2014 \u041c\u043e\u0441\u043a\u0432\u0430 and \u5317\u4eac in passing.",
)
TITLES = ("Iran and IAEA agree to resume talks on inspections", "EU weighs new sanctions on drone makers", "")


@st.composite
def article_texts(draw: st.DrawFn) -> str:
    """A realistic article: a few of our paragraphs in some order."""
    chosen = draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=5))
    return "\n\n".join(chosen)


def _warc(pages: list[tuple[str, bytes, str, str]], compress: bool) -> bytes:
    """A WARC holding one response record per (url, body, content type, status)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for n, (url, body, content_type, status) in enumerate(pages):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        # Fixed date and record id: the same draws must give the same bytes (hypothesis replays them).
        fixed = {"WARC-Date": "2024-10-14T08:00:00Z", "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"}
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict=fixed)
        writer.write_record(record)
    return out.getvalue()


def _html(title: str, text: str, nesting: int = 0) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    deep = "<div>" * nesting + "deep" + "</div>" * nesting
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title><meta charset='utf-8'></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>{deep}</body></html>"
    ).encode()


def _csv(records: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "title", "published", "text"])
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode()


FORMATS = ("txt", "md", "html", "jsonl", "json", "csv", "warc", "warc.gz", "jsonl.gz")


@st.composite
def well_formed(draw: st.DrawFn, fmt: str) -> bytes:
    """A valid input of ``fmt`` holding one to three articles."""
    texts = draw(st.lists(article_texts(), min_size=1, max_size=3))
    title = draw(st.sampled_from(TITLES))
    records = [{"id": f"r{i}", "title": title, "published": "2024-10-14", "text": t} for i, t in enumerate(texts)]
    if fmt == "txt":
        return (f"{title}\n\n" if title else "").encode() + texts[0].encode()
    if fmt == "md":
        return f"# {title or 'Talks'}\n\n{texts[0]}".encode()
    if fmt == "html":
        return _html(title or "Talks", texts[0], draw(st.sampled_from([0, 0, 50, 5000])))
    if fmt in ("jsonl", "jsonl.gz"):
        ascii_only = draw(st.booleans())
        data = "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in records).encode()
        return gzip.compress(data, mtime=0) if fmt == "jsonl.gz" else data
    if fmt == "json":
        return json.dumps(records if len(records) > 1 else records[0]).encode()
    if fmt == "csv":
        return _csv(records)
    pages = [
        (f"https://news.example.org/{i}", _html(title or "Talks", t), "text/html; charset=utf-8", "200 OK") for i, t in enumerate(texts)
    ]
    pages.insert(
        draw(st.integers(0, len(pages))), ("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png", "200 OK")
    )
    return _warc(pages, compress=fmt == "warc.gz")


BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with one to three kinds of damage."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["truncate", "nul", "bom", "latin1", "utf16", "splice", "huge_line", "crlf", "drop_newlines"]))
        at = draw(st.integers(0, len(data)))
        if kind == "truncate":
            data = data[:at]
        elif kind == "nul":
            data = data[:at] + b"\x00" * draw(st.integers(1, 4)) + data[at:]
        elif kind == "bom":
            data = draw(st.sampled_from(BOMS)) + data
        elif kind == "latin1":
            # Part of the file in another encoding: mixed encodings in one input.
            end = draw(st.integers(at, len(data)))
            part = data[at:end].decode("utf-8", "replace").encode("latin-1", "replace")
            data = data[:at] + part + data[end:]
        elif kind == "utf16":
            data = data.decode("utf-8", "replace").encode(draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"])))
        elif kind == "splice":
            data = data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
        elif kind == "huge_line":
            data = data[:at] + b"x" * draw(st.sampled_from([10_000, 300_000, 2_500_000])) + data[at:]
        elif kind == "crlf":
            data = data.replace(b"\n", b"\r\n")
        else:
            data = data.replace(b"\n", b" ")
    return data


MISLABELLED = (
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ("txt", "md", "html", "jsonl", "json", "csv", "warc")),
    (gzip.compress(b'{"text": "Iran and the IAEA agreed to resume talks."}\n', mtime=0), ("txt", "jsonl", "json", "csv", "html", "md")),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, ("txt", "csv", "jsonl", "warc.gz", "jsonl.gz")),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, ("html", "md", "warc")),
    (b"<html><body><p>not a json line</p></body></html>", ("jsonl", "json", "csv", "warc", "warc.gz", "jsonl.gz")),
    (b'{"text": "a JSON line named as a web archive"}\n', ("warc", "warc.gz", "html")),
)


@st.composite
def hostile_inputs(draw: st.DrawFn, formats: tuple[str, ...] = FORMATS) -> tuple[str, bytes]:
    """A file name and hostile bytes for one of ``formats``."""
    fmt = draw(st.sampled_from(formats))
    way = draw(st.sampled_from(["damaged", "damaged", "damaged", "random", "mislabelled", "intact"]))
    if way == "random":
        return f"input.{fmt}", draw(st.binary(max_size=4096))
    if way == "mislabelled":
        candidates = [data for data, names in MISLABELLED if fmt in names] or [MISLABELLED[0][0]]
        return f"input.{fmt}", draw(st.sampled_from(candidates))
    data = draw(well_formed(fmt))
    return f"input.{fmt}", data if way == "intact" else draw(damaged(data))


# Small limits, so that the size checks are exercised by inputs of a few megabytes.
FUZZ_OPTIONS = ReadOptions(published="2024-10-14", max_file_bytes=2_000_000, max_article_chars=200_000, read_timeout=20.0)


@dataclass
class Verdict:
    """What reading one input gave: articles, failures, and anything that broke the rules."""

    articles: list[Article] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def read_case(path: Path, options: ReadOptions = FUZZ_OPTIONS, time_limit: float = 30.0) -> Verdict:
    """Read one input as ingest does and judge the result: every item is an Article with a
    consistent id and text or a one-line failure naming the file; no exception escapes; the
    whole read ends within ``time_limit`` seconds."""
    verdict = Verdict()
    started = time.perf_counter()
    printed = io.StringIO()  # a reader must not print: the CLI's one line per problem is all
    try:
        with redirect_stderr(printed), redirect_stdout(printed):
            items = list(read_articles([str(path)], options))
        for item in items:
            if isinstance(item, InputFailure):
                verdict.failures.append(item)
                line = str(item)
                if item.path != str(path) or "\n" in line or "\r" in line or not item.reason.strip():
                    verdict.crashes.append(f"bad failure line: {line!r}")
            elif isinstance(item, Article):
                verdict.articles.append(item)
                if not item.text.strip() or item.id != article_id(item.text) or len(item.text) > options.max_article_chars:
                    verdict.crashes.append(f"bad article {item.id}: {item.text[:60]!r}")
            else:
                verdict.crashes.append(f"unexpected item {type(item).__name__}")
    except Exception as exc:  # the rule is that nothing escapes: record, do not hide
        verdict.crashes.append(f"exception escaped: {type(exc).__name__}: {exc}")
    if printed.getvalue():
        verdict.crashes.append(f"printed {printed.getvalue()[:200]!r}")
    verdict.seconds = time.perf_counter() - started
    if verdict.seconds > time_limit:
        verdict.crashes.append(f"took {verdict.seconds:.1f} s")
    return verdict


def write_case(folder: Path, name: str, data: bytes, index: int = 0) -> Path:
    """Write a case to ``folder`` under a unique name that keeps its suffix."""
    path = folder / f"{index:05d}-{name}"
    path.write_bytes(data)
    return path

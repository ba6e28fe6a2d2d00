"""Each reader on well-formed input: HTML, JSON Lines, JSON, CSV, WARC, text, folders, stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newsgraph.config import FieldMap, ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.ingest.html import read_html
from newsgraph.ingest.sources import read_inputs
from newsgraph.ingest.tabular import read_csv, read_jsonl
from newsgraph.model import Article, InputFailure, InputRef, RawArticle


def _articles(paths: list[str], **options) -> list[Article | InputFailure]:
    return list(read_articles(paths, ReadOptions(**options)))


def test_html_page_gives_text_and_metadata(examples_dir: Path) -> None:
    raw = read_html((examples_dir / "html" / "baltic_ledger_poland_expels.html").read_bytes(), InputRef(path="p.html"))
    assert raw.title == "Poland expels Russian diplomats over sabotage plot"
    assert raw.site_name == "Baltic Ledger"
    assert raw.author == "Tomas Zalewski"
    assert raw.published is not None and raw.published.startswith("2024-05-22")
    assert "Related stories" not in raw.text
    assert raw.text.startswith("WARSAW (Baltic Ledger)")


def test_jsonl_fields_and_ids_are_kept(examples_dir: Path) -> None:
    items = _articles([str(examples_dir / "jsonl" / "eastern_wire_and_partners.jsonl")])
    assert all(isinstance(i, Article) for i in items)
    first = items[0]
    assert isinstance(first, Article)
    assert first.input.id == "ew-2024-0409-lavrov-wang"
    assert first.input.line == 1
    assert first.outlet == "Eastern Wire"
    assert first.published == "2024-04-09"
    assert first.url == "https://easternwire.example/2024/04/09/lavrov-wang-beijing"


def test_jsonl_with_other_field_names_is_mapped() -> None:
    line = json.dumps(
        {"body": "Ankara said on Tuesday it would host talks between Armenia and Azerbaijan.", "headline": "Talks", "src": "Wire"}
    )
    fields = FieldMap(text="body", title="headline", outlet="src")
    (raw,) = list(read_jsonl(io.BytesIO(line.encode()), "dump.jsonl", fields))
    assert isinstance(raw, RawArticle)
    assert (raw.title, raw.outlet) == ("Talks", "Wire")


def test_json_file_with_articles_list(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(
        json.dumps(
            {
                "articles": [
                    {"text": "Armenia and Azerbaijan agreed to continue border talks, officials in Yerevan said.", "id": 7},
                    {"title": "no text here"},
                ]
            }
        )
    )
    items = _articles([str(path)])
    assert isinstance(items[0], Article) and items[0].input.id == "7"
    assert isinstance(items[1], InputFailure) and items[1].line == 2


def test_csv_rows_become_articles(examples_dir: Path) -> None:
    with (examples_dir / "csv" / "briefs.csv").open("rb") as stream:
        items = list(read_csv(stream, "briefs.csv", FieldMap()))
    assert [i.input.id for i in items if isinstance(i, RawArticle)] == ["brief-001", "brief-002"]
    assert all(isinstance(i, RawArticle) and '"' in i.text for i in items)


def test_warc_html_responses_only(examples_dir: Path) -> None:
    items = list(read_inputs([str(examples_dir / "warc" / "press_pages.warc.gz")], ReadOptions()))
    assert len(items) == 2
    assert all(isinstance(i, RawArticle) for i in items)
    assert {i.url for i in items if isinstance(i, RawArticle)} == {
        "https://rhinepost.example/politics/berlin-summons-russian-ambassador",
        "https://easternwire.example/2024/06/24/eu-belarus-sanctions",
    }


def test_folder_is_read_recursively_in_order_without_readme(examples_dir: Path) -> None:
    items = _articles([str(examples_dir)])
    paths = [i.input.path for i in items if isinstance(i, Article)]
    assert not any(p.endswith("README.md") for p in paths)
    assert len(items) == 13
    folders = [Path(p).parent.name for p in paths]
    assert folders == sorted(folders)  # csv, html, jsonl, txt, warc: sorted, deterministic
    assert paths == [i.input.path for i in _articles([str(examples_dir)]) if isinstance(i, Article)]


def test_symlink_loop_in_folder_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Moldova and Romania signed a border agreement in Chisinau on Friday, officials said.")
    (tmp_path / "loop").symlink_to(tmp_path)
    items = _articles([str(tmp_path)])
    assert len(items) == 1 and isinstance(items[0], Article)


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("# Georgia recalls envoy\n\nGeorgia recalled its ambassador from Kyiv for consultations on Tuesday.\n")
    (article,) = _articles([str(path)])
    assert isinstance(article, Article)
    assert article.title == "Georgia recalls envoy"
    assert article.text == "Georgia recalled its ambassador from Kyiv for consultations on Tuesday."

from __future__ import annotations

import pytest

from newsgraph.config import ReadOptions
from newsgraph.ingest.prepare import article_id, prepare_article
from newsgraph.model import Article, InputFailure, InputRef, RawArticle

WIRE = """All news
Updated at:

Oslo to host talks on Arctic fisheries

OSLO, June 3. /Nordic Wire/. Norway will host talks with Russia on fishing quotas in the Barents Sea next week, Foreign Minister Espen Barth Eide said on Monday.

"We keep the fisheries channel open because it serves both sides," he said.
"""


def _prepare(text: str, **options: str) -> Article | InputFailure:
    raw = RawArticle(text=text, input=InputRef(path="wire.txt"), format="txt")
    return prepare_article(raw, ReadOptions(**options))


def test_title_dateline_outlet_and_date_from_dateline_and_published_year() -> None:
    article = _prepare(WIRE, published="2023-05-30")
    assert isinstance(article, Article)
    assert article.title == "Oslo to host talks on Arctic fisheries"
    assert article.text.startswith("OSLO, June 3. /Nordic Wire/. Norway will host")
    assert "All news" not in article.text and "Updated at" not in article.text
    assert article.outlet == "Nordic Wire"
    assert article.published == "2023-06-03"
    assert article.dateline is not None and article.dateline.place == "Oslo"
    assert article.id == article_id(article.text)


def test_paragraphs_are_separated_by_blank_lines() -> None:
    article = _prepare(WIRE)
    assert isinstance(article, Article)
    assert article.text.count("\n\n") == 1


def test_outlet_option_applies_only_when_input_has_none() -> None:
    article = _prepare(WIRE, outlet="Fallback Times")
    assert isinstance(article, Article) and article.outlet == "Nordic Wire"
    plain = _prepare(
        "The foreign ministers of Norway and Sweden met in Oslo on Monday to discuss Arctic security.", outlet="Fallback Times"
    )
    assert isinstance(plain, Article) and plain.outlet == "Fallback Times"


def test_long_first_sentence_is_not_a_title() -> None:
    text = "On Monday, the foreign ministers of Norway and Sweden met in Oslo to discuss Arctic security.\nThey agreed to meet again."
    article = _prepare(text)
    assert isinstance(article, Article)
    assert article.title is None
    assert article.text.startswith("On Monday")


def test_non_english_article_is_skipped_with_its_language() -> None:
    text = (
        "Le ministre norvégien des Affaires étrangères a annoncé lundi que son pays accueillerait la semaine "
        "prochaine des pourparlers avec la Russie sur les quotas de pêche en mer de Barents."
    )
    article = _prepare(text)
    assert isinstance(article, Article)
    assert article.status == "skipped"
    assert article.language == "fr"


def test_text_made_only_of_leftovers_fails() -> None:
    failure = _prepare("All news\nShare\nSubscribe\n")
    assert isinstance(failure, InputFailure)
    assert failure.path == "wire.txt"
    assert "no article text" in failure.reason


def test_same_text_gives_same_id_whatever_the_leftovers() -> None:
    with_leftovers = _prepare(WIRE)
    without = _prepare(WIRE.replace("All news\nUpdated at:\n", ""))
    assert isinstance(with_leftovers, Article) and isinstance(without, Article)
    assert with_leftovers.id == without.id


@pytest.mark.parametrize(
    ("field", "value", "code", "shown"),
    [
        ("text", "Talks in Vilnius \ud800 ended.", "E233", "the text holds a lone UTF-16 surrogate (\\ud800) at character 17"),
        ("title", "Vilnius\udfff", "E233", "the title holds a lone UTF-16 surrogate (\\udfff) at character 7"),
        ("text", "Talks\x00 ended.", "E234", "a NUL character at character 5"),
    ],
)
def test_strings_that_are_not_text_are_refused_with_their_place(field: str, value: str, code: str, shown: str) -> None:
    fields = {"text": "Lithuania and Latvia held talks in Vilnius on Monday.", field: value}
    failure = prepare_article(RawArticle(input=InputRef(path="dump.jsonl", line=7), format="jsonl", **fields), ReadOptions())
    assert isinstance(failure, InputFailure) and (failure.line, failure.code) == (7, code)
    assert str(failure).startswith(f"dump.jsonl:7: [{code}] {shown}") and str(failure).isprintable()

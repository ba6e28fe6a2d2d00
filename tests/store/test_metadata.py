"""Metadata that can be corrected: a place that says something new about a stored text
corrects it; another place reprinting the text is only a sighting; the same words change
nothing."""

from __future__ import annotations

from newsgraph.model import Article, InputRef
from newsgraph.store.metadata import article_source_key, corrected, source_key

STORED = {"published": None, "outlet": "Baltic Ledger", "title": "Vilnius expels diplomat", "url": None}


def test_a_place_seen_before_corrects_what_it_changed() -> None:
    incoming = {**STORED, "published": "2024-05-06"}
    assert corrected(STORED, STORED, incoming) == incoming
    # The article's outlet came from elsewhere: the place only changed the date.
    stored = {**STORED, "outlet": "Nordic Wire"}
    assert corrected(stored, STORED, incoming) == {**stored, "published": "2024-05-06"}


def test_the_same_words_again_or_a_new_place_change_nothing() -> None:
    assert corrected(STORED, STORED, dict(STORED)) is None
    assert corrected(STORED, None, {**STORED, "published": "2024-05-06", "outlet": "Harbour Times"}) is None


def test_a_place_is_its_url_else_its_file_line_and_record_id(tmp_path: object) -> None:
    article = Article(id="a", input=InputRef(path="wire.jsonl", line=3, id="w-3"), text="Talks.")
    assert article_source_key(article) == source_key(None, "wire.jsonl", 3, "w-3") != source_key(None, "wire.jsonl", 4, "w-3")
    with_url = Article(id="a", input=InputRef(path="other.jsonl", line=9), text="Talks.", url="https://ledger.example/1")
    assert article_source_key(with_url) == source_key("https://ledger.example/1", "wire.jsonl", 3, None)

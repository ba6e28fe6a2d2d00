from __future__ import annotations

import dataclasses
import typing

import jsonschema
import pytest

from newsgraph import model
from newsgraph.config import ReadOptions
from newsgraph.errors import Errors
from newsgraph.ingest import read_articles


def _schema_properties(schema: dict, ref: str | None) -> set[str]:
    node = schema if ref is None else schema["$defs"][ref]
    return set(node["properties"])


@pytest.mark.parametrize(
    ("cls", "ref"),
    [
        (model.Actor, "actor"),
        (model.Quote, "quote"),
        (model.Event, "event"),
        (model.Place, "place"),
        (model.DateRef, "date"),
        (model.Tone, "tone"),
        (model.SentenceTone, "sentence_tone"),
        (model.Location, "location"),
        (model.EventActor, "event_actor"),
        (model.Mention, "mention"),
        (model.TextSpan, "span"),
    ],
)
def test_model_fields_match_schema(article_schema: dict, cls: type, ref: str) -> None:
    fields = {f.name for f in dataclasses.fields(cls)}
    assert fields == _schema_properties(article_schema, ref)


def test_article_fields_match_schema(article_schema: dict) -> None:
    fields = {f.name for f in dataclasses.fields(model.Article)} | {"schema"}
    assert fields == _schema_properties(article_schema, None)


def test_model_roundtrip_keeps_nested_records() -> None:
    article = model.Article(
        id="0123456789abcdef",
        input=model.InputRef(path="a.txt"),
        text="Lavrov met Wang Yi in Beijing.",
        actors=[
            model.Actor(
                id="person:sergey-lavrov", name="Sergey Lavrov", type="person", code="RUSGOV", mentions=[model.Mention(0, 6, "Lavrov")]
            )
        ],
        events=[
            model.Event(
                id="e1",
                cameo="040",
                root="04",
                name="Consult",
                quad_class=1,
                goldstein=1.0,
                trigger=model.Mention(7, 10, "met"),
                sentence=model.TextSpan(0, 30),
                place=model.Location("Beijing", "CHN", 39.9, 116.4),
            )
        ],
        tone=model.Tone(0.0, 0.0, 0.0, 0.0, 6),
    )
    again = model.Article.from_dict(article.to_dict())
    assert again == article
    assert isinstance(again.events[0].place, model.Location)
    assert isinstance(again.actors[0].mentions[0], model.Mention)


def test_analyzed_example_validates_against_schema(analyzer, examples_dir, article_schema) -> None:
    items = list(read_articles([str(examples_dir / "txt")], ReadOptions()))
    records = [a.to_dict() for a in analyzer.analyze_many(i for i in items if isinstance(i, model.Article))]
    assert len(records) == 2
    for record in records:
        jsonschema.validate(record, article_schema)
        for actor in record["actors"]:
            for m in actor["mentions"]:
                assert record["text"][m["start"] : m["end"]] == m["text"]


def test_input_failure_names_file_and_line() -> None:
    assert str(model.InputFailure("dump.jsonl", "malformed JSON", 7)) == "dump.jsonl:7: malformed JSON"
    assert str(model.InputFailure("a.html", "no article text")) == "a.html: no article text"


def test_from_dict_ignores_unknown_keys() -> None:
    mention = model.from_dict(model.Mention, {"start": 1, "end": 3, "text": "EU", "extra": True})
    assert mention == model.Mention(1, 3, "EU")
    assert typing.get_type_hints(model.Mention)["text"] is str


def test_a_failure_line_shows_control_characters_as_escapes() -> None:
    failure = model.InputFailure.of("in\x1b[31mbox\n.txt", Errors.E215, 3, detail="Invalid control character '\x07'")
    line = str(failure)
    assert line == "in\\x1b[31mbox\\n.txt:3: [E215] malformed JSON (Invalid control character '\\x07'); fix the record"
    assert line.isprintable()

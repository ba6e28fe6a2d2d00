"""The Python API: newsgraph.analyze, analyze_many and open."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable

import pytest

import newsgraph
from newsgraph.errors import Errors, InputError, UsageError
from newsgraph.ingest.prepare import article_id

TASS = (
    "MOSCOW, March 29. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with his Chinese counterpart "
    "Wang Yi in Moscow on Friday, the Russian Foreign Ministry said.\n\n"
    "The ministers discussed the situation around Ukraine and cooperation within the Shanghai Cooperation Organisation."
)
BRIEF = "Lithuania summoned the Belarusian charge d'affaires in Vilnius on Monday over a series of border incidents."


def test_import_loads_no_heavy_libraries() -> None:
    code = "import sys, newsgraph; print(sorted(m for m in ('spacy', 'thinc', 'duckdb', 'pandas', 'pyarrow') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_analyze_returns_an_article_with_evidence_offsets() -> None:
    article = newsgraph.analyze(TASS, published="2024-03-29")
    assert isinstance(article, newsgraph.Article)
    assert article.id == article_id(article.text) and article.status == "analysed"
    assert article.outlet == "TASS" and article.published == "2024-03-29"  # from the dateline
    assert {"Sergey Lavrov", "Wang Yi"} <= {a.name for a in article.actors}
    for actor in article.actors:
        assert all(article.text[m.start : m.end] == m.text for m in actor.mentions)
    assert article.tone is not None and article.tone.words > 20


def test_analyze_rejects_empty_text() -> None:
    with pytest.raises(InputError, match="no article text"):
        newsgraph.analyze("   \n\n  ")


def test_analyze_many_streams_in_input_order() -> None:
    items = [{"id": "brief-1", "text": BRIEF, "outlet": "Baltic Ledger"}, TASS, {"text": BRIEF + " The ministry gave no details."}]
    results = list(newsgraph.analyze_many(items, published="2024-04-01"))
    assert [r.input.id for r in results] == ["brief-1", None, None]
    assert [r.outlet for r in results] == ["Baltic Ledger", "TASS", None]
    assert results[0].published == "2024-04-01" and results[1].published == "2024-03-29"
    alone = newsgraph.analyze(TASS, published="2024-03-29")
    assert (results[1].input.line, alone.input.line) == (2, None)
    assert {**results[1].to_dict(), "input": None} == {**alone.to_dict(), "input": None}


def test_analyze_many_bad_items_raise_or_are_skipped() -> None:
    items = [BRIEF, "", {"title": "no text"}, TASS]
    with pytest.raises(InputError, match="<input>:2: no article text"):
        list(newsgraph.analyze_many(items))
    with pytest.raises(InputError, match=rf"\[{Errors.E227.code}\] <input>:2: item 2 has no 'text' string"):
        list(newsgraph.analyze_many([BRIEF, {"title": "no text"}]))
    kept = list(newsgraph.analyze_many(items, errors="skip"))
    assert [a.input.line for a in kept] == [1, 4]


@pytest.mark.slow
def test_workers_give_the_same_articles_in_the_same_order() -> None:
    items = [f"{BRIEF} Officials in Vilnius described incident number {n} as a provocation." for n in range(12)] + [TASS]
    serial = [a.to_dict() for a in newsgraph.analyze_many(items)]
    parallel = [a.to_dict() for a in newsgraph.analyze_many(items, workers=2)]
    assert parallel == serial


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: newsgraph.analyze(BRIEF, published=12345), UsageError, "[E101] published must be a date YYYY-MM-DD, got '12345'"),
        (
            lambda: newsgraph.analyze(BRIEF, published="yesterday"),
            UsageError,
            "[E101] published must be a date YYYY-MM-DD, got 'yesterday'",
        ),
        (lambda: newsgraph.analyze(BRIEF, outlet=7), UsageError, "[E237] outlet must be a string or None, got int"),
        (
            lambda: list(newsgraph.analyze_many([BRIEF], workers=0)),
            UsageError,
            "[E103] workers must be a whole number from 1 to 1024, got '0'",
        ),
        (lambda: list(newsgraph.analyze_many([None, BRIEF])), InputError, "[E239] <input>:1: item 1 is NoneType, not a text or a mapping"),
        (lambda: list(newsgraph.analyze_many([{"text": BRIEF, "title": 5}])), InputError, "[E237] <input>:1: item 1: title must be a"),
        (lambda: newsgraph.open(None), UsageError, "[E240] open() takes the path of a store"),
    ],
)
def test_python_checks_its_arguments_as_the_command_line_does(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_a_date_object_is_a_publication_date() -> None:
    article = newsgraph.analyze(BRIEF, published=dt.date(2024, 4, 1))
    assert article.published == "2024-04-01"

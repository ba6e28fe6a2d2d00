"""The engine interface: analysis in this process builds the pipeline only when there is
something to analyse, a failing article fails alone with its code, and memory zones keep
the vocabulary flat."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from newsgraph.config import PipelineConfig
from newsgraph.errors import Errors
from newsgraph.model import Article, InputFailure, InputRef
from newsgraph.pipeline import Analyzer
from newsgraph.run import engine
from newsgraph.run.engine import InProcess, analyze_safely

TEXT = (
    "VILNIUS, June 3 (Reuters) - Lithuania's foreign minister met envoys of the Zorvathian "
    "and Quellmarish delegations in Vilnius on Monday, the ministry said."
)


def _records(results: list[object]) -> list[dict]:
    return [r.to_dict() for r in results if isinstance(r, Article)]


def test_in_process_builds_no_pipeline_for_batches_without_articles() -> None:
    engine = InProcess(PipelineConfig())
    assert list(engine.map([("a", []), ("b", [])])) == [("a", []), ("b", [])]
    assert engine.analyzer is None


def test_an_article_that_breaks_the_pipeline_fails_alone_with_its_code(analyzer: Analyzer) -> None:
    good = Article(id="good", input=InputRef(path="wire.jsonl", line=1), text=TEXT, published="2024-06-03")
    bad = Article(id="bad", input=InputRef(path="wire.jsonl", line=2), text=TEXT.replace("Monday", "Tuesday"), published="2024-06-03")

    class Breaking:
        """The real analyser, except that it raises on the article with id 'bad'."""

        nlp = analyzer.nlp

        def analyze_many(self, articles: list[Article]) -> Iterator[Article]:
            for article in articles:
                yield self.analyze(article)

        def analyze(self, article: Article) -> Article:
            if article.id == "bad":
                raise ValueError("a component met something it cannot handle")
            return analyzer.analyze(article)

    results = analyze_safely(Breaking(), [good, bad])  # type: ignore[arg-type]
    assert [type(r) for r in results] == [Article, InputFailure]
    failure = results[1]
    assert isinstance(failure, InputFailure)
    assert str(failure) == (
        f"wire.jsonl:2: [{Errors.E301.code}] analysis failed: ValueError: a component met something it cannot handle; "
        "the other articles went on (report this with the article if it is ordinary news)"
    )


def test_memory_zones_free_the_strings_of_each_batch(analyzer: Analyzer) -> None:
    article = Article(id="zone-1", input=InputRef(path="zone.txt"), text=TEXT, published="2024-06-03")
    first = analyze_safely(analyzer, [article])
    strings_after_first = len(analyzer.nlp.vocab.strings)
    novel = Article(id="zone-2", input=InputRef(path="zone.txt"), text=TEXT.replace("Zorvathian", "Plindoverish"), published="2024-06-03")
    analyze_safely(analyzer, [novel])
    assert len(analyzer.nlp.vocab.strings) == strings_after_first
    assert _records(analyze_safely(analyzer, [article])) == _records(first)
    assert "Plindoverish" not in analyzer.nlp.vocab.strings


def test_an_article_past_its_time_limit_fails_alone_with_the_limit(analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS", 1.0)
    monkeypatch.setattr(engine, "TIME_LIMIT_SECONDS_PER_WORD", 0.0)
    good = Article(id="good", input=InputRef(path="wire.jsonl", line=1), text=TEXT, published="2024-06-03")
    stuck = Article(id="stuck", input=InputRef(path="wire.jsonl", line=2), text=TEXT.replace("Monday", "Tuesday"), published="2024-06-03")

    class Stuck:
        """The real analyser, except that it never finishes the article with id 'stuck'."""

        nlp = analyzer.nlp

        def analyze_many(self, articles: list[Article]) -> Iterator[Article]:
            for article in articles:
                yield self.analyze(article)

        def analyze(self, article: Article) -> Article:
            while article.id == "stuck":
                time.sleep(0.05)
            return analyzer.analyze(article)

    results = analyze_safely(Stuck(), [good, stuck])  # type: ignore[arg-type]
    assert [type(r) for r in results] == [Article, InputFailure]
    assert str(results[1]) == (
        f"wire.jsonl:2: [{Errors.E307.code}] analysis took longer than 1 s, the time limit for an article of "
        f"{len(stuck.text.split())} words; the other articles went on (report this with the article if it is ordinary news)"
    )

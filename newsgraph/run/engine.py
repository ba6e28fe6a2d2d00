"""The engine interface: where analysis runs.

An *engine* maps ``(tag, articles)`` batches to ``(tag, results)``, where each result is the
analysed Article or an ``InputFailure`` naming the article that could not be analysed; the
tag is whatever the caller needs back with the results. Three engines implement it:

- ``InProcess`` (here): the calling process;
- ``LocalEngine`` (``newsgraph.run.pool``): ``--workers N`` processes on this machine, which
  survive a worker's crash;
- ``DaskEngine`` (``newsgraph.run.cluster``): the workers of a Dask cluster.

The ingest job (``newsgraph.run.job``), ``newsgraph analyze`` and the Python API's
``analyze_many`` take any of them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from newsgraph.config import PipelineConfig
from newsgraph.errors import Errors
from newsgraph.ingest.limits import alarm
from newsgraph.model import Article, InputFailure, InputRef
from newsgraph.pipeline import Analyzer

Item = Article | InputFailure
T = TypeVar("T")

# A short article run once outside a memory zone when a pipeline is built, so that components
# which set themselves up lazily keep what they build (see ``analyze_safely``).
_WARM_UP_TEXT = (
    "BERLIN, May 6 (Reuters) - German Foreign Minister Annalena Baerbock met her French "
    'counterpart in Berlin on Monday. "We stand together," she told reporters.'
)


class Engine(Protocol):
    """Maps batches of articles to their analysis results."""

    def map(self, batches: Iterable[tuple[T, list[Article]]], ordered: bool = True) -> Iterator[tuple[T, list[Item]]]:
        """Analyse each batch; ``ordered`` keeps input order, else results come as they finish."""
        ...


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analysis_failure(article: Article, exc: BaseException) -> InputFailure:
    """The failure recorded for an article whose analysis raised ``exc``."""
    return InputFailure.of(article.input.path or "<input>", Errors.E301, article.input.line, detail=f"{type(exc).__name__}: {exc}")


class AnalysisTimeout(BaseException):
    """An analysis ran past its time limit. A BaseException, so that no ``except Exception``
    inside the pipeline swallows it."""


# The time limit of analysis: a safety net far above normal speed (hundreds of words per
# second on one busy core), for whatever ReadOptions.max_article_tokens does not prevent.
TIME_LIMIT_SECONDS = 60.0
TIME_LIMIT_SECONDS_PER_WORD = 0.01


def words_of(articles: list[Article]) -> int:
    """The words of these articles' texts."""
    return sum(len(a.text.split()) for a in articles)


def time_limit(articles: list[Article]) -> float:
    """The seconds a batch of articles may take to analyse."""
    return TIME_LIMIT_SECONDS + TIME_LIMIT_SECONDS_PER_WORD * words_of(articles)


def analyze_safely(analyzer: Analyzer, articles: list[Article]) -> list[Item]:
    """Analyse a batch; if the pipeline fails or runs past the batch's time limit, retry one
    by one so only the culprit fails.

    The time limit is a SIGALRM in the thread that analyses (the main thread of a worker
    process, or of ``newsgraph``; a pool also stops a worker that does not return, see
    ``newsgraph.run.pool``). The batch runs in a spaCy memory zone: strings and lexemes
    first seen in it are freed afterwards, so a long run does not grow the vocabulary
    without bound. Results are plain dataclasses, copied out of the Docs before the zone ends.
    """
    if not articles:
        return []
    with analyzer.nlp.memory_zone():
        try:
            with alarm(time_limit(articles), AnalysisTimeout):
                return list(analyzer.analyze_many(articles))
        except (Exception, AnalysisTimeout):
            return [_analyze_one(analyzer, article) for article in articles]


def _analyze_one(analyzer: Analyzer, article: Article) -> Item:
    seconds = time_limit([article])
    try:
        with alarm(seconds, AnalysisTimeout):
            return analyzer.analyze(article)
    except AnalysisTimeout:
        return InputFailure.of(article.input.path or "<input>", Errors.E307, article.input.line, seconds=seconds, words=words_of([article]))
    except Exception as exc:
        return analysis_failure(article, exc)


@functools.cache
def process_analyzer(config: PipelineConfig) -> Analyzer:
    """The analyser of this process, built once per configuration."""
    return Analyzer(config)


def warm_up(config: PipelineConfig) -> None:
    """Build this process's analyser and run one short article through it (a worker does
    this before taking batches, so that its first batch is not slower than the others)."""
    process_analyzer(config).analyze(Article(id="warm-up", input=InputRef(), text=_WARM_UP_TEXT, published="2024-05-06"))


@dataclass
class InProcess:
    """Analysis in this process; the pipeline is built on the first non-empty batch (or
    given), so a run whose every input fails never loads spaCy."""

    config: PipelineConfig = field(default_factory=PipelineConfig)
    analyzer: Analyzer | None = None

    def map(self, batches: Iterable[tuple[T, list[Article]]], ordered: bool = True) -> Iterator[tuple[T, list[Item]]]:
        """Analyse batch after batch (always in order)."""
        for tag, articles in batches:
            if articles and self.analyzer is None:
                self.analyzer = process_analyzer(self.config)
            yield tag, analyze_safely(self.analyzer, articles) if self.analyzer and articles else []

"""The main job: inputs → prepared articles → analysis → store (or JSON Lines), in batches.

Ingest skips articles already stored before analysing them, writes each batch in one
transaction (this process is the only writer), and keeps going past bad inputs, which it
reports. Analysis runs on an engine (``newsgraph.run.engine``): in this process, in worker
processes or on a Dask cluster, whose results stream back in order of arrival (ingest) or in
input order (analyze).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsgraph.model import Article, InputFailure
from newsgraph.pipeline import Analyzer
from newsgraph.run.engine import Engine, InProcess, Item
from newsgraph.store.db import WriteResult

__all__ = ["IngestReport", "Item", "Sink", "analyze_items", "batched", "ingest_items"]


class Sink(Protocol):
    """Where ingest writes: the Store, or one partition of a Parquet dataset."""

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""
        ...

    def write(self, articles: Iterable[Article], failures: Iterable[InputFailure] = ()) -> WriteResult:
        """Store new articles and record failures, as one unit."""
        ...


@dataclass
class IngestReport:
    """Running totals of an ingest."""

    ingested: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    failures: list[InputFailure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        """Articles and failed inputs handled so far."""
        return self.ingested + self.unchanged + self.failed

    def summary(self) -> str:
        """The closing line, e.g. ``ingested 8, unchanged 0, failed 1``."""
        line = f"ingested {self.ingested}, unchanged {self.unchanged}, failed {self.failed}"
        return line + (f" ({self.skipped} not in English, stored as skipped)" if self.skipped else "")

    def add(self, other: IngestReport) -> None:
        """Add another report's totals (e.g. one partition's) to these."""
        self.ingested += other.ingested
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.failed += other.failed
        self.words += other.words
        self.failures.extend(other.failures)


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of at most ``size`` items."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def as_engine(analyzer: Analyzer | Engine) -> Engine:
    """An engine for an Analyzer (analysis in this process) or the engine itself."""
    return InProcess(analyzer.config, analyzer) if isinstance(analyzer, Analyzer) else analyzer


def split_results(results: Iterable[Item]) -> tuple[list[Article], list[InputFailure]]:
    """Analysed articles and analysis failures, apart."""
    analysed: list[Article] = []
    failures: list[InputFailure] = []
    for result in results:
        (failures if isinstance(result, InputFailure) else analysed).append(result)  # type: ignore[arg-type]
    return analysed, failures


def ingest_items(
    items: Iterable[Item],
    store: Sink,
    analyzer: Analyzer | Engine,
    batch_size: int = 64,
    on_batch: Callable[[IngestReport, list[InputFailure]], None] | None = None,
) -> IngestReport:
    """Analyse and store every new article; report failures through ``on_batch``."""
    report = IngestReport()
    # Ids sent for analysis and not yet written: a repeat counts as unchanged, as if stored.
    in_flight: set[str] = set()

    def to_analyse() -> Iterator[tuple[tuple[list[InputFailure], list[str]], list[Article]]]:
        for chunk in batched(items, batch_size):
            articles = [x for x in chunk if isinstance(x, Article)]
            present = store.existing_ids([a.id for a in articles])
            new: dict[str, Article] = {}
            for article in articles:
                if article.id in present or article.id in in_flight or article.id in new:
                    report.unchanged += 1
                else:
                    new[article.id] = article
            in_flight.update(new)
            yield ([x for x in chunk if isinstance(x, InputFailure)], list(new)), list(new.values())

    for (read_failures, ids), results in as_engine(analyzer).map(to_analyse(), ordered=False):
        analysed, failures = split_results(results)
        failures = read_failures + failures
        written = store.write(analysed, failures)
        in_flight.difference_update(ids)
        report.unchanged += len(written.unchanged)
        report.ingested += len(written.stored)
        stored = set(written.stored)
        report.skipped += sum(1 for a in analysed if a.id in stored and a.status == "skipped")
        report.words += sum(len(a.text.split()) for a in analysed if a.id in stored)
        report.failed += len(failures)
        report.failures.extend(failures)
        if on_batch is not None:
            on_batch(report, failures)
    return report


def analyze_items(items: Iterable[Item], analyzer: Analyzer | Engine, batch_size: int = 32) -> Iterator[Item]:
    """Analyse articles in input order, passing failures through where they occurred."""
    chunks = ((chunk, [x for x in chunk if isinstance(x, Article)]) for chunk in batched(items, batch_size))
    for chunk, results in as_engine(analyzer).map(chunks, ordered=True):
        analysed = iter(results)
        for item in chunk:
            yield item if isinstance(item, InputFailure) else next(analysed)

"""The main job: inputs → prepared articles → analysis → store (or JSON Lines), in batches.

Ingest skips articles already stored before analysing them, writes each batch in one
transaction, and keeps going past bad inputs, which it reports.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsgraph.model import Article, InputFailure
from newsgraph.nlp.pipeline import Analyzer
from newsgraph.store.db import Store

Item = Article | InputFailure


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


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of at most ``size`` items."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def analyze_safely(analyzer: Analyzer, articles: list[Article]) -> list[Item]:
    """Analyse a batch; if the pipeline fails, retry one by one so only the culprit fails."""
    try:
        return list(analyzer.analyze_many(articles))
    except Exception:
        results: list[Item] = []
        for article in articles:
            try:
                results.append(analyzer.analyze(article))
            except Exception as exc:
                where = article.input.path or "<input>"
                results.append(InputFailure(where, f"analysis failed: {type(exc).__name__}: {exc}", article.input.line))
        return results


def ingest_items(
    items: Iterable[Item],
    store: Store,
    analyzer: Analyzer,
    batch_size: int = 64,
    on_batch: Callable[[IngestReport, list[InputFailure]], None] | None = None,
) -> IngestReport:
    """Analyse and store every new article; report failures through ``on_batch``."""
    report = IngestReport()
    for chunk in batched(items, batch_size):
        failures = [x for x in chunk if isinstance(x, InputFailure)]
        articles = [x for x in chunk if isinstance(x, Article)]
        present = store.existing_ids([a.id for a in articles])
        new: dict[str, Article] = {}
        for article in articles:
            if article.id in present or article.id in new:
                report.unchanged += 1
            else:
                new[article.id] = article
        analysed: list[Article] = []
        for result in analyze_safely(analyzer, list(new.values())):
            (failures if isinstance(result, InputFailure) else analysed).append(result)  # type: ignore[arg-type]
        written = store.write(analysed, failures)
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


def analyze_items(items: Iterable[Item], analyzer: Analyzer, batch_size: int = 32) -> Iterator[Item]:
    """Analyse articles in input order, passing failures through where they occurred."""
    for chunk in batched(items, batch_size):
        articles = [x for x in chunk if isinstance(x, Article)]
        results = iter(analyze_safely(analyzer, articles))
        for item in chunk:
            yield item if isinstance(item, InputFailure) else next(results)

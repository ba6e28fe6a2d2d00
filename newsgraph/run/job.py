"""The main job: inputs → prepared articles → analysis → store (or JSON Lines), in batches.

Ingest skips articles already stored before analysing them, writes each batch in one
transaction (this process is the only writer), and keeps going past bad inputs, which it
reports. Analysis runs on an engine (``newsgraph.run.engine``): in this process, in worker
processes or on a Dask cluster, whose results stream back in order of arrival (ingest) or in
input order (analyze).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from newsgraph.errors import Errors
from newsgraph.model import Article, InputFailure
from newsgraph.pipeline import Analyzer
from newsgraph.run.engine import Engine, InProcess, Item

if TYPE_CHECKING:  # the store (duckdb) is imported by ingest, not by analyze
    from newsgraph.store.db import WriteResult

__all__ = ["IngestReport", "Item", "Sink", "analyze_items", "batched", "ingest_items"]


class Sink(Protocol):
    """Where ingest writes: the Store, or one partition of a Parquet dataset."""

    def classify(self, articles: Sequence[Article]) -> dict[str, Article | None]:
        """For the articles already stored: None, or the corrected article to store again."""
        ...

    def write(self, articles: Iterable[Article], failures: Iterable[InputFailure] = (), replace: Collection[str] = ()) -> WriteResult:
        """Store new articles (and those in ``replace`` in place of their record) and record
        failures, as one unit."""
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
    updated: list[str] = field(default_factory=list)  # ids stored again with corrected metadata
    undated: int = 0  # articles stored (or stored again) without a publication date

    @property
    def seen(self) -> int:
        """Articles and failed inputs handled so far."""
        return self.ingested + len(self.updated) + self.unchanged + self.failed

    def summary(self) -> str:
        """The closing line, e.g. ``ingested 8, unchanged 0, failed 1`` (``updated N`` when
        metadata was corrected)."""
        updated = f", updated {len(self.updated)}" if self.updated else ""
        line = f"ingested {self.ingested}{updated}, unchanged {self.unchanged}, failed {self.failed}"
        return line + (f" ({self.skipped} not in English, stored as skipped)" if self.skipped else "")

    def warnings(self) -> list[str]:
        """Lines that warn about the batch as a whole (each once)."""
        if not self.undated:
            return []
        return [f"[{Errors.E306.code}] {Errors.E306.format(count=self.undated, stored=self.ingested + len(self.updated))}"]

    def add(self, other: IngestReport) -> None:
        """Add another report's totals (e.g. one partition's) to these."""
        self.ingested += other.ingested
        self.unchanged += other.unchanged
        self.skipped += other.skipped
        self.failed += other.failed
        self.words += other.words
        self.failures.extend(other.failures)
        self.updated.extend(other.updated)
        self.undated += other.undated


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
    """Analyse and store every new article (and every stored one whose metadata was
    corrected or filled in); report failures through ``on_batch``."""
    report = IngestReport()
    # Ids sent for analysis and not yet written, with their metadata: a repeat saying the same
    # counts as unchanged; one saying something else waits until the first is stored.
    in_flight: dict[str, Article] = {}
    later: list[Item] = []

    def to_analyse() -> Iterator[tuple[tuple[list[InputFailure], list[str], set[str]], list[Article]]]:
        for chunk in batched(items, batch_size):
            articles = [x for x in chunk if isinstance(x, Article)]
            verdicts = store.classify([a for a in articles if a.id not in in_flight])
            new: dict[str, Article] = {}
            replace: set[str] = set()
            for article in articles:
                first = in_flight.get(article.id) or new.get(article.id)
                if first is not None:
                    if same_metadata(first, article):
                        report.unchanged += 1
                    else:
                        later.append(article)
                elif article.id in verdicts and verdicts[article.id] is None:
                    report.unchanged += 1
                else:
                    new[article.id] = verdicts.get(article.id) or article
                    replace.update([article.id] if article.id in verdicts else [])
            in_flight.update(new)
            yield ([x for x in chunk if isinstance(x, InputFailure)], list(new), replace), list(new.values())

    for (read_failures, ids, replace), results in as_engine(analyzer).map(to_analyse(), ordered=False):
        analysed, failures = split_results(results)
        failures = read_failures + failures
        written = store.write(analysed, failures, replace=replace)
        for article_id in ids:
            in_flight.pop(article_id, None)
        _count(report, analysed, written, failures)
        if on_batch is not None:
            on_batch(report, failures)
    if later:  # repeats that corrected an article stored meanwhile: judged against the store now
        report.add(ingest_items(later, store, analyzer, batch_size, on_batch))
    return report


def same_metadata(a: Article, b: Article) -> bool:
    """Whether two versions of one text say the same about it."""
    return (a.published, a.outlet, a.title, a.url) == (b.published, b.outlet, b.title, b.url)


def _count(report: IngestReport, analysed: list[Article], written: WriteResult, failures: list[InputFailure]) -> None:
    report.unchanged += len(written.unchanged)
    report.ingested += len(written.stored)
    report.updated.extend(written.updated)
    stored = {*written.stored, *written.updated}
    done = [a for a in analysed if a.id in stored]
    report.skipped += sum(1 for a in done if a.status == "skipped")
    report.undated += sum(1 for a in done if a.status == "analysed" and not a.published)
    report.words += sum(len(a.text.split()) for a in done)
    report.failed += len(failures)
    report.failures.extend(failures)


def analyze_items(items: Iterable[Item], analyzer: Analyzer | Engine, batch_size: int = 32) -> Iterator[Item]:
    """Analyse articles in input order, passing failures through where they occurred."""
    chunks = ((chunk, [x for x in chunk if isinstance(x, Article)]) for chunk in batched(items, batch_size))
    for chunk, results in as_engine(analyzer).map(chunks, ordered=True):
        analysed = iter(results)
        for item in chunk:
            yield item if isinstance(item, InputFailure) else next(analysed)

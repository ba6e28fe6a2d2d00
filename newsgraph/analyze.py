"""The Python API behind ``newsgraph.analyze``, ``newsgraph.analyze_many`` and
``newsgraph.open``. Importing this module is cheap: spaCy loads on the first analysis, DuckDB
and pandas when a store is opened."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.errors import InputError
from newsgraph.model import Article, InputFailure, InputRef, RawArticle

if TYPE_CHECKING:
    from newsgraph.dataset import Dataset
    from newsgraph.pipeline import Analyzer

Item = str | Mapping[str, Any]


@cache
def _analyzer(config: PipelineConfig) -> Analyzer:
    """One pipeline per configuration and process, built on first use."""
    from newsgraph.pipeline import Analyzer

    return Analyzer(config)


def _prepare(item: Item, number: int | None, published: str | None, outlet: str | None) -> Article | InputFailure:
    from newsgraph.ingest.prepare import prepare_article

    record: Mapping[str, Any] = {"text": item} if isinstance(item, str) else item
    text = record.get("text")
    if not isinstance(text, str):
        return InputFailure("<input>", "no 'text' string", number)
    raw = RawArticle(
        text=text,
        input=InputRef(id=None if record.get("id") is None else str(record["id"]), line=number),
        format="txt",
        title=record.get("title"),
        url=record.get("url"),
        outlet=record.get("outlet"),
        published=record.get("published"),
    )
    # As on the command line, the defaults fill in only what the item and its dateline lack.
    return prepare_article(raw, ReadOptions(published=published, outlet=outlet))


def _checked(prepared: Article | InputFailure) -> Article:
    if isinstance(prepared, InputFailure):
        raise InputError(str(prepared))
    return prepared


def analyze(
    text: str,
    *,
    published: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    config: PipelineConfig | None = None,
) -> Article:
    """Analyse one article's text: actors, quotes, events, places, dates and tone.

    ``published`` (YYYY-MM-DD) is the article's date and anchors relative dates such as
    "on Tuesday"; ``outlet`` its outlet. Raises ``InputError`` when no text is left after
    cleaning.
    """
    item = {"text": text, "title": title, "url": url, "published": published, "outlet": outlet}
    article = _checked(_prepare(item, None, None, None))
    return _analyzer(config or PipelineConfig()).analyze(article)


def _analyze_batch(config: PipelineConfig, batch: list[Article]) -> list[Article]:
    """Run in a worker process: analyse one batch with that process's pipeline."""
    return list(_analyzer(config).analyze_many(batch))


def _in_workers(articles: Iterator[Article], config: PipelineConfig, workers: int) -> Iterator[Article]:
    import multiprocessing

    # spawn: each worker loads the pipeline itself rather than inheriting a forked copy.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[Article]]] = deque()
        batches = iter(lambda: list(itertools.islice(articles, config.batch_size)), [])
        # At most two batches per worker in flight, so memory stays flat on long inputs.
        for batch in itertools.islice(batches, 2 * workers):
            pending.append(pool.submit(_analyze_batch, config, batch))
        while pending:
            done = pending.popleft().result()
            for batch in itertools.islice(batches, 1):
                pending.append(pool.submit(_analyze_batch, config, batch))
            yield from done


def analyze_many(
    items: Iterable[Item],
    *,
    workers: int | None = None,
    published: str | None = None,
    outlet: str | None = None,
    config: PipelineConfig | None = None,
    errors: Literal["raise", "skip"] = "raise",
) -> Iterator[Article]:
    """Analyse a stream of articles, yielding each as it is done, in input order.

    Each item is a text or a mapping with ``text`` and optionally ``id``, ``title``, ``url``,
    ``published`` and ``outlet``; ``published``/``outlet`` here fill in what items lack.
    ``workers`` > 1 analyses in that many processes (each loads the pipeline once).
    An item with no usable text raises ``InputError``, or is passed over with ``errors="skip"``.
    """
    config = config or PipelineConfig()
    prepared = (_prepare(item, n, published, outlet) for n, item in enumerate(items, start=1))
    articles = (a for a in prepared if isinstance(a, Article)) if errors == "skip" else (_checked(a) for a in prepared)
    if workers is not None and workers > 1:
        yield from _in_workers(articles, config, workers)
    else:
        yield from _analyzer(config).analyze_many(articles)


def open(path: str | Path) -> Dataset:
    """Open a store for analysis: a DuckDB file or a folder of Parquet tables."""
    from newsgraph.dataset import Dataset

    return Dataset.open(path)

"""The Python API behind ``newsgraph.analyze``, ``newsgraph.analyze_many`` and
``newsgraph.open``. Importing this module is cheap: spaCy loads on the first analysis, DuckDB
and pandas when a store is opened."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.errors import Errors, InputError, UsageError
from newsgraph.model import Article, InputFailure, InputRef, RawArticle
from newsgraph.params import parse_date, parse_int

if TYPE_CHECKING:
    from newsgraph.dataset import Dataset
    from newsgraph.run.engine import Engine

Item = str | Mapping[str, Any]


_OPTIONAL_TEXT = ("title", "url", "outlet", "published")
MAX_WORKERS = 1024


def _text_option(name: str, value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise UsageError(Errors.E237, name=name, kind=type(value).__name__)
    return value


def _prepare(item: Item, number: int | None, published: str | None, outlet: str | None) -> Article | InputFailure:
    from newsgraph.ingest.prepare import prepare_article

    if not isinstance(item, str | Mapping):
        return InputFailure.of("<input>", Errors.E239, number, number=number, kind=type(item).__name__)
    record: Mapping[str, Any] = {"text": item} if isinstance(item, str) else item
    text = record.get("text")
    if not isinstance(text, str):
        return InputFailure.of("<input>", Errors.E227, number, number=number)
    for name in _OPTIONAL_TEXT:
        if record.get(name) is not None and not isinstance(record[name], str):
            where = f"item {number}: {name}" if number else name
            return InputFailure.of("<input>", Errors.E237, number, name=where, kind=type(record[name]).__name__)
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


def _error(failure: InputFailure) -> InputError:
    """The exception for a failed item, with the failure's code."""
    error = InputError(f"{failure.where}: {failure.reason}")
    error.code = failure.code or error.code
    return error


def _checked(prepared: Article | InputFailure) -> Article:
    if isinstance(prepared, InputFailure):
        raise _error(prepared)
    return prepared


def _engine(stack: ExitStack, config: PipelineConfig, workers: int | None, scheduler: str | None) -> Engine:
    """This process, ``workers`` local processes, or the Dask cluster at ``scheduler``."""
    if scheduler is not None:
        from newsgraph.run.cluster import DaskEngine, dask_client

        return DaskEngine(stack.enter_context(dask_client(scheduler, workers or 1)), config)
    from newsgraph.run.pool import LocalEngine

    return LocalEngine(config, workers or 1)


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
    from newsgraph.run.engine import process_analyzer

    if not isinstance(text, str):
        raise UsageError(Errors.E237, name="text", kind=type(text).__name__)
    item = {"text": text, "title": _text_option("title", title), "url": _text_option("url", url)}
    item |= {"published": parse_date("published", published), "outlet": _text_option("outlet", outlet)}
    article = _checked(_prepare(item, None, None, None))
    return process_analyzer(config or PipelineConfig()).analyze(article)


def analyze_many(
    items: Iterable[Item],
    *,
    workers: int | None = None,
    published: str | None = None,
    outlet: str | None = None,
    config: PipelineConfig | None = None,
    errors: Literal["raise", "skip"] = "raise",
    scheduler: str | None = None,
) -> Iterator[Article]:
    """Analyse a stream of articles, yielding each as it is done, in input order.

    Each item is a text or a mapping with ``text`` and optionally ``id``, ``title``, ``url``,
    ``published`` and ``outlet``; ``published``/``outlet`` here fill in what items lack.
    ``workers`` > 1 analyses in that many processes (each loads the pipeline once; a worker
    that dies is replaced, and only the article that killed it fails); ``scheduler`` analyses
    on a Dask cluster instead (``"local"`` for a LocalCluster of ``workers`` processes, or a
    scheduler address). An item with no usable text, or whose analysis fails, raises
    ``InputError``, or is passed over with ``errors="skip"``.
    """
    from newsgraph.run.job import analyze_items

    published, outlet, workers = (
        parse_date("published", published),
        _text_option("outlet", outlet),
        parse_int("workers", workers, 1, MAX_WORKERS),
    )
    config = config or PipelineConfig()
    prepared = (_prepare(item, n, published, outlet) for n, item in enumerate(items, start=1))
    with ExitStack() as stack:
        for result in analyze_items(prepared, _engine(stack, config, workers, scheduler), batch_size=config.batch_size):
            if isinstance(result, Article):
                yield result
            elif errors != "skip":
                raise _error(result)


def open(path: str | Path) -> Dataset:
    """Open a store for analysis: a DuckDB file or a folder of Parquet tables."""
    from newsgraph.dataset import Dataset

    if not isinstance(path, str | os.PathLike):
        raise UsageError(Errors.E240, kind=type(path).__name__)
    return Dataset.open(path)

"""The one read API under the command line, the REST API, the pages and Python: listings as
pandas DataFrames (or Arrow tables), with the filters declared in ``newsgraph.params``.

Every listing on every surface goes through :class:`Dataset`: the CLI's listing commands call
:meth:`Dataset.table`, the server's routes and pages :meth:`Dataset.page`, a notebook
``Dataset.events(…)``; each checks and parses its filters with the same parsers, so a bad value
gets the same coded message everywhere.

``Dataset.open`` takes a DuckDB store file or a folder of Parquet files — one file per table
(``events.parquet``, as ``newsgraph export --format parquet`` writes) or one folder per table
(``events/**/*.parquet``, partitioned as you like). See the README's "Python API" section.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack, overload

import duckdb
import pyarrow as pa

from newsgraph.errors import Errors, NotFoundError, StoreError, UsageError
from newsgraph.export import DEFAULT_MEMORY_LIMIT
from newsgraph.model import Article
from newsgraph.params import COPIES, INTERVAL, Filters, Interval, parse_choice, parse_date, parse_filters, parse_int, parse_text
from newsgraph.store.db import Store
from newsgraph.store.queries import count_rows, cursor_of, list_actors, list_articles, list_events, list_outlets, list_quotes
from newsgraph.store.schema import TABLES, create_statements

if TYPE_CHECKING:
    import pandas as pd

    from newsgraph.corpus.compare import Comparison
    from newsgraph.export import ExportResult


class FilterArgs(TypedDict, total=False):
    """The listing filters as Python keywords (declared in ``newsgraph.params.FILTERS``, whose
    help says what each matches); ``limit=None`` is all rows, ``copies="include"`` counts
    republished copies too. A listing refuses a filter it does not take."""

    actor: str | None
    country: str | None
    code: str | None
    outlet: str | None
    since: str | None
    until: str | None
    search: str | None
    limit: int | None
    offset: int
    copies: str
    source: str | None
    target: str | None
    source_country: str | None
    target_country: str | None
    root: str | None
    quad_class: int | None
    modality: str | None
    undated: bool | None


_MOST = 10**12  # no practical bound on limit and offset from Python


def checked_filters(view: str, args: FilterArgs | dict[str, Any]) -> Filters:
    """``Filters`` for ``view`` from keyword values: paging read as whole numbers, every
    filter by its kind's parser (UsageError naming the value or the unknown keyword)."""
    values = dict(args)
    limit = parse_int("limit", values.pop("limit", None), 0, _MOST)
    offset = parse_int("offset", values.pop("offset", None), 0, _MOST) or 0
    return replace(parse_filters(view, values, limit=limit), offset=offset)


# The listings and the query behind each.
LISTINGS: dict[str, Callable[[Store, Filters], pa.Table]] = {
    "articles": list_articles,
    "actors": list_actors,
    "quotes": list_quotes,
    "events": list_events,
}


@dataclass
class Page:
    """One page of a listing: its rows, its columns and the keyset cursor of the next page
    (None on the last)."""

    rows: list[dict[str, Any]]
    columns: list[str]
    next: tuple[Any, ...] | None


# Code columns: a few values repeated over many rows, so pandas ``category`` (smaller, quicker
# to group by, and shown as labels in plots).
CODE_COLUMNS = ("cameo", "root", "quad_class", "modality")


def _frame(table: pa.Table, as_arrow: bool, codes: bool = False) -> pd.DataFrame | pa.Table:
    if as_arrow:
        return table
    # Dates become datetime64 so that pandas can resample and plot them directly.
    frame = table.to_pandas(date_as_object=False)
    for column in CODE_COLUMNS if codes else ():
        if column in frame.columns:
            frame[column] = frame[column].astype("category")
    return frame


def _parquet_sources(folder: Path, table: str) -> list[str]:
    single = folder / f"{table}.parquet"
    if single.is_file():
        return [str(single)]
    return sorted(str(p) for p in (folder / table).glob("**/*.parquet")) if (folder / table).is_dir() else []


def _open_parquet_folder(folder: Path) -> Store:
    """An in-memory store whose tables are views over the Parquet files (nothing is copied)."""
    con = duckdb.connect()
    found = 0
    for statement in create_statements():
        con.execute(statement)  # empty tables for whatever the folder lacks
    for table, columns in TABLES.items():
        sources = _parquet_sources(folder, table)
        if not sources:
            continue
        found += 1
        relation = con.read_parquet(sources, hive_partitioning=True, union_by_name=True)
        present = set(relation.columns)
        # Only the store's columns, in its order; a column the files lack reads as NULL.
        projection = ", ".join(
            c.name if c.name in present else f"CAST(NULL AS {c.sql.replace('JSON', 'VARCHAR')}) AS {c.name}" for c in columns
        )
        con.execute(f"DROP TABLE {table}")
        relation.project(projection).create_view(table)
    if not found:
        con.close()
        raise StoreError(Errors.E720, folder=folder)
    return Store(con, str(folder), read_only=True)


class Dataset:
    """Articles, actors, quotes, events and event clusters of one store, for analysis.

    Use as a context manager or call ``close()``. Every listing takes the CLI's filters as
    keywords and returns a pandas DataFrame, or an Arrow table with ``as_arrow=True``.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path) -> Dataset:
        """Open a DuckDB store file (read-only) or a folder of Parquet tables."""
        path = Path(path)
        if path.is_dir():
            return cls(_open_parquet_folder(path))
        return cls(Store.open(path, read_only=True))

    def close(self) -> None:
        """Close the underlying connection."""
        self.store.close()

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Dataset({self.store.path!r})"

    def table(self, listing: str, **values: Any) -> pa.Table:
        """A listing (articles, actors, quotes, events) as an Arrow table, its filters given as
        keywords in any form a surface has them (text or Python values), checked and parsed."""
        return self.run(listing, checked_filters(listing, values))

    def run(self, listing: str, filters: Filters) -> pa.Table:
        """A listing with filters already parsed."""
        return LISTINGS[listing](self.store, filters)

    def page(self, listing: str, filters: Filters, limit: int, after: tuple[Any, ...] | None = None) -> Page:
        """One page of ``limit`` rows after the keyset cursor ``after`` (one row more is read
        to tell whether another page follows)."""
        table = self.run(listing, replace(filters, limit=limit + 1, offset=0, after=after))
        rows = table.to_pylist()
        cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            cursor = cursor_of(listing, rows[-1])
        return Page(rows, table.column_names, cursor)

    def count(self, listing: str, filters: Filters) -> int:
        """How many rows ``listing`` has under ``filters`` (every page; limit and cursor ignored)."""
        return count_rows(self.store, listing, filters)

    def outlets(self) -> pa.Table:
        """Outlets with their number of articles, first and last publication dates and mean tone."""
        return list_outlets(self.store)

    @overload
    def articles(self, *, as_arrow: Literal[False] = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame: ...
    @overload
    def articles(self, *, as_arrow: Literal[True], **filters: Unpack[FilterArgs]) -> pa.Table: ...
    def articles(self, *, as_arrow: bool = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame | pa.Table:
        """Articles with their counts of actors, quotes and events."""
        return _frame(self.table("articles", **filters), as_arrow)

    @overload
    def actors(self, *, as_arrow: Literal[False] = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame: ...
    @overload
    def actors(self, *, as_arrow: Literal[True], **filters: Unpack[FilterArgs]) -> pa.Table: ...
    def actors(self, *, as_arrow: bool = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame | pa.Table:
        """Actors with how many articles and mentions they have, overall and per outlet."""
        return _frame(self.table("actors", **filters), as_arrow)

    @overload
    def quotes(self, *, as_arrow: Literal[False] = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame: ...
    @overload
    def quotes(self, *, as_arrow: Literal[True], **filters: Unpack[FilterArgs]) -> pa.Table: ...
    def quotes(self, *, as_arrow: bool = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame | pa.Table:
        """Quotations with speaker, cue, outlet and offsets."""
        return _frame(self.table("quotes", **filters), as_arrow)

    @overload
    def events(self, *, as_arrow: Literal[False] = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame: ...
    @overload
    def events(self, *, as_arrow: Literal[True], **filters: Unpack[FilterArgs]) -> pa.Table: ...
    def events(self, *, as_arrow: bool = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame | pa.Table:
        """Coded events (one per reporting sentence) with both sides, modality, date and place."""
        return _frame(self.table("events", **filters), as_arrow, codes=True)

    @overload
    def clusters(self, *, as_arrow: Literal[False] = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame: ...
    @overload
    def clusters(self, *, as_arrow: Literal[True], **filters: Unpack[FilterArgs]) -> pa.Table: ...
    def clusters(self, *, as_arrow: bool = False, **filters: Unpack[FilterArgs]) -> pd.DataFrame | pa.Table:
        """Event clusters: each happening once, with its mentions, articles and outlets counts."""
        from newsgraph.export.clusters import list_clusters

        return _frame(list_clusters(self.store, checked_filters("clusters", filters)), as_arrow, codes=True)

    @overload
    def network(
        self, *, min_events: int = 1, max_edges: int | None = None, as_arrow: Literal[False] = False, **filters: Unpack[FilterArgs]
    ) -> tuple[pd.DataFrame, pd.DataFrame]: ...
    @overload
    def network(
        self, *, min_events: int = 1, max_edges: int | None = None, as_arrow: Literal[True], **filters: Unpack[FilterArgs]
    ) -> tuple[pa.Table, pa.Table]: ...
    def network(
        self, *, min_events: int = 1, max_edges: int | None = None, as_arrow: bool = False, **filters: Unpack[FilterArgs]
    ) -> tuple[pd.DataFrame, pd.DataFrame] | tuple[pa.Table, pa.Table]:
        """The actor network as (nodes, edges): each happening counted once, edges with their
        events, cooperation and conflict counts, mean and summed Goldstein scores; edges with
        fewer than ``min_events`` events dropped, at most ``max_edges`` (the heaviest) kept."""
        from newsgraph.export.network import network_tables

        least = parse_int("min_events", min_events, 1, _MOST) or 1
        most = parse_int("max_edges", max_edges, 1, _MOST)
        nodes, edges = network_tables(self.store, checked_filters("network", filters), least, most)
        if as_arrow:
            return nodes, edges
        return _frame(nodes, False), _frame(edges, False)

    @overload
    def timeline(
        self, *, interval: str = "month", directed: bool = False, as_arrow: Literal[False] = False, **filters: Unpack[FilterArgs]
    ) -> pd.DataFrame: ...
    @overload
    def timeline(
        self, *, interval: str = "month", directed: bool = False, as_arrow: Literal[True], **filters: Unpack[FilterArgs]
    ) -> pa.Table: ...
    def timeline(
        self, *, interval: str = "month", directed: bool = False, as_arrow: bool = False, **filters: Unpack[FilterArgs]
    ) -> pd.DataFrame | pa.Table:
        """Events per day, week, month or year (``interval``): events, happenings, articles,
        the four QuadClasses, mean Goldstein score, event types. ``actor`` with ``target`` is
        a dyad, read both ways unless ``directed``."""
        from newsgraph.corpus.timeline import timeline

        period: Interval = INTERVAL.parse("interval", interval) or "month"
        return _frame(timeline(self.store, checked_filters("timeline", filters), period, directed), as_arrow)

    def compare(
        self,
        a: str | Sequence[str],
        b: str | Sequence[str],
        since: str | None = None,
        until: str | None = None,
        top: int = 10,
        copies: str | None = None,
    ) -> Comparison:
        """Two outlets or outlet groups side by side (overview, voices, actors, events, tone
        toward actors, blindspots). A side is an outlet name, a list of them, or a group word
        (``wire``, ``state``, ``country:RUS``); ``A+B`` joins outlets into one side."""
        from newsgraph.config import outlet_files_from_env
        from newsgraph.corpus.compare import compare
        from newsgraph.corpus.scope import Scope, parse_groups
        from newsgraph.ingest.outlets import load_outlets

        sides = []
        for name, value in (("a", a), ("b", b)):
            members = [value] if isinstance(value, str) else list(value)
            sides.append("+".join(x for x in (parse_text(name, m) for m in members) if x))
        if not all(sides):
            raise UsageError(Errors.E111)
        if any("," in side for side in sides):
            raise UsageError(Errors.E112)
        groups = parse_groups(",".join(sides), self.store, load_outlets(outlet_files_from_env()))
        scope = Scope(
            since=parse_date("since", since),
            until=parse_date("until", until),
            copies=parse_choice("copies", copies, COPIES[:2]) or "exclude",
        )
        return compare(self.store, groups, scope, parse_int("top", top, 1, 100) or 10)

    def actor(self, actor_id: str, interval: str = "month", copies: str | None = None) -> dict[str, pa.Table]:
        """One actor: ``actor`` (one row), the ``articles`` that mention it, the ``quotes`` it
        is the speaker of, and its events as source and as target per period (``timeline``)."""
        from newsgraph.store.queries import actor_profile

        period = INTERVAL.parse("interval", interval) or "month"
        return actor_profile(self.store, actor_id, period, parse_choice("copies", copies, COPIES) or "exclude")  # type: ignore[arg-type]

    def article(self, article_id: str) -> Article:
        """The full record of one article."""
        try:
            return self.store.article(article_id)
        except NotFoundError as exc:
            # The store's message names its file; an answer to a client must not.
            raise NotFoundError(Errors.E117, article_id=article_id) from exc

    @overload
    def sql(self, query: str, params: list[Any] | None = None, *, as_arrow: Literal[False] = False) -> pd.DataFrame: ...
    @overload
    def sql(self, query: str, params: list[Any] | None = None, *, as_arrow: Literal[True]) -> pa.Table: ...
    def sql(self, query: str, params: list[Any] | None = None, *, as_arrow: bool = False) -> pd.DataFrame | pa.Table:
        """Run your own read query on the store's tables, values bound as ``?`` parameters."""
        return _frame(self.store.query(query, params or []), as_arrow)

    def export(
        self,
        fmt: str,
        out: str | Path,
        tables: list[str] | None = None,
        memory: str | None = DEFAULT_MEMORY_LIMIT,
        **filters: Unpack[FilterArgs],
    ) -> ExportResult:
        """Export like ``newsgraph export``: gdelt, plover, parquet, csv, jsonl or graphml.

        ``memory`` caps DuckDB's memory during the export (None: DuckDB's default).
        """
        from newsgraph.export import export

        return export(self.store, fmt, out, checked_filters("export", filters), tables, memory)

    def counts(self) -> dict[str, int]:
        """Row counts of every table."""
        return self.store.counts()

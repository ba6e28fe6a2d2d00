"""The listing commands (articles, actors, quotes, events), made by one factory.

Each command's filter options are derived from ``newsgraph.params.FILTERS`` (the same
declaration that gives the REST query parameters and the Python keywords), and each listing
is read through ``Dataset``, which parses every value with the same parsers as the other
surfaces.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.cli.app import command, stdout
from newsgraph.cli.options import DbOption, FormatOption, expose, keyword
from newsgraph.cli.render import OutputFormat, choose_columns, render
from newsgraph.params import FLAG, FilterSpec, filters_of

if TYPE_CHECKING:  # imported with the Dataset when a listing runs, never by `analyze`
    import pyarrow as pa

# What the terminal table shows of each listing by default (``--columns`` chooses; json,
# jsonl and csv give every column unless ``--columns`` says otherwise).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("published", "outlet", "title", "words", "actors", "quotes", "events"),
    "actors": ("name", "type", "code", "articles", "mentions", "by_outlet"),
    "quotes": ("published", "outlet", "speaker", "cue", "text"),
    "events": ("date", "cameo", "name", "source", "target", "modality", "place"),
    "timeline": ("period", "events", "happenings", "articles", "goldstein", "types"),
    "network": ("source_name", "target_name", "events", "mean_goldstein", "first_date", "last_date"),
}

ColumnsOption = Annotated[
    str | None,
    typer.Option("--columns", help="Columns to show, comma-separated, or 'all' (default: a readable set for the table).", metavar="A,B"),
]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many rows (0: all).", min=0, metavar="N")]

PANEL = "List what is stored"


def option_info(spec: FilterSpec) -> Any:
    """The Typer option of one filter: read as text, parsed by ``Dataset``."""
    return typer.Option(spec.option, help=spec.help, metavar=spec.kind.metavar, show_default=False)


def filter_option(spec: FilterSpec) -> inspect.Parameter:
    """The command-line parameter of one filter (a switch for a yes/no filter)."""
    if spec.kind is FLAG:
        return keyword(spec.name, Annotated[bool, typer.Option(spec.option, help=spec.help, show_default=False)], False)
    return keyword(spec.name, Annotated[str | None, option_info(spec)], None)


def filter_info(name: str, view: str = "events") -> Any:
    """The Typer option of filter ``name`` as ``view`` declares it, for hand-written commands."""
    (spec,) = [s for s in filters_of(view) if s.name == name]
    return option_info(spec)


def table_view(view: str, table: pa.Table, fmt: OutputFormat, columns: str | None = None) -> pa.Table:
    """The columns a format shows: ``--columns`` if given, else a readable set for the
    terminal table and every column for the other formats."""
    return choose_columns(table, columns, TABLE_COLUMNS.get(view, ()) if fmt is OutputFormat.table else ())


def filtered_command(view: str, summary: str, body: Callable[..., None], extra: tuple[inspect.Parameter, ...] = ()) -> Callable[..., None]:
    """A command with ``--db``, ``--format``, the filter options of ``view`` (derived from
    ``FILTERS``) and ``extra`` options; ``body`` gets ``db``, ``fmt``, ``filters`` (the ones
    given, as text for ``Dataset`` to parse) and the extra values."""
    names = [spec.name for spec in filters_of(view)]

    def run(db: Any, fmt: OutputFormat, **values: Any) -> None:
        given = {name: value for name in names if (value := values.pop(name)) is not None and value is not False}
        body(db=db, fmt=fmt, filters=given, **values)

    parameters = [
        keyword("db", DbOption),
        keyword("fmt", FormatOption, OutputFormat.table),
        *(filter_option(spec) for spec in filters_of(view)),
        *extra,
    ]
    run.__name__ = view
    run.__doc__ = summary
    expose(run, parameters)
    return run


def listing_command(listing: str, summary: str) -> Callable[..., None]:
    """The command that lists ``listing`` with its filters, in every output format."""

    def body(db: Any, fmt: OutputFormat, filters: dict[str, str], limit: int, columns: str | None) -> None:
        from newsgraph.dataset import Dataset

        with Dataset.open(db) as dataset:
            table = dataset.table(listing, limit=limit or None, **filters)
        render(table_view(listing, table, fmt, columns), fmt, stdout, title=listing)

    return filtered_command(listing, summary, body, (keyword("limit", LimitOption, 100), keyword("columns", ColumnsOption, None)))


SUMMARIES = {
    "articles": "List stored articles.",
    "actors": "List actors with mention counts, overall and per outlet.",
    "quotes": "List quotations with their speakers.",
    "events": "List coded events.",
}

for _listing, _summary in SUMMARIES.items():
    command(_listing, rich_help_panel=PANEL)(listing_command(_listing, _summary))

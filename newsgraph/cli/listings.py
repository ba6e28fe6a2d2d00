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
from newsgraph.cli.render import OutputFormat, render
from newsgraph.params import FilterSpec, filters_of

if TYPE_CHECKING:  # pyarrow comes with the dataset a listing opens, not with every command
    import pyarrow as pa

# What the terminal table shows of each listing (``--format`` json/jsonl/csv give every column).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "id",
        "date",
        "cameo",
        "name",
        "source",
        "source_code",
        "target",
        "target_code",
        "quad_class",
        "goldstein",
        "modality",
        "negated",
        "place",
        "trigger",
        "outlet",
        "article_id",
    ),
}

LimitOption = Annotated[int, typer.Option("--limit", help="At most this many rows (0: all).", min=0, metavar="N")]

PANEL = "List what is stored"


def option_info(spec: FilterSpec) -> Any:
    """The Typer option of one filter: read as text, parsed by ``Dataset``."""
    return typer.Option(spec.option, help=spec.help, metavar=spec.kind.metavar, show_default=False)


def filter_option(spec: FilterSpec) -> inspect.Parameter:
    """The command-line parameter of one filter."""
    return keyword(spec.name, Annotated[str | None, option_info(spec)], None)


def filter_info(name: str, view: str = "events") -> Any:
    """The Typer option of filter ``name`` as ``view`` declares it, for hand-written commands."""
    (spec,) = [s for s in filters_of(view) if s.name == name]
    return option_info(spec)


def table_view(listing: str, table: pa.Table, fmt: OutputFormat) -> pa.Table:
    """The columns a format shows: the terminal table a chosen set, the others every column."""
    columns = TABLE_COLUMNS.get(listing)
    if fmt is OutputFormat.table and columns:
        return table.select([c for c in columns if c in table.column_names])
    return table


def listing_command(listing: str, summary: str) -> Callable[..., None]:
    """The command that lists ``listing`` with its filters, in every output format."""

    def run(db: Any, fmt: OutputFormat, limit: int, **filters: str | None) -> None:
        from newsgraph.dataset import Dataset

        given = {name: value for name, value in filters.items() if value is not None}
        with Dataset.open(db) as dataset:
            table = dataset.table(listing, limit=limit or None, **given)
        render(table_view(listing, table, fmt), fmt, stdout, title=listing)

    parameters = [
        keyword("db", DbOption),
        keyword("fmt", FormatOption, OutputFormat.table),
        *(filter_option(spec) for spec in filters_of(listing)),
        keyword("limit", LimitOption, 100),
    ]
    run.__name__ = listing
    run.__doc__ = summary
    expose(run, parameters)
    return run


SUMMARIES = {
    "articles": "List stored articles.",
    "actors": "List actors with mention counts, overall and per outlet.",
    "quotes": "List quotations with their speakers.",
    "events": "List coded events.",
}

for _listing, _summary in SUMMARIES.items():
    command(_listing, rich_help_panel=PANEL)(listing_command(_listing, _summary))

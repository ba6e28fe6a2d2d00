"""Commands on a store as a whole: attach a Parquet dataset, export, check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.app import command, say
from newsgraph.cli.listings import filter_option
from newsgraph.cli.options import DbOption, expose, keyword
from newsgraph.params import filters_of

PANEL = "The store"


@command(rich_help_panel=PANEL)
def attach(
    dataset: Annotated[Path, typer.Argument(help="Folder of a Parquet dataset written by 'ingest --engine dask --out'.", metavar="DIR")],
    db: DbOption,
) -> None:
    """Make a Parquet dataset queryable with --db, through views over its files (nothing is copied)."""
    from newsgraph.store.attach import attach as attach_dataset

    counts = attach_dataset(dataset, db)
    say(f"attached {dataset} to {db}: {counts['articles']} articles, {counts['events']} events, {counts['quotes']} quotes")


EXPORT_FORMATS = ("gdelt", "plover", "parquet", "csv", "jsonl", "graphml")
ExportFormatOption = Annotated[
    str, typer.Option("--format", "-f", help="The export's format.", show_default=False, metavar="[" + "|".join(EXPORT_FORMATS) + "]")
]
ExportOutOption = Annotated[
    Path, typer.Option("--out", "-o", help="Folder (gdelt, parquet, csv, jsonl) or file (plover, graphml).", metavar="PATH")
]
TablesOption = Annotated[str | None, typer.Option("--tables", help="Comma-separated tables to write (table formats).", metavar="A,B")]
MemoryOption = Annotated[str, typer.Option("--memory-limit", help="DuckDB memory cap; beyond it, work spills to disk.", metavar="SIZE")]


def export_store(db: Path, fmt: str, out: Path, tables: str | None = None, memory: str = "1GB", **filters: str | None) -> None:
    """Export the store: GDELT 2.0 events and mentions, PLOVER JSON Lines, tables, or the actor network.

    --db may also name a folder of Parquet tables. Filters select events (gdelt, plover, graphml).
    """
    from newsgraph.dataset import Dataset
    from newsgraph.params import parse_choice

    chosen_format = parse_choice("format", fmt, EXPORT_FORMATS)
    chosen = [t.strip() for t in tables.split(",") if t.strip()] if tables else None
    given = {name: value for name, value in filters.items() if value is not None}
    with Dataset.open(db) as dataset:
        result = dataset.export(chosen_format or "", out, tables=chosen, memory=memory, **given)  # type: ignore[arg-type]
    say(result.summary())


expose(
    export_store,
    [
        keyword("db", DbOption),
        keyword("fmt", ExportFormatOption),
        keyword("out", ExportOutOption),
        *(filter_option(spec) for spec in filters_of("export")),
        keyword("tables", TablesOption, None),
        keyword("memory", MemoryOption, "1GB"),
    ],
)
command("export", rich_help_panel=PANEL)(export_store)


@command(rich_help_panel=PANEL)
def check(
    db: DbOption,
    limit: Annotated[int, typer.Option("--limit", help="At most this many problems reported per check.", min=1, metavar="N")] = 50,
    repair: Annotated[
        bool, typer.Option("--repair", help="First finish the cross-article tables (copies, event clusters) and rebuild what disagrees.")
    ] = False,
) -> None:
    """Verify the store: evidence offsets, dangling or duplicate rows, copies and event clusters against the articles.

    Exit 0 when clean; else one line per problem on stdout and exit 1.
    """
    from newsgraph.corpus.integrity import check_corpus, repair_corpus
    from newsgraph.errors import Errors, UsageError
    from newsgraph.store import Store
    from newsgraph.store.attach import attached_dataset
    from newsgraph.store.check import check_store

    attached = attached_dataset(db) is not None  # a Parquet dataset has no cross-article tables
    if repair and attached:
        raise UsageError(Errors.E322, path=db)
    with Store.open(db, read_only=not repair) as store:
        if repair:
            say(f"newsgraph check {db}: {repair_corpus(store).summary()}")
        report = check_store(store, limit=limit)
        if not attached and report.ok:
            report.problems.extend(check_corpus(store).lines())
    for problem in report.problems:
        sys.stdout.write(f"{db}: {problem}\n")
    sys.stdout.flush()
    say(f"newsgraph check {db}: {report.summary()}")
    if not report.ok:
        raise typer.Exit(1)

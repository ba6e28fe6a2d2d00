"""``newsgraph demo``: ingest the bundled examples and print a readable report of the store —
articles, top actors, quotes, events — and how to go on."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from newsgraph.cli.app import command, say, stdout
from newsgraph.cli.ingest import run_ingest
from newsgraph.cli.options import DbOption
from newsgraph.cli.render import OutputFormat, render
from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.errors import Errors, UsageError
from newsgraph.params import Filters

if TYPE_CHECKING:  # duckdb comes with the Dataset; `analyze` (same import of cli/) never needs it
    from newsgraph.dataset import Dataset

PANEL = "Serve and demo"


def demo_report(data: Dataset, console: Console, db: str) -> None:
    """Print a summary of what the store holds and how to go on."""
    counts = data.counts()
    console.rule("[bold]newsgraph demo")
    console.print(
        f"{counts['articles']} articles · {counts['actors']} actors · {counts['mentions']} mentions · "
        f"{counts['quotes']} quotes · {counts['events']} events · {counts['places']} place mentions"
    )
    articles = data.run("articles", Filters(limit=20)).select(["published", "outlet", "title", "words", "actors", "quotes", "events"])
    render(articles, OutputFormat.table, console, title="Articles")
    actors = data.run("actors", Filters(limit=12)).select(["name", "type", "code", "articles", "mentions", "by_outlet"])
    render(actors, OutputFormat.table, console, title="Top actors")
    if counts["quotes"]:
        quotes = data.run("quotes", Filters(limit=10)).select(["outlet", "speaker", "cue", "text"])
        render(quotes, OutputFormat.table, console, title="Quotations")
    if counts["events"]:
        events = data.run("events", Filters(limit=12)).select(["date", "cameo", "name", "source", "target", "modality", "place"])
        render(events, OutputFormat.table, console, title="Events")
    option = "" if db == "newsgraph.duckdb" else f" --db {db}"
    hints = [
        (f"newsgraph articles{option}", "list articles (--format csv|json|jsonl)"),
        (f"newsgraph actors{option} --country RUS", "actors of one country"),
        (f"newsgraph events{option} --actor Lavrov", "events of one actor"),
        ("newsgraph analyze FILE", "one JSON record per article, nothing stored"),
        (f"newsgraph serve{option}", "browse the store in a web browser (http://127.0.0.1:8000)"),
    ]
    if sys.prefix != sys.base_prefix and not os.environ.get("VIRTUAL_ENV"):
        # Run as .venv/bin/newsgraph: the commands below need the environment activated.
        hints.insert(0, (f". {Path(sys.prefix) / 'bin' / 'activate'}", "first, so that 'newsgraph' is on your PATH"))
    width = max(len(line) for line, _ in hints)
    console.print("\n[bold]Go on:[/bold]")
    for line, what in hints:
        console.print(f"  {line.ljust(width)}   {what}", highlight=False, markup=False)


def examples_dir() -> Path:
    """The bundled example articles (``examples/`` beside the package in a checkout)."""
    return Path(__file__).resolve().parents[2] / "examples"


@command(rich_help_panel=PANEL)
def demo(
    db: DbOption,
    examples: Annotated[Path | None, typer.Option("--examples", help="Folder of example articles.", metavar="DIR")] = None,
) -> None:
    """Ingest the bundled example articles and print a short report."""
    folder = examples or examples_dir()
    if not folder.is_dir():
        raise UsageError(Errors.E706, folder=folder)
    say(f"Ingesting the examples in {folder} into {db} …")
    report = run_ingest([str(folder)], db, ReadOptions(), PipelineConfig())
    say(report.summary())
    from newsgraph.dataset import Dataset

    with Dataset.open(db) as data:
        demo_report(data, stdout, db=str(db))

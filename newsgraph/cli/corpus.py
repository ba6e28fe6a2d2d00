"""Cross-article commands: duplicates, compare, timeline, network."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from newsgraph.cli.app import command, say, stdout
from newsgraph.cli.listings import ColumnsOption, filter_info, filtered_command, table_view
from newsgraph.cli.options import DbOption, FormatOption, keyword
from newsgraph.cli.render import OutputFormat, render
from newsgraph.errors import Errors, UsageError
from newsgraph.model import to_json
from newsgraph.params import INTERVAL

if TYPE_CHECKING:
    from newsgraph.dataset import FilterArgs

PANEL = "Across articles"


SinceFilter = Annotated[str | None, filter_info("since")]
UntilFilter = Annotated[str | None, filter_info("until")]
# A comparison counts copies or not; it has no copies-only view.
ScopeCopies = Annotated[
    str | None,
    typer.Option(
        "--copies", help="Leave republished copies out (exclude, the default) or count them (include).", metavar="[exclude|include]"
    ),
]


@command(rich_help_panel=PANEL)
def duplicates(db: DbOption, fmt: FormatOption = OutputFormat.table) -> None:
    """List copy clusters: each republished copy or near-duplicate with its original, score and differences."""
    from newsgraph.corpus.duplicates import copy_clusters, duplicates_table
    from newsgraph.store import Store

    with Store.open(db, read_only=True) as store:
        if fmt in (OutputFormat.json, OutputFormat.jsonl):
            rows = copy_clusters(store)  # the full diff, with offsets, as nested JSON
            lines = [to_json(rows)] if fmt is OutputFormat.json else [to_json(r) for r in rows]
            sys.stdout.write("".join(line + "\n" for line in lines))
            return
        table = duplicates_table(store)
    render(table, fmt, stdout, title="copies (one row per difference)")


OutletsOption = Annotated[
    str,
    typer.Option(
        "--outlets",
        help="Two outlets or groups 'A,B'; a group is 'X+Y', 'country:RUS', 'state' or 'wire'.",
        metavar="A,B",
        show_default=False,
    ),
]


@command(rich_help_panel=PANEL)
def compare(
    db: DbOption,
    outlets: OutletsOption,
    fmt: FormatOption = OutputFormat.table,
    since: SinceFilter = None,
    until: UntilFilter = None,
    top: Annotated[int, typer.Option("--top", help="Rows per section.", min=1, max=100, metavar="N")] = 10,
    copies: ScopeCopies = None,
) -> None:
    """Compare two outlets or outlet groups: voices, actors, events, tone toward actors, blindspots."""
    from newsgraph.dataset import Dataset

    sides = [side.strip() for side in outlets.split(",")]
    if len(sides) != 2:
        raise UsageError(Errors.E113, spec=outlets)
    with Dataset.open(db) as data:
        result = data.compare(sides[0], sides[1], since, until, top, copies)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        sys.stdout.write(to_json(result.to_dict()) + "\n")
        return
    for group in result.groups:
        stdout.print(f"[bold]{group.label}[/bold]: {', '.join(group.outlets)}", highlight=False)
    for name, table in result.sections.items():
        if fmt is OutputFormat.csv:
            stdout.file.write(f"# {name}\n")
        render(table, fmt, stdout, title=name.replace("_", " "))


IntervalOption = Annotated[str, typer.Option("--interval", "--by", help="Period of each row.", metavar=INTERVAL.metavar)]
DirectedOption = Annotated[bool, typer.Option("--directed", help="With --actor and --target: only events from the actor to the target.")]


def _timeline(db: Any, fmt: OutputFormat, filters: dict[str, str], interval: str, directed: bool, columns: str | None) -> None:
    from newsgraph.dataset import Dataset

    with Dataset.open(db) as data:
        table = data.timeline(interval=interval, directed=directed, as_arrow=True, **cast("FilterArgs", filters))
    dyad = " – ".join(x for x in (filters.get("actor"), filters.get("target")) if x)
    render(table_view("timeline", table, fmt, columns), fmt, stdout, title=f"timeline {dyad}".strip())


command("timeline", rich_help_panel=PANEL)(
    filtered_command(
        "timeline",
        "Events over time (events, distinct happenings, QuadClass, Goldstein) for the filtered events; --actor with --target is a dyad.",
        _timeline,
        (keyword("interval", IntervalOption, "month"), keyword("directed", DirectedOption, False), keyword("columns", ColumnsOption, None)),
    )
)

OutOption = Annotated[Path | None, typer.Option("--out", help="Write the network to FILE.graphml or FILE.csv.", metavar="FILE")]
MinEventsOption = Annotated[int, typer.Option("--min-events", help="Drop edges with fewer events.", min=1, metavar="N")]
MaxEdgesOption = Annotated[int | None, typer.Option("--max-edges", help="Keep only the heaviest edges (default: all).", min=1, metavar="N")]


def _network(
    db: Any, fmt: OutputFormat, filters: dict[str, str], out: Path | None, min_events: int, max_edges: int | None, columns: str | None
) -> None:
    import pyarrow.csv as pacsv

    from newsgraph.dataset import Dataset, checked_filters
    from newsgraph.export.network import write_graphml

    suffix = out.suffix.lower() if out is not None else None
    if out is not None and suffix not in (".graphml", ".csv"):
        raise UsageError(Errors.E705, name=out.name)
    with Dataset.open(db) as data:
        if out is not None and suffix == ".graphml":
            written = write_graphml(data.store, out, checked_filters("network", filters), min_events, max_edges)
            say(f"wrote {written.nodes} actors and {written.edges} edges to {out}")
            return
        nodes, edges = data.network(min_events=min_events, max_edges=max_edges, as_arrow=True, **cast("FilterArgs", filters))
    if out is not None:
        pacsv.write_csv(edges, out)
        say(f"wrote {nodes.num_rows} actors and {edges.num_rows} edges to {out}")
        return
    render(table_view("network", edges, fmt, columns), fmt, stdout, title="actor network")


command("network", rich_help_panel=PANEL)(
    filtered_command(
        "network",
        "The actor network: edges count the events between actors (each happening once), with mean and summed Goldstein scores.",
        _network,
        (
            keyword("out", OutOption, None),
            keyword("min_events", MinEventsOption, 1),
            keyword("max_edges", MaxEdgesOption, None),
            keyword("columns", ColumnsOption, None),
        ),
    )
)

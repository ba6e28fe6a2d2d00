"""Cross-article commands: duplicates, compare, timeline, network."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli.app import command, say, stdout
from newsgraph.cli.listings import filter_info
from newsgraph.cli.options import DbOption, FormatOption
from newsgraph.cli.render import OutputFormat, render
from newsgraph.errors import Errors, UsageError
from newsgraph.model import to_json
from newsgraph.params import COPIES, INTERVAL, parse_choice, parse_date

PANEL = "Across articles"


SinceFilter = Annotated[str | None, filter_info("since")]
UntilFilter = Annotated[str | None, filter_info("until")]
CountryFilter = Annotated[str | None, filter_info("country")]
CopiesFilter = Annotated[str | None, filter_info("copies")]
# Comparisons and timelines count copies or not; they have no copies-only view.
SCOPE_COPIES = COPIES[:2]
ScopeCopies = Annotated[
    str | None,
    typer.Option(
        "--copies", help="Leave republished copies out (exclude, the default) or count them (include).", metavar="[exclude|include]"
    ),
]


def _scope(since: str | None, until: str | None, copies: str | None) -> Any:
    from newsgraph.corpus.scope import Scope

    return Scope(
        since=parse_date("since", since), until=parse_date("until", until), copies=parse_choice("copies", copies, SCOPE_COPIES) or "exclude"
    )


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
    top: Annotated[int, typer.Option("--top", help="Rows per section.", min=1, metavar="N")] = 10,
    copies: ScopeCopies = None,
) -> None:
    """Compare two outlets or outlet groups: voices, actors, events, tone toward actors, blindspots."""
    from newsgraph.config import outlet_files_from_env
    from newsgraph.corpus.compare import compare as run_compare
    from newsgraph.corpus.scope import parse_groups
    from newsgraph.ingest.outlets import load_outlets
    from newsgraph.store import Store

    scope = _scope(since, until, copies)
    with Store.open(db, read_only=True) as store:
        groups = parse_groups(outlets, store, load_outlets(outlet_files_from_env()))
        result = run_compare(store, groups, scope, top=top)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        sys.stdout.write(to_json(result.to_dict()) + "\n")
        return
    for group in groups:
        stdout.print(f"[bold]{group.label}[/bold]: {', '.join(group.outlets)}", highlight=False)
    for name, table in result.sections.items():
        if fmt is OutputFormat.csv:
            stdout.file.write(f"# {name}\n")
        render(table, fmt, stdout, title=name.replace("_", " "))


@command(rich_help_panel=PANEL)
def timeline(
    db: DbOption,
    actor: Annotated[str, typer.Option("--actor", help="Actor id, CAMEO code prefix (RUS), country or name.", metavar="TEXT")],
    target: Annotated[str | None, typer.Option("--target", help="The other side of the dyad.", metavar="TEXT")] = None,
    interval: Annotated[str, typer.Option("--by", help="Period of each row.", metavar=INTERVAL.metavar)] = "day",
    directed: Annotated[bool, typer.Option("--directed", help="Only events from --actor to --target.")] = False,
    fmt: FormatOption = OutputFormat.table,
    since: SinceFilter = None,
    until: UntilFilter = None,
    copies: ScopeCopies = None,
) -> None:
    """Events over time for an actor or a dyad (events, distinct happenings, Goldstein, QuadClass)."""
    from newsgraph.corpus.timeline import timeline as run_timeline
    from newsgraph.store import Store

    period = INTERVAL.parse("by", interval) or "day"
    scope = _scope(since, until, copies)
    with Store.open(db, read_only=True) as store:
        table = run_timeline(store, actor, target, period, scope, directed=directed)  # type: ignore[arg-type]
    render(table, fmt, stdout, title=f"timeline {actor}" + (f" – {target}" if target else ""))


@command(rich_help_panel=PANEL)
def network(
    db: DbOption,
    out: Annotated[Path | None, typer.Option("--out", help="Write the network to FILE.graphml or FILE.csv.", metavar="FILE")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events involving this actor.", metavar="TEXT")] = None,
    country: CountryFilter = None,
    min_events: Annotated[int, typer.Option("--min-events", help="Drop edges with fewer events.", min=1, metavar="N")] = 1,
    fmt: FormatOption = OutputFormat.table,
    since: SinceFilter = None,
    until: UntilFilter = None,
    copies: CopiesFilter = None,
) -> None:
    """The actor network: edges count the events between actors (each happening once), with mean and summed Goldstein scores."""
    import pyarrow.csv as pacsv

    from newsgraph.dataset import checked_filters
    from newsgraph.export.network import edge_list, network_tables, write_graphml
    from newsgraph.store import Store

    given = {"actor": actor, "country": country, "since": since, "until": until, "copies": copies}
    filters = checked_filters("network", {k: v for k, v in given.items() if v is not None})  # no limit: every event
    suffix = out.suffix.lower() if out is not None else None
    if out is not None and suffix not in (".graphml", ".csv"):
        raise UsageError(Errors.E705, name=out.name)
    with Store.open(db, read_only=True) as store:
        if out is not None and suffix == ".graphml":
            written = write_graphml(store, out, filters, min_events)
            say(f"wrote {written.nodes} actors and {written.edges} edges to {out}")
            return
        nodes, edges = network_tables(store, filters, min_events)
    if out is not None:
        pacsv.write_csv(edge_list(nodes, edges), out)
        say(f"wrote {nodes.num_rows} actors and {edges.num_rows} edges to {out}")
        return
    render(edge_list(nodes, edges), fmt, stdout, title="actor network")

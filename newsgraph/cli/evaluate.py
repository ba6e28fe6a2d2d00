"""``newsgraph evaluate actors|quotes|events``: score extraction against gold corpora in their
own formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli.app import Group, app, command, stdout
from newsgraph.cli.options import FormatOption, bundled, pipeline_options
from newsgraph.cli.render import OutputFormat, render
from newsgraph.config import PipelineConfig
from newsgraph.errors import Errors, UsageError
from newsgraph.model import to_json

evaluate_app = typer.Typer(help="Score extraction against gold corpora in their own formats.", no_args_is_help=True, cls=Group)
app.add_typer(evaluate_app, name="evaluate", rich_help_panel="Evaluate")


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value)


@command("actors", parent=evaluate_app)
@bundled(pipeline=pipeline_options)
def evaluate_actors_command(
    gold: Annotated[Path, typer.Option("--gold", help="NGEC actor-resolution expectations (JSON Lines).", metavar="FILE")],
    fmt: FormatOption = OutputFormat.table,
    pipeline: PipelineConfig = PipelineConfig(),
    misses: Annotated[bool, typer.Option("--misses", help="Also list every text whose country was missed.")] = False,
) -> None:
    """Score country (and sector) resolution of actor names against NGEC's expectations."""
    import pyarrow as pa

    from newsgraph.evaluate.actors import evaluate_actors
    from newsgraph.pipeline import Analyzer

    if not gold.is_file():
        raise UsageError(Errors.E704, path=gold)
    scores = evaluate_actors(gold, Analyzer(pipeline))
    figures = scores.as_dict()
    rows = [
        ("country accuracy", figures["country_accuracy"], figures["country_n"]),
        ("country accuracy (without NGEC's xfail/skip)", figures["country_accuracy_unmarked"], figures["country_unmarked_n"]),
        ("sector accuracy (first code)", figures["sector_accuracy"], figures["sector_n"]),
    ]
    table = pa.table({"metric": [r[0] for r in rows], "value": [r[1] for r in rows], "n": [r[2] for r in rows]})
    render(table, fmt, stdout, title=f"actors: {gold.name}")
    if misses:
        missed = [r for r in scores.resolutions if r.expectation.country is not None and not r.country_ok]
        listing = pa.table(
            {
                "text": [r.expectation.text for r in missed],
                "date": [r.expectation.day.isoformat() for r in missed],
                "expected": [f"{'not ' if r.expectation.country_op == 'NotEq' else ''}{r.expectation.country or '-'}" for r in missed],
                "got": [r.country or "-" for r in missed],
                "actor": [r.actor.id if r.actor else None for r in missed],
            }
        )
        render(listing, fmt, stdout, title="missed countries")


@command("quotes", parent=evaluate_app)
def evaluate_quotes_command(
    gold: Annotated[
        Path, typer.Option("--gold", help="PolNeAR gold: the derived .jsonl file or a brat folder such as data/dev.", metavar="PATH")
    ],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Score quotations (content, cue, source) against PolNeAR: exact and overlap matching, all attributions and the quote-marked subset."""
    import pyarrow as pa

    from newsgraph.evaluate.quotes import evaluate_quotes, score_rows
    from newsgraph.pipeline import Analyzer

    analyzer = Analyzer()
    scores = evaluate_quotes(gold, analyzer.analyze_many)
    if fmt is OutputFormat.json:
        sys.stdout.write(to_json(scores.as_dict()) + "\n")
        return
    title = f"quotes vs {gold.name}: {scores.articles} annotated articles, {scores.attributions} attributions"
    render(pa.Table.from_pylist(score_rows(scores)), fmt, stdout, title=title)


@command("events", parent=evaluate_app)
def evaluate_events_command(
    gold: Annotated[
        list[Path],
        typer.Option("--gold", help="An event gold set, or a folder holding them (e.g. ../shared/eval); repeatable.", metavar="PATH"),
    ],
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="halves (dev and test apart), all, dev or test; halves are fixed by a hash of each sentence.",
            metavar="[halves|all|dev|test]",
        ),
    ] = "halves",
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Only these sets: cameo_manual, conflibert, petrarch, multirater, newsgraph; repeatable.", metavar="NAME"
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Score CAMEO event coding: detection, root and code accuracy, actors, per gold set."""
    import pyarrow as pa

    from newsgraph.evaluate.events import evaluate_events

    rows = [score.as_dict() for score in evaluate_events(gold, split=split, sets=sets)]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if fmt is OutputFormat.table:
        # One column per gold set reads better than twenty metric columns.
        metrics = [c for c in columns if c not in ("set", "split")]
        table = pa.table({"metric": metrics, **{f"{r['set']} ({r.get('split')})": [_cell_text(r.get(m)) for m in metrics] for r in rows}})
    else:
        table = pa.table({c: [r.get(c) for r in rows] for c in columns})
    render(table, fmt, stdout, title="event coding")

"""The ``newsgraph`` command: parse options, call the library, print. Library errors become
one line on stderr and exit code 1 (2 for usage errors)."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsgraph import corpus
from newsgraph.cli.render import OutputFormat, render, to_json
from newsgraph.config import FieldMap, PipelineConfig, ReadOptions, default_db_path, outlet_files_from_env
from newsgraph.errors import Errors, NewsgraphError, UsageError
from newsgraph.ingest import read_articles
from newsgraph.model import InputFailure
from newsgraph.run.engine import default_workers
from newsgraph.run.job import IngestReport, analyze_items, ingest_items
from newsgraph.run.pool import LocalEngine
from newsgraph.store import Filters, Store, list_actors, list_articles, list_events, list_quotes
from newsgraph.store.attach import attach as attach_dataset
from newsgraph.store.attach import attached_dataset

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles about international politics into verifiable, structured data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# Piped output (CI logs, files) gets a wide table rather than an 80-column one.
stdout = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
stderr = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def one_line_errors(func: F) -> F:
    """Turn library errors into one line on stderr and the documented exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            stderr.print(f"newsgraph: {exc}", highlight=False, markup=False)
            raise typer.Exit(2) from exc
        except NewsgraphError as exc:
            stderr.print(f"newsgraph: {exc}", highlight=False, markup=False)
            raise typer.Exit(1) from exc
        except KeyboardInterrupt as exc:
            stderr.print("newsgraph: interrupted; re-run the same command to resume", highlight=False)
            raise typer.Exit(130) from exc
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("NEWSGRAPH_DEBUG"):
                raise
            stderr.print(
                f"newsgraph: internal error: {type(exc).__name__}: {exc} (set NEWSGRAPH_DEBUG=1 for the traceback)",
                highlight=False,
                markup=False,
            )
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


# -- shared options -----------------------------------------------------------------------

DbOption = Annotated[
    Path,
    typer.Option("--db", help="DuckDB store file (env NEWSGRAPH_DB).", default_factory=default_db_path, show_default="./newsgraph.duckdb"),
]
PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or '-' for JSON Lines on stdin.")]
PublishedOption = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for inputs that carry none.")]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="Outlet name for inputs that carry none.")]
WorkersOption = Annotated[int | None, typer.Option("--workers", help="Worker processes (default: all cores).", min=1)]
ActorsOption = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML/CSV or PETRARCH format); repeatable.")
]
TextField = Annotated[str, typer.Option("--text-field", help="Input field holding the article text.")]
TitleField = Annotated[str, typer.Option("--title-field", help="Input field holding the title.")]
IdField = Annotated[str, typer.Option("--id-field", help="Input field holding the article id.")]
UrlField = Annotated[str, typer.Option("--url-field", help="Input field holding the URL.")]
PublishedField = Annotated[str, typer.Option("--published-field", help="Input field holding the publication date.")]
OutletField = Annotated[str, typer.Option("--outlet-field", help="Input field holding the outlet.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many rows (0: all).", min=0)]
ActorFilter = Annotated[str | None, typer.Option("--actor", help="Actor id, code or name (substring).")]
CountryFilter = Annotated[str | None, typer.Option("--country", help="ISO 3166 alpha-3 country code.")]
CodeFilter = Annotated[str | None, typer.Option("--code", help="CAMEO code prefix (events) or actor code prefix (actors).")]
SinceFilter = Annotated[str | None, typer.Option("--since", help="From this date (YYYY-MM-DD).")]
UntilFilter = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY-MM-DD).")]
OutletFilter = Annotated[str | None, typer.Option("--outlet", help="Outlet name.")]
SearchFilter = Annotated[str | None, typer.Option("--search", help="Text to look for (titles and text, or quote text).")]
MaxFileOption = Annotated[
    float, typer.Option("--max-file-mb", help="Largest one-article file, or record of a JSON Lines/WARC file, in MB.", min=0.000001)
]
MaxArticleOption = Annotated[int, typer.Option("--max-article-chars", help="Longest article, in characters of cleaned text.", min=1)]
MaxExpansionOption = Annotated[
    float, typer.Option("--max-expansion", help="Refuse .gz inputs that expand more than this many times (decompression bombs).", min=1)
]
ReadTimeoutOption = Annotated[
    float, typer.Option("--read-timeout", help="Seconds one file, or one record of a streamed file, may take to read (0: no limit).", min=0)
]
_DEFAULT_READ = ReadOptions()


class CopiesMode(StrEnum):
    """``--copies``: whether republished copies and near-duplicates count."""

    include = "include"
    exclude = "exclude"


CopiesFilter = Annotated[CopiesMode, typer.Option("--copies", help="Leave republished copies out of listings and counts, or include them.")]


def read_options(
    published: str | None,
    outlet: str | None,
    fields: FieldMap,
    max_file_mb: float = _DEFAULT_READ.max_file_bytes / 1e6,
    max_article_chars: int = _DEFAULT_READ.max_article_chars,
    max_expansion: float = _DEFAULT_READ.max_expansion,
    read_timeout: float = _DEFAULT_READ.read_timeout or 0,
) -> ReadOptions:
    """ReadOptions from CLI values, checking the date format."""
    if published is not None:
        from newsgraph.ingest.prepare import normalize_date

        if normalize_date(published) is None or len(published) != 10:
            raise UsageError(f"--published must be a date YYYY-MM-DD, got '{published}'")
    return ReadOptions(
        published=published,
        outlet=outlet,
        fields=fields,
        outlet_files=outlet_files_from_env(),
        max_file_bytes=max(1, int(max_file_mb * 1e6)),
        max_article_chars=max_article_chars,
        max_expansion=max_expansion,
        read_timeout=read_timeout or None,
    )


def report_failure(failure: InputFailure) -> None:
    """One line on stderr naming the file (and line) and the reason."""
    stderr.print(f"newsgraph: {failure}", highlight=False, markup=False)


def pipeline_config(actors: list[Path] | None) -> PipelineConfig:
    """PipelineConfig from CLI values."""
    return PipelineConfig(actor_files=tuple(actors or ()))


# -- analyze and ingest -------------------------------------------------------------------


@app.command()
@one_line_errors
def analyze(
    paths: PathsArg,
    published: PublishedOption = None,
    outlet: OutletOption = None,
    workers: WorkersOption = None,
    actors: ActorsOption = None,
    text_field: TextField = "text",
    title_field: TitleField = "title",
    id_field: IdField = "id",
    url_field: UrlField = "url",
    published_field: PublishedField = "published",
    outlet_field: OutletField = "outlet",
    max_file_mb: MaxFileOption = _DEFAULT_READ.max_file_bytes / 1e6,
    max_article_chars: MaxArticleOption = _DEFAULT_READ.max_article_chars,
    max_expansion: MaxExpansionOption = _DEFAULT_READ.max_expansion,
    read_timeout: ReadTimeoutOption = _DEFAULT_READ.read_timeout or 0,
) -> None:
    """Analyse articles and print one JSON record per article (JSON Lines); store nothing."""
    fields = FieldMap(text_field, title_field, id_field, url_field, published_field, outlet_field)
    options = read_options(published, outlet, fields, max_file_mb, max_article_chars, max_expansion, read_timeout)
    engine = LocalEngine(pipeline_config(actors), workers or default_workers())
    failed = 0
    for item in analyze_items(read_articles(paths, options), engine):
        if isinstance(item, InputFailure):
            failed += 1
            report_failure(item)
        else:
            sys.stdout.write(to_json(item.to_dict()) + "\n")
    sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


@contextmanager
def ingest_progress(quiet: bool = False) -> Iterator[Callable[[IngestReport, list[InputFailure]], None]]:
    """A progress bar on stderr; yields the callback that updates it and prints failures."""
    started = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles · {task.fields[rate]:.1f} articles/s · {task.fields[wps]:,.0f} words/s"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=quiet or not stderr.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None, rate=0.0, wps=0.0)

        def on_batch(report: IngestReport, failures: list[InputFailure]) -> None:
            for failure in failures:
                progress.console.print(f"newsgraph: {failure}", highlight=False, markup=False)
            elapsed = max(time.perf_counter() - started, 1e-9)
            progress.update(task, completed=report.seen, rate=report.seen / elapsed, wps=report.words / elapsed)

        yield on_batch


def run_ingest(
    paths: Iterable[str],
    db: Path,
    options: ReadOptions,
    config: PipelineConfig,
    batch_size: int = 64,
    quiet: bool = False,
    workers: int | None = None,
) -> IngestReport:
    """Ingest with a progress bar on stderr; each failure is printed as it happens."""
    analyzer = LocalEngine(config, workers or default_workers())
    with Store.open(db) as store, ingest_progress(quiet) as on_batch:
        sources = corpus.SourceLog()  # notes every input, so exact copies are recorded
        report = ingest_items(sources.watch(read_articles(paths, options)), store, analyzer, batch_size=batch_size, on_batch=on_batch)
        corpus.update(store, sources.seen)
    return report


class EngineName(StrEnum):
    """Where ``ingest`` analyses."""

    local = "local"
    dask = "dask"


def run_dask_ingest(
    paths: Iterable[str],
    out: Path,
    options: ReadOptions,
    config: PipelineConfig,
    scheduler: str,
    workers: int,
    partition_mb: float,
    batch_size: int,
) -> IngestReport:
    """Ingest on a Dask cluster into the Parquet dataset ``out``, with a progress bar."""
    from newsgraph.run.cluster import ClusterJob, dask_client, run_cluster_ingest

    job = ClusterJob(out.resolve(), options, config, batch_size)  # workers elsewhere need absolute paths
    with dask_client(scheduler, workers) as client, ingest_progress() as on_partition:
        return run_cluster_ingest(paths, job, client, int(partition_mb * 1_000_000), on_partition=on_partition)


@app.command()
@one_line_errors
def ingest(
    paths: PathsArg,
    db: DbOption,
    published: PublishedOption = None,
    outlet: OutletOption = None,
    workers: WorkersOption = None,
    actors: ActorsOption = None,
    text_field: TextField = "text",
    title_field: TitleField = "title",
    id_field: IdField = "id",
    url_field: UrlField = "url",
    published_field: PublishedField = "published",
    outlet_field: OutletField = "outlet",
    batch_size: Annotated[int, typer.Option("--batch-size", help="Articles per transaction.", min=1)] = 64,
    engine: Annotated[
        EngineName, typer.Option("--engine", help="local: worker processes on this machine, into --db; dask: a Dask cluster, into --out.")
    ] = EngineName.local,
    scheduler: Annotated[
        str, typer.Option("--scheduler", help="With --engine dask: scheduler address (tcp://HOST:8786), or 'local' for a LocalCluster.")
    ] = "local",
    out: Annotated[
        Path | None, typer.Option("--out", help="With --engine dask: folder of the Parquet dataset (see 'newsgraph attach').")
    ] = None,
    partition_mb: Annotated[
        float,
        typer.Option("--partition-mb", help="With --engine dask: JSON Lines files are read in partitions of about this size.", min=0.01),
    ] = 8.0,
    max_file_mb: MaxFileOption = _DEFAULT_READ.max_file_bytes / 1e6,
    max_article_chars: MaxArticleOption = _DEFAULT_READ.max_article_chars,
    max_expansion: MaxExpansionOption = _DEFAULT_READ.max_expansion,
    read_timeout: ReadTimeoutOption = _DEFAULT_READ.read_timeout or 0,
) -> None:
    """Analyse articles and store them; re-ingesting the same text changes nothing."""
    fields = FieldMap(text_field, title_field, id_field, url_field, published_field, outlet_field)
    options = read_options(published, outlet, fields, max_file_mb, max_article_chars, max_expansion, read_timeout)
    if engine is EngineName.dask:
        if out is None:
            raise UsageError("--engine dask writes a Parquet dataset: give its folder with --out DIR")
        report = run_dask_ingest(
            paths, out, options, pipeline_config(actors), scheduler, workers or default_workers(), partition_mb, batch_size
        )
        stderr.print(f"{report.summary()}; dataset in {out} (query it after 'newsgraph attach {out} --db FILE')", highlight=False)
        if report.failed:
            raise typer.Exit(1)
        return
    if out is not None or scheduler != "local":
        raise UsageError("--out and --scheduler go with --engine dask")
    if (dataset := attached_dataset(db)) is not None:
        raise UsageError(f"{db} is attached to the Parquet dataset {dataset} and read-only; ingest with --engine dask --out {dataset}")
    report = run_ingest(paths, db, options, pipeline_config(actors), batch_size=batch_size, workers=workers)
    stderr.print(report.summary(), highlight=False)
    for warning in report.warnings():
        stderr.print(f"newsgraph: {warning}", highlight=False, markup=False)
    if report.failed:
        raise typer.Exit(1)


@app.command()
@one_line_errors
def attach(
    dataset: Annotated[Path, typer.Argument(help="Folder of a Parquet dataset written by 'ingest --engine dask --out'.")],
    db: DbOption,
) -> None:
    """Make a Parquet dataset queryable with --db, through views over its files (nothing is copied)."""
    counts = attach_dataset(dataset, db)
    stderr.print(
        f"attached {dataset} to {db}: {counts['articles']} articles, {counts['events']} events, {counts['quotes']} quotes", highlight=False
    )


# -- listings -----------------------------------------------------------------------------


def _filters(limit: int, **values: Any) -> Filters:
    return Filters(limit=limit or None, **values)


@app.command()
@one_line_errors
def articles(
    db: DbOption,
    fmt: FormatOption = OutputFormat.table,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
    copies: CopiesFilter = CopiesMode.exclude,
    limit: LimitOption = 100,
) -> None:
    """List stored articles."""
    with Store.open(db, read_only=True) as store:
        table = list_articles(
            store, _filters(limit, actor=actor, country=country, outlet=outlet, since=since, until=until, search=search, copies=copies)
        )
    render(table, fmt, stdout, title="articles")


@app.command()
@one_line_errors
def actors(
    db: DbOption,
    fmt: FormatOption = OutputFormat.table,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    code: CodeFilter = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    copies: CopiesFilter = CopiesMode.exclude,
    limit: LimitOption = 100,
) -> None:
    """List actors with mention counts, overall and per outlet."""
    with Store.open(db, read_only=True) as store:
        table = list_actors(
            store, _filters(limit, actor=actor, country=country, code=code, outlet=outlet, since=since, until=until, copies=copies)
        )
    render(table, fmt, stdout, title="actors")


@app.command()
@one_line_errors
def quotes(
    db: DbOption,
    fmt: FormatOption = OutputFormat.table,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
    copies: CopiesFilter = CopiesMode.exclude,
    limit: LimitOption = 100,
) -> None:
    """List quotations with their speakers."""
    with Store.open(db, read_only=True) as store:
        table = list_quotes(
            store, _filters(limit, actor=actor, country=country, outlet=outlet, since=since, until=until, search=search, copies=copies)
        )
    render(table, fmt, stdout, title="quotes")


@app.command()
@one_line_errors
def events(
    db: DbOption,
    fmt: FormatOption = OutputFormat.table,
    actor: ActorFilter = None,
    country: CountryFilter = None,
    code: CodeFilter = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    copies: CopiesFilter = CopiesMode.exclude,
    limit: LimitOption = 100,
) -> None:
    """List coded events."""
    with Store.open(db, read_only=True) as store:
        table = list_events(
            store, _filters(limit, actor=actor, country=country, code=code, outlet=outlet, since=since, until=until, copies=copies)
        )
    render(table, fmt, stdout, title="events")


# -- evaluate (actors, quotes, events: one subcommand each) ------------------------------

evaluate_app = typer.Typer(help="Score extraction against gold corpora in their own formats.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


# -- evaluate actors ----------------------------------------------------------------------


@evaluate_app.command("actors")
@one_line_errors
def evaluate_actors_command(
    gold: Annotated[Path, typer.Option("--gold", help="NGEC actor-resolution expectations (JSON Lines).")],
    fmt: FormatOption = OutputFormat.table,
    actors: ActorsOption = None,
    misses: Annotated[bool, typer.Option("--misses", help="Also list every text whose country was missed.")] = False,
) -> None:
    """Score country (and sector) resolution of actor names against NGEC's expectations."""
    import pyarrow as pa

    from newsgraph.evaluate.actors import evaluate_actors
    from newsgraph.pipeline import Analyzer

    if not gold.is_file():
        raise UsageError(f"--gold: no such file: {gold}")
    scores = evaluate_actors(gold, Analyzer(pipeline_config(actors)))
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


# -- evaluate quotes ----------------------------------------------------------------------


@evaluate_app.command("quotes")
@one_line_errors
def evaluate_quotes_command(
    gold: Annotated[Path, typer.Option("--gold", help="PolNeAR gold: the derived .jsonl file or a brat folder such as data/dev.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Score quotations (content, cue, source) against PolNeAR: exact and overlap matching,
    all attributions and the quote-marked subset."""
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


# -- evaluate events ----------------------------------------------------------------------


@evaluate_app.command("events")
@one_line_errors
def evaluate_events_command(
    gold: Annotated[Path, typer.Option("--gold", help="An event gold set, or a folder holding them (e.g. ../shared/eval).")],
    split: Annotated[str, typer.Option("--split", help="all, dev (even positions) or test (odd positions).")] = "all",
    sets: Annotated[
        list[str] | None, typer.Option("--set", help="Only these sets: cameo_manual, conflibert, petrarch, multirater; repeatable.")
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


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value)


# -- corpus: duplicates, compare, timeline, network ----------------------------------------


def _scope(since: str | None, until: str | None, copies: CopiesMode) -> Any:
    from newsgraph.corpus.scope import Scope

    return Scope(since=since, until=until, copies=str(copies))


@app.command()
@one_line_errors
def duplicates(db: DbOption, fmt: FormatOption = OutputFormat.table) -> None:
    """List copy clusters: each republished copy or near-duplicate with its original, score and differences."""
    from newsgraph.corpus.duplicates import copy_clusters, duplicates_table

    with Store.open(db, read_only=True) as store:
        if fmt in (OutputFormat.json, OutputFormat.jsonl):
            rows = copy_clusters(store)  # the full diff, with offsets, as nested JSON
            lines = [to_json(rows)] if fmt is OutputFormat.json else [to_json(r) for r in rows]
            sys.stdout.write("".join(line + "\n" for line in lines))
            return
        table = duplicates_table(store)
    render(table, fmt, stdout, title="copies (one row per difference)")


@app.command()
@one_line_errors
def compare(
    db: DbOption,
    outlets: Annotated[
        str, typer.Option("--outlets", help="Two outlets or groups 'A,B'; a group is 'X+Y', 'country:RUS', 'state' or 'wire'.")
    ],
    fmt: FormatOption = OutputFormat.table,
    since: SinceFilter = None,
    until: UntilFilter = None,
    top: Annotated[int, typer.Option("--top", help="Rows per section.", min=1)] = 10,
    copies: CopiesFilter = CopiesMode.exclude,
) -> None:
    """Compare two outlets or outlet groups: voices, actors, events, tone toward actors, blindspots."""
    from newsgraph.corpus.compare import compare as run_compare
    from newsgraph.corpus.scope import parse_groups
    from newsgraph.ingest.outlets import load_outlets

    with Store.open(db, read_only=True) as store:
        groups = parse_groups(outlets, store, load_outlets(outlet_files_from_env()))
        result = run_compare(store, groups, _scope(since, until, copies), top=top)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        sys.stdout.write(to_json(result.to_dict()) + "\n")
        return
    for group in groups:
        stdout.print(f"[bold]{group.label}[/bold]: {', '.join(group.outlets)}", highlight=False)
    for name, table in result.sections.items():
        if fmt is OutputFormat.csv:
            stdout.file.write(f"# {name}\n")
        render(table, fmt, stdout, title=name.replace("_", " "))


@app.command()
@one_line_errors
def timeline(
    db: DbOption,
    actor: Annotated[str, typer.Option("--actor", help="Actor id, CAMEO code prefix (RUS), country or name.")],
    target: Annotated[str | None, typer.Option("--target", help="The other side of the dyad.")] = None,
    interval: Annotated[str, typer.Option("--by", help="day, week, month or year.")] = "day",
    directed: Annotated[bool, typer.Option("--directed", help="Only events from --actor to --target.")] = False,
    fmt: FormatOption = OutputFormat.table,
    since: SinceFilter = None,
    until: UntilFilter = None,
    copies: CopiesFilter = CopiesMode.exclude,
) -> None:
    """Events over time for an actor or a dyad (events, distinct happenings, Goldstein, QuadClass)."""
    from newsgraph.corpus.timeline import timeline as run_timeline

    if interval not in ("day", "week", "month", "year"):
        raise UsageError(f"--by must be day, week, month or year, got '{interval}'")
    with Store.open(db, read_only=True) as store:
        table = run_timeline(store, actor, target, interval, _scope(since, until, copies), directed=directed)  # type: ignore[arg-type]
    render(table, fmt, stdout, title=f"timeline {actor}" + (f" – {target}" if target else ""))


@app.command()
@one_line_errors
def network(
    db: DbOption,
    out: Annotated[Path | None, typer.Option("--out", help="Write the network to FILE.graphml or FILE.csv.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events involving this actor.")] = None,
    country: CountryFilter = None,
    min_events: Annotated[int, typer.Option("--min-events", help="Drop edges with fewer events.", min=1)] = 1,
    fmt: FormatOption = OutputFormat.table,
    since: SinceFilter = None,
    until: UntilFilter = None,
    copies: CopiesFilter = CopiesMode.exclude,
) -> None:
    """The actor network: edges count the events (each happening once) between actors, with
    their mean and summed Goldstein scores."""
    import pyarrow.csv as pacsv

    from newsgraph.export.network import edge_list, network_tables, write_graphml

    filters = _filters(0, actor=actor, country=country, since=since, until=until, copies=copies)  # 0: every event
    suffix = out.suffix.lower() if out is not None else None
    if out is not None and suffix not in (".graphml", ".csv"):
        raise UsageError(f"--out must end in .graphml or .csv, got '{out.name}'")
    with Store.open(db, read_only=True) as store:
        if out is not None and suffix == ".graphml":
            written = write_graphml(store, out, filters, min_events)
            stderr.print(f"wrote {written.nodes} actors and {written.edges} edges to {out}", highlight=False)
            return
        nodes, edges = network_tables(store, filters, min_events)
    if out is not None:
        pacsv.write_csv(edge_list(nodes, edges), out)
        stderr.print(f"wrote {nodes.num_rows} actors and {edges.num_rows} edges to {out}", highlight=False)
        return
    render(edge_list(nodes, edges), fmt, stdout, title="actor network")


# -- export -------------------------------------------------------------------------------

EXPORT_FORMATS = ("gdelt", "plover", "parquet", "csv", "jsonl", "graphml")


@app.command("export")
@one_line_errors
def export_store(
    db: DbOption,
    fmt: Annotated[str, typer.Option("--format", "-f", help="gdelt, plover, parquet, csv, jsonl or graphml.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder (gdelt, parquet, csv, jsonl) or file (plover, graphml).")],
    actor: ActorFilter = None,
    country: CountryFilter = None,
    code: CodeFilter = None,
    outlet: OutletFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    copies: CopiesFilter = CopiesMode.exclude,
    tables: Annotated[str | None, typer.Option("--tables", help="Comma-separated tables to write (table formats).")] = None,
    memory: Annotated[str, typer.Option("--memory-limit", help="DuckDB memory cap; beyond it, work spills to disk.")] = "1GB",
) -> None:
    """Export the store: GDELT 2.0 events and mentions, PLOVER JSON Lines, tables, or the actor network.

    --db may also name a folder of Parquet tables. Filters select events (gdelt, plover, graphml).
    """
    from newsgraph.dataset import Dataset

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, got '{fmt}'")
    chosen = [t.strip() for t in tables.split(",") if t.strip()] if tables else None
    filters = {"actor": actor, "country": country, "code": code, "outlet": outlet, "since": since, "until": until, "copies": str(copies)}
    with Dataset.open(db) as dataset:
        result = dataset.export(fmt, out, tables=chosen, memory=memory, **filters)  # type: ignore[arg-type]
    stderr.print(result.summary(), highlight=False)


# -- serve --------------------------------------------------------------------------------


@app.command()
@one_line_errors
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="NEWSGRAPH_TOKEN",
            help="Bearer token that enables POST /api/articles (env NEWSGRAPH_TOKEN); without one the store is read-only.",
            show_default=False,
        ),
    ] = None,
    max_body_mb: Annotated[float, typer.Option("--max-body-mb", help="Largest request body accepted, in MB.", min=0.001)] = 10.0,
) -> None:
    """Serve the REST API (/api/, docs at /api/docs) and the web UI over the store."""
    import uvicorn

    from newsgraph.server import ServeConfig, create_app

    config = ServeConfig(db=db, token=token or None, max_body=int(max_body_mb * 1_000_000))
    web = create_app(config)
    mode = "read-only" if config.read_only else "read-write, POST /api/articles enabled"
    shown = f"[{host}]" if ":" in host else host
    stderr.print(f"newsgraph serve: http://{shown}:{port}/ over {db} ({mode}); Ctrl-C to stop", highlight=False, markup=False)
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False, server_header=False)
    except SystemExit as exc:
        # uvicorn exits 3 when it cannot bind (it has said why); our contract says 1.
        raise typer.Exit(0 if exc.code in (0, None) else 1) from exc


# -- check --------------------------------------------------------------------------------


@app.command()
@one_line_errors
def check(
    db: DbOption,
    limit: Annotated[int, typer.Option("--limit", help="At most this many problems reported per check.", min=1)] = 50,
    repair: Annotated[
        bool,
        typer.Option("--repair", help="First finish the cross-article tables (copies, event clusters) and rebuild what disagrees."),
    ] = False,
) -> None:
    """Verify the store: every offset lies inside its article and matches the stored evidence
    text, no row refers to a missing article/actor/event, no id is stored twice, and the
    copies and event clusters agree with the articles. Exit 0 when clean; else one line per
    problem on stdout and exit 1."""
    from newsgraph.corpus.integrity import check_corpus, repair_corpus
    from newsgraph.store.check import check_store

    attached = attached_dataset(db) is not None  # a Parquet dataset has no cross-article tables
    if repair and attached:
        raise UsageError(Errors.E322, path=db)
    with Store.open(db, read_only=not repair) as store:
        if repair:
            stderr.print(f"newsgraph check {db}: {repair_corpus(store).summary()}", highlight=False, markup=False)
        report = check_store(store, limit=limit)
        if not attached and report.ok:
            report.problems.extend(check_corpus(store).lines())
    for problem in report.problems:
        sys.stdout.write(f"{db}: {problem}\n")
    sys.stdout.flush()
    stderr.print(f"newsgraph check {db}: {report.summary()}", highlight=False, markup=False)
    if not report.ok:
        raise typer.Exit(1)


# -- demo ---------------------------------------------------------------------------------


def examples_dir() -> Path:
    """The bundled example articles (``examples/`` beside the package in a checkout)."""
    return Path(__file__).resolve().parents[2] / "examples"


@app.command()
@one_line_errors
def demo(
    db: DbOption,
    examples: Annotated[Path | None, typer.Option("--examples", help="Folder of example articles.")] = None,
) -> None:
    """Ingest the bundled example articles and print a short report."""
    from newsgraph.cli.demo import demo_report

    folder = examples or examples_dir()
    if not folder.is_dir():
        raise UsageError(f"no examples folder at {folder}; pass --examples DIR")
    stderr.print(f"Ingesting the examples in {folder} into {db} …", highlight=False)
    report = run_ingest([str(folder)], db, ReadOptions(), PipelineConfig())
    stderr.print(report.summary(), highlight=False)
    with Store.open(db, read_only=True) as store:
        demo_report(store, stdout, db=str(db))


def main() -> None:
    """Entry point of the ``newsgraph`` script."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()


if __name__ == "__main__":
    main()

"""``analyze`` (print records) and ``ingest`` (store them), which share their input and
pipeline options, and the progress bar both ingest engines report to."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsgraph.cli.app import command, say, stderr
from newsgraph.cli.options import DbOption, PathsArg, WorkersOption, bundled, pipeline_options, read_options
from newsgraph.config import PipelineConfig, ReadOptions
from newsgraph.errors import Errors, UsageError
from newsgraph.model import InputFailure, to_json

if TYPE_CHECKING:
    from newsgraph.run.job import IngestReport

PANEL = "Analyse and store"


def report_failure(failure: InputFailure) -> None:
    """One line on stderr naming the file (and line) and the reason."""
    say(f"newsgraph: {failure}")


@command(rich_help_panel=PANEL)
@bundled(read=read_options, pipeline=pipeline_options)
def analyze(paths: PathsArg, read: ReadOptions, workers: WorkersOption = None, pipeline: PipelineConfig = PipelineConfig()) -> None:
    """Analyse articles and print one JSON record per article (JSON Lines); store nothing."""
    from newsgraph.ingest import read_articles
    from newsgraph.run.engine import default_workers
    from newsgraph.run.job import analyze_items
    from newsgraph.run.pool import LocalEngine

    name_unread_files(paths)
    engine = LocalEngine(pipeline, workers or default_workers())
    failed = 0
    for item in analyze_items(read_articles(paths, read), engine):
        if isinstance(item, InputFailure):
            failed += 1
            report_failure(item)
        else:
            sys.stdout.write(to_json(item.to_dict()) + "\n")
    sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


def name_unread_files(paths: Iterable[str]) -> None:
    """One line naming the files of the given folders that newsgraph does not read."""
    from newsgraph.ingest.sources import SUFFIXES, unread_files

    unread = unread_files(paths)
    if unread:
        names = ", ".join(str(p) for p in unread[:5]) + (f" and {len(unread) - 5} more" if len(unread) > 5 else "")
        say(f"newsgraph: [{Errors.E723.code}] {Errors.E723.format(count=len(unread), names=names, suffixes=' '.join(SUFFIXES))}")


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
    from newsgraph import corpus
    from newsgraph.ingest import read_articles
    from newsgraph.run.engine import default_workers
    from newsgraph.run.job import ingest_items
    from newsgraph.run.pool import LocalEngine
    from newsgraph.store import Store

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


BatchOption = Annotated[int, typer.Option("--batch-size", help="Articles per transaction.", min=1, metavar="N")]
EngineOption = Annotated[
    EngineName,
    typer.Option(
        "--engine",
        help="local: worker processes on this machine, into --db; dask: a Dask cluster, into --out.",
        metavar="[local|dask]",
    ),
]
SchedulerOption = Annotated[
    str,
    typer.Option(
        "--scheduler", help="With --engine dask: scheduler address (tcp://HOST:8786), or 'local' for a LocalCluster.", metavar="ADDRESS"
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="With --engine dask: folder of the Parquet dataset (see 'newsgraph attach').", metavar="DIR")
]
PartitionOption = Annotated[
    float,
    typer.Option(
        "--partition-mb", help="With --engine dask: JSON Lines files are read in partitions of about this size.", min=0.01, metavar="MB"
    ),
]


@command(rich_help_panel=PANEL)
@bundled(read=read_options, pipeline=pipeline_options)
def ingest(
    paths: PathsArg,
    db: DbOption,
    read: ReadOptions,
    workers: WorkersOption = None,
    pipeline: PipelineConfig = PipelineConfig(),
    batch_size: BatchOption = 64,
    engine: EngineOption = EngineName.local,
    scheduler: SchedulerOption = "local",
    out: OutOption = None,
    partition_mb: PartitionOption = 8.0,
) -> None:
    """Analyse articles and store them; re-ingesting the same text changes nothing."""
    from newsgraph.run.engine import default_workers
    from newsgraph.store.attach import attached_dataset

    name_unread_files(paths)
    if engine is EngineName.dask:
        if out is None:
            raise UsageError(Errors.E701)
        report = run_dask_ingest(paths, out, read, pipeline, scheduler, workers or default_workers(), partition_mb, batch_size)
        say(f"{report.summary()}; dataset in {out} (query it after 'newsgraph attach {out} --db FILE')")
        if report.failed:
            raise typer.Exit(1)
        return
    if out is not None or scheduler != "local":
        raise UsageError(Errors.E702)
    if (dataset := attached_dataset(db)) is not None:
        raise UsageError(Errors.E703, db=db, dataset=dataset)
    report = run_ingest(paths, db, read, pipeline, batch_size=batch_size, workers=workers)
    say(report.summary())
    for warning in report.warnings():
        say(f"newsgraph: {warning}")
    if report.failed:
        raise typer.Exit(1)

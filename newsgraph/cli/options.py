"""Options shared by several commands, declared once.

Single options are ``Annotated`` aliases (``DbOption``). A bundle is a function whose
parameters are the options and whose result is what the command needs (``read_options`` →
``ReadOptions``); ``@bundled(read=read_options)`` puts those options on a command in place of
its ``read`` parameter and hands the command the built value. ``analyze`` and ``ingest`` take
the same twelve input options this way, in the manner of sqlite-utils' shared option
decorators.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from newsgraph.cli.render import OutputFormat
from newsgraph.config import FieldMap, PipelineConfig, ReadOptions, default_db_path, outlet_files_from_env
from newsgraph.params import parse_date

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        help="DuckDB store file (env NEWSGRAPH_DB), or a folder of Parquet tables for reading.",
        default_factory=default_db_path,
        show_default="./newsgraph.duckdb",
        metavar="FILE",
    ),
]
PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or '-' for JSON Lines on stdin.", metavar="PATH...")]
WorkersOption = Annotated[int | None, typer.Option("--workers", help="Worker processes (default: all cores).", min=1, metavar="N")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.", metavar="[table|csv|json|jsonl]")]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor dictionary (YAML/CSV or PETRARCH format); repeatable.", metavar="FILE"),
]
PipelineConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="spaCy config file laid over newsgraph/pipeline/config.cfg: swap, disable or configure components.", metavar="FILE"
    ),
]

_DEFAULT_READ = ReadOptions()


def _field(option: str, what: str) -> Any:
    return typer.Option(option, help=f"Input field holding {what}.", metavar="NAME")


def read_options(
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date for inputs that carry none.", metavar="YYYY-MM-DD")
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name for inputs that carry none.", metavar="NAME")] = None,
    text_field: Annotated[str, _field("--text-field", "the article text")] = "text",
    title_field: Annotated[str, _field("--title-field", "the title")] = "title",
    id_field: Annotated[str, _field("--id-field", "the article id")] = "id",
    url_field: Annotated[str, _field("--url-field", "the URL")] = "url",
    published_field: Annotated[str, _field("--published-field", "the publication date")] = "published",
    outlet_field: Annotated[str, _field("--outlet-field", "the outlet")] = "outlet",
    max_file_mb: Annotated[
        float,
        typer.Option(
            "--max-file-mb", help="Largest one-article file, or record of a JSON Lines/WARC file, in MB.", min=0.000001, metavar="MB"
        ),
    ] = _DEFAULT_READ.max_file_bytes / 1e6,
    max_article_chars: Annotated[
        int, typer.Option("--max-article-chars", help="Longest article, in characters of cleaned text.", min=1, metavar="N")
    ] = _DEFAULT_READ.max_article_chars,
    max_expansion: Annotated[
        float,
        typer.Option(
            "--max-expansion", help="Refuse .gz inputs that expand more than this many times (decompression bombs).", min=1, metavar="X"
        ),
    ] = _DEFAULT_READ.max_expansion,
    read_timeout: Annotated[
        float,
        typer.Option(
            "--read-timeout", help="Seconds one file, or one record of a streamed file, may take to read (0: no limit).", min=0, metavar="S"
        ),
    ] = _DEFAULT_READ.read_timeout or 0,
) -> ReadOptions:
    """How inputs are read: defaults for missing metadata, field names, limits."""
    return ReadOptions(
        published=parse_date("published", published),
        outlet=outlet,
        fields=FieldMap(text_field, title_field, id_field, url_field, published_field, outlet_field),
        outlet_files=outlet_files_from_env(),
        max_file_bytes=max(1, int(max_file_mb * 1e6)),
        max_article_chars=max_article_chars,
        max_expansion=max_expansion,
        read_timeout=read_timeout or None,
    )


def pipeline_options(actors: ActorsOption = None, config: PipelineConfigOption = None) -> PipelineConfig:
    """How the pipeline is built: a config file laid over the package's, extra actor dictionaries."""
    return PipelineConfig(config_file=config, actor_files=tuple(actors or ()))


def _keyword_only(parameters: Any) -> list[inspect.Parameter]:
    return [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in parameters]


def bundled(**bundles: Callable[..., Any]) -> Callable[[F], F]:
    """Replace each named parameter of a command by the options of its bundle function; the
    command receives what the bundle returns."""
    options = {name: _keyword_only(inspect.signature(build, eval_str=True).parameters.values()) for name, build in bundles.items()}

    def decorate(func: F) -> F:
        parameters: list[inspect.Parameter] = []
        for parameter in _keyword_only(inspect.signature(func, eval_str=True).parameters.values()):
            parameters.extend(options.get(parameter.name, [parameter]))

        @functools.wraps(func)
        def command(**values: Any) -> Any:
            for name, build in bundles.items():
                values[name] = build(**{p.name: values.pop(p.name) for p in options[name]})
            return func(**values)

        expose(command, parameters)
        return command  # type: ignore[return-value]

    return decorate


def keyword(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    """A keyword-only parameter, for commands whose options are assembled (see ``expose``)."""
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def expose(func: Callable[..., Any], parameters: list[inspect.Parameter]) -> None:
    """Give ``func`` the signature Typer reads its options from."""
    func.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    func.__annotations__ = {p.name: p.annotation for p in parameters}

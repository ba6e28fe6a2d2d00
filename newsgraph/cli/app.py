"""The ``newsgraph`` Typer app, its two consoles, and the wrapper that turns library errors into
one coded line on stderr with the documented exit codes (2 for usage errors, else 1)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from typer.core import TyperCommand, TyperGroup

from newsgraph import __version__
from newsgraph.errors import Errors, NewsgraphError, UsageError


class _PlainFlags:
    """``--help`` shows a flag as just its name, without a ``<bool>`` type marker."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class Command(_PlainFlags, TyperCommand):
    """A newsgraph command."""


class Group(_PlainFlags, TyperGroup):
    """A group of newsgraph commands."""


app = typer.Typer(
    name="newsgraph",
    help="Turn news articles about international politics into verifiable, structured data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    cls=Group,
)


def _print_version(value: bool) -> None:
    if value:
        print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_print_version, is_eager=True)] = False,
) -> None:
    """Turn news articles about international politics into verifiable, structured data."""


# Piped output (CI logs, files) gets a wide table rather than an 80-column one.
stdout = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
stderr = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def say(message: str) -> None:
    """One plain line on stderr (no markup, no highlighting)."""
    stderr.print(message, highlight=False, markup=False)


def one_line_errors(func: F) -> F:
    """Turn library errors into one line on stderr and the documented exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UsageError as exc:
            say(f"newsgraph: {exc}")
            raise typer.Exit(2) from exc
        except NewsgraphError as exc:
            say(f"newsgraph: {exc}")
            raise typer.Exit(1) from exc
        except KeyboardInterrupt as exc:
            say(f"newsgraph: [{Errors.E722.code}] {Errors.E722.format()}")
            raise typer.Exit(130) from exc
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("NEWSGRAPH_DEBUG"):
                raise
            say(f"newsgraph: [{Errors.E721.code}] {Errors.E721.format(name=type(exc).__name__, reason=exc)}")
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def command(name: str | None = None, parent: typer.Typer = app, **settings: Any) -> Callable[[F], F]:
    """Register a command on ``parent`` with one-line errors."""

    def register(func: F) -> F:
        parent.command(name, cls=Command, **settings)(one_line_errors(func))
        return func

    return register


def main() -> None:
    """Entry point of the ``newsgraph`` script."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()

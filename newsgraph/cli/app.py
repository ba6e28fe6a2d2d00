"""The ``newsgraph`` Typer app, its two consoles, and the wrapper that turns library errors into
one coded line on stderr with the documented exit codes (2 for usage errors, else 1)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console

from newsgraph.errors import Errors, NewsgraphError, UsageError

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
        parent.command(name, **settings)(one_line_errors(func))
        return func

    return register


def main() -> None:
    """Entry point of the ``newsgraph`` script."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    app()

"""The ``newsgraph`` command."""

from newsgraph.cli.commands import app, main

__all__ = ["app", "main"]

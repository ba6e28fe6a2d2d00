"""The ``newsgraph`` command: a thin skin over the library. Options are parsed here (shared
ones declared once in ``options``), the work is done by the library, and library errors
become one coded line on stderr (``app.one_line_errors``).

Commands by group, registered in the order ``--help`` shows them: ``ingest`` (analyze,
ingest), ``listings`` (articles, actors, quotes, events — one factory), ``corpus``
(duplicates, compare, timeline, network), ``store`` (attach, export, check), ``serve``,
``demo``, ``evaluate``.
"""

# isort: off
from newsgraph.cli import ingest, listings, corpus, store, serve, demo, evaluate
from newsgraph.cli.app import app, main

# isort: on

__all__ = ["app", "corpus", "demo", "evaluate", "ingest", "listings", "main", "serve", "store"]

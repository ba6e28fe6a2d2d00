"""``newsgraph serve``: the REST API and the web pages over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from newsgraph.cli.app import command, say
from newsgraph.cli.options import DbOption

TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="NEWSGRAPH_TOKEN",
        help="Bearer token that enables POST /api/articles (env NEWSGRAPH_TOKEN); without one the store is read-only.",
        show_default=False,
        metavar="TOKEN",
    ),
]

PANEL = "Serve and demo"


@command(rich_help_panel=PANEL)
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.", metavar="ADDRESS")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535, metavar="PORT")] = 8000,
    token: TokenOption = None,
    max_body_mb: Annotated[
        float, typer.Option("--max-body-mb", help="Largest request body accepted, in MB.", min=0.001, metavar="MB")
    ] = 10.0,
) -> None:
    """Serve the REST API (/api/, docs at /api/docs) and the web UI over the store (a DuckDB file or a Parquet folder)."""
    from newsgraph.server import ServeConfig, create_app
    from newsgraph.server.app import listen, uvicorn_server

    config = ServeConfig(db=db, token=token or None, max_body=int(max_body_mb * 1_000_000))
    sock = listen(host, port)  # a busy port fails here, before anything is printed
    try:
        web = create_app(config)
    except BaseException:
        sock.close()
        raise
    mode = "read-only" if config.read_only else "read-write, POST /api/articles enabled"
    shown = f"[{host}]" if ":" in host else host
    say(f"newsgraph serve: http://{shown}:{port}/ over {db} ({mode}); Ctrl-C to stop")
    try:
        uvicorn_server(web).run(sockets=[sock])
    except SystemExit as exc:
        raise typer.Exit(0 if exc.code in (0, None) else 1) from exc
    finally:
        sock.close()

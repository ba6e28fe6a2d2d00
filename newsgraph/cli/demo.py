"""The demo's readable report of a store: articles, top actors, quotes, events, next steps."""

from __future__ import annotations

from rich.console import Console

from newsgraph.cli.render import OutputFormat, render
from newsgraph.store import Filters, Store, list_actors, list_articles, list_events, list_quotes


def demo_report(store: Store, console: Console, db: str) -> None:
    """Print a summary of what the store holds and how to go on."""
    counts = store.counts()
    console.rule("[bold]newsgraph demo")
    console.print(
        f"{counts['articles']} articles · {counts['actors']} actors · {counts['mentions']} mentions · "
        f"{counts['quotes']} quotes · {counts['events']} events · {counts['places']} place mentions"
    )
    articles = list_articles(store, Filters(limit=20)).select(["published", "outlet", "title", "words", "actors", "quotes", "events"])
    render(articles, OutputFormat.table, console, title="Articles")
    actors = list_actors(store, Filters(limit=12)).select(["name", "type", "code", "articles", "mentions", "by_outlet"])
    render(actors, OutputFormat.table, console, title="Top actors")
    if counts["quotes"]:
        quotes = list_quotes(store, Filters(limit=10)).select(["outlet", "speaker", "cue", "text"])
        render(quotes, OutputFormat.table, console, title="Quotations")
    if counts["events"]:
        events = list_events(store, Filters(limit=12)).select(["date", "cameo", "name", "source", "target", "modality", "place"])
        render(events, OutputFormat.table, console, title="Events")
    option = "" if db == "newsgraph.duckdb" else f" --db {db}"
    console.print(
        "\n[bold]Go on:[/bold]\n"
        f"  newsgraph articles{option}                 list articles (--format csv|json|jsonl)\n"
        f"  newsgraph actors{option} --country RUS     actors of one country\n"
        f"  newsgraph events{option} --actor Lavrov    events of one actor\n"
        f"  newsgraph analyze FILE                      one JSON record per article, nothing stored\n"
        f"  newsgraph serve{option}                    browse the store in a web browser (http://127.0.0.1:8000)"
    )

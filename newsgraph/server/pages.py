"""The pages. Each parses its query string with the same functions as its API twin
(``/api`` + the same path and query) and shows the same data, drawn."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from newsgraph.dataset import Dataset
from newsgraph.model import Article
from newsgraph.params import MODALITIES, Filters, parse_int
from newsgraph.server.charts import Series, bar_chart, time_axis
from newsgraph.server.highlight import event_summary, record_marks, segments
from newsgraph.server.network import network_chart
from newsgraph.server.params import (
    CopiesQ,
    DirectedQ,
    PageRequest,
    actor_filters,
    article_filters,
    event_filters,
    flag,
    interval_param,
    page_request,
    quote_filters,
)
from newsgraph.server.responses import next_token, next_url
from newsgraph.server.state import request_dataset
from newsgraph.server.templating import render_page
from newsgraph.server.views import actor_view, clusters_view, compare_columns, copies_note, duplicates_view

router = APIRouter(include_in_schema=False)
DataDep = Annotated[Dataset, Depends(request_dataset)]
PageDep = Annotated[PageRequest, Depends(page_request)]


def _listing_page(
    request: Request, data: Dataset, template: str, title: str, name: str, filters: Filters, page: PageRequest, **extra: Any
) -> Response:
    listing = data.page(name, filters, page.limit, page.after)
    context = {
        "title": title,
        "rows": listing.rows,
        "total": data.count(name, filters),
        "next_url": next_url(request, next_token(listing)),
        "filters": filters.active(),
        "params": request.query_params,
        "note": copies_note(data, filters),
        **extra,
    }
    return render_page(request, template, context)


@router.get("/")
def home(request: Request, data: DataDep) -> Response:
    """What the store holds, the outlets, the most mentioned actors and the newest articles."""
    return render_page(
        request,
        "home.html",
        {
            "title": "newsgraph",
            "counts": data.counts(),
            "outlets": data.outlets().to_pylist(),
            "actors": data.run("actors", Filters(limit=12)).to_pylist(),
            "articles": data.run("articles", Filters(limit=8)).to_pylist(),
        },
    )


@router.get("/articles")
def articles(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(article_filters)]) -> Response:
    """Articles, searchable."""
    return _listing_page(request, data, "articles.html", "Articles", "articles", filters, page)


def _reader_context(article: Article) -> dict[str, Any]:
    marks = record_marks(article)
    return {
        "title": article.title or article.id,
        "article": article,
        "segments": segments(article.text, marks),
        "event_lines": [event_summary(article, i) for i in range(len(article.events))],
        "out_of_range": sum(1 for a in marks if not 0 <= a.start < a.end <= len(article.text)),
        # Stable anchors by record id, so that listings can link to one event or quote.
        "record_ids": {f"e{i}": f"event-{e.id}" for i, e in enumerate(article.events)}
        | {f"q{i}": f"quote-{q.id}" for i, q in enumerate(article.quotes)},
    }


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, data: DataDep) -> Response:
    """The article reader: text with actors, quotes and event triggers marked, and the records
    in a side panel that points into the text."""
    return render_page(request, "article.html", _reader_context(data.article(article_id)))


@router.get("/actors")
def actors(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(actor_filters)]) -> Response:
    """Actors by mentions."""
    return _listing_page(request, data, "actors.html", "Actors", "actors", filters, page)


@router.get("/actors/{actor_id:path}")
def actor(
    request: Request, actor_id: str, data: DataDep, interval: Annotated[str, Depends(interval_param)], copies: CopiesQ = None
) -> Response:
    """One actor: mentions, quotes, and events as source and target over time."""
    view = actor_view(data, actor_id, interval, copies)
    rows = view.timeline.to_pylist()
    axis = time_axis(rows, interval)
    chart = bar_chart(
        axis.labels,
        [Series("as source", "series-source", axis.values("as_source")), Series("as target", "series-target", axis.values("as_target"))],
        stacked=False,
        height=260,
        ticks=axis.ticks,
        periods=axis.periods,
    )
    return render_page(
        request,
        "actor.html",
        {"title": view.actor["name"], "view": view, "chart": chart, "timeline": rows, "interval": interval},
    )


@router.get("/quotes")
def quotes(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(quote_filters)]) -> Response:
    """Quotations with their speakers."""
    return _listing_page(request, data, "quotes.html", "Quotes", "quotes", filters, page)


@router.get("/events")
def events(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(event_filters)]) -> Response:
    """The events table with every filter."""
    listing = data.page("events", filters, page.limit, page.after)
    total = data.count("events", filters)
    return _event_page(
        request, data, "events.html", "Events", filters, rows=listing.rows, total=total, next_url=next_url(request, next_token(listing))
    )


def _outlets(data: Dataset) -> list[str]:
    return [row["outlet"] for row in data.outlets().to_pylist()]


def _event_page(request: Request, data: Dataset, template: str, title: str, filters: Filters, **extra: Any) -> Response:
    """A page with the event filter form: its choices, the active filters and any note."""
    context = {
        "title": title,
        "params": request.query_params,
        "filters": filters.active(),
        "modalities": MODALITIES,
        "outlets": _outlets(data),
        "note": copies_note(data, filters),
        **extra,
    }
    return render_page(request, template, context)


@router.get("/timeline")
def timeline(
    request: Request,
    data: DataDep,
    filters: Annotated[Filters, Depends(event_filters)],
    interval: Annotated[str, Depends(interval_param)],
    directed: DirectedQ = None,
) -> Response:
    """Events per period by QuadClass, with the mean Goldstein score."""
    rows = data.timeline(interval=interval, directed=flag("directed", directed), as_arrow=True, **filters.given()).to_pylist()
    axis = time_axis(rows, interval)
    chart = bar_chart(
        axis.labels,
        [
            Series("verbal cooperation", "quad-1", axis.values("verbal_cooperation")),
            Series("material cooperation", "quad-2", axis.values("material_cooperation")),
            Series("verbal conflict", "quad-3", axis.values("verbal_conflict")),
            Series("material conflict", "quad-4", axis.values("material_conflict")),
        ],
        line=axis.optional("goldstein"),
        line_name="mean Goldstein",
        ticks=axis.ticks,
        periods=axis.periods,
    )
    return _event_page(request, data, "timeline.html", "Timeline", filters, rows=rows, chart=chart, interval=interval)


@router.get("/network")
def network(
    request: Request,
    data: DataDep,
    filters: Annotated[Filters, Depends(event_filters)],
    max_edges: str | None = None,
    min_events: str | None = None,
) -> Response:
    """The actor network of the filtered events."""
    most = parse_int("max_edges", max_edges, 1, 2000) or 200
    least = parse_int("min_events", min_events, 1, 1_000_000) or 1
    nodes, edges = data.network(min_events=least, max_edges=most, as_arrow=True, **filters.given())
    chart = network_chart(nodes.to_pylist(), edges.to_pylist())
    return _event_page(request, data, "network.html", "Network", filters, chart=chart, edges=edges.to_pylist())


@router.get("/clusters")
def clusters(
    request: Request,
    data: DataDep,
    filters: Annotated[Filters, Depends(event_filters)],
    min_articles: str | None = None,
    limit: str | None = None,
) -> Response:
    """One event reported by several articles."""
    least = parse_int("min_articles", min_articles, 1, 1000) or 2
    table, method = clusters_view(data, filters, least, parse_int("limit", limit, 1, 1000) or 100)
    return _event_page(request, data, "clusters.html", "Event clusters", filters, rows=table.to_pylist(), method=method, min_articles=least)


@router.get("/compare")
def compare(
    request: Request,
    data: DataDep,
    a: Annotated[list[str] | None, Query()] = None,
    b: Annotated[list[str] | None, Query()] = None,
    since: str | None = None,
    until: str | None = None,
    top: str | None = None,
    copies: str | None = None,
) -> Response:
    """Two outlets or outlet groups side by side (a form until both are chosen)."""
    chosen_a, chosen_b = [x for x in (a or []) if x], [x for x in (b or []) if x]
    rows = parse_int("top", top, 1, 100) or 10
    result = data.compare(chosen_a, chosen_b, since, until, rows, copies) if chosen_a and chosen_b else None
    context = {
        "title": "Compare outlets",
        "outlets": [*_outlets(data), "wire", "state"],
        "result": result,
        "columns": {name: compare_columns(table) for name, table in result.sections.items()} if result else {},
        "a": chosen_a,
        "b": chosen_b,
        "params": request.query_params,
    }
    return render_page(request, "compare.html", context)


@router.get("/duplicates")
def duplicates(request: Request, data: DataDep, outlet: str | None = None, limit: str | None = None) -> Response:
    """Copies and near-duplicates with their originals."""
    view = duplicates_view(data, outlet, parse_int("limit", limit, 1, 1000) or 200)
    context = {"title": "Duplicates", "rows": view.rows, "note": view.note, "params": request.query_params}
    return render_page(request, "duplicates.html", context)

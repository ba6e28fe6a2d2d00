"""The read endpoints under ``/api/``: listings (JSON or CSV, keyset pages), one article's
full record, one actor, and the aggregates (timeline, network, clusters, compare, duplicates).

Handlers only parse, call ``Dataset`` (listings) or the views (aggregates) and shape the
answer; the pages in ``newsgraph.server.pages`` call the same functions, so a page shows
nothing its API twin lacks.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from newsgraph import __version__
from newsgraph.dataset import Dataset
from newsgraph.errors import Errors, UsageError
from newsgraph.params import DATE, Filters, parse_int
from newsgraph.server.params import (
    CopiesQ,
    DirectedQ,
    FormatQ,
    PageRequest,
    actor_filters,
    article_filters,
    documented,
    event_filters,
    flag,
    interval_param,
    known_parameters,
    output_format,
    page_request,
    quote_filters,
    whole_number,
)
from newsgraph.server.responses import csv_response, json_response, listing_response, table_response
from newsgraph.server.state import request_dataset, serve_state
from newsgraph.server.views import actor_view, clusters_view, copies_note, duplicates_view

router = APIRouter(prefix="/api", tags=["read"], dependencies=[Depends(known_parameters)])
ScopeCopiesQ = Annotated[str | None, documented({"type": "string", "enum": ["exclude", "include"]}, "exclude (default) or include copies")]
DataDep = Annotated[Dataset, Depends(request_dataset)]
PageDep = Annotated[PageRequest, Depends(page_request)]


@router.get("/", summary="What this server holds")
def index(request: Request, data: DataDep) -> Response:
    """Counts per table, whether ingest is enabled, and the endpoints."""
    state = serve_state(request)
    return json_response(
        {
            "ok": True,
            "version": __version__,
            "store": state.config.db.name,
            "read_only": state.config.read_only,
            "ingest": not state.config.read_only,
            "counts": data.counts(),
            "endpoints": sorted({route.path for route in router.routes if hasattr(route, "path")}),  # type: ignore[attr-defined]
            "docs": "/api/docs",
        }
    )


def _listing(request: Request, data: Dataset, name: str, filters: Filters, page: PageRequest) -> Response:
    listing = data.page(name, filters, page.limit, page.after)
    response = listing_response(request, name, listing, page, filters.active())
    note = copies_note(data, filters)
    if note:
        response.headers["X-Newsgraph-Note"] = note
    return response


@router.get("/articles", summary="Articles (search in title and text)")
def articles(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(article_filters)]) -> Response:
    """Articles with their counts of actors, quotes and events, newest first."""
    return _listing(request, data, "articles", filters, page)


@router.get("/articles/{article_id}", summary="One article's full record")
def article(article_id: str, data: DataDep) -> Response:
    """The article record (schema ``newsgraph/article@1``): text and every extracted item
    with its character offsets into the text."""
    return json_response({"ok": True, "article": data.article(article_id).to_dict()})


@router.get("/actors", summary="Actors with mention counts")
def actors(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(actor_filters)]) -> Response:
    """Actors by number of mentions, with counts per outlet."""
    return _listing(request, data, "actors", filters, page)


@router.get("/actors/{actor_id:path}", summary="One actor: articles, quotes, events over time")
def actor(
    actor_id: str,
    data: DataDep,
    interval: Annotated[str, Depends(interval_param)],
    copies: CopiesQ = None,
    format: FormatQ = None,
) -> Response:
    """The actor, the articles that mention it, its quotations, and its events as source and as
    target per period (``format=csv`` gives the timeline); copies count as in ``/api/actors``."""
    view = actor_view(data, actor_id, interval, copies)
    if output_format(format) == "csv":
        return csv_response(view.timeline.column_names, view.timeline.to_pylist(), "actor_timeline")
    return json_response({"ok": True, **view.payload()})


@router.get("/quotes", summary="Quotations with their speakers")
def quotes(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(quote_filters)]) -> Response:
    """Quotations, newest article first; ``actor`` filters by speaker."""
    return _listing(request, data, "quotes", filters, page)


@router.get("/events", summary="Coded events")
def events(request: Request, data: DataDep, page: PageDep, filters: Annotated[Filters, Depends(event_filters)]) -> Response:
    """Events (CAMEO code, QuadClass, Goldstein, both sides, modality, date, place, trigger with
    its offsets), newest first."""
    return _listing(request, data, "events", filters, page)


@router.get("/timeline", summary="Events per period")
def timeline(
    request: Request,
    data: DataDep,
    filters: Annotated[Filters, Depends(event_filters)],
    interval: Annotated[str, Depends(interval_param)],
    directed: DirectedQ = None,
    format: FormatQ = None,
) -> Response:
    """Events, happenings, articles, counts per QuadClass and mean Goldstein score per day,
    week, month or year, over the events that match the filters (``actor`` and ``target`` give
    a dyad, both ways unless ``directed=true``) — as ``newsgraph timeline``."""
    table = data.timeline(interval=interval, directed=flag("directed", directed), as_arrow=True, **filters.given())
    return table_response(request, "timeline", table, output_format(format), {"interval": interval, "filters": filters.active()})


@router.get("/network", summary="Actor network of the events")
def network(
    data: DataDep,
    filters: Annotated[Filters, Depends(event_filters)],
    max_edges: Annotated[str | None, whole_number("Keep the heaviest edges (default 200)", 1, 2000)] = None,
    min_events: Annotated[str | None, whole_number("Drop edges with fewer events (default 1)", 1, 1_000_000)] = None,
    format: FormatQ = None,
) -> Response:
    """Nodes (actors) and directed edges source → target, each happening counted once, with
    event counts and Goldstein scores — as ``newsgraph network``; ``format=csv`` gives the edges."""
    most = parse_int("max_edges", max_edges, 1, 2000) or 200
    least = parse_int("min_events", min_events, 1, 1_000_000) or 1
    nodes, edges = data.network(min_events=least, max_edges=most, as_arrow=True, **filters.given())
    if output_format(format) == "csv":
        return csv_response(edges.column_names, edges.to_pylist(), "network_edges")
    return json_response({"ok": True, "nodes": nodes.to_pylist(), "edges": edges.to_pylist(), "filters": filters.active()})


@router.get("/clusters", summary="Event clusters: one event reported by several articles")
def clusters(
    request: Request,
    data: DataDep,
    filters: Annotated[Filters, Depends(event_filters)],
    min_articles: Annotated[str | None, whole_number("At least this many articles per cluster (default 2)", 1, 1000)] = None,
    limit: Annotated[str | None, whole_number("At most this many clusters (default 100)", 1, 1000)] = None,
    format: FormatQ = None,
) -> Response:
    """Events merged across articles (the corpus stage's clusters), with their events and
    articles; a cluster is kept when any of its events matches the filters."""
    least = parse_int("min_articles", min_articles, 1, 1000) or 2
    table, method = clusters_view(data, filters, least, parse_int("limit", limit, 1, 1000) or 100)
    return table_response(request, "clusters", table, output_format(format), {"method": method, "filters": filters.active()})


@router.get("/outlets", summary="Outlets")
def outlets(request: Request, data: DataDep, format: FormatQ = None) -> Response:
    """Outlets with their number of articles, date range and mean tone."""
    return table_response(request, "outlets", data.outlets(), output_format(format))


@router.get("/compare", summary="Two outlets (or groups of outlets) side by side")
def compare(
    data: DataDep,
    a: Annotated[list[str], Query(description="Outlet of the first side; repeat for a group, or 'wire', 'state', 'country:RUS'")],
    b: Annotated[list[str], Query(description="Outlet of the second side, as for a")],
    since: Annotated[str | None, documented(DATE.schema, "From this date (inclusive)")] = None,
    until: Annotated[str | None, documented(DATE.schema, "Up to this date (inclusive)")] = None,
    top: Annotated[str | None, whole_number("Rows per section (default 10)", 1, 100)] = None,
    copies: Annotated[
        str | None, documented({"type": "string", "enum": ["exclude", "include"]}, "exclude (default) or include copies")
    ] = None,
    section: Annotated[str | None, Query(description="With format=csv: the section to give (default overview)")] = None,
    format: FormatQ = None,
) -> Response:
    """Overview (articles, quotes, events, tone), voices and their countries, actors, events by
    CAMEO root and QuadClass, tone toward actors, blindspots — as ``newsgraph compare``."""
    result = data.compare(a, b, since, until, parse_int("top", top, 1, 100) or 10, copies)
    if output_format(format) == "csv":
        name = section or "overview"
        if name not in result.sections:
            raise UsageError(Errors.E102, name="section", choices=", ".join(result.sections), value=name)
        table = result.sections[name]
        return csv_response(table.column_names, table.to_pylist(), f"compare_{name}")
    return json_response({"ok": True, **result.to_dict()})


@router.get("/duplicates", summary="Copies and near-duplicates")
def duplicates(
    data: DataDep,
    outlet: Annotated[str | None, Query(description="Outlet of the copy or of the original")] = None,
    limit: Annotated[str | None, whole_number("At most this many copies (default 200)", 1, 1000)] = None,
    format: FormatQ = None,
) -> Response:
    """Each republished or near-duplicate article with its original, score and what differs
    (from the corpus stage); ``format=csv`` gives one row per difference."""
    view = duplicates_view(data, outlet, parse_int("limit", limit, 1, 1000) or 200)
    if output_format(format) == "csv":
        return csv_response(view.table.column_names, view.table.to_pylist(), "duplicates")
    return json_response({"ok": True, "rows": view.rows, "count": len(view.rows), "available": view.note is None, "note": view.note})

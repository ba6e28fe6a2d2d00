"""Interactive API documentation (Swagger UI) served from the package's own files, so that it
works offline; the OpenAPI document itself is at ``/api/openapi.json``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from newsgraph.server.templating import render_page

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """Swagger UI over ``/api/openapi.json`` (assets vendored under ``/static/vendor``)."""
    return render_page(request, "docs.html", {"title": "API documentation"})

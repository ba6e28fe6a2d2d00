"""Render pages: one Jinja2 environment with autoescaping on for every template, so that
article text, titles, names and quotations always reach the browser as text."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from newsgraph import __version__
from newsgraph.params import QUAD_CLASSES

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def _query(request: Request, changes: dict[str, Any]) -> str:
    # Empty form fields are dropped so that shared URLs stay short.
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and v != ""]
    params += [(k, str(v)) for k, v in changes.items() if v is not None]
    return f"?{urlencode(params)}" if params else ""


@jinja2.pass_context
def _api_twin(context: Any, **changes: Any) -> str:
    return api_twin(context["request"], **changes)


@jinja2.pass_context
def _with_params(context: Any, **changes: Any) -> str:
    return with_params(context["request"], **changes)


def api_twin(request: Request, **changes: Any) -> str:
    """The API endpoint behind a page: ``/api`` + the same path and query string (with
    ``changes`` applied, e.g. ``format="csv"``)."""
    path = request.url.path.rstrip("/")
    return f"/api{path or '/'}{_query(request, changes)}"


def with_params(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters replaced (None removes one)."""
    return f"{request.url.path}{_query(request, changes)}"


def number(value: Any, digits: int = 2) -> str:
    """A number for a table cell: integers as they are, floats rounded, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL, else None: a stored URL such as ``javascript:…``
    must never become a link."""
    if value and urlsplit(value.strip()).scheme.lower() in ("http", "https"):
        return value.strip()
    return None


def pairs(values: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """(value, label) pairs for a select whose labels are its values."""
    return [(v, v) for v in values]


@functools.cache
def templates() -> Jinja2Templates:
    """The page templates (loaded once)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(api_twin=_api_twin, with_params=_with_params, pairs=pairs, quad_names=QUAD_CLASSES, version=__version__)
    env.filters["number"] = number
    env.filters["web_url"] = web_url
    return Jinja2Templates(env=env)


def render_page(
    request: Request, template: str, context: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """Render ``template`` with ``context`` (plus ``request``)."""
    return templates().TemplateResponse(request, template, context, status_code=status, headers=headers)

"""One error shape for the whole API, ``{"ok": false, "error": "...", "status": 400, "code":
"E101"}``; the pages get the same message and code in an HTML page."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from newsgraph.errors import Errors, Message, NewsgraphError, NotFoundError, StoreBusyError, UsageError
from newsgraph.server.responses import json_response
from newsgraph.server.templating import render_page

log = logging.getLogger("newsgraph.server")
RETRY_AFTER_SECONDS = 2  # a request that met a writer: when to try again


class ApiError(NewsgraphError):
    """An HTTP error from the catalogue, with its status (and optional extra headers)."""

    def __init__(self, status: int, message: Message, headers: dict[str, str] | None = None, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.status = status
        self.headers = headers


def error_body(status: int, message: str, code: str) -> dict[str, Any]:
    """The JSON body of every API error."""
    return {"ok": False, "error": message, "status": status, "code": code}


def is_api(request: Request) -> bool:
    """Whether the request is for the API (JSON errors) rather than a page (HTML errors)."""
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str, code: str, headers: dict[str, str] | None = None) -> Response:
    """The error in the API's shape, or as an HTML page for a page request."""
    if is_api(request):
        return json_response(error_body(status, message, code), status=status, headers=headers)
    context = {"title": f"Error {status}", "status": status, "message": message, "code": code}
    return render_page(request, "error.html", context, status, headers)


def status_of(exc: NewsgraphError) -> int:
    """The HTTP status of a library error."""
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, StoreBusyError):
        return 503
    return 500


def _coded(request: Request, status: int, message: Message, headers: dict[str, str] | None = None, **fields: Any) -> Response:
    return error_response(request, status, message.format(**fields), message.code, headers)


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through ``error_response``."""

    @app.exception_handler(NewsgraphError)
    async def newsgraph_error(request: Request, exc: NewsgraphError) -> Response:
        status = status_of(exc)
        if status == 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
            return _coded(request, 500, Errors.E611)
        headers = getattr(exc, "headers", None)
        if isinstance(exc, StoreBusyError):
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        return error_response(request, status, exc.message, exc.code, headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers) if exc.headers else None
        if exc.status_code == 404:
            return _coded(request, 404, Errors.E609, headers, path=request.url.path)
        if exc.status_code == 405:
            allowed = (headers or {}).get("Allow", "GET")
            return _coded(request, 405, Errors.E610, headers, method=request.method, allowed=allowed)
        reason = exc.detail if isinstance(exc.detail, str) else "request failed"
        return _coded(request, exc.status_code, Errors.E613, headers, reason=reason)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return _coded(request, 400, Errors.E613, reason="; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return _coded(request, 500, Errors.E612, name=type(exc).__name__)

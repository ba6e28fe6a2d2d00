"""One error shape for the whole API, ``{"ok": false, "error": "...", "status": 400}``; the
pages get the same message in an HTML page."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from newsgraph.errors import NewsgraphError, NotFoundError, StoreBusyError, UsageError
from newsgraph.server.responses import json_response

log = logging.getLogger("newsgraph.server")


class ApiError(Exception):
    """An HTTP error with a message for the client (and optional extra headers)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def is_api(request: Request) -> bool:
    """Whether the request is for the API (JSON errors) rather than a page (HTML errors)."""
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error in the API's shape, or as an HTML page for a page request."""
    if is_api(request):
        return json_response({"ok": False, "error": message, "status": status}, status=status, headers=headers)
    from newsgraph.server.templating import error_page  # the pages' renderer is only needed for HTML errors

    return error_page(request, status, message, headers)


def _status_of(exc: NewsgraphError) -> int:
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, StoreBusyError):
        return 503
    return 500


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through ``error_response``."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(NewsgraphError)
    async def newsgraph_error(request: Request, exc: NewsgraphError) -> Response:
        status = _status_of(exc)
        if status == 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
            return error_response(request, 500, "the store could not answer this request; see the server log")
        return error_response(request, status, exc.message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return error_response(request, exc.status_code, message, dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return error_response(request, 400, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); see the server log")

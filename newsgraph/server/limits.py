"""ASGI middleware: ceilings on request bodies, query strings and headers (answered in the
API's JSON error shape), HEAD on every GET route, relative redirects, and security headers on
every response."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.errors import Errors
from newsgraph.errors import Message as Entry
from newsgraph.model import to_json

MAX_QUERY_BYTES = 16_384  # far more than any page or filter set needs
MAX_HEADER_BYTES = 65_536
MAX_REQUEST_BYTES = 2_000_000  # what uvicorn lets through to RequestLimits
MAX_DRAIN_BYTES = 64_000_000

# Pages run only our own scripts and styles; article text can therefore never run code even
# if an escaping bug let markup through. Inline styles are allowed for chart geometry.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class BodyTooLarge(Exception):
    """The request body went past the limit while it was being read."""


class BodyLimit:
    """Refuse request bodies larger than ``max_bytes`` with 413, whether or not the client
    declared a Content-Length (a chunked body is counted as it is read)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # A body a little over the limit is read to its end before the 413, so that closing
        # the connection does not reset it under a client still sending (which would lose
        # the answer); a body far over it is refused at once.
        self.drain_limit = min(4 * max_bytes, MAX_DRAIN_BYTES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            if declared.isdigit() and int(declared) <= self.drain_limit:
                await _drain(receive, self.drain_limit)
            await self._refuse(send)
            return
        seen = 0
        started = False
        complete = False  # the body's last message has been read: nothing is left to drain

        async def counted_receive() -> Message:
            nonlocal seen, complete
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if seen > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                if not complete:  # another receive() after the last part would wait for a disconnect
                    await _drain(receive, self.drain_limit - seen)
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await send_error(send, 413, Errors.E608, limit=self.max_bytes)


async def _drain(receive: Receive, budget: int) -> None:
    """Read and drop the rest of a request body, at most ``budget`` bytes."""
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def send_error(send: Send, status: int, entry: Entry, **fields: Any) -> None:
    """Answer with the API's error shape from below the app (and close the connection)."""
    body = to_json({"ok": False, "error": entry.format(**fields), "status": status, "code": entry.code}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class ResponseRewrite:
    """Middleware that rewrites the messages an HTTP response sends; other scopes pass through.

    A subclass says which requests it applies to (``applies``), how it changes the request's
    scope (``scope_for``) and what it sends for each message (``rewrite``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def applies(self, scope: Scope) -> bool:
        return bool(scope["type"] == "http")

    def scope_for(self, scope: Scope) -> Scope:
        return scope

    async def rewrite(self, message: Message, send: Send) -> None:
        await send(message)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.applies(scope):
            await self.app(scope, receive, send)
            return

        async def rewritten(message: Message) -> None:
            await self.rewrite(message, send)

        await self.app(self.scope_for(scope), receive, rewritten)


class SecurityHeaders(ResponseRewrite):
    """Add the security headers (CSP, nosniff, …) to every response."""

    async def rewrite(self, message: Message, send: Send) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
        await send(message)


class HeadAsGet(ResponseRewrite):
    """Answer HEAD on every GET route: the request runs as GET and the body is dropped (the
    headers, Content-Length included, are those of the GET)."""

    def applies(self, scope: Scope) -> bool:
        return bool(scope["type"] == "http" and scope["method"] == "HEAD")

    def scope_for(self, scope: Scope) -> Scope:
        return {**scope, "method": "GET"}

    async def rewrite(self, message: Message, send: Send) -> None:
        if message["type"] != "http.response.body":
            await send(message)
        elif not message.get("more_body", False):
            await send({"type": "http.response.body", "body": b""})


class RelativeRedirects(ResponseRewrite):
    """Make every redirect relative (``Location: /static/``): a redirect built from the
    request's Host header would send a client wherever that header says."""

    async def rewrite(self, message: Message, send: Send) -> None:
        if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
            message["headers"] = [(k, _path_only(v) if k.lower() == b"location" else v) for k, v in message.get("headers", [])]
        await send(message)


def _path_only(location: bytes) -> bytes:
    parts = urlsplit(location.decode("latin-1"))
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    # "//host" would still leave the site: collapse leading slashes.
    path = "/" + path.lstrip("/")
    return (path + (f"?{parts.query}" if parts.query else "")).encode("latin-1")


class RequestLimits:
    """Refuse query strings and header blocks beyond what any page or client needs, with the
    API's JSON error shape (uvicorn is started with room for them, so they reach here)."""

    def __init__(self, app: ASGIApp, max_query: int = MAX_QUERY_BYTES, max_headers: int = MAX_HEADER_BYTES) -> None:
        self.app = app
        self.max_query = max_query
        self.max_headers = max_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if len(scope.get("query_string", b"")) > self.max_query:
                await send_error(send, 414, Errors.E614, limit=self.max_query)
                return
            if sum(len(k) + len(v) for k, v in scope.get("headers", [])) > self.max_headers:
                await send_error(send, 431, Errors.E615, limit=self.max_headers)
                return
        await self.app(scope, receive, send)

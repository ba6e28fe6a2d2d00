"""Attack probes against a running ``newsgraph serve``: SQL injection in every query parameter
of every GET route (read from the server's OpenAPI document, so new filters are covered),
path traversal over raw sockets (no client-side URL normalisation), writes without or with
a wrong token, oversized bodies, and markup payloads in stored articles that pages must
render inertly. Each probe says whether the attack *succeeded*; the target is zero.

Used by ``tests/server/test_security.py`` and ``bench/server_load.py --probes``.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

SQL_PAYLOADS = (
    "x' OR '1'='1",
    "'; DROP TABLE articles; --",
    '" OR ""="',
    "%' --",
    "1) OR (1=1",
    "1 UNION SELECT id, text FROM articles --",
    "'||(SELECT text FROM articles LIMIT 1)||'",
    "2024-01-01' OR 1=1 --",
    "0; COPY articles TO '/tmp/newsgraph-pwned.csv'",
    "\\'; SELECT 1; --",
)
# Markup that would run if a page put it in HTML unescaped.
XSS_PAYLOADS = (
    "<script>alert('ng-xss-1')</script>",
    "<img src=x onerror=alert('ng-xss-2')>",
    '"><svg onload=alert("ng-xss-3")>',
    "</textarea><iframe src=javascript:alert('ng-xss-4')>",
)
NEUTRAL = "qqzzqq-no-such-value"
TRAVERSALS = (
    "/static/../newsgraph/api/app.py",
    "/static/../../README.md",
    "/static/..%2f..%2fcli.py",
    "/static/%2e%2e/%2e%2e/config.py",
    "/static/%2e%2e%2f%2e%2e%2fapi%2fapp.py",
    "/static/%252e%252e/%252e%252e/cli.py",
    "/static/..\\..\\cli.py",
    "/static//etc/passwd",
    "/static/vendor/../../../../../../etc/passwd",
    "/static/....//....//etc/passwd",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/static/app.css%00.py",
    "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/..%2f..%2fetc%2fpasswd",
    "/actors/../../../../etc/passwd",
    "/api/actors/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
)
# What a leaked file or a database error would show.
LEAKS = ("root:x:0:0", "import ", "def ", "Parser Error", "Binder Error", "Catalog Error", "duckdb.", "Traceback")


@dataclass
class Probe:
    """One attack and whether it got through."""

    kind: str
    target: str
    succeeded: bool
    detail: str = ""


def _rows(response: httpx.Response) -> int:
    try:
        body = response.json()
    except ValueError:
        return 0
    if not isinstance(body, dict):
        return 0
    return sum(len(body[key]) for key in ("rows", "edges", "nodes", "articles", "quotes", "events") if isinstance(body.get(key), list))


def get_routes(client: httpx.Client) -> dict[str, list[str]]:
    """Every GET route without path parameters, with its query parameters (from OpenAPI)."""
    spec = client.get("/api/openapi.json").json()
    routes: dict[str, list[str]] = {}
    for path, methods in spec["paths"].items():
        get = methods.get("get")
        if get is None or "{" in path:
            continue
        routes[path] = [p["name"] for p in get.get("parameters", []) if p.get("in") == "query"]
    return routes


def sql_probes(client: httpx.Client, payloads: tuple[str, ...] = SQL_PAYLOADS) -> Iterator[Probe]:
    """Every payload in every query parameter of every GET route, API and page alike. It
    succeeds if the server fails (5xx), leaks a database error, or returns more rows than
    the same filter given a value that matches nothing."""
    for path, params in get_routes(client).items():
        page = path.removeprefix("/api") or "/"
        for param in params:
            base = {"a": "TASS", "b": "Reuters"} if path.endswith("/compare") and param not in ("a", "b") else {}
            neutral = client.get(path, params={**base, param: NEUTRAL})
            for payload in payloads:
                for target in dict.fromkeys((path, page)):
                    response = client.get(target, params={**base, param: payload})
                    leaked = next((leak for leak in LEAKS if leak in response.text), None)
                    more = target == path and _rows(response) > _rows(neutral)
                    failed = response.status_code >= 500
                    yield Probe(
                        "sql",
                        f"{target}?{param}={payload}",
                        bool(leaked or more or failed),
                        f"status {response.status_code}" + (f", leaked {leaked!r}" if leaked else "") + (", more rows" if more else ""),
                    )


def raw_get(base_url: str, target: str) -> tuple[int, str]:
    """GET ``target`` byte for byte over a socket (no client normalises the path)."""
    host = urlsplit(base_url).netloc
    return raw_request(base_url, f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")


def raw_request(base_url: str, request: str) -> tuple[int, str]:
    """Send ``request`` as it is; the response's status and body."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10) as sock:
        sock.sendall(request.encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks).decode("utf-8", "replace")
    status_line, _, rest = raw.partition("\r\n")
    try:
        status = int(status_line.split()[1])
    except (IndexError, ValueError):
        status = 0
    return status, rest.partition("\r\n\r\n")[2]


def traversal_probes(base_url: str) -> Iterator[Probe]:
    """Path traversal through the static route and path parameters: succeeds if any file
    outside the static folder comes back."""
    for target in TRAVERSALS:
        status, body = raw_get(base_url, target)
        leaked = next((leak for leak in LEAKS if leak in body), None)
        yield Probe("traversal", target, (status == 200 and target.startswith("/static")) or bool(leaked), f"status {status}")


def token_probes(client: httpx.Client, token: str | None) -> Iterator[Probe]:
    """Writes without a token, with wrong ones, with near misses: any 2xx is a success."""
    article = {"text": "Iran and the IAEA agreed on Monday to resume talks on inspections in Vienna, officials said.", "title": "probe"}
    wrong = ["", "Bearer", "Bearer  x", "Bearer wrong", "Basic " + (token or "x"), "bearer" + (token or "x")]
    if token:
        wrong += [f"Bearer {token[:-1]}", f"Bearer {token}x", f"Bearer {token.upper()}", f"Bearer {token[1:]}", f"Token {token}"]
    for header in wrong:
        headers = {"Authorization": header} if header else {}
        response = client.post("/api/articles", json=article, headers=headers)
        yield Probe("token", header or "(no Authorization header)", response.is_success, f"status {response.status_code}")


def body_probes(client: httpx.Client, token: str | None, max_body: int) -> Iterator[Probe]:
    """Bodies over the limit, declared or chunked, with the right token: anything but 413
    (or 401/403 without a token) is a success."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    big = b"Iran and the IAEA agreed. " * (max_body // 20)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 65536):
            yield big[start : start + 65536]

    cases = [
        ("declared", client.post("/api/articles", content=big, headers={**headers, "Content-Type": "text/plain"})),
        ("chunked", client.post("/api/articles", content=chunks(), headers={**headers, "Content-Type": "text/plain"})),
        ("multipart", client.post("/api/articles", files={"file": ("big.txt", big)}, headers=headers)),
    ]
    auth = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    for name, length in (("declared 1 TB", "1000000000000"), ("negative length", "-1"), ("non-numeric length", "12abc")):
        head = f"POST /api/articles HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: text/plain\r\nContent-Length: {length}\r\n"
        status, _ = raw_request(str(client.base_url), head + "Connection: close\r\n\r\nIran and the IAEA")
        cases.append((name, httpx.Response(status)))
    for name, response in cases:
        refused = response.status_code in (413, 400) or (not token and response.status_code in (401, 403))
        yield Probe("body", name, not refused, f"status {response.status_code}")


def xss_probes(client: httpx.Client, pages: list[str]) -> Iterator[Probe]:
    """Pages that show stored payloads: succeeds if a payload appears unescaped in HTML."""
    for page in pages:
        response = client.get(page)
        found = [p for p in XSS_PAYLOADS if p in response.text] if "html" in response.headers.get("content-type", "") else []
        yield Probe("xss", page, bool(found) or response.status_code >= 500, f"status {response.status_code}")

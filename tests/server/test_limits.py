"""The middleware as a client meets it over a real socket: HEAD on every GET route, redirects
that never reflect the Host header, and oversize query strings and headers answered in the
API's JSON error shape (not uvicorn's plain text)."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

import httpx


def test_head_answers_every_get_route_without_a_body(live_server: str) -> None:
    for path in ("/", "/events", "/api/", "/api/events?limit=2", "/static/app.css"):
        got = httpx.get(live_server + path, timeout=20)
        head = httpx.head(live_server + path, timeout=20)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path


def test_redirects_are_relative_whatever_the_host_header_says(live_server: str) -> None:
    response = httpx.get(live_server + "/static", headers={"Host": "evil.example"}, timeout=20, follow_redirects=False)
    assert response.is_redirect
    location = response.headers["location"]
    assert location == "/static/" and not urlsplit(location).netloc


def _raw_request(base: str, request: bytes) -> bytes:
    host, port = urlsplit(base).hostname, urlsplit(base).port
    assert host and port
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_megabyte_query_string_gets_the_json_error(live_server: str) -> None:
    answer = _raw_request(live_server, b"GET /api/events?search=" + b"x" * 1_000_000 + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414") and b"application/json" in head
    error = json.loads(body)
    assert (error["ok"], error["status"], error["code"]) == (False, 414, "E614")


def test_oversize_headers_get_the_json_error(live_server: str) -> None:
    response = httpx.get(live_server + "/api/", headers={f"x-filler-{i}": "y" * 4000 for i in range(20)}, timeout=20)
    assert response.status_code == 431 and response.json()["code"] == "E615"


def test_a_body_over_the_limit_gets_the_json_error_over_a_socket(live_server: str) -> None:
    # A real client still sending when the server refuses must read the 413, not a reset.
    body = b'{"text": "' + b"The talks went on. " * 600_000 + b'"}'
    response = httpx.post(live_server + "/api/articles", content=body, headers={"Content-Type": "application/json"}, timeout=30)
    assert response.status_code == 413 and response.json()["code"] == "E608"

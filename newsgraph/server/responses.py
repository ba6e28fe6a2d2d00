"""Listings as HTTP responses: a JSON envelope or CSV, one page at a time with a keyset cursor."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
from fastapi import Request, Response

from newsgraph.dataset import Page
from newsgraph.model import to_json
from newsgraph.server.params import PageRequest, encode_cursor


def next_token(page: Page) -> str | None:
    """The opaque token of the page after ``page`` (None on the last)."""
    return None if page.next is None else encode_cursor(page.next)


def next_url(request: Request, token: str | None) -> str | None:
    """The relative URL of the next page: this request with ``next`` set."""
    if token is None:
        return None
    url = request.url.include_query_params(next=token)
    return f"{url.path}?{url.query}"


def json_response(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON that keeps non-ASCII characters and writes dates as ISO strings."""
    return Response(to_json(payload), status_code=status, media_type="application/json", headers=headers)


def csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """CSV with a header row; lists are joined with ", "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            ["" if row.get(c) is None else (", ".join(map(str, row[c])) if isinstance(row[c], list) else row[c]) for c in columns]
        )
    return buffer.getvalue()


def csv_response(columns: Sequence[str], rows: Sequence[dict[str, Any]], filename: str, link: str | None = None) -> Response:
    """A CSV download; ``link`` (the next page) goes into a ``Link`` header."""
    headers = {"Content-Disposition": f'inline; filename="{filename}.csv"'}
    if link:
        headers["Link"] = f'<{link}>; rel="next"'
    return Response(csv_text(columns, rows), media_type="text/csv; charset=utf-8", headers=headers)


def listing_response(request: Request, name: str, listing: Page, page: PageRequest, filters: dict[str, Any]) -> Response:
    """A page of a listing as the JSON envelope or as CSV."""
    token = next_token(listing)
    link = next_url(request, token)
    if page.format == "csv":
        return csv_response(listing.columns, listing.rows, name, link)
    return json_response(
        {
            "ok": True,
            "rows": listing.rows,
            "count": len(listing.rows),
            "limit": page.limit,
            "next": token,
            "next_url": link,
            "filters": filters,
        }
    )


def table_response(request: Request, name: str, table: pa.Table, fmt: str, extra: dict[str, Any] | None = None) -> Response:
    """A whole (aggregate) table as JSON ``{"ok": true, "rows": [...]}`` or CSV."""
    rows = table.to_pylist()
    if fmt == "csv":
        return csv_response(table.column_names, rows, name)
    return json_response({"ok": True, "rows": rows, "count": len(rows), **(extra or {})})

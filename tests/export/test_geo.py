from __future__ import annotations

import pytest

from newsgraph.export.geo import COUNTRY, US_CITY, US_STATE, WORLD_CITY, WORLD_STATE, geo_block


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [("DEU", "GM"), ("GBR", "UK"), ("RUS", "RS"), ("UKR", "UP"), ("CHN", "CH"), ("POL", "PL"), ("XXX", None)],
)
def test_a_country_is_written_with_its_fips_code(iso3: str, fips: str | None) -> None:
    block = geo_block(None, iso3)
    assert block is not None and block.country == fips


def test_country_level_place_uses_fips_as_adm1_and_feature() -> None:
    block = geo_block("Germany", "DEU")
    assert block is not None
    assert (block.type, block.full_name, block.country, block.adm1, block.feature_id) == (COUNTRY, "Germany", "GM", "GM", "GM")


def test_world_city_is_matched_near_its_coordinates() -> None:
    block = geo_block("Moscow", "RUS", 55.75, 37.62)
    assert block is not None
    assert (block.type, block.full_name, block.country) == (WORLD_CITY, "Moscow, Russia", "RS")
    assert block.adm1 is not None and block.adm1.startswith("RS") and block.feature_id is not None


def test_us_places() -> None:
    state = geo_block("Texas", "USA")
    city = geo_block("Chicago", "USA", 41.85, -87.65)
    assert state is not None and city is not None
    assert (state.type, state.adm1, state.full_name) == (US_STATE, "USTX", "Texas, United States")
    assert (city.type, city.adm1, city.full_name) == (US_CITY, "USIL", "Chicago, Illinois, United States")


def test_unknown_place_keeps_its_name_and_country() -> None:
    block = geo_block("Zaporizhzhia Nuclear Power Plant", "UKR")
    assert block is not None and block.full_name == "Zaporizhzhia Nuclear Power Plant, Ukraine" and block.country == "UP"
    assert geo_block(None, None) is None


def test_gaza_has_its_own_fips_code_and_regions_are_first_level() -> None:
    city = geo_block("Gaza", "PSE", 31.5, 34.47)
    strip = geo_block("Gaza Strip", "PSE")
    ramallah = geo_block("Ramallah", "PSE", 31.9, 35.2)
    crimea = geo_block("Crimea", "UKR")
    assert city is not None and strip is not None and ramallah is not None and crimea is not None
    assert (city.type, city.country) == (WORLD_CITY, "GZ") and (strip.type, strip.country) == (COUNTRY, "GZ")
    assert ramallah.country == "WE"
    assert (crimea.type, crimea.country, crimea.adm1) == (WORLD_STATE, "UP", None)


def test_adm1_is_left_empty_where_geonames_has_no_fips_division() -> None:
    london = geo_block("London", "GBR", 51.51, -0.13)
    brussels = geo_block("Brussels", "BEL", 50.85, 4.35)
    warsaw = geo_block("Warsaw", "POL", 52.23, 21.01)
    assert london is not None and brussels is not None and warsaw is not None
    assert (london.country, london.adm1) == ("UK", None) and (brussels.country, brussels.adm1) == ("BE", None)
    assert warsaw.adm1 == "PL78"

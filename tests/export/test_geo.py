from __future__ import annotations

import pytest

from newsgraph.export.geo import COUNTRY, US_CITY, US_STATE, WORLD_CITY, geo_block


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

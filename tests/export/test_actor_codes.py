from __future__ import annotations

import pytest

from newsgraph.export.actor_codes import codebook, split_code


@pytest.mark.parametrize(
    ("code", "country", "group", "religions", "types"),
    [
        ("RUSGOV", "RUS", None, [], ["GOV"]),
        ("IGOEUREEC", "EUR", "EEC", [], ["IGO"]),
        ("IGOWSTNAT", "WST", "NAT", [], ["IGO"]),
        ("IGOUNO", None, "UNO", [], ["IGO"]),
        ("SYRREBMOSSUN", "SYR", None, ["MOS", "SUN"], ["REB"]),
        ("USAMILGOVLEG", "USA", None, [], ["MIL", "GOV", "LEG"]),
        ("NGOXYZ", None, "XYZ", [], ["NGO"]),  # an organisation missing from the code book
        ("", None, None, [], []),
    ],
)
def test_split_code(code: str, country: str | None, group: str | None, religions: list[str], types: list[str]) -> None:
    parts = split_code(code)
    assert (parts.country, parts.known_group, parts.religions, parts.types) == (country, group, religions, types)


def test_actor_country_fills_a_code_without_one() -> None:
    assert split_code("GOV", "FRA").country == "FRA"
    assert split_code("DEUGOV", "FRA").country == "DEU"  # the code's own country wins


def test_code_book_parts_are_not_countries() -> None:
    book = codebook()
    clashes = {code for code, kind in book.parts.items() if kind != "region" and code in book.countries}
    assert not clashes

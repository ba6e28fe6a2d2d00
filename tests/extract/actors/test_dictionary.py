"""The shipped actor dictionary: well-formed data files, dated offices, and lookups."""

from __future__ import annotations

import re
from datetime import date

import pycountry
import pytest

from newsgraph.extract.actors.dictionary import ActorDictionary, counts, parse_day, shipped_dictionary
from newsgraph.extract.actors.ids import actor_id, fold, slugify

G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]
EU = [
    "AUT",
    "BEL",
    "BGR",
    "HRV",
    "CYP",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "IRL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MLT",
    "NLD",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
]
SECTORS = {
    "GOV", "MIL", "COP", "SPY", "LEG", "JUD", "OPP", "REB", "PTY", "MED", "BUS", "EDU", "CVL", "ELI", "REL", "LAB",
    "AGR", "REF", "HLH", "NGO", "UAF", "CRM", "PRM",
}  # fmt: skip


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return shipped_dictionary()


def test_every_country_code_is_iso_3166(dictionary: ActorDictionary) -> None:
    for code, country in dictionary.countries.items():
        if country.region:
            assert re.fullmatch(r"[A-Z]{3}", code)
            continue
        assert code == "XKX" or pycountry.countries.get(alpha_3=code) is not None, code
        assert country.name


def test_pycountry_names_are_added(dictionary: ActorDictionary) -> None:
    assert "Russian Federation" in dictionary.countries["RUS"].names
    assert "Czechia" in dictionary.countries["CZE"].names
    # pycountry's inverted forms are not names text uses.
    assert not any("," in name for country in dictionary.countries.values() for name in country.names)


def test_igos_carry_cameo_codes(dictionary: ActorDictionary) -> None:
    igos = {b.id: b for b in dictionary.bodies.values() if b.type == "igo"}
    assert igos["igo:IGOEUREEC"].code == "IGOEUREEC"
    assert igos["igo:IGOWSTNAT"].code == "IGOWSTNAT"
    assert igos["igo:IGOUNO"].code == "IGOUNO"
    for body in igos.values():
        assert body.code and body.code.startswith("IGO"), body
    names = {b.name for b in igos.values()}
    assert {"OSCE", "BRICS", "G7", "G20", "Council of Europe", "European Parliament", "European Commission"} <= names


def test_roles_map_to_cameo_sectors(dictionary: ActorDictionary) -> None:
    assert dictionary.roles["foreign minister"].sector == "GOV"
    assert dictionary.roles["opposition leader"].sector == "OPP"
    assert dictionary.roles["troops"].sector == "MIL"
    assert dictionary.roles["court"].sector == "JUD"
    assert dictionary.roles["mep"].sector == "LEG"
    assert dictionary.roles["correspondent"].sector == "MED"
    assert dictionary.roles["protester"].sector == "CVL"
    for role in dictionary.roles.values():
        assert role.sector is None or role.sector in SECTORS, role
        assert role.kind in ("person", "group", "org", "field"), role
    assert dictionary.plural_roles["diplomats"].name == "diplomat"


def test_every_office_is_dated_coded_and_sourced(dictionary: ActorDictionary) -> None:
    for person in dictionary.people.values():
        assert person.source.startswith("wp:"), person.name
        assert person.gender in ("m", "f"), person.name
        for office in person.offices:
            assert office.start is not None, (person.name, office)
            assert office.end is None or office.start <= office.end, (person.name, office)
            assert office.code.startswith("IGO") or office.code[:3] in dictionary.countries, (person.name, office)
            assert office.start.year >= 1950


@pytest.mark.parametrize("year", [2003, 2008, 2013, 2017, 2021])
def test_g20_and_eu_foreign_ministers_and_leaders_are_known(dictionary: ActorDictionary, year: int) -> None:
    day = date(year, 6, 15)
    for country in sorted(set(G20) | set(EU)):
        ministers = dictionary.office_holders(day, {"foreign minister"}, country)
        assert len(ministers) == 1, (country, day, [p.name for p in ministers])
        leaders = dictionary.office_holders(day, {"head of state", "head of government"}, country)
        assert leaders, (country, day)


def test_eu_un_and_nato_leaders_over_time(dictionary: ActorDictionary) -> None:
    def holders(day: date, role: str, code: str) -> set[str]:
        return {p.name for p in dictionary.office_holders(day, {role}, code)}

    assert holders(date(2021, 2, 5), "high representative", "IGOEUREEC") == {"Josep Borrell"}
    assert holders(date(2016, 6, 1), "high representative", "IGOEUREEC") == {"Federica Mogherini"}
    assert holders(date(2020, 1, 1), "secretary general", "IGOWSTNAT") == {"Jens Stoltenberg"}
    assert holders(date(2025, 1, 1), "secretary general", "IGOWSTNAT") == {"Mark Rutte"}
    assert holders(date(2010, 1, 1), "secretary general", "IGOUNO") == {"Ban Ki-moon"}


def test_spellings_lead_to_one_person(dictionary: ActorDictionary) -> None:
    assert [p.key for p in dictionary.person_by_name("Sergei Lavrov")] == ["sergey-lavrov"]
    assert [p.key for p in dictionary.person_by_name("sergey lavrov")] == ["sergey-lavrov"]
    assert [p.key for p in dictionary.person_by_name("Ukhnaagiin Khurelsukh")] == []
    assert dictionary.person_by_name("Radoslaw Sikorski")[0].name == "Radosław Sikorski"
    assert {p.name for p in dictionary.people_by_surname("Kaczyński")} == {"Lech Kaczyński", "Jarosław Kaczyński"}
    assert dictionary.people["xi-jinping"].surname == "Xi"


def test_role_of_reads_office_titles(dictionary: ActorDictionary) -> None:
    role = dictionary.role_of("Minister of Foreign Affairs")
    assert role is not None and role.name == "minister of foreign affairs"
    assert "foreign minister" in role.families
    high = dictionary.role_of("High Representative for Foreign Affairs and Security Policy")
    assert high is not None and "top diplomat" in high.families


def test_partial_dates_round_to_the_period() -> None:
    assert parse_day("2021") == date(2021, 1, 1)
    assert parse_day("2021", end=True) == date(2021, 12, 31)
    assert parse_day("2024-02", end=True) == date(2024, 2, 29)
    assert parse_day("2019-12-01") == date(2019, 12, 1)
    assert parse_day("") is None


def test_ids_are_stable(dictionary: ActorDictionary) -> None:
    assert fold("Khürelsükh") == "khurelsukh"
    assert slugify("Radosław Sikorski") == "radoslaw-sikorski"
    # Other scripts are transliterated, not dropped (fold() once gave "or" and "").
    assert fold("Þór Saari") == "thor saari" and fold("Łukasz Kamiński") == "lukasz kaminski"
    assert actor_id("person", "Сергей Лавров") == "person:sergey-lavrov"
    assert actor_id("person", "Βαρουφάκης") == "person:varoyfakis"
    assert actor_id("group", "RUSGOV") == "group:RUSGOV"
    assert actor_id("igo", "european-parliament") == "igo:european-parliament"
    assert dictionary.bodies["igo:european-parliament"].code == "IGOEUREEC"


def test_counts_by_kind(dictionary: ActorDictionary) -> None:
    found = counts(dictionary)
    assert found["countries"] >= 190
    assert found["people"] >= 300
    assert found["igos"] >= 30
    assert found["offices"] > found["people"]

"""Sources and targets (``roles``/``sides``/``countries``): capitals and places as countries,
national adjectives, generic nouns never recorded, one state never on both sides, reported
acts of the speaker's own state not turned into accusations, light verbs' prepositions, and
dates never taken from a "since" phrase. Sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Event
from tests.support.articles import prepared_text

TEXT = """Chilean Foreign Minister Alberto van Klaveren arrived in Canberra on Tuesday for talks on lithium exports.
Peru's prime minister held talks with his Bolivian counterpart in Lima on Monday.
Ecuadorean troops shelled a rebel camp in southern Colombia on Sunday, killing five people.
People fled the market after the explosion, residents said.
Uruguay expelled two Paraguayan diplomats on Monday, Foreign Minister Omar Paganini said.
The Argentine president offered condolences to Spain's king on Tuesday after the floods in Valencia.
The EU adopted new sanctions against Belarus on Monday, the ninth round since the election in August 2020.
Several countries condemned the bombing on Tuesday.
"""


@pytest.fixture(scope="module")
def article(analyzer) -> Article:
    return analyzer.analyze(prepared_text(TEXT, "2024-11-13", "roles.txt"))


def _in(article: Article, fragment: str) -> list[Event]:
    return [e for e in article.events if fragment in article.text[e.sentence.start : e.sentence.end]]


def test_a_capital_as_destination_is_the_host_government(article: Article) -> None:
    (visit,) = [e for e in _in(article, "arrived in Canberra") if e.root == "04"]
    assert visit.source is not None and visit.source.country == "CHL"
    assert visit.target is not None and visit.target.code == "AUSGOV" and visit.target.mention.text == "Canberra"


def test_a_counterpart_belongs_to_the_country_its_adjective_names(article: Article) -> None:
    talks = _in(article, "Bolivian counterpart")
    assert any(e.source and e.source.country == "PER" and e.target and e.target.code == "BOLGOV" for e in talks)
    assert not any(e.target and e.target.country == "PER" and e.source and e.source.country == "PER" for e in talks)


def test_national_forces_act_and_force_abroad_targets_the_country_where_it_happens(article: Article) -> None:
    shelled = [e for e in _in(article, "shelled a rebel camp") if e.root == "19"]
    assert shelled and all(e.source is not None and e.source.code == "ECUMIL" for e in shelled)
    assert any(e.target is not None and e.target.country == "COL" for e in shelled)
    assert not any(e.target is not None and e.target.name == "people" for e in _in(article, "killing five people"))


def test_generic_nouns_are_never_sides(article: Article) -> None:
    for fragment in ("People fled", "Several countries"):
        for event in _in(article, fragment):
            assert event.source is None or event.source.name.lower() not in ("people", "residents", "countries", "several countries")


def test_a_state_reporting_its_own_act_does_not_accuse_itself(article: Article) -> None:
    events = _in(article, "expelled two Paraguayan diplomats")
    assert any(e.cameo == "166" and e.source and e.source.country == "URY" and e.target and e.target.country == "PRY" for e in events)
    assert not any(e.root == "11" for e in events)


def test_a_light_verb_lends_its_noun_a_target(article: Article) -> None:
    (condolences,) = [e for e in _in(article, "offered condolences") if e.cameo == "018"]
    assert condolences.target is not None and condolences.target.country == "ESP"


def test_since_phrases_never_date_an_event(article: Article) -> None:
    (sanctions,) = [e for e in _in(article, "ninth round") if e.root == "16"]
    assert sanctions.date == "2024-11-11"
    assert not any(e.date and e.date.startswith("2020") for e in _in(article, "ninth round"))

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


MORE = """Lebanon's prime minister drew sharp criticism from Hezbollah on Sunday over the army deployment.
Azerbaijan ordered three French diplomats to leave the country, accusing them of espionage.
Georgian drones struck a fuel depot in Russia's Belgorod region on Friday.
Officials in Baku met to discuss Armenia's troop movements on Monday.
Venezuela threatened on Friday to retaliate against Guyana if its navy entered the disputed waters.
Chile backed Peru's bid to host the Pacific forum in 2026.
"""


@pytest.fixture(scope="module")
def more(analyzer) -> Article:
    return analyzer.analyze(prepared_text(MORE, "2024-11-13", "more.txt"))


def test_drawing_criticism_from_someone_is_their_criticism(more: Article) -> None:
    events = [e for e in _in(more, "drew sharp criticism") if e.root == "11"]
    assert any(e.source and "Hezbollah" in e.source.name and e.target and e.target.country == "LBN" for e in events)


def test_ordering_diplomats_out_is_an_expulsion_and_them_are_the_diplomats(more: Article) -> None:
    events = _in(more, "ordered three French diplomats")
    assert any(e.cameo == "166" and e.source and e.source.country == "AZE" and e.target and e.target.country == "FRA" for e in events)
    assert all(e.target is None or e.target.country == "FRA" for e in events if e.root == "11")


def test_a_place_modifying_a_locative_object_gives_the_target_and_the_place(more: Article) -> None:
    (struck,) = [e for e in _in(more, "struck a fuel depot") if e.root == "19"]
    assert struck.target is not None and struck.target.country == "RUS"
    assert struck.place is not None and struck.place.country == "RUS"


def test_what_a_meeting_discusses_is_not_an_event(more: Article) -> None:
    assert not any(e.root in ("15", "19") for e in _in(more, "to discuss Armenia"))


def test_a_threat_takes_its_target_from_the_clause_it_embeds(more: Article) -> None:
    threats = [e for e in _in(more, "to retaliate against Guyana") if e.root == "13"]
    assert threats and all(e.source and e.source.country == "VEN" and e.target and e.target.country == "GUY" for e in threats)


def test_what_an_event_handles_is_not_an_event_of_its_own(more: Article) -> None:
    events = _in(more, "backed Peru's bid")
    assert any(e.root == "05" and e.source and e.source.country == "CHL" for e in events)
    assert not any(e.source and e.source.country == "PER" for e in events)


def test_helping_someone_attack_is_cooperation_with_them_not_force(analyzer) -> None:
    text = "Iran is helping the Houthis in targeting ships in the Red Sea, the U.S. envoy said.\n"
    article = analyzer.analyze(prepared_text(text, "2024-11-13", "help.txt"))
    helping = [e for e in article.events if e.trigger.text.startswith("helping")]
    assert helping and all(e.root == "06" for e in helping)
    assert any(e.source and e.source.country == "IRN" and e.target and "Houthi" in (e.target.name or "") for e in helping)
    assert not any(e.root in ("18", "19", "20") and e.source and e.source.country == "IRN" for e in article.events)

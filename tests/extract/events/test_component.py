"""Event coding on realistic wire prose: codes, dyads (coordination, passive, possessive and
compound), negation, modality, reported speech, dates, places and evidence offsets."""

from __future__ import annotations

import jsonschema
import pytest

from newsgraph.extract.events.component import EventCoder, build_patterns
from newsgraph.model import Article, Event, EventActor, InputRef, Quote, Speaker
from tests.support.articles import prepared_text

WIRE = """BRUSSELS, March 12 (Reuters) - European Union foreign ministers met in Brussels on Monday with Ukrainian Foreign Minister Dmytro Kuleba to discuss further military aid.
Hungary and Slovakia refused to attend the meeting.
Three Estonian diplomats were expelled by Russia on Tuesday, the foreign ministry in Tallinn said.
Estonia condemned the expulsion and summoned the Russian ambassador.
The EU may impose new sanctions on Belarus next month, officials said.
Moscow is facing new EU sanctions over the detention of opposition politicians.
China will host the next round of talks in Beijing in June.
Poland did not sign the joint statement on migration.
Lithuania failed to reach an agreement with Belarus on the border crossings.
Foreign Minister Dmytro Kuleba said Russia had shelled the city of Kharkiv overnight.
"We will deliver more air defence systems to Ukraine," Defence Minister Boris Pistorius said.
"""


def _side(side: EventActor | None, *words: str) -> bool:
    """Whether an event side names (or is coded as) one of the words."""
    if side is None:
        return False
    haystack = " ".join(filter(None, [side.name, side.code, side.country, side.actor])).lower()
    return any(word.lower() in haystack for word in words)


@pytest.fixture(scope="module")
def wire(analyzer) -> Article:
    return analyzer.analyze(prepared_text(WIRE, "2024-03-15", "wire.txt"))


def _in(article: Article, fragment: str) -> list[Event]:
    """Events whose sentence contains a fragment of text."""
    return [e for e in article.events if fragment in article.text[e.sentence.start : e.sentence.end]]


def test_meeting_has_both_dyads_date_and_place(wire: Article) -> None:
    met = [e for e in _in(wire, "foreign ministers met") if e.trigger.text == "met"]
    assert {e.cameo for e in met} == {"040"}
    assert any(_side(e.source, "European Union", "EU") and _side(e.target, "Kuleba") for e in met)
    assert any(_side(e.source, "Kuleba") and _side(e.target, "European Union", "EU") for e in met)
    for event in met:
        assert event.date == "2024-03-11" and event.date_text == "on Monday"
        assert event.place is not None and event.place.name == "Brussels" and event.place.country == "BEL"
        assert event.plover is not None and event.plover.type == "CONSULT"
        assert event.quad_class == 1 and event.goldstein == 1.0


def test_coordinated_refusal_codes_one_rejection_per_actor(wire: Article) -> None:
    refused = _in(wire, "refused to attend")
    assert {e.cameo for e in refused} == {"125"}
    assert {e.source.name for e in refused if e.source} >= {"Hungary", "Slovakia"}
    assert not any(e.negated for e in refused)


def test_passive_agent_is_the_source(wire: Article) -> None:
    (expelled,) = _in(wire, "were expelled by Russia")
    assert expelled.cameo == "166" and expelled.plover is not None and expelled.plover.mode == "expel"
    assert _side(expelled.source, "Russia") and _side(expelled.target, "diplomats", "EST")
    assert expelled.date == "2024-03-12"


def test_criticism_and_official_complaint(wire: Article) -> None:
    codes = {e.cameo: e for e in _in(wire, "Estonia condemned")}
    assert "111" in codes and "114" in codes
    assert _side(codes["111"].source, "Estonia") and _side(codes["114"].target, "ambassador", "RUS")


def test_modal_and_facing_make_sanctions_hypothetical(wire: Article) -> None:
    (may,) = [e for e in _in(wire, "may impose") if e.cameo == "163"]
    assert may.modality == "hypothetical" and _side(may.source, "EU") and _side(may.target, "Belarus")
    (facing,) = _in(wire, "is facing new EU sanctions")
    assert facing.cameo == "163" and facing.modality == "hypothetical"
    assert _side(facing.source, "EU") and _side(facing.target, "Moscow", "RUS")
    assert facing.trigger.text == "sanctions"


def test_future_hosting_is_an_intention(wire: Article) -> None:
    (host,) = _in(wire, "will host")
    assert host.cameo == "036" and host.modality == "future" and _side(host.source, "China")
    assert host.date == "2024-06-01" and host.place is not None and host.place.name == "Beijing"


def test_negation_and_failure(wire: Article) -> None:
    (sign,) = _in(wire, "did not sign")
    assert sign.cameo == "057" and sign.negated
    (failed,) = [e for e in _in(wire, "failed to reach") if _side(e.source, "Lithuania")]
    assert failed.cameo == "164" and not failed.negated and _side(failed.target, "Belarus")


def test_reported_attack_is_claimed_and_an_accusation(wire: Article) -> None:
    events = _in(wire, "Dmytro Kuleba said")
    (shelling,) = [e for e in events if e.root == "19"]
    assert shelling.cameo == "194" and shelling.modality == "reported"
    assert shelling.claimed_by is not None and "kuleba" in shelling.claimed_by
    assert shelling.date == wire.published and shelling.date_text is None  # "overnight" names no day
    (accusation,) = [e for e in events if e.root == "11"]
    assert accusation.cameo == "1123" and _side(accusation.source, "Kuleba") and _side(accusation.target, "Russia")


def test_first_person_in_a_quotation_is_the_speaker(wire: Article) -> None:
    (deliver,) = _in(wire, "We will deliver")
    assert deliver.cameo == "0332" and deliver.modality == "future"
    assert _side(deliver.source, "Pistorius") and _side(deliver.target, "Ukraine")
    assert deliver.claimed_by is not None and "pistorius" in deliver.claimed_by


def test_evidence_offsets_point_into_the_text(wire: Article, article_schema: dict) -> None:
    assert len(wire.events) >= 12
    assert len({e.id for e in wire.events}) == len(wire.events)
    for event in wire.events:
        assert wire.text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.sentence.start <= event.trigger.start < event.trigger.end <= event.sentence.end
        for side in (event.source, event.target):
            if side is not None and side.mention is not None:
                assert wire.text[side.mention.start : side.mention.end] == side.mention.text
    jsonschema.validate(wire.to_dict(), article_schema)


def test_quotation_content_is_reported_by_its_speaker(analyzer) -> None:
    """With the quotation component's output, an event inside a quote is the speaker's claim."""
    text = "The talks collapsed. Moscow has expelled two Latvian diplomats, the spokeswoman told reporters on Friday."
    article = Article(id="q", input=InputRef(), text=text, published="2024-05-10")
    nlp = analyzer.nlp
    coder = nlp.get_pipe("newsgraph_events")
    assert isinstance(coder, EventCoder)
    doc = nlp.make_doc(text)
    doc._.ng_article = article
    with nlp.select_pipes(disable=["newsgraph_events"]):
        doc = nlp(doc)
    start = text.index("Moscow")
    end = text.index(", the spokeswoman")
    doc._.ng_quotes = [
        Quote(id="q1", kind="indirect", text=text[start:end], start=start, end=end, speaker=Speaker(actor="person:maria-zakharova"))
    ]
    (expelled,) = [c.event for c in coder.code(doc) if c.event.cameo == "166"]
    assert expelled.modality == "reported" and expelled.claimed_by == "person:maria-zakharova"
    assert _side(expelled.source, "Moscow", "RUS")


def test_component_codes_without_actor_index(analyzer) -> None:
    """The coder tolerates a document without mentions (unnamed actors stay names)."""
    nlp = analyzer.nlp
    doc = nlp.make_doc("Protesters blocked the main highway into the capital.")
    doc._.ng_article = Article(id="x", input=InputRef(), text=doc.text, published=None)
    with nlp.select_pipes(disable=["newsgraph_events", "newsgraph_actors"]):
        doc = nlp(doc)
    coded = EventCoder(build_patterns()).code(doc)
    assert [c.event.cameo for c in coded] == ["144"]
    assert coded[0].event.date is None and coded[0].event.source is not None and coded[0].event.source.name == "Protesters"


def test_a_date_in_the_warning_s_complement_does_not_date_the_warning(analyzer) -> None:
    text = (
        "BRUSSELS, June 12 (Eastern Wire) - The NATO Secretary General on Wednesday urged allies to send more "
        "air defence systems to Ukraine, warning that Russian strikes could leave millions without heating next winter."
    )
    analysed = analyzer.analyze(prepared_text(text, "2024-06-12", "nato.txt"))
    warnings = [e for e in analysed.events if e.trigger.text == "warning"]
    assert warnings and all(e.date == "2024-06-12" for e in warnings)


def test_a_condition_is_not_an_event_and_an_issued_apology_is_asserted(analyzer) -> None:
    text = (
        "Serbia threatened on Friday to respond if Kosovo police attacked Serb villages.\n"
        "Peru's government issued a formal apology to Chile on Friday.\n"
    )
    article = analyzer.analyze(prepared_text(text, "2024-11-13", "conditions.txt"))
    threat = _in(article, "Serbia threatened")
    assert any(e.root == "13" and _side(e.source, "SRB") for e in threat)
    assert not any(e.root in ("18", "19", "20") for e in threat)
    (apology,) = [e for e in _in(article, "formal apology") if e.root == "05"]
    assert apology.modality == "asserted" and _side(apology.target, "CHL")

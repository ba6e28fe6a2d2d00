from __future__ import annotations

from newsgraph.extract.gazetteer import load_gazetteer
from tests.support.articles import prepared_text


def test_gazetteer_prefers_capitals_and_knows_old_spellings() -> None:
    gazetteer = load_gazetteer()
    moscow = gazetteer.lookup("Moscow", prefer_country="USA")
    assert moscow is not None and moscow.country == "RUS"
    kiev = gazetteer.lookup("Kiev")
    assert kiev is not None and (kiev.name, kiev.country) == ("Kyiv", "UKR")
    britain = gazetteer.lookup("Britain")
    assert britain is not None and (britain.kind, britain.country) == ("country", "GBR")
    assert gazetteer.lookup("Atlantis Prime") is None


def test_places_are_geocoded_with_mentions_and_dateline(analyzer) -> None:
    text = (
        "VILNIUS, May 2. /Baltic Wire/. Lithuania will host a NATO summit in Vilnius, and officials "
        "in Kiev welcomed the decision. Delegations from Washington and Berlin are expected."
    )
    article = prepared_text(text, path="a.txt")
    places = {p.name: p for p in analyzer.analyze(article).places}
    assert places["Vilnius"].country == "LTU"
    assert len(places["Vilnius"].mentions) == 2  # dateline + body
    assert places["Kyiv"].mentions[0].text == "Kiev"
    assert places["Washington"].country == "USA"
    assert abs((places["Berlin"].lat or 0) - 52.5) < 0.2
    for place in places.values():
        for m in place.mentions:
            assert article.text[m.start : m.end] == m.text

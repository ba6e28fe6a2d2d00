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


def test_seats_regions_continents_and_countries_at_their_centre() -> None:
    gazetteer = load_gazetteer()
    for seat, city, country in [("the White House", "Washington", "USA"), ("the Kremlin", "Moscow", "RUS"), ("Élysée", "Paris", "FRA")]:
        entry = gazetteer.lookup(seat)
        assert entry is not None and (entry.name, entry.country, entry.kind) == (city, country, "city"), seat
    africa = gazetteer.lookup("Africa")  # not Mahdia, Tunisia, whose old name it is
    assert africa is not None and (africa.kind, africa.country) == ("continent", None)
    for region, country in [("Crimea", "UKR"), ("the Donbas", "UKR"), ("the Gaza Strip", "PSE")]:
        entry = gazetteer.lookup(region)
        assert entry is not None and (entry.kind, entry.country) == ("region", country), region
    germany = gazetteer.lookup("Germany")  # at its centre (51N 9E), as GDELT puts it, not at Berlin
    assert germany is not None and (germany.lat, germany.lon) == (51.0, 9.0)


def test_a_seat_in_the_text_is_placed_in_its_city(analyzer) -> None:
    text = "Protesters gathered outside the White House on Sunday as shelling resumed in Crimea."
    places = {p.name: p for p in analyzer.analyze(prepared_text(text, path="a.txt")).places}
    assert places["Washington"].country == "USA" and places["Washington"].mentions[0].text.endswith("White House")
    assert places["Crimea"].country == "UKR"

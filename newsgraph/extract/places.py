"""Places: geographic entities (GPE, LOC, FAC) and the dateline, geocoded offline."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from newsgraph.model import Article, Mention, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WELL_KNOWN_POPULATION = 250_000


def _is_well_known_place(name: str, gazetteer: Gazetteer) -> bool:
    """The small English model often labels capitals (and datelines) ORG; a name that is a
    country or a large city is a place all the same."""
    entry = gazetteer.lookup(name)
    return entry is not None and (entry.kind == "country" or entry.population >= _WELL_KNOWN_POPULATION)


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Place]:
    """Geocode every place entity; ambiguous city names prefer the article's main country."""
    article: Article | None = doc._.ng_article
    candidates: list[tuple[str, int, int]] = []
    dl = article.dateline if article is not None else None
    if dl is not None and dl.place:
        place_end = dl.start + len(dl.text.split(",")[0].split(" (")[0].split(" /")[0].rstrip(" -–—"))
        candidates.append((dl.place, dl.start, place_end))
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and _is_well_known_place(ent.text, gazetteer)):
            candidates.append((ent.text, ent.start_char, ent.end_char))

    found: list[tuple[str, GazetteerEntry, int, int]] = []
    for name, start, end in candidates:
        entry = gazetteer.lookup(name)
        if entry is not None:
            found.append((name, entry, start, end))
    countries = Counter(entry.country for _, entry, _, _ in found if entry.kind == "country")
    main_country = countries.most_common(1)[0][0] if countries else None

    places: dict[tuple[str, str | None], Place] = {}
    seen_spans: set[tuple[int, int]] = set()
    text = doc.text  # spaCy rebuilds Doc.text from the tokens on every access
    for name, entry, start, end in found:
        if (start, end) in seen_spans:
            continue
        seen_spans.add((start, end))
        if entry.kind == "city" and main_country is not None:
            entry = gazetteer.lookup(name, prefer_country=main_country) or entry
        place = places.get((entry.name, entry.country))
        if place is None:
            place = places[(entry.name, entry.country)] = Place(name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon)
        place.mentions.append(Mention(start=start, end=end, text=text[start:end]))
    return list(places.values())


@Language.factory("newsgraph_places", assigns=["doc._.ng_places"], requires=["doc.ents"])
def make_places(nlp: Language, name: str) -> PlaceFinder:
    """spaCy factory for the place finder."""
    return PlaceFinder()


class PlaceFinder:
    """Component: sets ``doc._.ng_places``."""

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_places = find_places(doc, self.gazetteer)
        return doc

"""Countries as event sides where the actor stage named no actor: a capital or seat of
government ("arrived in Beijing", "the Kremlin" → the government), any other place of a
known country ("struck Kharkiv" → Ukraine), and a national adjective on a noun that names
people or things of that country ("his Omani counterpart" → the Omani government, "Ukrainian
drones" → the Ukrainian military, "three Russian banks" → Russia).

The names come from the actor dictionary (``data/actors/countries.tsv``), read once; ids and
codes follow the actor stage's (``country:RUS``, ``group:RUSGOV``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from newsgraph.extract.actors.dictionary import shipped_dictionary
from newsgraph.model import EventActor, Mention, Place

# Head nouns whose national modifier names that country's government, military or police.
_SECTOR_NOUNS = {
    "GOV": frozenset(
        {"counterpart", "government", "authority", "administration", "ministry", "minister", "president", "leader", "leadership"}
        | {"official", "diplomat", "ambassador", "envoy", "delegation", "negotiator", "mediator", "premier", "chancellor", "king"}
        | {"prosecutor", "court", "judge", "parliament", "lawmaker", "embassy", "consulate", "regime", "cabinet", "spokesman"}
    ),
    "MIL": frozenset(
        {"troop", "force", "soldier", "army", "military", "navy", "aircraft", "jet", "warplane", "drone", "missile", "rocket"}
        | {"artillery", "tank", "warship", "vessel", "ship", "submarine", "helicopter", "bomber", "fighter", "airstrike", "strike"}
    ),
    "COP": frozenset({"police", "policeman", "officer", "guard", "gendarme"}),
}
_SECTOR_NAMES = {"GOV": "government", "MIL": "military", "COP": "police"}


@dataclass(frozen=True)
class Country:
    """A country as far as event sides need it."""

    code: str
    name: str
    adjective: str


@cache
def _country_words() -> tuple[dict[str, Country], frozenset[str]]:
    """Lower-case names, adjectives and plurals → country; and the capitals and seats."""
    words: dict[str, Country] = {}
    seats: set[str] = set()
    for entry in shipped_dictionary().countries.values():
        if entry.region:
            continue
        country = Country(entry.code, entry.name, entry.adjective)
        for word in (entry.name, *entry.names, *entry.adjectives, *entry.plurals, *entry.capitals, *entry.seats):
            words.setdefault(word.lower(), country)
        seats.update(word.lower() for word in (*entry.capitals, *entry.seats))
    return words, frozenset(seats)


def entity_text(token: Token) -> str:
    """The text of the named entity a token is part of (the token alone outside entities)."""
    if token.ent_iob_ in ("", "O"):
        return token.text
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    text = doc[start:end].text
    return text[4:] if text.lower().startswith("the ") else text


def country_named(token: Token) -> tuple[Country, bool] | None:
    """The country a name, adjective, capital or seat names, and whether it was a capital or
    seat (which stands for the government)."""
    words, seats = _country_words()
    for text in (entity_text(token).lower(), token.lower_):
        country = words.get(text)
        if country is not None:
            return country, text in seats
    return None


def sector_of(noun: str) -> str | None:
    """GOV, MIL or COP for a head noun's lemma ("counterpart", "drone", "police")."""
    return next((sector for sector, nouns in _SECTOR_NOUNS.items() if noun in nouns), None)


def country_actor(country: Country, token: Token, sector: str | None = None, name: str | None = None) -> EventActor:
    """An event side for a country, or for its government, military or police."""
    mention = Mention(start=token.idx, end=token.idx + len(token.text), text=token.text)
    if sector is None:
        code = country.code
        return EventActor(actor=f"country:{code}", name=name or country.name, code=code, country=code, mention=mention)
    label = name or f"{country.adjective} {_SECTOR_NAMES[sector]}"
    code = f"{country.code}{sector}"
    return EventActor(actor=f"group:{code}", name=label, code=code, country=country.code, sector=sector, mention=mention)


def place_country(place: Place) -> Country | None:
    """The country a gazetteer place lies in, when the dictionary knows it."""
    return country_by_code(place.country) if place.country is not None else None


def country_by_code(code: str) -> Country | None:
    """The country with an ISO 3166 alpha-3 code, when the dictionary knows it."""
    entry = shipped_dictionary().countries.get(code)
    if entry is None or entry.region:
        return None
    return Country(entry.code, entry.name, entry.adjective)

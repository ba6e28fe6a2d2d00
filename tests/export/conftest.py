"""A small store built from hand-coded articles: wire reports with their actors, places,
quotes and events coded by hand, every offset found in the text (never typed in)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsgraph import corpus
from newsgraph.ingest.prepare import article_id
from newsgraph.model import (
    Actor,
    Article,
    Event,
    EventActor,
    InputRef,
    Location,
    Mention,
    Place,
    Plover,
    Quote,
    Speaker,
    TextSpan,
    Tone,
)
from newsgraph.store import Store

POLAND = EventActor(actor="country:POL", name="Poland", code="POLGOV", country="POL", sector="GOV")
RUSSIA = EventActor(actor="country:RUS", name="Russia", code="RUSGOV", country="RUS", sector="GOV")
SIKORSKI = EventActor(actor="person:radoslaw-sikorski", name="Radoslaw Sikorski", code="POLGOV", country="POL", sector="GOV")
STOLTENBERG = EventActor(actor="person:jens-stoltenberg", name="Jens Stoltenberg", code="IGOWSTNAT", country=None, sector="GOV")
BLINKEN = EventActor(actor="person:antony-blinken", name="Antony Blinken", code="USAGOV", country="USA", sector="GOV")
GERMANY = EventActor(actor="country:DEU", name="Germany", code="DEUGOV", country="DEU", sector="GOV")
UKRAINE = EventActor(actor="country:UKR", name="Ukraine", code="UKR", country="UKR", sector=None)
EU = EventActor(actor="igo:european-union", name="European Union", code="IGOEUREEC", country=None, sector=None)
RUSSIAN_BUSINESS = EventActor(actor="country:RUS", name="Russian steel producers", code="RUSBUS", country="RUS", sector="BUS")

WARSAW = Location("Warsaw", "POL", 52.22977, 21.01178)
BRUSSELS = Location("Brussels", "BEL", 50.85045, 4.34878)
MOSCOW = Location("Moscow", "RUS", 55.75222, 37.61556)
KYIV = Location("Kyiv", "UKR", 50.45466, 30.5238)
BERLIN = Location("Berlin", "DEU", 52.52437, 13.41053)


def find(text: str, needle: str, after: int = 0) -> Mention:
    """The first occurrence of ``needle`` at or after ``after``."""
    start = text.index(needle, after)
    return Mention(start, start + len(needle), needle)


@dataclass
class Builder:
    """Collects actors, places and events for one article, locating every span in its text."""

    text: str
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def actor(self, side: EventActor, *needles: str, kind: str = "country") -> None:
        actor = self.actors.setdefault(
            side.actor or "",
            Actor(id=side.actor or "", name=side.name or "", type=kind, code=side.code, country=side.country, sector=side.sector),  # type: ignore[arg-type]
        )
        after = 0
        for needle in needles:
            mention = find(self.text, needle, after)
            actor.mentions.append(mention)
            after = mention.end

    def place(self, location: Location, needle: str, after: int = 0) -> None:
        place = self.places.setdefault(location.name, Place(location.name, location.country, location.lat, location.lon))
        place.mentions.append(find(self.text, needle, after))

    def event(self, sentence: str, trigger: str, cameo: str, name: str, quad: int, goldstein: float, **kw: object) -> Event:
        """An event whose sentence starts with ``sentence`` and ends at the first full stop after the trigger."""
        start = self.text.index(sentence)
        found = find(self.text, trigger, start)
        stop = re.search(r"\.(\s|$)", self.text[found.end :])
        assert stop is not None
        event = Event(
            id=f"ev-{article_id(self.text)}-{len(self.events)}",
            cameo=cameo,
            root=cameo[:2],
            name=name,
            quad_class=quad,
            goldstein=goldstein,
            trigger=found,
            sentence=TextSpan(start, found.end + stop.start() + 1),
            **kw,  # type: ignore[arg-type]
        )
        self.events.append(event)
        return event

    def article(self, outlet: str, published: str, url: str | None, tone: float, title: str) -> Article:
        words = len(self.text.split())
        return Article(
            id=article_id(self.text),
            input=InputRef(path=f"{outlet.lower().replace(' ', '_')}.txt"),
            text=self.text,
            title=title,
            url=url,
            outlet=outlet,
            published=published,
            actors=list(self.actors.values()),
            places=list(self.places.values()),
            events=self.events,
            quotes=self.quotes,
            tone=Tone(score=tone, positive=1.0, negative=1.0 - tone, polarity=2.0, words=words),
        )


LEDGER_TEXT = (
    "WARSAW, April 3 (Baltic Ledger) - Poland expelled three Russian diplomats on Wednesday, accusing them of "
    "working for Moscow's intelligence services.\n\n"
    "Foreign Minister Radoslaw Sikorski said the diplomats had 72 hours to leave Warsaw. Russia's foreign ministry "
    'called the move "a hostile act" and threatened to retaliate.\n\n'
    "Mr. Sikorski met NATO Secretary General Jens Stoltenberg in Brussels on Thursday to discuss the security of "
    "the alliance's eastern flank."
)

WIRE_TEXT = (
    "BRUSSELS, April 4 (Eastern Wire) - Polish Foreign Minister Radoslaw Sikorski met NATO Secretary General Jens "
    "Stoltenberg on Thursday at the alliance's headquarters in Brussels.\n\n"
    "The talks came a day after Warsaw expelled three Russian diplomats. Mr. Sikorski told reporters that Poland "
    "would not be intimidated by Moscow.\n\n"
    "U.S. Secretary of State Antony Blinken urged Russia to release the detained Wall Street Journal reporter "
    "Evan Gershkovich."
)

RHINE_TEXT = (
    "BERLIN, April 5 (Rhine Post) - Germany will not send Taurus cruise missiles to Ukraine, Chancellor Olaf Scholz "
    "said on Friday.\n\n"
    "Scholz may travel to Kyiv later this year, a government spokesman said.\n\n"
    "On Thursday the European Union imposed new sanctions on Russian steel producers, the third package this year."
)


def ledger(
    text: str = LEDGER_TEXT, outlet: str = "Baltic Ledger", url: str = "https://balticledger.example/2024/04/03/poland-expels"
) -> Article:
    """Poland expels Russian diplomats; Russia threatens; Sikorski meets Stoltenberg (Baltic
    Ledger, or a site that republished its text)."""
    b = Builder(text)
    b.actor(POLAND, "Poland")
    b.actor(RUSSIA, "Russian", "Moscow's", "Russia's")
    b.actor(SIKORSKI, "Radoslaw Sikorski", "Sikorski", kind="person")
    b.actor(STOLTENBERG, "Jens Stoltenberg", kind="person")
    b.place(WARSAW, "WARSAW")
    b.place(MOSCOW, "Moscow")
    b.place(WARSAW, "Warsaw", 60)
    b.place(BRUSSELS, "Brussels")
    first = text.split("\n\n")[0]
    b.event(
        first, "expelled", "161", "Reduce or break diplomatic relations", 4, -4.0,
        plover=Plover("SANCTION", "expel"), source=POLAND, target=RUSSIA, date="2024-04-03", date_text="on Wednesday", place=WARSAW,
    )  # fmt: skip
    b.event(
        "Russia's foreign ministry called the move", "threatened", "130", "Threaten", 3, -4.4,
        plover=Plover("THREATEN", None), source=RUSSIA, target=POLAND, date="2024-04-03",
    )  # fmt: skip
    b.event(
        "Mr. Sikorski met NATO", "met", "040", "Consult", 1, 1.0,
        plover=Plover("CONSULT", "meet"), source=SIKORSKI, target=STOLTENBERG, date="2024-04-04", date_text="on Thursday", place=BRUSSELS,
    )  # fmt: skip
    quote = find(text, "a hostile act")
    b.quotes.append(
        Quote(
            id=f"q-{article_id(text)}", kind="direct", text=quote.text, start=quote.start, end=quote.end,
            cue=find(text, "called"), speaker=Speaker(actor="country:RUS", name="Russia", mention=find(text, "Russia's")),
        )
    )  # fmt: skip
    return b.article(outlet, "2024-04-03", url, -3.2, "Poland expels diplomats")


def republished_copy() -> Article:
    """The Ledger's report taken over by a content farm with an invented author bio appended."""
    bio = "About the author: Marta Nowicka is an independent analyst who writes on security in Central Europe."
    return ledger(LEDGER_TEXT + "\n\n" + bio, "Daily Policy Digest", "https://policy-digest.example/poland-expels-diplomats")


def wire() -> Article:
    """The same meeting and expulsion from a second outlet, and a U.S. demand (Eastern Wire)."""
    b = Builder(WIRE_TEXT)
    b.actor(SIKORSKI, "Radoslaw Sikorski", "Sikorski", kind="person")
    b.actor(STOLTENBERG, "Jens Stoltenberg", kind="person")
    b.actor(POLAND, "Warsaw", "Poland")
    b.actor(RUSSIA, "Russian", "Moscow", "Russia")
    b.actor(BLINKEN, "Antony Blinken", kind="person")
    b.place(BRUSSELS, "BRUSSELS")
    b.place(BRUSSELS, "Brussels", 20)
    b.place(MOSCOW, "Moscow")
    b.event(
        "BRUSSELS, April 4", "met", "040", "Consult", 1, 1.0,
        plover=Plover("CONSULT", "meet"), source=SIKORSKI, target=STOLTENBERG, date="2024-04-04", place=BRUSSELS,
    )  # fmt: skip
    b.event(
        "The talks came a day after", "expelled", "161", "Reduce or break diplomatic relations", 4, -4.0,
        plover=Plover("SANCTION", "expel"), source=POLAND, target=RUSSIA, date="2024-04-03", date_text="a day after",
    )  # fmt: skip
    b.event(
        "U.S. Secretary of State", "urged", "100", "Demand", 3, -5.0,
        plover=Plover("REQUEST", None), source=BLINKEN, target=RUSSIA, date="2024-04-04",
    )  # fmt: skip
    return b.article(
        "Eastern Wire", "2024-04-04", "https://easternwire.example/news/sikorski-stoltenberg", -1.5, "Sikorski meets Stoltenberg"
    )


def rhine() -> Article:
    """A negated event, a hypothetical visit and EU sanctions; no URL (Rhine Post)."""
    b = Builder(RHINE_TEXT)
    b.actor(GERMANY, "Germany")
    b.actor(UKRAINE, "Ukraine")
    b.place(BERLIN, "BERLIN")
    b.place(KYIV, "Kyiv")
    b.event(
        "Germany will not send", "send", "072", "Provide military aid", 2, 8.3,
        plover=Plover("AID", "military"), source=GERMANY, target=UKRAINE, negated=True, modality="reported", date="2024-04-05",
    )  # fmt: skip
    b.event(
        "Scholz may travel", "travel", "042", "Make a visit", 1, 1.9,
        plover=Plover("CONSULT", "visit"), source=GERMANY, target=UKRAINE, modality="hypothetical", place=KYIV,
    )  # fmt: skip
    b.actor(EU, "European Union", kind="igo")
    b.actor(RUSSIA, "Russian")
    b.event(
        "On Thursday the European Union", "imposed", "163", "Impose embargo, boycott, or sanctions", 4, -8.0,
        plover=Plover("SANCTION", "sanction"), source=EU, target=RUSSIAN_BUSINESS, date="2024-04-04", date_text="On Thursday",
    )  # fmt: skip
    return b.article("Rhine Post", "2024-04-05", None, 0.8, "Scholz rules out Taurus")


def hand_coded_articles() -> list[Article]:
    """The three hand-coded articles."""
    return [ledger(), wire(), rhine()]


def write_coded_store(path: Path, extra: list[Article] | None = None) -> Path:
    """Store the hand-coded articles (and ``extra`` ones), then find copies and merge events
    across articles, as ingest does."""
    with Store.open(path) as store:
        store.write([*hand_coded_articles(), *(extra or [])])
        corpus.update(store)
    return path


@pytest.fixture
def coded_store(tmp_path: Path) -> Path:
    """A store file holding the hand-coded articles, events merged across articles."""
    return write_coded_store(tmp_path / "coded.duckdb")

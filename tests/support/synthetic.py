"""A synthetic, coded news corpus: wire-style articles about European security built from
sentence templates, each with its actors, places, quotes and CAMEO events already coded and
every offset computed as the text is assembled. It stands in for extractor output where a
store with many dated events is needed — the worked analysis in docs/analysis.md, the docs
tests and the export and server benchmarks — and is clearly synthetic: the reports and
quotations are invented. ``python bench/synthetic.py OUT.duckdb`` writes such a store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph import corpus
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


@dataclass(frozen=True)
class Who:
    """An actor as templates name it: the full phrase, a short one, and its coding."""

    id: str
    name: str
    phrase: str
    short: str
    code: str
    country: str | None
    sector: str | None
    type: str
    bloc: str


def _person(name: str, title: str, code: str, country: str | None, bloc: str) -> Who:
    slug = name.lower().replace(" ", "-")
    return Who(f"person:{slug}", name, f"{title} {name}", name.split()[-1], code, country, "GOV", "person", bloc)


PEOPLE = [
    _person("Sergey Lavrov", "Russian Foreign Minister", "RUSGOV", "RUS", "RUS"),
    _person("Dmytro Kuleba", "Ukrainian Foreign Minister", "UKRGOV", "UKR", "UKR"),
    _person("Josep Borrell", "EU foreign policy chief", "IGOEUREEC", None, "EU"),
    _person("Antony Blinken", "U.S. Secretary of State", "USAGOV", "USA", "USA"),
    _person("Wang Yi", "Chinese Foreign Minister", "CHNGOV", "CHN", "CHN"),
    _person("Jens Stoltenberg", "NATO Secretary General", "IGOWSTNAT", None, "NATO"),
]
STATES = [
    Who("country:RUS", "Russia", "Russia", "Moscow", "RUSGOV", "RUS", "GOV", "country", "RUS"),
    Who("country:UKR", "Ukraine", "Ukraine", "Kyiv", "UKRGOV", "UKR", "GOV", "country", "UKR"),
    Who("igo:european-union", "European Union", "the European Union", "Brussels", "IGOEUREEC", None, None, "igo", "EU"),
    Who("country:USA", "United States", "the United States", "Washington", "USAGOV", "USA", "GOV", "country", "USA"),
    Who("country:CHN", "China", "China", "Beijing", "CHNGOV", "CHN", "GOV", "country", "CHN"),
    Who("igo:nato", "NATO", "NATO", "the alliance", "IGOWSTNAT", None, None, "igo", "NATO"),
]
PLACES = {
    "RUS": Location("Moscow", "RUS", 55.75222, 37.61556),
    "UKR": Location("Kyiv", "UKR", 50.45466, 30.5238),
    "EU": Location("Brussels", "BEL", 50.85045, 4.34878),
    "USA": Location("Washington", "USA", 38.89511, -77.03637),
    "CHN": Location("Beijing", "CHN", 39.9075, 116.39723),
    "NATO": Location("Brussels", "BEL", 50.85045, 4.34878),
    "neutral": Location("Geneva", "CHE", 46.20222, 6.14569),
}


# CAMEO code → name, QuadClass, Goldstein score, PLOVER type and mode.
CAMEO: dict[str, tuple[str, int, float, str, str | None]] = {
    "036": ("Express intent to meet or negotiate", 1, 4.0, "CONSULT", None),
    "040": ("Consult", 1, 1.0, "CONSULT", "meet"),
    "042": ("Make a visit", 1, 1.9, "CONSULT", "visit"),
    "057": ("Sign formal agreement", 1, 8.0, "AGREE", None),
    "071": ("Provide economic aid", 2, 7.4, "AID", "economic"),
    "111": ("Criticize or denounce", 3, -2.0, "ACCUSE", "disapprove"),
    "112": ("Accuse", 3, -2.0, "ACCUSE", "allege"),
    "130": ("Threaten", 3, -4.4, "THREATEN", None),
    "161": ("Reduce or break diplomatic relations", 4, -4.0, "SANCTION", "expel"),
    "163": ("Impose embargo, boycott, or sanctions", 4, -8.0, "SANCTION", "sanction"),
}


@dataclass(frozen=True)
class Template:
    """A sentence coding one event: ``{S}`` source, ``{T}`` target, ``{P}`` place, ``{D}`` day.

    ``kind`` says who can act: "person", "state" or "any".
    """

    cameo: str
    sentence: str
    trigger: str
    kind: str

    @property
    def quad(self) -> int:
        return CAMEO[self.cameo][1]


TEMPLATES = [
    Template("040", "{S} met {T} in {P} {D} to discuss the war in Ukraine.", "met", "person"),
    Template("042", "{S} travelled to {P} {D} for talks with {T}.", "travelled", "person"),
    Template("036", "{S} said {D} that {pron} was ready to meet {T}.", "ready to meet", "person"),
    Template("057", "{S} signed an agreement on grain exports with {T} in {P} {D}.", "signed", "state"),
    Template("071", "{S} delivered a new tranche of economic aid to {T} {D}.", "delivered", "state"),
    Template("111", "{S} sharply criticised {T} {D} over the talks on grain exports.", "criticised", "any"),
    Template("112", "{S} accused {T} {D} of violating international law.", "accused", "any"),
    Template("130", "{S} threatened {T} with retaliation {D}.", "threatened", "any"),
    Template("161", "{S} expelled two diplomats of {T} {D}.", "expelled", "state"),
    Template("163", "{S} imposed new sanctions on {T} {D}.", "imposed", "state"),
]
# Pairs of blocs an article is about, with weights.
DYADS = [
    ("RUS", "UKR", 3), ("RUS", "EU", 3), ("RUS", "USA", 2), ("UKR", "EU", 2), ("UKR", "USA", 2),
    ("CHN", "USA", 2), ("CHN", "RUS", 1), ("EU", "USA", 1), ("NATO", "RUS", 2), ("NATO", "UKR", 1),
]  # fmt: skip

QUOTES = [
    "We will not accept any solution that is decided without us",
    "The door to dialogue remains open, but it takes two to talk",
    "Sanctions have never changed our course and they will not change it now",
    "Our support will last as long as it takes",
    "Security in Europe cannot be built against anyone",
    "Every delay costs lives on the front line",
    "We expect our partners to keep their word",
]


@dataclass(frozen=True)
class Outlet:
    """An invented outlet and whose voices it tends to carry."""

    name: str
    domain: str
    home: str
    voices: tuple[str, ...]


OUTLETS = [
    Outlet("Eastern Wire", "easternwire.example", "RUS", ("RUS", "RUS", "CHN", "EU")),
    Outlet("Kyiv Policy Review", "kpr.example", "UKR", ("UKR", "UKR", "EU", "USA")),
    Outlet("Baltic Ledger", "balticledger.example", "EU", ("EU", "NATO", "UKR", "RUS")),
    Outlet("Rhine Post", "rhinepost.example", "EU", ("EU", "USA", "RUS", "UKR")),
    Outlet("Global Market Pulse", "gmpulse.example", "USA", ("USA", "CHN", "EU", "RUS")),
]


@dataclass
class Draft:
    """An article being written: text so far and everything coded in it."""

    text: str = ""
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def add(self, piece: str) -> Mention:
        start = len(self.text)
        self.text += piece
        return Mention(start, len(self.text), piece)

    def mention(self, who: Who, phrase: str) -> Mention:
        m = self.add(phrase)
        actor = self.actors.setdefault(who.id, Actor(who.id, who.name, who.type, who.code, who.country, who.sector))  # type: ignore[arg-type]
        actor.mentions.append(m)
        return m

    def place(self, location: Location, phrase: str) -> Mention:
        m = self.add(phrase)
        place = self.places.setdefault(location.name, Place(location.name, location.country, location.lat, location.lon))
        place.mentions.append(m)
        return m


def _side(who: Who) -> EventActor:
    return EventActor(who.id, who.name, who.code, who.country, who.sector)


def _conflict_share(source: Who, target: Who, day: dt.date, start: dt.date) -> float:
    """How likely an event between two blocs is conflictual; Russia–West relations worsen over time."""
    pair = {source.bloc, target.bloc}
    progress = (day - start).days / 730
    if pair == {"RUS", "UKR"}:
        return 0.9
    if "RUS" in pair and pair & {"EU", "USA", "NATO"}:
        return min(0.95, 0.45 + 0.45 * progress)
    if "CHN" in pair and pair & {"EU", "USA"}:
        return 0.5
    return 0.1


def _write_event(draft: Draft, rng: random.Random, source: Who, target: Who, day: dt.date, start: dt.date) -> None:
    conflict = rng.random() < _conflict_share(source, target, day, start)
    kind = source.type if source.type == "person" else "state"
    fitting = [t for t in TEMPLATES if (t.quad >= 3) == conflict and t.kind in (kind, "any")]
    template = rng.choice(fitting)
    location = PLACES[target.bloc] if template.cameo in ("042", "161") else PLACES[rng.choice([source.bloc, "neutral"])]
    sentence_start = len(draft.text)
    trigger: Mention | None = None
    when = f"on {day.strftime('%A')}"
    for piece in re.split(r"(\{[STPD]\}|\{pron\})", template.sentence):
        if piece == "{S}":
            phrase = source.short if source.id in draft.actors and source.type == "person" else source.phrase
            draft.mention(source, phrase[0].upper() + phrase[1:])
        elif piece == "{T}":
            draft.mention(target, target.phrase if target.type != "person" else target.name)
        elif piece == "{pron}":
            draft.add("he")
        elif piece == "{P}":
            draft.place(location, location.name)
        elif piece == "{D}":
            draft.add(when)
        elif trigger is None and template.trigger in piece:
            before, _, after = piece.partition(template.trigger)
            draft.add(before)
            trigger = draft.add(template.trigger)
            draft.add(after)
        else:
            draft.add(piece)
    assert trigger is not None
    name, quad, goldstein, plover_type, plover_mode = CAMEO[template.cameo]
    draft.events.append(
        Event(
            id=f"event-{len(draft.events)}",  # made unique once the article has its id
            cameo=template.cameo,
            root=template.cameo[:2],
            name=name,
            quad_class=quad,
            goldstein=goldstein,
            trigger=trigger,
            sentence=TextSpan(sentence_start, len(draft.text)),
            plover=Plover(plover_type, plover_mode),
            source=_side(source),
            target=_side(target),
            date=day.isoformat(),
            date_text=when,
            place=location if "{P}" in template.sentence else None,
        )
    )


def _write_quote(draft: Draft, rng: random.Random, speaker: Who) -> None:
    draft.add("\u201c")
    said = draft.add(rng.choice(QUOTES))
    draft.add(",\u201d ")
    name = draft.mention(speaker, speaker.name)
    draft.add(" ")
    cue = draft.add(rng.choice(["told reporters", "said", "wrote on social media"]))
    draft.add(".")
    draft.quotes.append(
        Quote(
            id=f"quote-{len(draft.quotes)}",
            kind="direct",
            text=said.text,
            start=said.start,
            end=said.end,
            cue=cue,
            speaker=Speaker(speaker.id, speaker.name, name),
        )
    )


def demo_articles(n_articles: int = 800, seed: int = 7, start: dt.date = dt.date(2022, 6, 1), days: int = 730) -> Iterator[Article]:
    """``n_articles`` coded articles spread over ``days`` days from ``start``."""
    rng = random.Random(seed)
    people = {p.bloc: p for p in PEOPLE}
    states = {p.bloc: p for p in STATES}
    for n in range(n_articles):
        outlet = rng.choice(OUTLETS)
        day = start + dt.timedelta(days=rng.randrange(days))
        draft = Draft()
        dateline = PLACES[outlet.home if outlet.home in PLACES else "neutral"]
        draft.place(dateline, dateline.name.upper())
        draft.add(f", {day.strftime('%B')} {day.day} ({outlet.name}) - ")
        blocs = rng.choices([d[:2] for d in DYADS], weights=[d[2] for d in DYADS])[0]
        for i in range(rng.randint(2, 5)):
            if i:
                draft.add(" " if rng.random() < 0.5 else "\n\n")
            cast = people if rng.random() < 0.5 else states
            source, target = (cast[b] for b in (blocs if rng.random() < 0.5 else blocs[::-1]))
            _write_event(draft, rng, source, target, day - dt.timedelta(days=rng.randrange(3)), start)
        for _ in range(rng.randint(1, 3)):
            draft.add("\n\n")
            _write_quote(draft, rng, people[rng.choice(outlet.voices)])
        text = draft.text
        article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
        for event in draft.events:
            event.id = f"{article_id}-{event.id}"
        for quote in draft.quotes:
            quote.id = f"{article_id}-{quote.id}"
        words = len(text.split())
        conflict = sum(1 for e in draft.events if (e.quad_class or 0) >= 3)
        score = round(-1.5 * conflict + 1.0 * (len(draft.events) - conflict) + rng.gauss(0, 0.7), 2)
        yield Article(
            id=article_id,
            input=InputRef(id=f"synthetic-{seed}-{n}", path="synthetic"),
            text=text,
            title=f"{draft.events[0].name} — {outlet.name}",
            url=f"https://{outlet.domain}/{day.isoformat()}/{n}",
            outlet=outlet.name,
            published=day.isoformat(),
            language="en",
            format="synthetic",
            actors=list(draft.actors.values()),
            quotes=draft.quotes,
            events=draft.events,
            places=list(draft.places.values()),
            tone=Tone(score=score, positive=max(score, 0) + 1.0, negative=max(-score, 0) + 1.0, polarity=abs(score) + 2.0, words=words),
        )


def write_demo_store(path: Path, n_articles: int = 800, seed: int = 7) -> int:
    """Write the demonstration store and update the corpus tables (copies, merged events) as
    ingest does; return the number of events."""
    articles = list(demo_articles(n_articles, seed))
    with Store.open(path) as store:
        store.write(articles)
        corpus.update(store)
    return sum(len(a.events) for a in articles)

"""A synthetic news corpus for the corpus benchmarks: families of an original article and
its republished copies, among unrelated articles on the same topics.

Articles are built from sentence templates about diplomacy filled with random actors,
places, numbers and topic words, so that articles on one topic share vocabulary and stock
phrases; a third of them also carry one of a few background paragraphs shared by their
topic (as wire stories reuse background), which makes hard negatives. Copies are made from
an original by the transformations seen on content farms and syndication: an appended
author bio, a trimmed ending, cut middle paragraphs, light word edits, a promotional
header and footer, and combinations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

COUNTRIES = [
    "Russia", "Ukraine", "China", "the United States", "France", "Germany", "Poland", "Turkey", "Hungary", "Moldova",
    "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "India", "Brazil", "Japan", "Iran", "Israel", "Egypt",
    "Estonia", "Latvia", "Lithuania", "Finland", "Sweden", "Romania", "Serbia", "Belarus", "the United Kingdom", "Italy",
]  # fmt: skip
PEOPLE = [
    "the foreign minister", "the prime minister", "the defence minister", "the president", "a senior diplomat",
    "the ambassador", "the government spokesperson", "the deputy foreign minister", "the chief negotiator",
    "the head of the security council", "an opposition leader", "the finance minister", "a presidential adviser",
]  # fmt: skip
TOPICS = {
    "sanctions": ["sanctions", "price cap", "shadow fleet", "export controls", "frozen assets", "listings", "enforcement"],
    "energy": ["gas transit", "pipeline", "power grid", "nuclear plant", "oil exports", "electricity prices", "storage"],
    "security": ["air defence", "missile strikes", "border guards", "military exercises", "troop deployments", "drones"],
    "trade": ["tariffs", "grain exports", "shipping routes", "customs union", "investment deal", "supply chains"],
    "diplomacy": ["peace talks", "ceasefire", "prisoner exchange", "summit", "mediation", "joint statement"],
    "elections": ["election", "referendum", "observers", "disinformation", "campaign financing", "turnout"],
    "accession": ["membership talks", "negotiating chapters", "rule of law", "judicial reform", "screening report"],
    "migration": ["asylum seekers", "border crossings", "relocation quotas", "smuggling networks", "reception centres"],
}
VERBS = ["discussed", "criticised", "welcomed", "rejected", "supported", "questioned", "praised", "condemned", "proposed"]
TEMPLATES = [
    "{Person} of {c1} {verb} the {t1} with counterparts from {c2} on {day}.",
    "Officials in {c1} said the {t1} would be reviewed before the end of {month}.",
    '"We will not accept any decision on {t1} that ignores our interests," {person} of {c1} said.',
    "Diplomats from {c2} expect talks on {t1} and {t2} to resume within {n} weeks.",
    "{Person} of {c2} accused {c1} of using {t1} as a means of pressure.",
    "The meeting in the capital of {c1} lasted {n} hours and ended without a joint statement on {t2}.",
    "According to {c2}'s foreign ministry, {n} agreements on {t1} were signed during the visit.",
    "Analysts said {c1} was unlikely to change its position on {t2} before {month}.",
    "{c1} and {c2} agreed to set up a working group on {t1} that will meet every {n} weeks.",
    "Critics in {c2} warned that the plan on {t2} could cost more than {n} billion euros.",
    "{Person} of {c1} told reporters that {t1} remained the main obstacle to progress.",
    "A spokesperson for {c2} said the talks on {t2} had been frank and useful.",
    "Earlier on {day}, {person} of {c1} held a phone call with {person2} of {c2} about {t1}.",
    "The talks come {n} months after {c1} {verb} a proposal from {c2} on {t2}.",
    "Protesters gathered outside the {c2} embassy in the capital of {c1} to demand action on {t1}.",
    "Parliament in {c1} is due to vote on the {t1} bill in {month}, officials said.",
    "{Person} of {c2} said {n} countries had already joined the initiative on {t2}.",
    "Neither side commented on reports that {c1} had offered concessions on {t1}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
BIO_TEMPLATES = [
    "{name} is a passionate writer who has covered {region} for more than {n} years. Known for a keen eye for detail, "
    "{name} crafts engaging stories, and their contributions appear on many news platforms.",
    "About the author: {name} is a distinguished contributor at {site}, celebrated for a gift for storytelling and "
    "for making complex politics accessible to every reader.",
    "{name} is a freelance journalist based in {city}. Follow {name} for daily updates on {region} and world affairs.",
]
EDITS = {"said": "stated", "talks": "negotiations", "officials": "authorities", "warned": "cautioned", "capital": "city"}


@dataclass
class Doc:
    """A synthetic article: its family (the original's index), how it was made, and its paragraphs."""

    family: int
    kind: str
    topic: str
    published: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _sentence(rng: random.Random, topic: str) -> str:
    words = TOPICS[topic]
    c1, c2 = rng.sample(COUNTRIES, 2)
    person, person2 = rng.sample(PEOPLE, 2)
    sentence = rng.choice(TEMPLATES).format(
        c1=c1,
        c2=c2,
        person=person,
        person2=person2,
        Person=person[0].upper() + person[1:],
        verb=rng.choice(VERBS),
        t1=rng.choice(words),
        t2=rng.choice(words),
        day=rng.choice(DAYS),
        month=rng.choice(MONTHS),
        n=rng.randint(2, 40),
    )
    return sentence[0].upper() + sentence[1:]


def _paragraph(rng: random.Random, topic: str) -> str:
    return " ".join(_sentence(rng, topic) for _ in range(rng.randint(2, 4)))


def _bio(rng: random.Random) -> str:
    first = rng.choice(["Marla", "Devon", "Alexis", "Jordan", "Kira", "Tomas", "Lena", "Victor"])
    last = rng.choice(["Quinn", "Harper", "Novak", "Reyes", "Sato", "Brandt", "Okafor", "Lindqvist"])
    return rng.choice(BIO_TEMPLATES).format(
        name=f"{first} {last}",
        region=rng.choice(["Eastern Europe", "the Caucasus", "Central Asia", "the Middle East", "European politics"]),
        n=rng.randint(3, 20),
        site=rng.choice(["marketpulse", "newsdigest24", "globalwire-now", "dailybrief"]),
        city=rng.choice(["Vienna", "Tbilisi", "Warsaw", "Istanbul", "Riga"]),
    )


def _edit(rng: random.Random, paragraph: str) -> str:
    words = paragraph.split(" ")
    for i, word in enumerate(words):
        if word in EDITS and rng.random() < 0.7:
            words[i] = EDITS[word]
    return " ".join(words)


def copy_of(rng: random.Random, original: Doc, kind: str) -> Doc:
    """A copy of ``original`` made by transformation ``kind``."""
    paragraphs = list(original.paragraphs)
    n = len(paragraphs)
    if kind in ("trim", "trim+bio"):
        paragraphs = paragraphs[: max(2, round(n * rng.uniform(0.35, 0.8)))]
    if kind == "cut":
        for _ in range(rng.randint(1, 2)):
            if len(paragraphs) > 3:
                paragraphs.pop(rng.randrange(1, len(paragraphs) - 1))
    if kind == "edit":
        for index in rng.sample(range(n), min(n, 3)):
            paragraphs[index] = _edit(rng, paragraphs[index])
    if kind in ("bio", "trim+bio"):
        paragraphs.append(_bio(rng))
    if kind == "promo":
        paragraphs = ["This story was first published by a partner outlet and is republished with permission.", *paragraphs]
        paragraphs.append("Read more stories like this one and subscribe to our free daily newsletter.")
    day = min(28, int(original.published[-2:]) + rng.randint(0, 3))
    return Doc(original.family, kind, original.topic, f"{original.published[:-2]}{day:02d}", paragraphs)


COPY_KINDS = ["bio", "trim", "cut", "edit", "trim+bio", "promo"]


def corpus(size: int, seed: int = 11, copy_share: float = 0.3) -> list[Doc]:
    """About ``size`` documents; roughly ``copy_share`` of them are copies of another."""
    rng = random.Random(seed)
    backgrounds = {topic: [_paragraph(rng, topic) for _ in range(3)] for topic in TOPICS}
    docs: list[Doc] = []
    family = 0
    while len(docs) < size:
        topic = rng.choice(list(TOPICS))
        paragraphs = [_paragraph(rng, topic) for _ in range(rng.randint(5, 9))]
        if rng.random() < 0.33:  # shared wire background: same-topic articles overlap in one paragraph
            paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(backgrounds[topic]))
        published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 25):02d}"
        original = Doc(family, "original", topic, published, paragraphs)
        docs.append(original)
        if rng.random() < copy_share / (1 - copy_share) / 1.5:
            for kind in rng.sample(COPY_KINDS, rng.randint(1, 2)):
                docs.append(copy_of(rng, original, kind))
        family += 1
    return docs[:size]

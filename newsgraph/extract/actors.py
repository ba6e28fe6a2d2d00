"""Actors: named entities grouped into actors, with every mention kept.

This is the baseline resolver: people, organisations and countries from spaCy's entities,
surnames joined to the full name seen earlier in the article, countries coded by ISO 3166
alpha-3. It fills ``doc._.ng_actors`` and ``doc._.ng_mentions`` (a MentionIndex) — the
contract that quotes and events rely on.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.extract.gazetteer import Gazetteer, load_gazetteer
from newsgraph.extract.mentions import ActorMention, MentionIndex
from newsgraph.model import Actor, ActorType, Mention

_SLUG = re.compile(r"[^a-z0-9]+")
# Letters that Unicode decomposition does not reduce to ASCII.
_ASCII_LETTERS = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "þ": "th",
        "ð": "d",
    }
)


def slugify(name: str) -> str:
    """``"Sergey Lavrov"`` → ``"sergey-lavrov"`` (accents folded)."""
    folded = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS)).encode("ascii", "ignore").decode("ascii")
    return _SLUG.sub("-", folded.lower()).strip("-")


def actor_id(kind: ActorType, key: str) -> str:
    """A store-wide actor id: ``country:RUS``, ``person:sergey-lavrov`` …"""
    return f"{kind}:{key if kind in ('country', 'igo') else slugify(key)}"


def _clean_name(span: Span) -> Span:
    """Drop a leading determiner and trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end]


class BaselineResolver:
    """Group entities into actors within one document."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> tuple[list[Actor], list[ActorMention]]:
        actors: dict[str, Actor] = {}
        mentions: list[ActorMention] = []
        surname_to_id: dict[str, str] = {}
        for ent in doc.ents:
            span = _clean_name(ent)
            if len(span) == 0:
                continue
            resolved = self._resolve(span, surname_to_id)
            if resolved is None:
                continue
            kind, key, name, code, country = resolved
            ident = actor_id(kind, key)
            actor = actors.get(ident)
            if actor is None:
                actor = actors[ident] = Actor(id=ident, name=name, type=kind, code=code, country=country)
            if kind == "person" and len(span) > 1:
                surname_to_id.setdefault(span[-1].text, ident)
            actor.mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text))
            mentions.append(ActorMention(ident, span.start_char, span.end_char, span.start, span.end, "name"))
        return list(actors.values()), mentions

    def _resolve(self, span: Span, surname_to_id: dict[str, str]) -> tuple[ActorType, str, str, str | None, str | None] | None:
        label = span.label_ or span.root.ent_type_
        if label == "PERSON":
            if len(span) == 1 and span.text in surname_to_id:
                key = surname_to_id[span.text].split(":", 1)[1]
                return "person", key, key.replace("-", " ").title(), None, None
            return "person", span.text, span.text, None, None
        if label == "GPE":
            entry = self.gazetteer.lookup(span.text)
            if entry is not None and entry.kind == "country" and entry.country:
                return "country", entry.country, entry.name, entry.country, entry.country
            return None
        if label == "ORG":
            return "organization", span.text, span.text, None, None
        return None


@Language.factory("newsgraph_actors", assigns=["doc._.ng_actors", "doc._.ng_mentions"], requires=["doc.ents"])
def make_actors(nlp: Language, name: str) -> ActorFinder:
    """spaCy factory for the actor finder."""
    return ActorFinder()


class ActorFinder:
    """Component: sets ``doc._.ng_actors`` and ``doc._.ng_mentions``."""

    def __init__(self) -> None:
        self.resolver = BaselineResolver(load_gazetteer())

    def __call__(self, doc: Doc) -> Doc:
        actors, mentions = self.resolver(doc)
        doc._.ng_actors = actors
        doc._.ng_mentions = MentionIndex(actors, mentions)
        return doc

"""When and where an event happened: the nearest resolved temporal expression and the
nearest locative place in its clause (never one attached above the verb of saying that
reports it: "Lavrov said on Friday that …" dates the saying, not the event), else the
publication date and the dateline place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.events.syntax import ancestors_path, tree_distance
from newsgraph.model import DateRef, Location, Place

_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "within", "along"})
_DATE_PREPOSITIONS = frozenset({"on", "in", "at", "since", "by", "during", "from", "until", "till", "before", "after", "of"})
_REPORTING_BOUNDARIES = frozenset({"ccomp", "parataxis"})
# Clauses that hold other events: a date or place inside them is not this event's
# ("warned that strikes could cut power next winter" dates the strikes, not the warning).
_FOREIGN_CLAUSES = frozenset({"parataxis", "relcl", "ccomp"})
_MAX_DISTANCE = 9
T = TypeVar("T")


@dataclass
class Anchored:
    """A date or place with the token it hangs on in the parse."""

    token: Token
    start: int
    end: int


@dataclass
class Setting:
    """The date and place chosen for one event."""

    date: str | None
    date_text: str | None
    place: Location | None


def _outside_reporting(candidate: Token, trigger: Token) -> bool:
    """True when the candidate hangs above a complement clause that holds the trigger, i.e.
    it belongs to the verb that reports the event."""
    trigger_path = ancestors_path(trigger)
    candidate_ids = {t.i for t in ancestors_path(candidate)}
    for token in trigger_path:
        if token.i in candidate_ids:
            return False  # reached the common ancestor without crossing a complement
        if token.dep_ in _REPORTING_BOUNDARIES:
            return True
    return False


def _in_other_clause(candidate: Token, trigger: Token) -> bool:
    """True when the candidate sits in a coordinated or relative clause that does not hold
    the trigger ("… but it did not start last week")."""
    trigger_ids = {t.i for t in ancestors_path(trigger)}
    for token in ancestors_path(candidate):
        if token.i in trigger_ids:
            return False
        if token.dep_ in _FOREIGN_CLAUSES or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX")):
            return True
    return False


def _since(candidate: Token, trigger: Token) -> bool:
    """True when the candidate hangs from "since" (a preposition or a clause's mark) below
    the point where it meets the trigger."""
    trigger_ids = {t.i for t in ancestors_path(trigger)}
    for token in ancestors_path(candidate):
        if token.i in trigger_ids:
            return False
        if token.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in token.children):
            return True
    return False


def _locative(token: Token) -> bool:
    """Whether a place name is the object of a locative preposition, itself or as a modifier
    of it ("in Kharkiv", "in Russia's Bryansk region")."""
    for _ in range(3):
        if token.dep_ == "pobj":
            return token.head.lower_ in _LOCATIVE
        if token.dep_ not in ("compound", "poss", "nmod", "amod", "appos") or token.head == token:
            return False
        token = token.head
    return False


class SettingFinder:
    """Dates and places of one document, anchored in the parse, and the fallbacks."""

    def __init__(
        self, doc: Doc, text: str, dates: list[DateRef], places: list[Place], published: str | None, dateline: Location | None
    ) -> None:
        self.doc = doc
        self.text = text
        self.published = published
        self.dateline = dateline
        self.dates: list[tuple[Anchored, DateRef]] = []
        for ref in dates:
            if ref.value is None:
                continue
            span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is not None and len(span):
                self.dates.append((Anchored(span.root, ref.start, ref.end), ref))
        self.places: list[tuple[Anchored, Place]] = []
        for place in places:
            for mention in place.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and len(span):
                    self.places.append((Anchored(span.root, mention.start, mention.end), place))

    def _nearest(
        self, items: Sequence[tuple[Anchored, T]], trigger: Token, sentence: Span, dates: bool = False
    ) -> tuple[Anchored, T] | None:
        """The item anchored nearest the trigger in the parse, within its clause (a date
        never from a "since" phrase: "since February 2022" is an anchor, not the event's)."""
        best: tuple[int, int, tuple[Anchored, T]] | None = None
        for item in items:
            anchor = item[0]
            if not (sentence.start_char <= anchor.start < sentence.end_char):
                continue
            if _outside_reporting(anchor.token, trigger) or _in_other_clause(anchor.token, trigger):
                continue
            if dates and _since(anchor.token, trigger):
                continue
            distance = tree_distance(anchor.token, trigger)
            if distance > _MAX_DISTANCE:
                continue
            rank = (distance, abs(anchor.token.i - trigger.i), item)
            if best is None or rank[:2] < best[:2]:
                best = rank
        return best[2] if best else None

    def date_text(self, anchor: Anchored) -> str:
        """The expression with its preposition ("On February 5")."""
        head = anchor.token.head
        start = anchor.start
        if head.i != anchor.token.i and head.dep_ == "prep" and head.lower_ in _DATE_PREPOSITIONS and head.idx < start:
            between = self.text[head.idx + len(head.text) : start]
            if len(between) <= 5:
                start = head.idx
        return self.text[start : anchor.end]

    def find(self, trigger: Token, sentence: Span, place_tokens: list[Token], future: bool = False) -> Setting:
        """Date and place for a trigger; ``place_tokens`` are roles that are places by the
        pattern ("visited Moscow"). A future event's month or day without a year that
        resolved to before publication is the next one ("will meet in June")."""
        date: str | None = self.published
        text: str | None = None
        found = self._nearest(self.dates, trigger, sentence, dates=True)
        if found is not None:
            anchor, ref = found
            date, text = ref.value, self.date_text(anchor)
            stale = bool(future and date and self.published and date < self.published)
            if stale and date and ref.granularity in ("day", "month", "season") and not re.search(r"\b\d{4}\b", ref.text):
                date = f"{int(date[:4]) + 1}{date[4:]}"
        return Setting(date=date, date_text=text, place=self.place(trigger, sentence, place_tokens))

    def place(self, trigger: Token, sentence: Span, place_tokens: list[Token]) -> Location | None:
        """A place named as the event's destination, else a locative in its clause, else
        the dateline."""
        by_token = {anchor.token.i: place for anchor, place in self.places}
        for token in place_tokens:
            place = by_token.get(token.i)
            if place is not None:
                return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)
        locative = [(a, p) for a, p in self.places if _locative(a.token)]
        nearest = self._nearest(locative, trigger, sentence)
        if nearest is not None:
            place = nearest[1]
            return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)
        return self.dateline

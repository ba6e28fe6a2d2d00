"""Cut an article's text into segments, each carrying the annotations (actor mentions,
quotations with their speaker and cue, event triggers, places, dates) that cover it, so that
a template can mark them up without ever inserting text that was not escaped.

Annotations may nest or overlap (a mention inside a quotation, a trigger inside both); a
segment is a stretch of text where the set of covering annotations does not change.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from newsgraph.model import Article, EventActor


@dataclass(frozen=True)
class Annotation:
    """One highlighted range: ``key`` names the record it belongs to (``a0``, ``q1``, ``e2``,
    ``p0``, ``d3``), shared by every range of that record (all mentions of an actor; a quote,
    its cue and its speaker)."""

    key: str
    kind: str
    start: int
    end: int
    label: str


@dataclass
class Segment:
    """A stretch of text and the annotations covering all of it."""

    text: str
    start: int
    annotations: list[Annotation] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)

    @property
    def classes(self) -> str:
        """CSS classes, one per kind of covering annotation."""
        return " ".join(sorted({f"hl-{a.kind}" for a in self.annotations}))

    @property
    def keys(self) -> str:
        """The record keys, space-separated (for ``[data-ann~=key]`` selectors)."""
        return " ".join(dict.fromkeys(a.key for a in self.annotations))

    @property
    def title(self) -> str:
        """The labels of the covering annotations, one per line (shown on hover)."""
        return "\n".join(dict.fromkeys(a.label for a in self.annotations))


def _side(side: EventActor | None) -> str:
    if side is None:
        return "—"
    return side.name or side.code or side.actor or "—"


def event_summary(article: Article, index: int) -> str:
    """One line for an event: code, name, who → whom, modality."""
    e = article.events[index]
    extra: list[str] = [e.modality] if e.modality != "asserted" else []
    if e.negated:
        extra.append("negated")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{e.cameo} {e.name}: {_side(e.source)} → {_side(e.target)}{tail}"


def record_marks(article: Article) -> list[Annotation]:
    """Every highlightable range of the article's records."""
    found: list[Annotation] = []
    for i, actor in enumerate(article.actors):
        code = f", {actor.code}" if actor.code else ""
        for m in actor.mentions:
            found.append(Annotation(f"a{i}", "actor", m.start, m.end, f"Actor: {actor.name} ({actor.type}{code})"))
    for i, q in enumerate(article.quotes):
        speaker = (q.speaker.name if q.speaker else None) or "unattributed"
        found.append(Annotation(f"q{i}", "quote", q.start, q.end, f"Quote ({q.kind}), speaker: {speaker}"))
        if q.speaker and q.speaker.mention:
            m = q.speaker.mention
            found.append(Annotation(f"q{i}", "speaker", m.start, m.end, f"Speaker of quote {i + 1}: {speaker}"))
        if q.cue:
            found.append(Annotation(f"q{i}", "cue", q.cue.start, q.cue.end, f"Cue of quote {i + 1}: {q.cue.text}"))
    for i, e in enumerate(article.events):
        found.append(Annotation(f"e{i}", "trigger", e.trigger.start, e.trigger.end, f"Event {event_summary(article, i)}"))
    for i, p in enumerate(article.places):
        for m in p.mentions:
            found.append(Annotation(f"p{i}", "place", m.start, m.end, f"Place: {p.name}" + (f" ({p.country})" if p.country else "")))
    for i, d in enumerate(article.dates):
        found.append(Annotation(f"d{i}", "date", d.start, d.end, f"Date: {d.value or 'unresolved'}"))
    return found


def segments(text: str, marks: list[Annotation]) -> list[Segment]:
    """Cut ``text`` at every annotation boundary. Annotations outside the text or empty are
    ignored; the first segment of each record carries its key in ``anchors``."""
    valid = [a for a in marks if 0 <= a.start < a.end <= len(text)]
    cuts = sorted({0, len(text), *(a.start for a in valid), *(a.end for a in valid)})
    by_start = sorted(valid, key=lambda a: (a.start, -a.end))
    result: list[Segment] = []
    active: list[Annotation] = []
    anchored: set[str] = set()
    next_mark = 0
    for left, right in itertools.pairwise(cuts):
        active = [a for a in active if a.end > left]
        while next_mark < len(by_start) and by_start[next_mark].start <= left:
            active.append(by_start[next_mark])
            next_mark += 1
        segment = Segment(text[left:right], left, list(active))
        for key in dict.fromkeys(a.key for a in active):
            if key not in anchored:
                anchored.add(key)
                segment.anchors.append(key)
        result.append(segment)
    return result

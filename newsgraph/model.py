"""The data model: typed dataclasses for everything newsgraph reads and produces.

Every stage takes and returns these. ``Article.to_dict()`` gives the public JSON record
(schema ``newsgraph/article@1``, see ``newsgraph/data/article.schema.json``); every offset
in it is a character offset into ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union

from newsgraph.errors import Message, NewsgraphError, printable

SCHEMA_VERSION = "newsgraph/article@1"

ActorType = Literal["person", "organization", "country", "igo", "group"]
QuoteKind = Literal["direct", "indirect", "mixed", "term"]
Modality = Literal["asserted", "hypothetical", "future", "reported"]
ArticleStatus = Literal["analysed", "skipped"]


@dataclass
class TextSpan:
    """A range of characters in the article text (``text[start:end]``)."""

    start: int
    end: int


@dataclass
class Mention(TextSpan):
    """A range of characters together with the characters themselves, as evidence."""

    text: str


@dataclass
class InputRef:
    """Where an article came from: the id the user gave, the file and the line or record."""

    id: str | None = None
    path: str | None = None
    line: int | None = None


@dataclass
class Actor:
    """A person, organisation, country, IGO or group, with every mention in one article."""

    id: str
    name: str
    type: ActorType
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other names: the original script of a transliterated name


@dataclass
class Speaker:
    """Who a quotation is attributed to, and the mention that names them."""

    actor: str | None = None
    name: str | None = None
    mention: Mention | None = None


@dataclass
class Quote:
    """A quotation: ``text`` is the quoted content (``start``/``end`` locate it)."""

    id: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    cue: Mention | None = None
    speaker: Speaker | None = None


@dataclass
class EventActor:
    """One side of an event (source or target) as coded for that event; ``mention`` is the
    text it was read from."""

    actor: str | None = None
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    mention: Mention | None = None


@dataclass
class Plover:
    """The PLOVER event type and mode that a CAMEO code maps to."""

    type: str | None = None
    mode: str | None = None


@dataclass
class Location:
    """A geocoded place: name, ISO 3166 alpha-3 country and coordinates."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Place(Location):
    """A place named in an article, with its mentions."""

    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Event:
    """Who did what to whom: a coded event and the evidence it rests on."""

    id: str
    cameo: str
    root: str
    name: str
    quad_class: int | None
    goldstein: float | None
    trigger: Mention
    sentence: TextSpan
    plover: Plover | None = None
    source: EventActor | None = None
    target: EventActor | None = None
    negated: bool = False
    modality: Modality = "asserted"
    claimed_by: str | None = None
    date: str | None = None
    date_text: str | None = None
    place: Location | None = None


@dataclass
class DateRef:
    """A temporal expression and its resolved ISO date.

    ``granularity`` says how precise ``value`` is: "day", "week", "month", "season" or
    "year" (then ``value`` is the first day of that period); both are None when the
    expression does not resolve (durations, vague references).
    """

    text: str
    start: int
    end: int
    value: str | None = None
    granularity: str | None = None


@dataclass
class SentenceTone(TextSpan):
    """The tone of one sentence (``start``/``end`` locate it), on the same scale as ``Tone``."""

    score: float
    positive: float
    negative: float
    polarity: float
    words: int


@dataclass
class Tone:
    """GDELT-style tone: percentages of positive and negative words, and their difference.

    ``sentences`` gives the same figures per sentence; tone toward an actor is the mean
    score of the sentences that mention it.
    """

    score: float
    positive: float
    negative: float
    polarity: float
    words: int
    sentences: list[SentenceTone] = field(default_factory=list)


@dataclass
class Removal:
    """A piece of scraped leftover that cleaning removed, and why."""

    text: str
    reason: str


@dataclass
class Dateline:
    """A wire dateline such as ``MOSCOW, March 29. /TASS/.`` found at the start of the text."""

    text: str
    start: int
    end: int
    place: str | None = None
    month: int | None = None
    day: int | None = None
    outlet: str | None = None


@dataclass
class RawArticle:
    """An article as a reader found it, before cleaning and analysis."""

    text: str
    input: InputRef
    format: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    site_name: str | None = None


@dataclass
class Article:
    """One analysed (or skipped) article: the public record."""

    id: str
    input: InputRef
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    status: ArticleStatus = "analysed"
    format: str | None = None
    author: str | None = None
    site_name: str | None = None
    dateline: Dateline | None = None
    removed: list[Removal] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    tone: Tone | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON record, with the schema tag first."""
        return {"schema": SCHEMA_VERSION, **dataclasses.asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from its JSON record (unknown keys are ignored)."""
        return from_dict(cls, data)


@dataclass
class InputFailure:
    """An input that could not be read or analysed: the file, the line, the reason and its
    code in the error catalogue (``newsgraph.errors``)."""

    path: str
    reason: str
    line: int | None = None
    code: str | None = None

    @classmethod
    def of(cls, path: str, message: Message, line: int | None = None, **fields: Any) -> InputFailure:
        """The failure for catalogue entry ``message`` with its fields filled in."""
        return cls(path, message.format(**fields), line, message.code)

    @classmethod
    def from_error(cls, path: str, error: NewsgraphError, line: int | None = None) -> InputFailure:
        """The failure for an error raised while reading or preparing an input."""
        return cls(path, error.message, line, error.code)

    @property
    def where(self) -> str:
        """``path`` or ``path:line``."""
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        """One printable line: ``path:line: [E2xx] reason``."""
        where, reason = printable(self.where), printable(self.reason)
        return f"{where}: [{self.code}] {reason}" if self.code else f"{where}: {reason}"


T = TypeVar("T")


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build dataclass ``cls`` from plain JSON data, recursing into nested dataclasses."""
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_dict(hint, value)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def to_json(value: Any) -> str:
    """Compact JSON that keeps non-ASCII characters and writes dates as ISO strings."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)

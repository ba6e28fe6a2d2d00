"""The event pattern dictionary: triggers (verbs, nouns, adjectives) with constraints over
lemmas and dependency structure, the frames that code appeals, intentions, demands,
rejections and threats by what they are about, and the topic table those frames use.

The format is documented at the top of ``newsgraph/data/event_patterns.yaml``; this module
reads and checks it (unknown keys, classes or CAMEO codes are errors, not silent misses).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.data import package_yaml, parse_yaml
from newsgraph.data.compiled import compiled
from newsgraph.errors import DataFileError, Errors
from newsgraph.extract.events.cameo import Cameo, load_cameo

PATTERNS_FILE = Path(__file__).resolve().parents[2] / "data" / "event_patterns.yaml"

POS_KEYS = {"verbs": "verb", "nouns": "noun", "adjs": "adj"}
FRAMES = ("appeal", "intend", "demand", "reject", "threaten", "purpose")
_TABLE_FRAMES = FRAMES[:-1]  # "purpose" takes the embedded event's own code
# Special terms: tests on the token rather than on its lemma (see ``Terms``).
SPECIAL_TERMS = frozenset({"$place", "$actor", "$person", "$state", "$any", "$money", "$none"})
ROLES = frozenset({"dobj", "dative", "subject", "xcomp", "ccomp", "acl", "compound", "poss", "of"})
_PATTERN_KEYS = frozenset(
    {
        "code",
        "frame",
        "verbs",
        "nouns",
        "adjs",
        "object",
        "subject",
        "light",
        "about",
        "prep",
        "embedded",
        "need_embedded",
        "need_code",
        "embedded_roots",
        "target",
        "of",
        "reciprocal",
        "swap",
        "modality",
        "negated",
        "only_negated",
        "predicate",
        "fallback",
        "embedded_only",
        "place",
        "note",
    }
)


@dataclass(frozen=True)
class Terms:
    """A set of lemmas ("aid"), modifier+head pairs ("economic aid") and special tests
    (``$place``, ``$actor``, ``$person``, ``$state``, ``$any``)."""

    words: frozenset[str] = frozenset()
    special: frozenset[str] = frozenset()

    @property
    def any(self) -> bool:
        """``$any``: any token will do (the slot only has to be filled)."""
        return "$any" in self.special

    def __bool__(self) -> bool:
        return bool(self.words or self.special)


@dataclass(frozen=True)
class Pattern:
    """One trigger pattern. ``code`` is the CAMEO code (the default when ``frame`` is set)."""

    id: str
    pos: str
    lemmas: frozenset[str]
    code: str
    frame: str | None = None
    object: Terms | None = None
    subject: Terms | None = None
    light: Terms | None = None
    about: Terms | None = None
    preps: tuple[tuple[str, Terms], ...] = ()
    embedded: tuple[str, ...] = ()
    need_embedded: bool = False
    need_code: bool = False
    embedded_roots: frozenset[str] = frozenset()
    target: tuple[str, ...] = ()
    of_role: str = "target"
    reciprocal: bool = False
    swap: bool = False
    modality: str | None = None
    negated_code: str | None = None
    only_negated: bool = False
    predicate: str | None = None
    fallback: bool = False
    embedded_only: bool = False
    place_from_target: bool = False
    reverse_code: str | None = None
    priority: int = 0
    order: int = 0

    @property
    def specificity(self) -> int:
        """How many constraints the pattern has: more specific patterns are tried first."""
        return (
            2 * bool(self.object)
            + 2 * bool(self.subject)
            + 2 * bool(self.light and "*" not in self.light.words)
            + 2 * bool(self.about)
            + 2 * len(self.preps)
            + 2 * bool(self.predicate)
            + bool(self.need_embedded)
            + 2 * bool(self.need_code)
            + bool(self.only_negated)
        )


@dataclass
class PatternSet:
    """All patterns indexed by (part of speech, trigger lemma), with frames and topics."""

    classes: dict[str, frozenset[str]]
    topics: dict[str, str]
    frames: dict[str, dict[str, str]]
    frame_defaults: dict[str, str]
    support: frozenset[str]
    speech: frozenset[str]
    patterns: list[Pattern] = field(default_factory=list)
    _index: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    _heads: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        index: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            for lemma in pattern.lemmas:
                index[(pattern.pos, lemma)].append(pattern)
        for candidates in index.values():
            candidates.sort(key=lambda p: (-p.priority, -p.specificity, p.order))
        self._index = dict(index)
        heads: dict[str, set[str]] = defaultdict(set)
        for pos, key in index:
            words = key.split()
            heads[pos].update({words[0], words[-1], key})
        self._heads = {pos: frozenset(words) for pos, words in heads.items()}

    def extend(self, patterns: Iterable[Pattern]) -> PatternSet:
        """A new set with extra patterns (e.g. from a PETRARCH dictionary), tried before
        the bundled patterns."""
        extra = [replace(p, priority=1) for p in patterns]
        return PatternSet(
            classes=self.classes,
            topics=self.topics,
            frames=self.frames,
            frame_defaults=self.frame_defaults,
            support=self.support,
            speech=self.speech,
            patterns=extra + self.patterns,
        )

    def candidates(self, pos: str, key: str) -> list[Pattern]:
        """Patterns whose trigger is ``key`` (a lemma, or "verb particle") as ``pos``."""
        return self._index.get((pos, key), [])

    def may_trigger(self, pos: str, words: set[str]) -> bool:
        """A cheap first test: could a token with these lemmas head any trigger key?"""
        return not words.isdisjoint(self._heads.get(pos, frozenset()))

    def has_trigger(self, pos: str, key: str) -> bool:
        """Whether any pattern is triggered by ``key``."""
        return (pos, key) in self._index

    def topic(self, code: str) -> str | None:
        """What an event with this code is about, for frames (longest code prefix wins)."""
        for size in range(len(code), 1, -1):
            topic = self.topics.get(code[:size])
            if topic is not None:
                return topic
        return None

    def frame_code(self, frame: str, topic: str | None) -> str:
        """The code for ``frame`` about ``topic`` ("aid.3" falls back to "aid", then the default)."""
        table = self.frames[frame]
        while topic:
            if topic in table:
                return table[topic]
            topic = topic.rpartition(".")[0]
        return self.frame_defaults[frame]


def _as_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise DataFileError(Errors.E503, where=where, value=value)


_ARTICLES = frozenset({"the", "a", "an"})


def _norm(word: str) -> str:
    """Lower case, hyphens as spaces, no articles ("take to the street" = "take to street")."""
    return " ".join(w for w in word.lower().replace("-", " ").split() if w not in _ARTICLES) or word.lower()


def expand_words(values: Iterable[str], classes: Mapping[str, frozenset[str]], where: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words with ``@class`` references expanded; special ``$terms`` returned apart."""
    words: set[str] = set()
    special: set[str] = set()
    for value in values:
        if value.startswith("@"):
            if value[1:] not in classes:
                raise DataFileError(Errors.E504, where=where, name=value)
            words |= classes[value[1:]]
        elif value.startswith("$"):
            if value not in SPECIAL_TERMS:
                raise DataFileError(Errors.E505, where=where, term=value, known=", ".join(sorted(SPECIAL_TERMS)))
            special.add(value)
        else:
            words.add(_norm(value))
    return frozenset(words), frozenset(special)


def _terms(value: Any, classes: Mapping[str, frozenset[str]], where: str) -> Terms:
    words, special = expand_words(_as_list(value, where), classes, where)
    return Terms(words, special)


def _check_code(code: Any, cameo: Cameo | None, where: str) -> str:
    if not isinstance(code, str):
        raise DataFileError(Errors.E506, where=where, code=code)
    if cameo is not None and code not in cameo:
        raise DataFileError(Errors.E507, where=where, code=code)
    return code


def _check_pattern(raw: Mapping[str, Any], where: str) -> None:
    """Keys and values of a pattern entry that are not words (unknown ones are errors)."""
    unknown = set(raw) - _PATTERN_KEYS
    if unknown:
        raise DataFileError(Errors.E508, where=where, keys=", ".join(sorted(unknown)))
    frame = raw.get("frame")
    if frame is not None and frame not in FRAMES:
        raise DataFileError(Errors.E509, where=where, frame=frame, frames=", ".join(FRAMES))
    if "code" not in raw and frame is None:
        raise DataFileError(Errors.E510, where=where)
    for key in ("embedded", "target"):
        for role in _as_list(raw.get(key, []), where):
            if role not in ROLES and not role.isalpha():
                raise DataFileError(Errors.E511, where=where, role=role, key=key, roles=", ".join(sorted(ROLES)))
    if raw.get("modality") not in (None, "hypothetical", "future"):
        raise DataFileError(Errors.E512, where=where)
    if raw.get("of", "target") not in ("source", "target"):
        raise DataFileError(Errors.E513, where=where)
    if raw.get("predicate") not in (None, "negative", "positive"):
        raise DataFileError(Errors.E514, where=where)


def parse_pattern(
    raw: Mapping[str, Any], classes: Mapping[str, frozenset[str]], cameo: Cameo | None, order: int, ident: str
) -> list[Pattern]:
    """One pattern entry (one Pattern per part of speech it names)."""
    where = f"pattern {ident}"
    _check_pattern(raw, where)
    frame = raw.get("frame")
    code = _check_code(raw["code"], cameo, where) if "code" in raw else ""
    negated = _check_code(raw["negated"], cameo, where) if "negated" in raw else None
    preps = [(_norm(prep), _terms(value, classes, where)) for prep, value in (raw.get("prep") or {}).items()]
    modality = raw.get("modality")
    common: dict[str, Any] = {
        "code": code,
        "frame": frame,
        "object": _terms(raw["object"], classes, where) if "object" in raw else None,
        "subject": _terms(raw["subject"], classes, where) if "subject" in raw else None,
        "light": _terms(raw["light"], classes, where) if "light" in raw else None,
        "about": _terms(raw["about"], classes, where) if "about" in raw else None,
        "preps": tuple(preps),
        "embedded": tuple(_as_list(raw.get("embedded", ["xcomp", "dobj", "for"] if frame else []), where)),
        "need_embedded": bool(raw.get("need_embedded", False)),
        "need_code": bool(raw.get("need_code", False)),
        "embedded_roots": frozenset(str(r).zfill(2) for r in _as_list(raw.get("embedded_roots", []), where)),
        "target": tuple(_as_list(raw.get("target", []), where)),
        "of_role": raw.get("of", "target"),
        "reciprocal": bool(raw.get("reciprocal", False)),
        "swap": bool(raw.get("swap", False)),
        "modality": modality,
        "negated_code": negated,
        "only_negated": bool(raw.get("only_negated", False)),
        "predicate": raw.get("predicate"),
        "fallback": bool(raw.get("fallback", False)),
        "embedded_only": bool(raw.get("embedded_only", False)),
        "place_from_target": raw.get("place") == "target",
        "order": order,
    }
    patterns = []
    for key, pos in POS_KEYS.items():
        if key in raw:
            lemmas, special = expand_words(_as_list(raw[key], where), classes, where)
            if special:
                raise DataFileError(Errors.E515, where=where, terms=", ".join(sorted(special)))
            patterns.append(Pattern(id=f"{ident}:{pos}", pos=pos, lemmas=lemmas, **common))
    if not patterns:
        raise DataFileError(Errors.E516, where=where)
    return patterns


def parse_patterns(data: Mapping[str, Any], cameo: Cameo | None, source: str = "event patterns") -> PatternSet:
    """Build a PatternSet from the parsed YAML document."""
    if not isinstance(data, Mapping):
        raise DataFileError(Errors.E502, source=source)
    raw_classes = data.get("classes") or {}
    classes: dict[str, frozenset[str]] = {}
    # Classes may refer to classes defined before them.
    for name, values in raw_classes.items():
        words, special = expand_words(_as_list(values, f"class {name}"), classes, f"{source}: class {name}")
        if special:
            raise DataFileError(Errors.E517, source=source, name=name)
        classes[name] = words
    topics: dict[str, str] = {}
    for code, topic in (data.get("topics") or {}).items():
        topics[_check_code(str(code), cameo, f"{source}: topics")] = str(topic)
    frames: dict[str, dict[str, str]] = {}
    defaults: dict[str, str] = {}
    for name, table in (data.get("frames") or {}).items():
        if name not in _TABLE_FRAMES:
            raise DataFileError(Errors.E518, source=source, name=name, frames=", ".join(_TABLE_FRAMES))
        table = dict(table)
        defaults[name] = _check_code(table.pop("default", None), cameo, f"{source}: frame {name} default")
        frames[name] = {str(topic): _check_code(code, cameo, f"{source}: frame {name}") for topic, code in table.items()}
    missing = set(_TABLE_FRAMES) - set(frames)
    if missing:
        raise DataFileError(Errors.E519, source=source, names=", ".join(sorted(missing)))
    known_topics = set(topics.values())
    for name, table in frames.items():
        for topic in table:
            if topic.split(".")[0] not in {t.split(".")[0] for t in known_topics}:
                raise DataFileError(Errors.E520, source=source, name=name, topic=topic)
    patterns: list[Pattern] = []
    for i, raw in enumerate(data.get("events") or []):
        ident = f"{raw.get('code') or raw.get('frame')}#{i}" if isinstance(raw, Mapping) else str(i)
        if not isinstance(raw, Mapping):
            raise DataFileError(Errors.E521, source=source, index=i)
        patterns.extend(parse_pattern(raw, classes, cameo, i, ident))
    for needed in ("support", "speech"):
        if needed not in classes:
            raise DataFileError(Errors.E522, source=source, name=needed)
    return PatternSet(
        classes=classes,
        topics=topics,
        frames=frames,
        frame_defaults=defaults,
        support=classes["support"],
        speech=classes["speech"],
        patterns=patterns,
    )


def read_patterns(path: Path, cameo: Cameo | None = None) -> PatternSet:
    """Read and check a pattern file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(Errors.E501, path=path, reason=exc) from exc
    return parse_patterns(parse_yaml(text, str(path)), cameo, source=str(path))


@cache
def load_patterns() -> PatternSet:
    """The bundled event patterns, read and checked once, then from the compiled cache."""
    return compiled("event_patterns", _build_patterns)


def _build_patterns() -> PatternSet:
    return parse_patterns(package_yaml("event_patterns.yaml"), load_cameo(), source="event_patterns.yaml")

"""Read PETRARCH/TABARI-format actor and agent dictionaries.

The format (see PETRARCH2's ``PETR.Validate.actors.txt`` and ``PETR.Validate.agents.txt``):

- comments: ``# …`` to the end of a line, and ``<!-- … -->`` blocks;
- an actor entry: ``NAME_WITH_UNDERSCORES [CODE]``, followed by synonym lines ``+OTHER_NAME``
  and by further code lines; a code may carry a date restriction — ``[HOBGOV 19950601 -
  19990815]``, ``[HOB <950601]`` (before), ``[HOBREB >990816]`` (from) — with dates as
  YYYYMMDD or YYMMDD; several codes may share brackets (``[ELR/GAL]``);
- an agent entry: ``NOUN {PLURAL} [~GOV]`` — ``~CODE`` is appended to the actor it modifies
  (``Russian`` + ``minister`` → ``RUSGOV``), ``CODE~`` is prefixed; ``{}`` means no plural,
  a missing ``{…}`` means the plural adds "S"; macros ``!PERSON! = MAN, MEN, …`` expand where
  ``!PERSON!`` appears in later entries.

``load_petrarch_actors(path)`` reads either kind of file into plain dataclasses; other modules
decide what to do with them (the actor dictionary adds them as user actors, the events
evaluation scores PETRARCH's unit tests with them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.errors import DataFileError, Errors

_COMMENT_BLOCK = re.compile(r"<!\s*-?-.*?-->", re.DOTALL)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_PLURAL_BLOCK = re.compile(r"\{([^}]*)\}")
_MACRO = re.compile(r"^\s*(![A-Z0-9_]+!)\s*=\s*(.+)$")
_RANGE = re.compile(r"^(?P<code>[^\s<>]*)\s*(?P<a>\d{6,8})\s*-\s*(?P<b>\d{6,8})$")
_BEFORE = re.compile(r"^(?P<code>[^\s<>]*)\s*<\s*(?P<a>\d{6,8})$")
_AFTER = re.compile(r"^(?P<code>[^\s<>]*)\s*>\s*(?P<a>\d{6,8})$")
# Two-digit years below this pivot are 20xx, others 19xx (PETRARCH's own convention).
_CENTURY_PIVOT = 30


@dataclass(frozen=True)
class PetrarchCode:
    """A code, valid from ``start`` (inclusive) until ``end`` (exclusive) when given."""

    code: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date | None) -> bool:
        """Whether the code applies on ``day`` (any code applies when the day is unknown)."""
        if day is None:
            return True
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)


@dataclass
class PetrarchActor:
    """One actor entry: its primary name, synonyms and (date-restricted) codes.

    Names are as written in the dictionary but with underscores turned into spaces.
    """

    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[PetrarchCode] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The primary name followed by the synonyms."""
        return [self.name, *self.synonyms]

    def code_on(self, day: date | None) -> str | None:
        """The code for ``day``: a date-restricted code that applies wins over a plain one."""
        restricted = [c for c in self.codes if (c.start or c.end) and c.valid_on(day)]
        if day is not None and restricted:
            return restricted[0].code
        plain = [c for c in self.codes if not (c.start or c.end)]
        if plain:
            return plain[0].code
        return restricted[0].code if restricted else None


@dataclass(frozen=True)
class PetrarchAgent:
    """One agent noun: singular and plural forms and the code, marked as suffix or prefix."""

    name: str
    plurals: tuple[str, ...]
    code: str
    position: str  # "suffix" for [~GOV], "prefix" for [NGO~]


@dataclass
class PetrarchDictionary:
    """The actors and agents read from one or more files."""

    actors: list[PetrarchActor] = field(default_factory=list)
    agents: list[PetrarchAgent] = field(default_factory=list)


def _strip_comments(text: str) -> str:
    return _COMMENT_BLOCK.sub(" ", text)


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _date(raw: str) -> date:
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{20 if yy < _CENTURY_PIVOT else 19}{raw}"
    return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))


def parse_code(raw: str) -> list[PetrarchCode]:
    """The codes inside one ``[...]`` block (``"HOBGOV 19950601 - 19990815"``, ``"ELR/GAL"``)."""
    raw = " ".join(raw.split())
    for pattern, kind in ((_RANGE, "range"), (_BEFORE, "before"), (_AFTER, "after")):
        match = pattern.match(raw)
        if match:
            code = match.group("code")
            a = _date(match.group("a"))
            if kind == "range":
                b = _date(match.group("b"))
                return [PetrarchCode(code, a, date.fromordinal(b.toordinal() + 1))]
            return [PetrarchCode(code, None, a) if kind == "before" else PetrarchCode(code, a, None)]
    return [PetrarchCode(part.strip()) for part in raw.split("/") if part.strip()]


def _parse_actors(lines: list[str], path: Path) -> list[PetrarchActor]:
    actors: list[PetrarchActor] = []
    current: PetrarchActor | None = None
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        codes = [c for block in _CODE_BLOCK.findall(stripped) for c in parse_code(block)]
        head = _CODE_BLOCK.sub(" ", stripped).strip()
        if head.startswith("+"):
            if current is None:
                raise DataFileError(Errors.E427, where=path, line=number, text=head)
            current.synonyms.append(_name(head[1:]))
            current.codes.extend(codes)
        elif not head:
            if current is None:
                raise DataFileError(Errors.E427, where=path, line=number, text=stripped)
            current.codes.extend(codes)
        else:
            current = PetrarchActor(_name(head), [], codes)
            actors.append(current)
    return actors


def plural(noun: str) -> str:
    """English plural of an upper- or lower-case noun phrase (``inflect``: "attorneys general",
    "chiefs of staff", "children"); a demonym in -man stays regular ("Germans")."""
    upper = noun.isupper()
    text = noun.lower()
    engine = _inflect_engine()
    result = str(engine.plural_noun(text))
    head, _, last = text.rpartition(" ")
    if last.endswith("man") and str(engine.plural_noun(last.capitalize())).endswith("mans"):
        result = f"{head} {last}s" if head else f"{last}s"
    return result.upper() if upper else result


@cache
def _inflect_engine() -> Any:
    import inflect  # only when a dictionary is built, not at every start

    return inflect.engine()


def _expand(name: str, macros: dict[str, list[str]]) -> list[str]:
    for macro, values in macros.items():
        if macro in name:
            return [expanded for value in values for expanded in _expand(name.replace(macro, value), macros)]
    return [name]


def _parse_agents(lines: list[str]) -> list[PetrarchAgent]:
    macros: dict[str, list[str]] = {}
    agents: list[PetrarchAgent] = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        macro = _MACRO.match(line)
        if macro:
            macros[macro.group(1)] = [v.strip() for v in macro.group(2).split(",") if v.strip()]
            continue
        block = _CODE_BLOCK.search(line)
        if block is None:
            continue
        raw_code = block.group(1).strip()
        position = "prefix" if raw_code.endswith("~") else "suffix"
        code = raw_code.strip("~ ").strip()
        head = _CODE_BLOCK.sub(" ", line)
        plural_match = _PLURAL_BLOCK.search(head)
        head = _PLURAL_BLOCK.sub(" ", head).strip()
        for name in _expand(head, macros):
            if plural_match is None:
                plurals: tuple[str, ...] = (plural(_name(name)),)
            else:
                plurals = tuple(_name(p) for p in _expand(plural_match.group(1).strip(), macros) if p.strip())
            agents.append(PetrarchAgent(_name(name), plurals, code, position))
    return agents


def is_agents_file(text: str) -> bool:
    """Whether a dictionary holds agents (codes like ``[~GOV]``) rather than actors."""
    blocks = _CODE_BLOCK.findall(_strip_comments(text))
    return bool(blocks) and sum("~" in b for b in blocks) * 2 > len(blocks)


def parse_petrarch(text: str, path: Path | None = None) -> PetrarchDictionary:
    """Parse the text of a PETRARCH actors or agents dictionary."""
    where = path or Path("<text>")
    lines = _strip_comments(text).splitlines()
    if is_agents_file(text):
        return PetrarchDictionary(agents=_parse_agents(lines))
    return PetrarchDictionary(actors=_parse_actors(lines, where))


def load_petrarch_actors(path: str | Path) -> PetrarchDictionary:
    """Read a PETRARCH-format actors (or agents) dictionary file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DataFileError(Errors.E420, path=path, reason=exc.strerror) from exc
    return parse_petrarch(text, path)


def looks_like_petrarch(text: str) -> bool:
    """Whether a text is a PETRARCH dictionary: most entry lines end in a ``[CODE]`` block."""
    lines = [ln.split("#", 1)[0].strip() for ln in _strip_comments(text).splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("+")]
    if not lines:
        return False
    return sum(bool(_CODE_BLOCK.search(ln)) for ln in lines) * 2 > len(lines)

"""Remove scraped leftovers — navigation, share buttons, appended author bios — and record them.

The patterns live in ``newsgraph/data/leftovers.yaml`` so that they can be read, tested and
extended without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsgraph.data import package_yaml
from newsgraph.errors import DataFileError, Errors
from newsgraph.model import Removal

_TERMINAL = re.compile(r"[.!?:;\"”»’)\]…]\s*$")
_DATE_LEFTOVER = re.compile(r"^(?:last\s+)?(?:updated|published|posted)(?:\s+(?:at|on))?\s*:?\s*(?P<date>\S.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class LeftoverRules:
    """Compiled cleaning rules, loaded once from the data file."""

    navigation: tuple[re.Pattern[str], ...]
    max_navigation_chars: int
    bio_cues: tuple[re.Pattern[str], ...]
    bio_min_cues: int
    bio_max_paragraphs: int


@cache
def load_rules() -> LeftoverRules:
    """Load ``data/leftovers.yaml``."""
    raw = package_yaml("leftovers.yaml")
    try:
        bio = raw["author_bio"]
        return LeftoverRules(
            navigation=tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in raw["navigation_lines"]),
            max_navigation_chars=int(raw["max_navigation_line_chars"]),
            bio_cues=tuple(re.compile(p, re.IGNORECASE) for p in bio["cues"]),
            bio_min_cues=int(bio["min_cues"]),
            bio_max_paragraphs=int(bio["max_paragraphs"]),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(Errors.E232, detail=exc) from exc


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: one a line, re-joining lines that were hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs: list[str] = []
    wrapped = False
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            wrapped = False
            continue
        if wrapped and paragraphs and line[0].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        wrapped = not _TERMINAL.search(line) and len(line) >= 40
    return paragraphs


def is_navigation_line(line: str, rules: LeftoverRules) -> bool:
    """True when the whole line is a navigation, share or subscribe leftover."""
    if len(line) > rules.max_navigation_chars:
        return False
    return any(p.fullmatch(line.strip()) for p in rules.navigation)


def bio_cue_count(paragraph: str, rules: LeftoverRules) -> int:
    """How many author-bio cues a paragraph contains."""
    return sum(1 for p in rules.bio_cues if p.search(paragraph))


def leftover_date(removed: list[Removal]) -> str | None:
    """The date written in a removed "Updated at: …" / "Published: …" line, if any."""
    for removal in removed:
        if removal.reason == "navigation" and (match := _DATE_LEFTOVER.match(removal.text)):
            return match.group("date")
    return None


def clean_paragraphs(paragraphs: list[str], rules: LeftoverRules | None = None) -> tuple[list[str], list[Removal]]:
    """Drop leftover paragraphs; return the kept ones and what was removed."""
    rules = rules or load_rules()
    kept: list[str] = []
    removed: list[Removal] = []
    for paragraph in paragraphs:
        if is_navigation_line(paragraph, rules):
            removed.append(Removal(text=paragraph, reason="navigation"))
        else:
            kept.append(paragraph)
    # An appended bio sits at the end; everything after it goes with it.
    for back in range(1, min(rules.bio_max_paragraphs, len(kept) - 1) + 1):
        index = len(kept) - back
        if bio_cue_count(kept[index], rules) >= rules.bio_min_cues:
            removed.extend(Removal(text=p, reason="author bio") for p in kept[index:])
            kept = kept[:index]
            break
    return kept, removed

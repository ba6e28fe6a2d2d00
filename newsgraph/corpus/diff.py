"""What a copy changed relative to its original: paragraphs added (an injected author bio,
a promotional line), paragraphs cut, paragraphs edited, a new title, and leftovers that
cleaning removed from the copy (an appended bio that the cleaner recognised).

Spans are character offsets: ``added`` and the ``copy`` side of ``changed`` into the copy's
text, ``removed`` and the ``original`` side into the original's text."""

from __future__ import annotations

import difflib
import re
from typing import Any

_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank lines of ``text`` (cleaned text keeps one paragraph a line)."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _span(text: str, spans: list[tuple[int, int]]) -> dict[str, Any]:
    start, end = spans[0][0], spans[-1][1]
    return {"start": start, "end": end, "text": text[start:end]}


def _where(index: int, count: int, total: int) -> str:
    if index + count >= total:
        return "end"
    return "start" if index == 0 else "middle"


def diff_copy(original: dict[str, Any], copy: dict[str, Any]) -> dict[str, Any]:
    """The differences between two article records (``text``, ``title``, ``removed``)."""
    a_text, b_text = original["text"], copy["text"]
    a_par, b_par = paragraphs(a_text), paragraphs(b_text)
    a_keys = [tuple(_WORD.findall(a_text[s:e].casefold())) for s, e in a_par]
    b_keys = [tuple(_WORD.findall(b_text[s:e].casefold())) for s, e in b_par]
    added: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert":
            added.append({**_span(b_text, b_par[j1:j2]), "where": _where(j1, j2 - j1, len(b_par))})
        elif tag == "delete":
            removed.append({**_span(a_text, a_par[i1:i2]), "where": _where(i1, i2 - i1, len(a_par))})
        elif tag == "replace":
            changed.append({"original": _span(a_text, a_par[i1:i2]), "copy": _span(b_text, b_par[j1:j2])})
    title = None
    if (original.get("title") or "") != (copy.get("title") or ""):
        title = {"original": original.get("title"), "copy": copy.get("title")}
    cleaned_away = [r for r in copy.get("removed") or [] if r.get("reason") != "navigation"]
    return {"added": added, "removed": removed, "changed": changed, "title": title, "cleaned_away": cleaned_away}


def differences(diff: dict[str, Any]) -> list[tuple[str, str]]:
    """Each difference as (what, text): "retitled", "added (end)", "cut (middle)", "edited", "author bio (cleaned)"."""
    items: list[tuple[str, str]] = []
    if diff.get("title"):
        items.append(("retitled", f"{diff['title']['original']} → {diff['title']['copy']}"))
    items += [(f"added ({span['where']})", span["text"]) for span in diff.get("added", [])]
    items += [(f"cut ({span['where']})", span["text"]) for span in diff.get("removed", [])]
    items += [("edited", change["copy"]["text"]) for change in diff.get("changed", [])]
    items += [(f"{removal['reason']} (cleaned)", removal["text"]) for removal in diff.get("cleaned_away", [])]
    return [(what, " ".join(text.split())) for what, text in items]


def summary(diff: dict[str, Any], width: int = 60) -> str:
    """One line saying what differs."""
    parts = [f"{what} “{text[:width]}{'…' if len(text) > width else ''}”" for what, text in differences(diff)]
    return "; ".join(parts) or "identical text"

"""Pair quotation marks into quoted spans, paragraph by paragraph.

Handles straight ``"…"``, curly ``“…”``, low-high ``„…“`` and guillemet ``«…»`` marks, with
single quotes (``‘…’``) and other marks nested inside; only the outermost pair makes a span.
A quote that runs over several paragraphs (an opening mark on each paragraph, no closing mark
until the last) gives one span per paragraph, each flagged ``continued`` when the next
paragraph re-opens it. Marks that cannot be paired never raise: an opening mark left open at
the end of a paragraph is closed there, a stray closing mark is ignored. Paragraphs without
any double mark are paired on single quotes (British style) with stricter rules, so that
apostrophes are never taken for quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Family of each opening mark → the marks that may close it.
_CLOSERS: dict[str, str] = {
    "“": '”“"',  # English “…”; “ also closes when misused (“…“), " when styles are mixed
    "„": '“”"',  # German/Russian „…“ and Polish „…”
    "«": "»",
    '"': '"”“',
    "‟": "”",
    "”": '”"',  # a closing mark misused to open (”…”)
}
_DOUBLE = frozenset('"“”„«»‟')
_OPEN_ONLY = frozenset("„«‟")
_CLOSE_ONLY = frozenset("»")
_SINGLE_OPEN = frozenset("‘'‚‹")
_SINGLE_CLOSE = {"‘": "’'", "'": "'’", "‚": "‘’", "‹": "›"}
# What may stand just before an opening mark / just after a closing mark.
_BEFORE_OPEN = frozenset(" \t\n([{—–-/:;,")
_AFTER_CLOSE = frozenset(" \t\n)]}—–-.,;:!?…")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class MarkedSpan:
    """A quoted stretch of text: ``start`` is the opening mark, ``end`` is one past the closing
    mark (or the end of the paragraph when it was never closed)."""

    start: int
    end: int
    closed: bool
    continued: bool = False

    @property
    def content_start(self) -> int:
        """First character inside the marks."""
        return self.start + 1

    @property
    def content_end(self) -> int:
        """One past the last character inside the marks."""
        return self.end - 1 if self.closed else self.end


def _is_open(text: str, i: int, start: int, end: int) -> bool:
    """Whether the ambiguous mark at ``i`` reads as an opening mark from its neighbours."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before in _BEFORE_OPEN or before in _DOUBLE) and not after.isspace() and after not in ".,;:!?)]"


def _is_close(text: str, i: int, start: int, end: int) -> bool:
    """Whether the ambiguous mark at ``i`` reads as a closing mark from its neighbours."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after in _AFTER_CLOSE or after in _DOUBLE or after in "’'")


def _pair_double(text: str, start: int, end: int) -> tuple[list[tuple[int, int, bool]], bool]:
    """Outermost pairs of double marks in ``text[start:end]``; the flag says one stayed open."""
    spans: list[tuple[int, int, bool]] = []
    stack: list[str] = []
    opener = start
    for i in range(start, end):
        ch = text[i]
        if ch not in _DOUBLE:
            continue
        looks_open = ch in _OPEN_ONLY or (ch not in _CLOSE_ONLY and ch != "”" and _is_open(text, i, start, end))
        if not stack:
            if looks_open or (ch == "”" and _is_open(text, i, start, end)):
                stack, opener = [ch], i
            continue  # otherwise a stray closing mark
        looks_close = _is_close(text, i, start, end)
        if ch in _CLOSERS.get(stack[-1], "") and (looks_close or not looks_open):
            stack.pop()
            if not stack:
                spans.append((opener, i + 1, True))
        elif looks_open:
            stack.append(ch)  # a quote within the quote
    if stack:
        spans.append((opener, _trim_end(text, opener, end), False))
        return spans, True
    return spans, False


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _pair_single(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Single-quote pairs for paragraphs quoted in British style; apostrophes are skipped."""
    spans: list[tuple[int, int, bool]] = []
    opener: int | None = None
    for i in range(start, end):
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if opener is None:
            if ch in _SINGLE_OPEN and before in _BEFORE_OPEN and after.isalnum() and after.isupper():
                opener = i
        elif (
            ch in _SINGLE_CLOSE[text[opener]]
            and not (before.isalpha() and after.isalpha())
            and after in _AFTER_CLOSE
            and (before in ",.!?…" or i - opener > 1)
        ):
            spans.append((opener, i + 1, True))
            opener = None
    return spans


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every outermost quoted span in ``text``, in order, one per paragraph it touches."""
    found: list[MarkedSpan] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        pairs, left_open = _pair_double(text, start, end)
        if not pairs:
            pairs = _pair_single(text, start, end)
        for s, e, closed in pairs:
            found.append(MarkedSpan(s, e, closed))
        if left_open and found:
            found[-1] = MarkedSpan(found[-1].start, found[-1].end, False, _next_paragraph_reopens(text, end))
    return found


def _next_paragraph_reopens(text: str, end: int) -> bool:
    """Whether the paragraph after position ``end`` starts with an opening mark."""
    rest = text[end:].lstrip()
    return bool(rest) and rest[0] in '"“„«‟'

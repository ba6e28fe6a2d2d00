"""Small span tests and trims the quotation finder uses: where a quotation's words start and
end, whether a cue may follow a quotation, whether marked words are a title, and the name
after a closing dash."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.quotes.cues import Candidate
from newsgraph.extract.quotes.marks import MarkedSpan

_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis"})


def strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def last_char_before(text: str, pos: int) -> int:
    """The index of the last non-space character before ``pos`` (-1 when there is none)."""
    pos -= 1
    while pos >= 0 and text[pos].isspace():
        pos -= 1
    return pos


def trim_tail(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n,;:.":
        end -= 1
    return end


def ends_for_cue(text: str, mark: MarkedSpan) -> bool:
    """Whether a cue may follow this quotation: it ends on a comma, question or dash
    (``"…," he said``), or the next word is lower case (``"…." he said``)."""
    last = text[mark.content_start : mark.content_end].rstrip()[-1:]
    after = text[mark.end : mark.end + 40].lstrip()
    return last in ",?!…–—-" or after[:1] in (",", "–", "—", "-") or after[:1].islower()


def clear_of_source(doc: Doc, cand: Candidate, start: int, end: int) -> tuple[int, int]:
    """Keep a content span off its own speaker's words (a mis-parse may run into them)."""
    if cand.source is None:
        return start, end
    src = doc[cand.source[0] : cand.source[1]]
    if start < src.start_char < end and src.start_char <= doc[cand.anchor].idx:
        end = src.start_char
    elif start < src.end_char <= end and src.start_char >= doc[cand.anchor].idx:
        start = src.end_char
    return start, end


def quoted_tokens(doc: Doc, marks: list[MarkedSpan]) -> frozenset[int]:
    """Indices of the tokens inside quotation marks."""
    inside: set[int] = set()
    for mark in marks:
        span = doc.char_span(mark.content_start, mark.content_end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return frozenset(inside)


def dash_name(doc: Doc, para_start: int, para_end: int, dashes: str) -> tuple[int, tuple[int, int]] | None:
    """The dash token and the name after it when a paragraph ends "… — Name"."""
    span = doc.char_span(para_start, para_end, alignment_mode="expand")
    if span is None or len(span) < 4:
        return None
    end = span.end
    while end > span.start and (doc[end - 1].is_space or doc[end - 1].text == "."):
        end -= 1
    start = end
    while start > span.start and end - start <= 6:
        token = doc[start - 1]
        if token.text[-1] in dashes or not (token.pos_ == "PROPN" or token.is_space or token.text == "."):
            break
        start -= 1
    if start == end or start <= span.start or doc[start - 1].text[-1] not in dashes:
        return None
    name = [t for t in doc[start:end] if not t.is_space]
    if not name or not any(t.pos_ == "PROPN" for t in name):
        return None
    return start - 1, (name[0].i, name[-1].i + 1)


def looks_like_title(doc: Doc, text: str, mark: MarkedSpan) -> bool:
    """A short title in marks after "on/in/of …'s" ("on CBS's “Face the Nation,”"): a name, not words said."""
    words = text[mark.content_start : mark.content_end].strip(" ,.").split()
    if not 2 <= len(words) <= 6 or not all(w[0].isupper() or len(w) <= 3 for w in words):
        return False
    span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.pos_ in ("ADP", "DET", "PART") or prev.text in ("'s", "’s")


def governed_by(token: Token, anchor: Token) -> bool:
    """Whether ``token`` hangs off ``anchor`` without passing through another clause."""
    node = token
    for _ in range(8):
        if node.i == anchor.i:
            return True
        if node.dep_ in _CLAUSE_DEPS or node.head is node:
            return False
        node = node.head
    return False

"""Quotations: who said what — direct, indirect and mixed quotes with their cue and speaker.

The component joins two readings of the text:

1. quotation marks paired over paragraphs (``quote_marks.py``), and
2. attribution cues read off the dependency parse (``quote_cues.py``, lexicon in
   ``data/cues.yaml``): verbs with their subject and clause, "according to X", "in his
   opinion", "X's statement that …".

A cue's clause that is (nearly) all one quotation makes a **direct** quote; a clause that
holds quoted words among its own a **mixed** one; a clause with no marks an **indirect** one.
Quotations no clause reaches are attached to a cue next to them (``"…," he said``,
``X said: "…"``, ``"…," said X``), else carried over from the previous quotation by the same
speaker (in the same paragraph, or the paragraph before when this one opens with the quote),
else kept as a ``term`` (scare quotes, titles) with no speaker. Pull-quotes without marks
("… – says X") take the whole paragraph before the dash.

This module decides WHICH words are the speaker; it resolves them to an actor only through
``doc._.ng_mentions`` (the actors component's MentionIndex), never by its own coreference.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract.cue_lexicon import CueLexicon, load_cue_lexicon
from newsgraph.extract.mentions import MentionIndex
from newsgraph.extract.quote_cues import Candidate, find_candidates, noun_phrase, resolution_heads, subject_of
from newsgraph.extract.quote_marks import MarkedSpan, find_marked_spans
from newsgraph.model import Mention, Quote, QuoteKind, Speaker

_PARAGRAPH = re.compile(r"[^\n]+")
# Maps a character offset to the (start, end) of its paragraph.
ParagraphOf = Callable[[int], tuple[int, int]]
_EDGE = " \t\n,.;:!?…\"“”„«»‟'‘’—–-()[]"
# What may stand between a quotation and its cue besides the speaker ("," he also said).
_GAP_WORDS = re.compile(r"^[\s,;:–—-]*$")
_COMPLEMENTIZER = re.compile(r"^\s*(?:that|whether|if)\b", re.IGNORECASE)


@dataclass
class Attribution:
    """A cue with its speaker and the contents attributed to it (char spans)."""

    cand: Candidate | None
    cue: Mention | None
    speaker: Speaker | None
    contents: list[tuple[int, int, QuoteKind]] = field(default_factory=list)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PARAGRAPH.finditer(text)]


class QuoteFinder:
    """Finds the quotations of one Doc; see the module docstring for the rules."""

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> list[Quote]:
        text = doc.text
        marks = find_marked_spans(text)
        paragraphs = _paragraphs(text)
        para_starts = [p[0] for p in paragraphs]
        index: MentionIndex | None = doc._.ng_mentions
        cands = find_candidates(doc, self.lexicon, _quoted_tokens(doc, marks))
        mark_starts = [m.start for m in marks]

        def mark_at(pos: int) -> int | None:
            i = bisect_right(mark_starts, pos) - 1
            if i >= 0 and marks[i].start < pos < marks[i].end:
                return i
            return None

        def para_of(pos: int) -> tuple[int, int]:
            return paragraphs[max(0, bisect_right(para_starts, pos) - 1)] if paragraphs else (0, len(text))

        claimed: dict[int, Attribution] = {}
        attributions: list[Attribution] = []
        outer = [c for c in cands if mark_at(doc[c.cue[0]].idx) is None]
        nested = [c for c in cands if mark_at(doc[c.cue[0]].idx) is not None]
        colon_links: dict[int, Attribution] = {}

        # 1. Cues whose parse shows a content clause; the widest first, so that a cue inside
        # another one's clause ("X said the Kremlin dismissed it as a “hostile act”") yields.
        for cand in sorted(outer, key=lambda c: -(c.content[1] - c.content[0]) if c.content else 0):
            if cand.content is None or cand.source is None:
                continue
            start, end = self._char_span(doc, cand.content)
            para_start, para_end = para_of(doc[cand.anchor].idx)
            start, end = max(start, para_start), min(end, para_end)
            start, end = _clear_of_source(doc, cand, start, end)
            start, end, colon_mark = self._split_at_colon(text, marks, start, end)
            if cand.kind == "verb":
                start = self._pull_quote_start(doc, text, cand, start, end, para_of)
            overlapping = [i for i, m in enumerate(marks) if m.start < end and m.end > start]
            if cand.needs_quote and not overlapping and colon_mark is None:
                continue
            attr = self._attribution(doc, cand, index)
            if attr.speaker is None:
                continue
            content = self._snap(text, marks, overlapping, start, end)
            if content is None:
                continue
            attr.contents.append(content)
            for i in overlapping:
                if marks[i].start < content[1] and marks[i].end > content[0] and i not in claimed:
                    claimed[i] = attr
            if colon_mark is not None:
                colon_links[colon_mark] = attr
            attributions.append(attr)
        attributions = self._drop_inner(doc, attributions, claimed)

        # 2. Quotations next to a cue, or after "…: " of an attributed clause; "… — Name" lines.
        self._dash_names(doc, text, marks, paragraphs, claimed, attributions, index)
        for i, mark in enumerate(marks):
            if i in claimed or _looks_like_title(doc, text, mark):
                continue
            linked = colon_links.get(i)
            if linked is None:
                adjacent = self._adjacent_cue(doc, text, outer, mark, para_of)
                if adjacent is None:
                    continue
                linked = next((a for a in attributions if a.cand is adjacent), None)
                if linked is None:
                    linked = self._attribution(doc, adjacent, index)
                    attributions.append(linked)
            self._add_direct(linked, mark, text)
            claimed[i] = linked

        # 3. Multi-paragraph quotations share their speaker; then carry-over.
        self._spread_over_paragraphs(marks, claimed, text)
        self._colon_intros(doc, text, marks, claimed, attributions, index, para_of)
        self._carry_over(doc, text, marks, claimed, outer, attributions, para_of)

        quotes: list[Quote] = []
        for attr in attributions:
            for start, end, kind in attr.contents:
                quotes.append(self._quote(doc, text, start, end, kind, attr))
        for i, mark in enumerate(marks):
            if i not in claimed:
                s, e = _strip(text, mark.content_start, mark.content_end)
                if e > s:
                    quotes.append(self._quote(doc, text, s, e, "term", None))
        quotes.extend(self._nested(doc, text, nested, quotes, index))
        quotes.sort(key=lambda q: (q.start, q.end))
        return _unique(quotes)

    # -- content ---------------------------------------------------------------------------

    @staticmethod
    def _char_span(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
        span = doc[tokens[0] : tokens[1]]
        return span.start_char, span.end_char

    @staticmethod
    def _split_at_colon(text: str, marks: list[MarkedSpan], start: int, end: int) -> tuple[int, int, int | None]:
        """Cut "clause: “quotation”" into the clause and a linked direct quotation."""
        for i, mark in enumerate(marks):
            if mark.start <= start or (mark.start > end + 3 and text[end : mark.start].strip()):
                continue
            before = text[start : mark.start].rstrip()
            if before.endswith(":"):
                cut = len(before) - 1 + start
                return start, cut, i
        return start, end, None

    def _pull_quote_start(self, doc: Doc, text: str, cand: Candidate, start: int, end: int, para_of: ParagraphOf) -> int:
        """A "… – says X" line attributes the whole paragraph before the dash."""
        cue_start = doc[cand.cue[0]].idx
        if end > cue_start:
            return start
        para_start, para_end = para_of(cue_start)
        between = text[end:cue_start]
        tail = text[cue_start:para_end].rstrip()
        dash = any(ch in between for ch in self.lexicon.dash_marks)
        source_end = doc[cand.source[1] - 1].idx + len(doc[cand.source[1] - 1].text) if cand.source else cue_start
        ends_paragraph = len(text[source_end:para_end].strip(" .")) == 0
        unpunctuated = not tail.endswith((".", "!", "?", "”", '"'))
        if ends_paragraph and (dash or unpunctuated) and start > para_start:
            return _strip(text, para_start, start)[0]
        return start

    @staticmethod
    def _snap(text: str, marks: list[MarkedSpan], overlapping: list[int], start: int, end: int) -> tuple[int, int, QuoteKind] | None:
        """Fit a clause to the quotation marks it touches and decide the kind."""
        start, end = _strip(text, start, end)
        if end <= start:
            return None
        if not overlapping:
            return start, _trim_tail(text, start, end), "indirect"
        if len(overlapping) == 1:
            mark = marks[overlapping[0]]
            hull_start, hull_end = min(start, mark.start), max(end, mark.end)
            outside = text[hull_start : mark.start] + text[mark.end : hull_end]
            outside = _COMPLEMENTIZER.sub("", outside)
            closes_on_comma = text[mark.content_start : mark.content_end].rstrip()[-1:] in ",?!" and hull_start == mark.start
            if not outside.strip(_EDGE) or closes_on_comma:
                s, e = _strip(text, mark.content_start, mark.content_end)
                return s, e, "direct"
            return hull_start, max(hull_end if mark.end > end else end, mark.end if mark.end <= end + 1 else end), "mixed"
        first, last = marks[overlapping[0]], marks[overlapping[-1]]
        return min(start, first.start), max(end, last.end), "mixed"

    def _drop_inner(self, doc: Doc, attributions: list[Attribution], claimed: dict[int, Attribution]) -> list[Attribution]:
        """A cue inside another attribution's content is part of that claim, not a new one."""
        kept = []
        for attr in attributions:
            cue_start = attr.cue.start if attr.cue else -1
            inside = any(
                other is not attr and any(s <= cue_start < e for s, e, _ in other.contents) and not _covers(attr, other)
                for other in attributions
            )
            if inside:
                for i, owner in list(claimed.items()):
                    if owner is attr:
                        del claimed[i]
                continue
            kept.append(attr)
        return kept

    # -- quotations without a clause -------------------------------------------------------

    def _adjacent_cue(self, doc: Doc, text: str, outer: list[Candidate], mark: MarkedSpan, para_of: ParagraphOf) -> Candidate | None:
        """The cue right after (``"…," he said``) or right before (``X said: "…"``) a quotation."""
        para_start, para_end = para_of(mark.start)
        best_after: Candidate | None = None
        best_before: Candidate | None = None
        for cand in outer:
            if cand.source is None or cand.needs_quote:
                continue
            cue_start = doc[cand.cue[0]].idx
            cue_end = doc[cand.cue[1] - 1].idx + len(doc[cand.cue[1] - 1].text)
            if para_start <= cue_start < para_end:
                if (
                    cue_start >= mark.end
                    and best_after is None
                    and self._ends_for_cue(text, mark)
                    and self._gap_ok(doc, text, mark.end, cue_start, cand)
                ):
                    best_after = cand
                if cue_end <= mark.start and self._gap_ok(doc, text, cue_end, mark.start, cand, before=True):
                    best_before = cand
            elif cue_end < para_start and text[cue_end:para_start].strip() == ":" and mark.start == para_start:
                best_before = cand  # "X said:" closing the paragraph before the quotation
        return best_after or best_before

    @staticmethod
    def _ends_for_cue(text: str, mark: MarkedSpan) -> bool:
        """Whether a cue may follow this quotation: it ends on a comma, question or dash
        (``"…," he said``), or the next word is lower case (``"…." he said``)."""
        last = text[mark.content_start : mark.content_end].rstrip()[-1:]
        after = text[mark.end : mark.end + 40].lstrip()
        return last in ",?!…–—-" or after[:1] in (",", "–", "—", "-") or after[:1].islower()

    @staticmethod
    def _gap_ok(doc: Doc, text: str, start: int, end: int, cand: Candidate, before: bool = False) -> bool:
        """Only punctuation, the speaker and a few adverbs (or, before a quotation, the cue's
        own objects: "told reporters:") may stand between a quotation and its cue."""
        gap = text[start:end]
        if len(gap) > 200:
            return False
        if before and not gap.strip():
            return True
        if before and not gap.rstrip().endswith((":", ",")):
            return False
        span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is None:
            return _GAP_WORDS.match(gap) is not None
        anchor = doc[cand.anchor]
        for token in span:
            if token.is_punct or token.is_space:
                continue
            if cand.source and cand.source[0] <= token.i < cand.source[1]:
                continue
            if token.pos_ == "ADV" and token.head.i == anchor.i:
                continue
            if before and token.i > anchor.i and _governed_by(token, anchor):
                continue
            return False
        return True

    @staticmethod
    def _add_direct(attr: Attribution, mark: MarkedSpan, text: str) -> None:
        s, e = _strip(text, mark.content_start, mark.content_end)
        if e > s:
            attr.contents.append((s, e, "direct"))

    @staticmethod
    def _spread_over_paragraphs(marks: list[MarkedSpan], claimed: dict[int, Attribution], text: str) -> None:
        """A quotation re-opened on each paragraph is one speaker's: share its attribution."""
        chain: list[int] = []
        for i, mark in enumerate(marks):
            chain.append(i)
            if mark.continued:
                continue
            owner = next((claimed[j] for j in chain if j in claimed), None)
            if owner is not None:
                for j in chain:
                    if j not in claimed:
                        QuoteFinder._add_direct(owner, marks[j], text)
                        claimed[j] = owner
            chain = []

    def _carry_over(
        self,
        doc: Doc,
        text: str,
        marks: list[MarkedSpan],
        claimed: dict[int, Attribution],
        outer: list[Candidate],
        attributions: list[Attribution],
        para_of: ParagraphOf,
    ) -> None:
        """A quotation with no cue continues the previous speaker's quotation."""
        for i, mark in enumerate(marks):
            if i in claimed or i == 0:
                continue
            inner = text[mark.content_start : mark.content_end].lstrip()
            if not inner or not (inner[0].isupper() or inner[0].isdigit()):
                continue
            para_start, _ = para_of(mark.start)
            before = text[para_start : mark.start].rstrip()
            if before and not before.endswith((".", "!", "?", "”", '"', ":", "»")):
                continue  # mid-sentence: a term, not a quotation
            prev = max((j for j in claimed if j < i), default=None)
            owner, since = (claimed[prev], marks[prev].end) if prev is not None else (None, -1)
            for attr in attributions:  # a cue earlier in this paragraph ("…, Schiff said. “…”")
                cue_end = attr.cue.end if attr.cue else -1
                if since < cue_end <= mark.start and para_start <= cue_end:
                    owner, since = attr, cue_end
            if owner is None:
                continue
            if any(
                c is not owner.cand and c.source and since <= doc[c.anchor].idx < mark.start and not _same_source(doc, c, owner)
                for c in outer
            ):
                continue  # another speaker is named in between
            if since < para_start and (before or not inner.rstrip(' ”"»').endswith((".", "!", "?", "…", ","))):
                continue  # the speaker carries over only to a paragraph opening with a quoted sentence
            self._add_direct(owner, mark, text)
            claimed[i] = owner

    def _colon_intros(
        self,
        doc: Doc,
        text: str,
        marks: list[MarkedSpan],
        claimed: dict[int, Attribution],
        attributions: list[Attribution],
        index: MentionIndex | None,
        para_of: ParagraphOf,
    ) -> None:
        """A quotation introduced by a sentence about someone and a colon ("Sanders made the
        following comment:", "Obama is rolling out a new message:") is theirs."""
        for i, mark in enumerate(marks):
            if i in claimed:
                continue
            para_start, _ = para_of(mark.start)
            head = text[: mark.start].rstrip()
            if not head.endswith(":") or len(head) - 1 < para_start - 3:
                continue
            colon = doc.char_span(len(head) - 1, len(head), alignment_mode="expand")
            if colon is None:
                continue
            root = colon[0].sent.root
            subject = subject_of(root, self.lexicon)
            if subject is None or subject.i >= colon.start or not _names_someone(subject):
                continue
            source = noun_phrase(subject, stop=root)
            cand = Candidate("colon", (root.i, root.i + 1), source, resolution_heads(subject), None, anchor=root.i)
            attr = next((a for a in attributions if a.cand is not None and a.cand.source == source), None)
            if attr is None:
                attr = self._attribution(doc, cand, index)
                attributions.append(attr)
            self._add_direct(attr, mark, text)
            claimed[i] = attr

    def _dash_names(
        self,
        doc: Doc,
        text: str,
        marks: list[MarkedSpan],
        paragraphs: list[tuple[int, int]],
        claimed: dict[int, Attribution],
        attributions: list[Attribution],
        index: MentionIndex | None,
    ) -> None:
        """A paragraph closing on "<dash> Name" attributes what stands before the dash to that
        name: a quotation (``“…” ― Maria Lopez``) or a headline (``Talks to go on — Lavrov``)."""
        for para_start, para_end in paragraphs:
            found = _dash_name(doc, para_start, para_end, self.lexicon.dash_marks)
            if found is None:
                continue
            dash, name = found
            dash_char = doc[dash].idx + len(doc[dash].text) - 1
            cand = Candidate("dash", (dash, dash + 1), name, tuple(i for i in reversed(range(*name)) if doc[i].pos_ == "PROPN"), None)
            before = [i for i, m in enumerate(marks) if para_start <= m.start and m.end <= dash_char and i not in claimed]
            attr = self._attribution(doc, cand, index)
            if before and not text[marks[before[-1]].end : dash_char].strip().strip(".,;"):
                for i in before:
                    self._add_direct(attr, marks[i], text)
                    claimed[i] = attr
            elif not any(para_start <= m.start < para_end for m in marks) and not any(
                para_start <= s < para_end for a in attributions for s, _, _ in a.contents
            ):
                start, end = _strip(text, para_start, dash_char)
                if len(text[start:end].split()) < 3:
                    continue
                attr.contents.append((start, _trim_tail(text, start, end), "indirect"))
            else:
                continue
            attributions.append(attr)

    # -- speakers --------------------------------------------------------------------------

    def _attribution(self, doc: Doc, cand: Candidate, index: MentionIndex | None) -> Attribution:
        cue_span = doc[cand.cue[0] : cand.cue[1]]
        cue = Mention(start=cue_span.start_char, end=cue_span.end_char, text=cue_span.text)
        return Attribution(cand, cue, _speaker(doc, cand, index))

    def _quote(self, doc: Doc, text: str, start: int, end: int, kind: QuoteKind, attr: Attribution | None) -> Quote:
        article = doc._.ng_article
        prefix = f"{article.id}:" if article is not None and getattr(article, "id", None) else ""
        return Quote(
            id=f"{prefix}q{start}-{end}",
            kind=kind,
            text=text[start:end],
            start=start,
            end=end,
            cue=attr.cue if attr else None,
            speaker=attr.speaker if attr else None,
        )

    def _nested(self, doc: Doc, text: str, nested: list[Candidate], quotes: list[Quote], index: MentionIndex | None) -> list[Quote]:
        """Claims reported inside a direct quotation ("Sullivan said that …" in Lavrov's words)."""
        found = []
        directs = [q for q in quotes if q.kind == "direct"]
        for cand in nested:
            if cand.content is None or cand.source is None or cand.needs_quote:
                continue
            start, end = _strip(text, *self._char_span(doc, cand.content))
            if not any(q.start <= start and end <= q.end for q in directs):
                continue
            attr = self._attribution(doc, cand, index)
            found.append(self._quote(doc, text, start, _trim_tail(text, start, end), "indirect", attr))
        return found


def _names_someone(token: Token) -> bool:
    """A subject that can be a speaker: a name or a personal pronoun, not "it" or "this"."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "PRON" and token.lower_ in ("he", "she", "they")


def _same_source(doc: Doc, cand: Candidate, attr: Attribution) -> bool:
    """Whether a cue names the same speaker as an attribution ("Sanders said, going on to …")."""
    if attr.speaker is None or attr.speaker.mention is None or cand.source is None:
        return False
    span = doc[cand.source[0] : cand.source[1]]
    return (span.start_char, span.end_char) == (attr.speaker.mention.start, attr.speaker.mention.end)


def _clear_of_source(doc: Doc, cand: Candidate, start: int, end: int) -> tuple[int, int]:
    """Keep a content span off its own speaker's words (a mis-parse may run into them)."""
    if cand.source is None:
        return start, end
    src = doc[cand.source[0] : cand.source[1]]
    if start < src.start_char < end and src.start_char <= doc[cand.anchor].idx:
        end = src.start_char
    elif start < src.end_char <= end and src.start_char >= doc[cand.anchor].idx:
        start = src.end_char
    return start, end


def _quoted_tokens(doc: Doc, marks: list[MarkedSpan]) -> frozenset[int]:
    """Indices of the tokens inside quotation marks."""
    inside: set[int] = set()
    for mark in marks:
        span = doc.char_span(mark.content_start, mark.content_end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return frozenset(inside)


def _dash_name(doc: Doc, para_start: int, para_end: int, dashes: str) -> tuple[int, tuple[int, int]] | None:
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


def _looks_like_title(doc: Doc, text: str, mark: MarkedSpan) -> bool:
    """A short title in marks after "on/in/of …'s" ("on CBS's “Face the Nation,”"): a name, not words said."""
    words = text[mark.content_start : mark.content_end].strip(" ,.").split()
    if not 2 <= len(words) <= 6 or not all(w[0].isupper() or len(w) <= 3 for w in words):
        return False
    span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.pos_ in ("ADP", "DET", "PART") or prev.text in ("'s", "’s")


def _trim_tail(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n,;:.":
        end -= 1
    return end


def _governed_by(token: Token, anchor: Token) -> bool:
    """Whether ``token`` hangs off ``anchor`` without passing through another clause."""
    node = token
    for _ in range(8):
        if node.i == anchor.i:
            return True
        if node.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis") or node.head is node:
            return False
        node = node.head
    return False


def _covers(inner: Attribution, outer: Attribution) -> bool:
    """Whether ``inner``'s own content contains ``outer``'s cue (the two wrap each other)."""
    cue = outer.cue.start if outer.cue else -1
    return any(s <= cue < e for s, e, _ in inner.contents)


def _speaker(doc: Doc, cand: Candidate, index: MentionIndex | None) -> Speaker | None:
    """The speaker mention, resolved to an actor through the mention index when it can be."""
    if cand.source is None:
        return None
    span = doc[cand.source[0] : cand.source[1]]
    mention = Mention(start=span.start_char, end=span.end_char, text=span.text)
    if index is not None:
        for i in cand.heads:
            found = index.at_token(i)
            if found is not None:
                actor = index.actor(found.actor_id)
                return Speaker(actor=found.actor_id, name=actor.name if actor else span.text, mention=mention)
        # A name closing the phrase ("… expert at the Center Denis Moskalik").
        for found in reversed(index.within(cand.source[0], cand.source[1])):
            actor = index.actor(found.actor_id)
            if actor is not None and actor.type == "person" and found.token_end == cand.source[1]:
                return Speaker(actor=found.actor_id, name=actor.name, mention=mention)
    return Speaker(actor=None, name=span.text, mention=mention)


def _unique(quotes: list[Quote]) -> list[Quote]:
    seen: set[tuple[int, int]] = set()
    out = []
    for q in quotes:
        if (q.start, q.end) in seen:
            continue
        seen.add((q.start, q.end))
        out.append(q)
    return out


@Language.factory("newsgraph_quotes", assigns=["doc._.ng_quotes"], requires=["doc._.ng_mentions"])
def make_quotes(nlp: Language, name: str) -> QuoteComponent:
    """spaCy factory for the quotation finder."""
    return QuoteComponent()


class QuoteComponent:
    """Component: sets ``doc._.ng_quotes``."""

    def __init__(self) -> None:
        self.finder = QuoteFinder(load_cue_lexicon())

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quotes = self.finder(doc)
        return doc

"""Quotations: who said what — direct, indirect and mixed quotes with their cue and speaker.

The component joins two readings of the text:

1. quotation marks paired over paragraphs (``marks.py``), and
2. attribution cues read off the dependency parse (``cues.py``, lexicon in
   ``data/cues.yaml``): verbs with their subject and clause, "according to X", "in his
   opinion", "X's statement that …".

A cue's clause that is (nearly) all one quotation makes a **direct** quote; a clause that
holds quoted words among its own a **mixed** one; a clause with no marks an **indirect** one.
Quotations no clause reaches are attached to a cue next to them (``"…," he said``,
``X said: "…"``, ``"…," said X``, ``“…” ― Name``, a colon introduction), else carried over
from the previous speaker (in the same paragraph, or the paragraph before when this one opens
with the quotation), else kept as a ``term`` (scare quotes, titles) with no speaker.
Pull-quotes without marks ("… – says X") take the whole paragraph before the dash.

This module decides WHICH words are the speaker; ``speakers.py`` resolves them to an
actor only through ``doc._.ng_mentions`` (the actors component's MentionIndex).
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.extract.quotes.cues import Candidate, find_candidates, noun_phrase, resolution_heads, subject_of
from newsgraph.extract.quotes.lexicon import CueLexicon
from newsgraph.extract.quotes.marks import MarkedSpan, find_marked_spans
from newsgraph.extract.quotes.spans import (
    clear_of_source,
    dash_name,
    ends_for_cue,
    governed_by,
    last_char_before,
    looks_like_title,
    quoted_tokens,
    strip_edges,
    trim_tail,
)
from newsgraph.extract.quotes.speakers import names_someone, resolve_speaker, same_speaker
from newsgraph.model import Mention, Quote, QuoteKind, Speaker

_PARAGRAPH = re.compile(r"[^\n]+")
_EDGE = " \t\n,.;:!?…\"“”„«»‟'‘’—–-()[]"
_GAP_WORDS = re.compile(r"^[\s,;:–—-]*$")
_COMPLEMENTIZER = re.compile(r"^\s*(?:that|whether|if)\b", re.IGNORECASE)


@dataclass
class Attribution:
    """A cue with its speaker and the contents attributed to it (character spans)."""

    cand: Candidate | None
    cue: Mention | None
    speaker: Speaker | None
    contents: list[tuple[int, int, QuoteKind]] = field(default_factory=list)

    def add_direct(self, text: str, mark: MarkedSpan) -> None:
        """Attribute the words inside a pair of marks."""
        start, end = strip_edges(text, mark.content_start, mark.content_end)
        if end > start:
            self.contents.append((start, end, "direct"))

    def holds(self, pos: int) -> bool:
        """Whether a character lies in one of the attributed contents."""
        return any(s <= pos < e for s, e, _ in self.contents)


class QuoteFinder:
    """Finds the quotations of one Doc; see the module docstring for the rules."""

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> list[Quote]:
        return _Pass(doc, self.lexicon).run()


class _Pass:
    """The work on one document: its marks, cues, paragraphs and what is attributed so far."""

    def __init__(self, doc: Doc, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.lexicon = lexicon
        self.index = doc._.ng_mentions
        self.marks = find_marked_spans(self.text)
        self.paragraphs = [m.span() for m in _PARAGRAPH.finditer(self.text)] or [(0, len(self.text))]
        self._para_starts = [p[0] for p in self.paragraphs]
        self._mark_starts = [m.start for m in self.marks]
        cands = find_candidates(doc, lexicon, quoted_tokens(doc, self.marks))
        self.outer = [c for c in cands if self.mark_at(doc[c.cue[0]].idx) is None]
        self.nested = [c for c in cands if self.mark_at(doc[c.cue[0]].idx) is not None]
        self.claimed: dict[int, Attribution] = {}
        self.attributions: list[Attribution] = []
        self.colon_links: dict[int, Attribution] = {}
        self._by_cand: dict[int, Attribution] = {}
        # Cues by paragraph, for the steps that look for a cue near a quotation.
        self._outer_by_para: dict[int, list[Candidate]] = {}
        for cand in self.outer:
            self._outer_by_para.setdefault(self.paragraph(doc[cand.cue[0]].idx)[0], []).append(cand)

    def run(self) -> list[Quote]:
        """All the steps, in order; returns the quotations sorted by position."""
        self.clauses()
        self.dash_names()
        self.adjacent()
        self.spread_over_paragraphs()
        self.colon_intros()
        self.carry_over()
        return self.quotes()

    # -- lookups ---------------------------------------------------------------------------

    def mark_at(self, pos: int) -> int | None:
        """The marked span strictly containing character ``pos``."""
        i = bisect_right(self._mark_starts, pos) - 1
        if i >= 0 and self.marks[i].start < pos < self.marks[i].end:
            return i
        return None

    def marks_in(self, start: int, end: int) -> range:
        """Indices of the marked spans overlapping characters ``[start, end)`` (the spans are
        sorted and do not overlap, so they form a run)."""
        first = bisect_right(self._mark_starts, start) - 1
        if first < 0 or self.marks[first].end <= start:
            first += 1
        last = bisect_right(self._mark_starts, end - 1)
        return range(first, max(first, last))

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the paragraph holding character ``pos``."""
        return self.paragraphs[max(0, bisect_right(self._para_starts, pos) - 1)]

    def char_span(self, tokens: tuple[int, int]) -> tuple[int, int]:
        span = self.doc[tokens[0] : tokens[1]]
        return span.start_char, span.end_char

    def attribution(self, cand: Candidate) -> Attribution:
        """A new attribution for a cue, with its speaker resolved."""
        cue_span = self.doc[cand.cue[0] : cand.cue[1]]
        cue = Mention(start=cue_span.start_char, end=cue_span.end_char, text=cue_span.text)
        return Attribution(cand, cue, resolve_speaker(self.doc, cand.source, cand.heads, self.index))

    def attribution_for(self, cand: Candidate) -> Attribution:
        """The attribution already made for this cue, or a new one."""
        found = self._by_cand.get(id(cand))
        if found is None:
            found = self.attribution(cand)
            self.attributions.append(found)
            self._by_cand[id(cand)] = found
        return found

    def claim(self, i: int, attr: Attribution) -> None:
        attr.add_direct(self.text, self.marks[i])
        self.claimed[i] = attr

    # -- 1. cues with a clause -------------------------------------------------------------

    def clauses(self) -> None:
        """Cues whose parse shows a content clause; the widest first, so that a cue inside
        another one's clause ("X said the Kremlin dismissed it as a “hostile act”") yields."""
        for cand in sorted(self.outer, key=lambda c: -(c.content[1] - c.content[0]) if c.content else 0):
            if cand.content is None or cand.source is None:
                continue
            start, end = self.char_span(cand.content)
            para_start, para_end = self.paragraph(self.doc[cand.anchor].idx)
            start, end = clear_of_source(self.doc, cand, max(start, para_start), min(end, para_end))
            start, end, colon_mark = self.split_at_colon(start, end)
            if cand.kind == "verb":
                start = self.pull_quote_start(cand, start, end)
            overlapping = list(self.marks_in(start, end))
            if cand.needs_quote and not overlapping and colon_mark is None:
                continue
            content = self.snap(overlapping, start, end)
            if content is None:
                continue
            attr = self.attribution(cand)
            attr.contents.append(content)
            for i in overlapping:
                if self.marks[i].start < content[1] and self.marks[i].end > content[0] and i not in self.claimed:
                    self.claimed[i] = attr
            if colon_mark is not None:
                self.colon_links[colon_mark] = attr
            self.attributions.append(attr)
            self._by_cand[id(cand)] = attr
        self.drop_inner()

    def split_at_colon(self, start: int, end: int) -> tuple[int, int, int | None]:
        """Cut "clause: “quotation”" into the clause and a linked direct quotation."""
        text = self.text
        following = bisect_right(self._mark_starts, end)  # the first mark after the clause
        for i in [*self.marks_in(start, end + 4), following]:
            if i >= len(self.marks):
                continue
            mark = self.marks[i]
            if mark.start <= start or (mark.start > end + 3 and text[end : mark.start].strip()):
                continue
            colon = last_char_before(text, mark.start)
            if colon >= start and text[colon] == ":":
                return start, colon, i
        return start, end, None

    def pull_quote_start(self, cand: Candidate, start: int, end: int) -> int:
        """A "… – says X" line (or one with no final stop) attributes its whole paragraph."""
        doc, text = self.doc, self.text
        cue_start = doc[cand.cue[0]].idx
        if end > cue_start or cand.source is None:
            return start
        para_start, para_end = self.paragraph(cue_start)
        last = doc[cand.source[1] - 1]
        ends_paragraph = not text[last.idx + len(last.text) : para_end].strip(" .")
        dash = any(ch in text[end:cue_start] for ch in self.lexicon.dash_marks)
        unpunctuated = not text[cue_start:para_end].rstrip().endswith((".", "!", "?", "”", '"'))
        if ends_paragraph and (dash or unpunctuated) and start > para_start:
            return strip_edges(text, para_start, start)[0]
        return start

    def snap(self, overlapping: list[int], start: int, end: int) -> tuple[int, int, QuoteKind] | None:
        """Fit a clause to the quotation marks it touches and decide the kind."""
        text = self.text
        start, end = strip_edges(text, start, end)
        if end <= start:
            return None
        if not overlapping:
            return start, trim_tail(text, start, end), "indirect"
        if len(overlapping) > 1:
            first, last = self.marks[overlapping[0]], self.marks[overlapping[-1]]
            return min(start, first.start), max(end, last.end), "mixed"
        mark = self.marks[overlapping[0]]
        hull_start, hull_end = min(start, mark.start), max(end, mark.end)
        outside = _COMPLEMENTIZER.sub("", text[hull_start : mark.start] + text[mark.end : hull_end])
        # '"…," Tulsa police chief said': what follows a quotation closing on a comma is the
        # speaker, whatever the parse made of it.
        closes_on_comma = text[mark.content_start : mark.content_end].rstrip()[-1:] in ",?!" and hull_start == mark.start
        if not outside.strip(_EDGE) or closes_on_comma:
            s, e = strip_edges(text, mark.content_start, mark.content_end)
            return s, e, "direct"
        return hull_start, max(end, mark.end), "mixed"

    def drop_inner(self) -> None:
        """A cue inside another attribution's content is part of that claim, not a new one."""
        by_para: dict[int, list[Attribution]] = {}
        for attr in self.attributions:  # contents never leave their cue's paragraph
            by_para.setdefault(self.paragraph(attr.cue.start if attr.cue else 0)[0], []).append(attr)
        dropped: set[int] = set()
        for group in by_para.values():
            for attr in group:
                cue = attr.cue.start if attr.cue else -1
                # Two cues inside each other's contents wrap each other: neither is dropped.
                if any(other is not attr and other.holds(cue) and not attr.holds(other.cue.start if other.cue else -1) for other in group):
                    dropped.add(id(attr))
        if dropped:
            self.attributions = [a for a in self.attributions if id(a) not in dropped]
            self.claimed = {i: owner for i, owner in self.claimed.items() if id(owner) not in dropped}
            self._by_cand = {k: a for k, a in self._by_cand.items() if id(a) not in dropped}

    # -- 2. quotations next to a cue -------------------------------------------------------

    def adjacent(self) -> None:
        """Quotations right after "…:" of an attributed clause, or next to a cue."""
        for i, mark in enumerate(self.marks):
            if i in self.claimed or looks_like_title(self.doc, self.text, mark):
                continue
            linked = self.colon_links.get(i)
            if linked is None:
                cand = self.adjacent_cue(mark)
                if cand is None:
                    continue
                linked = self.attribution_for(cand)
            self.claim(i, linked)

    def adjacent_cue(self, mark: MarkedSpan) -> Candidate | None:
        """The cue right after (``"…," he said``) or right before (``X said: "…"``) a quotation."""
        doc, text = self.doc, self.text
        para_start, para_end = self.paragraph(mark.start)
        after: Candidate | None = None
        before: Candidate | None = None
        nearby = self._outer_by_para.get(para_start, [])
        if para_start > 0:  # "X said:" may close the paragraph before
            nearby = self._outer_by_para.get(self.paragraph(para_start - 1)[0], []) + nearby
        for cand in nearby:
            if cand.source is None or cand.needs_quote:
                continue
            cue_start = doc[cand.cue[0]].idx
            cue_end = doc[cand.cue[1] - 1].idx + len(doc[cand.cue[1] - 1].text)
            if para_start <= cue_start < para_end:
                if after is None and cue_start >= mark.end and ends_for_cue(text, mark) and self.gap_ok(mark.end, cue_start, cand):
                    after = cand
                if cue_end <= mark.start and self.gap_ok(cue_end, mark.start, cand, before=True):
                    before = cand
            elif cue_end < para_start and text[cue_end:para_start].strip() == ":" and mark.start == para_start:
                before = cand  # "X said:" closing the paragraph before the quotation
        return after or before

    def gap_ok(self, start: int, end: int, cand: Candidate, before: bool = False) -> bool:
        """Only punctuation, the speaker and a few adverbs (or, before a quotation, the cue's
        own objects: "told reporters:") may stand between a quotation and its cue."""
        gap = self.text[start:end]
        if len(gap) > 200:
            return False
        if before and not gap.strip():
            return True
        if before and not gap.rstrip().endswith((":", ",")):
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is None:
            return _GAP_WORDS.match(gap) is not None
        anchor = self.doc[cand.anchor]
        for token in span:
            if token.is_punct or token.is_space:
                continue
            if cand.source and cand.source[0] <= token.i < cand.source[1]:
                continue
            if token.pos_ == "ADV" and token.head.i == anchor.i:
                continue
            if before and token.i > anchor.i and governed_by(token, anchor):
                continue
            return False
        return True

    def dash_names(self) -> None:
        """A paragraph closing on "<dash> Name" attributes what stands before the dash to that
        name: a quotation (``“…” ― Maria Lopez``) or a headline (``Talks to go on — Lavrov``)."""
        doc, text = self.doc, self.text
        for para_start, para_end in self.paragraphs:
            found = dash_name(doc, para_start, para_end, self.lexicon.dash_marks)
            if found is None:
                continue
            dash, name = found
            dash_char = doc[dash].idx + len(doc[dash].text) - 1
            cand = Candidate("dash", (dash, dash + 1), name, tuple(i for i in reversed(range(*name)) if doc[i].pos_ == "PROPN"), None)
            in_para = self.marks_in(para_start, para_end)
            before = [i for i in in_para if self.marks[i].end <= dash_char and i not in self.claimed]
            attr = self.attribution(cand)
            if before and not text[self.marks[before[-1]].end : dash_char].strip().strip(".,;"):
                for i in before:
                    self.claim(i, attr)
            elif not in_para and not any(para_start <= s < para_end for a in self.attributions for s, _, _ in a.contents):
                start, end = strip_edges(text, para_start, dash_char)
                if len(text[start:end].split()) < 3:
                    continue
                attr.contents.append((start, trim_tail(text, start, end), "indirect"))
            else:
                continue
            self.attributions.append(attr)

    # -- 3. quotations with no cue of their own --------------------------------------------

    def spread_over_paragraphs(self) -> None:
        """A quotation re-opened on each paragraph is one speaker's: share its attribution."""
        chain: list[int] = []
        for i, mark in enumerate(self.marks):
            chain.append(i)
            if mark.continued:
                continue
            owner = next((self.claimed[j] for j in chain if j in self.claimed), None)
            if owner is not None:
                for j in chain:
                    if j not in self.claimed:
                        self.claim(j, owner)
            chain = []

    def colon_intros(self) -> None:
        """A quotation introduced by a sentence about someone and a colon ("Sanders made the
        following comment:", "Obama is rolling out a new message:") is theirs."""
        doc, text = self.doc, self.text
        by_source = {a.cand.source: a for a in self.attributions if a.cand is not None and a.cand.source is not None}
        for i, mark in enumerate(self.marks):
            if i in self.claimed:
                continue
            para_start, _ = self.paragraph(mark.start)
            at = last_char_before(text, mark.start)
            if at < 0 or text[at] != ":" or at < para_start - 3:
                continue
            colon = doc.char_span(at, at + 1, alignment_mode="expand")
            if colon is None:
                continue
            root = colon[0].sent.root
            subject = subject_of(root, self.lexicon)
            if subject is None or subject.i >= colon.start or not names_someone(subject):
                continue
            source = noun_phrase(subject, stop=root)
            attr = by_source.get(source)
            if attr is None:
                attr = self.attribution(Candidate("colon", (root.i, root.i + 1), source, resolution_heads(subject), None, anchor=root.i))
                self.attributions.append(attr)
                by_source[source] = attr
            self.claim(i, attr)

    def carry_over(self) -> None:
        """A quotation with no cue continues the previous speaker: the last quotation or cue
        before it in its paragraph, or the paragraph before when it opens this one."""
        doc, text = self.doc, self.text
        claimed_order = sorted(self.claimed)
        cues = sorted(((a.cue.end, n) for n, a in enumerate(self.attributions) if a.cue is not None), key=lambda c: c[0])
        cue_ends = [c[0] for c in cues]
        anchors = sorted((doc[c.anchor].idx, n) for n, c in enumerate(self.outer))
        anchor_chars = [a[0] for a in anchors]
        for i, mark in enumerate(self.marks):
            if i in self.claimed or i == 0:
                continue
            inner = text[mark.content_start : mark.content_end].lstrip()
            if not inner or not (inner[0].isupper() or inner[0].isdigit()):
                continue
            para_start, _ = self.paragraph(mark.start)
            before = text[para_start : mark.start].rstrip()
            if before and not before.endswith((".", "!", "?", "”", '"', ":", "»")):
                continue  # mid-sentence: a term, not a quotation
            at = bisect_right(claimed_order, i) - 1
            owner, since = (self.claimed[claimed_order[at]], self.marks[claimed_order[at]].end) if at >= 0 else (None, -1)
            at = bisect_right(cue_ends, mark.start) - 1  # a cue earlier in this paragraph ("…, Schiff said. “…”")
            if at >= 0 and since < cue_ends[at] and para_start <= cue_ends[at]:
                owner, since = self.attributions[cues[at][1]], cue_ends[at]
            if owner is None:
                continue
            between = (
                self.outer[n] for _, n in anchors[bisect_right(anchor_chars, since - 1) : bisect_right(anchor_chars, mark.start - 1)]
            )
            speakers_between = (c for c in between if c is not owner.cand and c.source and not same_speaker(doc, c.source, owner.speaker))
            if next(speakers_between, None) is not None:
                continue  # another speaker is named in between
            if since < para_start and (before or not inner.rstrip(' ”"»').endswith((".", "!", "?", "…", ","))):
                continue  # the speaker carries over only to a paragraph opening with a quoted sentence
            self.claim(i, owner)
            insort(claimed_order, i)

    # -- output ----------------------------------------------------------------------------

    def quotes(self) -> list[Quote]:
        """Every attributed content, every unclaimed mark as a term, and claims nested in a
        direct quotation ("Sullivan said that …" in Lavrov's words)."""
        text = self.text
        found = [self.quote(s, e, kind, attr) for attr in self.attributions for s, e, kind in attr.contents]
        for i, mark in enumerate(self.marks):
            if i not in self.claimed:
                s, e = strip_edges(text, mark.content_start, mark.content_end)
                if e > s:
                    found.append(self.quote(s, e, "term", None))
        directs = sorted((q.start, q.end) for q in found if q.kind == "direct")
        for cand in self.nested:
            if cand.content is None or cand.source is None or cand.needs_quote:
                continue
            s, e = strip_edges(text, *self.char_span(cand.content))
            at = bisect_right(directs, (s, len(text))) - 1
            if at >= 0 and directs[at][0] <= s and e <= directs[at][1]:
                found.append(self.quote(s, trim_tail(text, s, e), "indirect", self.attribution(cand)))
        found.sort(key=lambda q: (q.start, q.end))
        unique: dict[tuple[int, int], Quote] = {}
        for quote in found:
            unique.setdefault((quote.start, quote.end), quote)
        return list(unique.values())

    def quote(self, start: int, end: int, kind: QuoteKind, attr: Attribution | None) -> Quote:
        article = self.doc._.ng_article
        prefix = f"{article.id}:" if article is not None and getattr(article, "id", None) else ""
        return Quote(
            id=f"{prefix}q{start}-{end}",
            kind=kind,
            text=self.text[start:end],
            start=start,
            end=end,
            cue=attr.cue if attr else None,
            speaker=attr.speaker if attr else None,
        )

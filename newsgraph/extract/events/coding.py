"""The event code: a matched pattern's code and every rewrite that changes it, each named.

A pattern (or the frame that embeds an event) gives the first code; ``component.build``
then applies, in this order:

1. ``negated_code``  — a pattern's own code for its negation ("did not attend" → 0x4 reject);
2. ``future_code``   — CAMEO's convention for what has not happened yet: a future
   cooperative act is an intention (03x), a future conflictual one a threat (13x), a negated
   future or hypothetical cooperative act a rejection (12x);
3. ``obligation_code`` — "X said Sudan must return …": X demands (10x) or appeals (02x),
   about what the obligation is about (the sides move too: ``roles.obligation_sides``);
4. ``CRITICISM``     — a bare statement whose content speaks ill of someone named is
   criticism (111), when ``disparaging_content`` finds the content and ``roles.criticised``
   whom it speaks of;
5. ``meeting_place_code`` — a meeting in a country neither side belongs to (044);
6. the reverse code of a PETRARCH "[a:b]" entry, for the reverse dyad (``Pattern.reverse_code``);

and a derived event: a reported conflict adds the speaker's accusation (``accusation_code``).
Codes from PETRARCH dictionaries (``priority`` > 0) and frames keep their own conventions
and skip step 2.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from newsgraph.extract.events.match import Match
from newsgraph.extract.events.patterns import Pattern, PatternSet
from newsgraph.extract.events.syntax import lemma
from newsgraph.model import Event, Location

STATEMENT = "010"
CRITICISM = "111"
_COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
# Future conflict is coded as a threat; a future show of force (15) stays what it is.
_CONFLICT_ROOTS = frozenset({"14", "16", "17", "18", "19", "20"})
_NEGATORS = frozenset({"no", "not", "n't", "never", "without", "nothing", "none"})
# Verbs of saying whose negative content is the speaker's own judgement (not "admitted").
_OPINION_VERBS = frozenset(
    {"say", "tell", "state", "add", "note", "stress", "emphasize", "emphasise", "argue", "insist", "declare", "point", "remark"}
    | {"comment", "claim", "write", "tweet", "warn", "believe", "think", "consider", "assert", "charge", "complain"}
)
_MEETINGS = frozenset({"040", "046"})
THIRD_LOCATION_MEETING = "044"


def negated_code(pattern: Pattern, code: str, negated: bool) -> tuple[str, bool]:
    """The pattern's code for its own negation ("refused to attend"), which is then no
    longer negated; patterns that only match negated triggers already mean the negation."""
    if pattern.only_negated:
        return code, False
    if negated and pattern.negated_code:
        return pattern.negated_code, False
    return code, negated


def future_code(patterns: PatternSet, pattern: Pattern, code: str, modality: str | None, negated: bool) -> tuple[str, bool]:
    """CAMEO codes what has not happened by what it announces: a future cooperative act is
    an intention (03x), a future conflictual act a threat (13x); a negated future or
    hypothetical cooperative act is a rejection (12x). Frames and dictionary codes keep theirs."""
    if pattern.frame is not None or pattern.priority != 0:
        return code, negated
    root = code[:2]
    topic = patterns.topic(code)
    if modality == "future" and not negated:
        if root in _COOPERATIVE_ROOTS:
            return patterns.frame_code("intend", topic), negated
        if root in _CONFLICT_ROOTS:
            return patterns.frame_code("threaten", topic), negated
    elif negated and modality in ("future", "hypothetical") and root in _COOPERATIVE_ROOTS:
        return patterns.frame_code("reject", topic), False
    return code, negated


def obligation_frame(token: Token) -> str | None:
    """ "Sudan must return …" in reported speech is a demand; "should"/"needs to" an appeal."""
    auxes = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if "must" in auxes:
        return "demand"
    if auxes & {"should", "ought"}:
        return "appeal"
    head = token.head
    if token.dep_ == "xcomp" and head != token:
        if lemma(head) == "have" and head.tag_ != "VBN":
            return "demand"
        if lemma(head) == "need" and head.pos_ == "VERB":
            return "appeal"
    return None


def obligation_code(patterns: PatternSet, found: Match, frame: str) -> str:
    """The demand or appeal about what the obligation is about (the innermost event of a
    chain of frames: "must agree to constitutional changes")."""
    innermost = found
    while innermost.pattern.frame is not None and innermost.embedded_match is not None:
        innermost = innermost.embedded_match
    return patterns.frame_code(frame, patterns.topic(innermost.code))


def disparaging_content(verb: Token, valence: Callable[[Token], float]) -> Token | None:
    """The content clause of a verb of opinion ("said the decision was a disgrace") when it
    speaks ill (summed valence ≤ -1, negators left out), else None."""
    content = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    if not content or lemma(verb) not in _OPINION_VERBS:
        return None
    tokens = [t for c in content for t in c.subtree if t.lower_ not in _NEGATORS]
    if sum(valence(t) for t in tokens) > -1.0:
        return None
    return content[0]


def meeting_place_code(code: str, place: Location | None, source_countries: set[str | None], target_countries: set[str | None]) -> str:
    """A meeting (040, 046) in a country that neither side belongs to is CAMEO 044."""
    if code not in _MEETINGS or place is None or place.country is None or not source_countries or not target_countries:
        return code
    countries = source_countries | target_countries
    return THIRD_LOCATION_MEETING if None not in countries and place.country not in countries else code


def accusation_code(reported: Event) -> str:
    """The accusation a speaker makes by reporting a conflict: of war crimes (1124) for
    mass violence (20), of aggression (1123) for force and assault (15, 18, 19), of human
    rights abuses (1122) for repression and torture (175, 1821, 1822), else plain (112)."""
    if reported.root == "20":
        return "1124"
    if reported.root in ("15", "18", "19"):
        return "1123"
    if reported.cameo in ("175", "1821", "1822"):
        return "1122"
    return "112"

"""Negation, modality and attribution of an event trigger.

- negated: "did not hear", "no sanctions", "without consulting", "failed to reach";
- hypothetical / future: modal auxiliaries ("may", "could", "will"), governing verbs and
  nouns ("plans to", "is expected to", "the possibility of", "the need to"), conditionals;
- reported: the trigger lies inside a quotation (``doc._.ng_quotes``) or in the complement
  of a verb of saying ("X said that …", "according to X"); the claim's speaker is returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.extract.events.syntax import verb_subject
from newsgraph.model import Quote

_NEGATORS = frozenset({"not", "n't", "never", "no", "nt"})
_NEGATING_GOVERNORS = frozenset({"fail", "neglect", "omit", "cease", "stop"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll"})
_HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "should", "can", "ca", "must", "ought"})
# "would" is conditional, or the future of reported speech ("said they would release").
_WOULD = frozenset({"would", "'d"})
_FUTURE_GOVERNORS = frozenset({"plan", "intend", "aim", "expect", "schedule", "set", "due", "prepare", "go", "about", "poise", "slate"})
_HYPOTHETICAL_GOVERNORS = frozenset(
    {
        "consider",
        "want",
        "wish",
        "seek",
        "need",
        "propose",
        "risk",
        "possibility",
        "possible",
        "potential",
        "likely",
        "unlikely",
        "chance",
        "right",
        "ability",
        "option",
        "idea",
        "proposal",
        "prospect",
        "threat",
        "danger",
        "hope",
        "able",
        "unable",
        "could",
        "whether",
        "discuss",
        "debate",
        "mull",
        "weigh",
        "explore",
        "suggest",
        "demand",
        "urge",
        "call",
        "ask",
        "request",
        "appeal",
        "face",
        "fear",
        "warn",
        "would",
        "refuse",
        "reject",
        "decline",
        "if",
        "question",
        "issue",
        "readiness",
        "willingness",
        "ready",
        "willing",
        "prepared",
        "necessity",
        "necessary",
        "way",
        "matter",
        "condition",
        "interest",
        "forget",
        "effort",
        "attempt",
        "bid",
        "goal",
        "aim",
    }
)
_FUTURE_MODIFIERS = frozenset({"planned", "upcoming", "forthcoming", "future", "scheduled", "expected", "coming", "next"})
_HYPOTHETICAL_MODIFIERS = frozenset(
    {"possible", "potential", "proposed", "likely", "prospective", "eventual", "hypothetical", "threatened", "further"}
)
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_HEDGES = frozenset({"probably", "possibly", "perhaps", "maybe", "likely", "potentially"})
# Verbs whose subject is the event itself ("the meeting will take place").
_HAPPENING = frozenset({"take", "hold", "begin", "start", "happen", "occur", "open", "continue", "resume", "end", "convene", "be", "go"})


def is_negated(token: Token) -> bool:
    """Whether the trigger is negated (its own negator, "no" on a noun, "without", a
    negated copula for adjectives, or a governing "failed to")."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in ("no", "neither")):
            return True
        if child.dep_ == "advmod" and child.lower_ == "never":
            return True
    head = token.head
    if head == token:
        return False
    if token.dep_ in ("acomp", "attr") and any(c.dep_ == "neg" for c in head.children):
        return True
    if token.dep_ == "xcomp" and head.lemma_.lower() in _NEGATING_GOVERNORS:
        return True
    if token.dep_ == "pcomp" and head.lower_ == "without":
        return True
    return token.dep_ == "pobj" and head.lower_ == "without"


def _aux_modality(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ in ("aux", "auxpass"):
            word = child.lower_
            if word in _FUTURE_AUX:
                return "future"
            if word in _WOULD:
                return "would"
            if word in _HYPOTHETICAL_AUX:
                return "hypothetical"
        if child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS:
            return "hypothetical"
    return None


def _has_to(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _governed(lemma: str, head: Token) -> str | None:
    if lemma == "go" and head.tag_ == "VBG":
        return "future"  # "is going to"
    if lemma in _FUTURE_GOVERNORS - {"go"}:
        return "future"
    if _hypothetical_governor(lemma, head):
        return "hypothetical"
    return None


def _hypothetical_governor(lemma: str, head: Token) -> bool:
    """Whether a word makes what it governs hypothetical ("the issue of …", not "issued an apology")."""
    return lemma in _HYPOTHETICAL_GOVERNORS and not (lemma == "issue" and head.pos_ in ("VERB", "AUX"))


def modality_of(token: Token) -> str | None:
    """ "future", "hypothetical", "would" (future when reported, else hypothetical) or None
    (asserted) for a trigger: its auxiliaries and hedges, then what governs it — an
    infinitive's verb ("plans to"), a noun's governing verb ("may include sanctions") or
    noun ("the possibility of"); the walk stops at clause boundaries."""
    walk = token
    for _ in range(8):
        found = _aux_modality(walk)
        if found:
            return found
        for child in walk.children:
            if child.dep_ == "advmod" and child.lower_ in _HEDGES:
                return "hypothetical"
            if child.dep_ == "amod" and walk.pos_ in ("NOUN", "PROPN"):
                if child.lower_ in _FUTURE_MODIFIERS:
                    return "future"
                if child.lower_ in _HYPOTHETICAL_MODIFIERS:
                    return "hypothetical"
        head = walk.head
        if head == walk:
            return None
        dep = walk.dep_
        head_lemma = head.lemma_.lower()
        nominal = walk.pos_ in ("NOUN", "PROPN")
        if dep == "xcomp" or (dep in ("acl", "advcl") and _has_to(walk)):
            if dep == "advcl" and head_lemma not in _FUTURE_GOVERNORS | _HYPOTHETICAL_GOVERNORS:
                return None  # a purpose clause ("sent troops to fight") is asserted with its verb
            found = _governed(head_lemma, head)
            if found:
                return found
            if dep == "xcomp" and head_lemma == "be" and _has_to(walk):
                return "future"  # "is to visit"
            walk = head
            continue
        if dep == "conj":
            walk = head
            continue
        if dep in ("pobj", "pcomp") and head.dep_ == "prep":
            # "the possibility of imposing sanctions", "the need for talks"; no further.
            holder = head.head.lemma_.lower()
            return "future" if holder in _FUTURE_GOVERNORS - {"go"} else ("hypothetical" if holder in _HYPOTHETICAL_GOVERNORS else None)
        if nominal and dep in ("dobj", "nsubjpass", "attr", "oprd"):
            if _hypothetical_governor(head_lemma, head):
                return "hypothetical"
            walk = head
            continue
        if nominal and dep == "nsubj" and head_lemma in _HAPPENING:
            walk = head  # "a meeting will take place"
            continue
        return None
    return None


@dataclass(frozen=True)
class Claim:
    """Who an event is attributed to: the speaker token (indirect speech) and/or the actor
    id of a quotation's speaker."""

    speaker: Token | None = None
    actor: str | None = None
    quote: Quote | None = None
    verb: Token | None = None
    quoted: bool = False


def event_modality(declared: str | None, token: Token, claim: Claim | None) -> str | None:
    """An event's modality: the pattern's own (``declared``), else the trigger's; "would" is
    the future of reported speech ("said they would release") and otherwise hypothetical."""
    modality = declared or modality_of(token)
    if modality == "would":
        return "future" if claim is not None else "hypothetical"
    return modality


def quote_at(char: int, quotes: list[Quote] | None) -> Quote | None:
    """The quotation whose content contains a character offset."""
    for quote in quotes or ():
        if quote.start <= char < quote.end and quote.kind != "term":
            return quote
    return None


def inside_quotation_marks(token: Token, text: str | None = None) -> bool:
    """Whether a token lies between quotation marks in its paragraph (used when the
    quotation component has not run); ``text`` is the document text, passed in because
    spaCy rebuilds it on every access."""
    text = token.doc.text if text is None else text
    start = text.rfind("\n", 0, token.idx) + 1
    before = text[start : token.idx]
    curly = before.count("“") - before.count("”")
    straight = before.count('"')
    return curly > 0 or straight % 2 == 1


def claim_of(token: Token, speech: frozenset[str], quotes: list[Quote] | None, text: str | None = None) -> Claim | None:
    """The claim an event belongs to, if it is reported rather than asserted."""
    quote = quote_at(token.idx, quotes)
    if quote is not None:
        # The quotation gives the speaker's actor; the parse (or the quote's speaker mention)
        # still gives the speaker token and the speech verb, which statement coding needs.
        actor = quote.speaker.actor if quote.speaker is not None else None
        in_marks = quote.kind != "indirect"  # in indirect speech "they"/"it" are usually the speaker
        parsed = _speech_clause(token, speech)
        if parsed is not None:
            return Claim(speaker=parsed.speaker, actor=actor, quote=quote, verb=parsed.verb, quoted=in_marks)
        return Claim(speaker=_speaker_token(token, quote), actor=actor, quote=quote, quoted=in_marks)
    quoted = quotes is None and inside_quotation_marks(token, text)
    parsed = _speech_clause(token, speech)
    if parsed is not None:
        return Claim(speaker=parsed.speaker, verb=parsed.verb, quoted=quoted)
    return _according_to(token)


def _speaker_token(token: Token, quote: Quote) -> Token | None:
    """The head token of a quotation's speaker mention, when it lies in the same document."""
    mention = quote.speaker.mention if quote.speaker is not None else None
    if mention is None:
        return None
    span = token.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _speech_clause(token: Token, speech: frozenset[str]) -> Claim | None:
    """The speech verb a clause hangs from ("X said that …") and its subject."""
    walk = token
    for _ in range(12):
        head = walk.head
        if head == walk:
            break
        if walk.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in speech:
            speaker = verb_subject(head)
            if speaker is not None:
                return Claim(speaker=speaker, verb=head)
        walk = head
    return None


def _according_to(token: Token) -> Claim | None:
    """A claim made "according to X" on the main clause."""
    root = token.sent.root
    for child in root.children:
        # "according to X" on the main clause.
        if child.dep_ == "prep" and child.lower_ == "according":
            for grand in child.children:
                for obj in grand.children if grand.dep_ == "prep" else [grand]:
                    if obj.dep_ == "pobj":
                        return Claim(speaker=obj, verb=child)
    return None

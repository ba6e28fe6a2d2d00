"""Matching event patterns against a parsed sentence: which pattern a trigger token fits
(object, subject, preposition, light-verb and topic constraints), and what a frame
trigger ("urged … to", "refused …", "threatened …") embeds, which sets its code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from newsgraph.extract.events.modality import is_negated
from newsgraph.extract.events.patterns import Pattern, PatternSet, Terms
from newsgraph.extract.events.syntax import (
    adj_subject,
    children,
    governor,
    is_passive,
    keys,
    lemma,
    lemmas,
    prep_objects,
    semantic_head,
    verb_objects,
    verb_subject,
)

# Dependents that carry an event's arguments (searched by "about" and for complements).
_ARGUMENT_DEPS = frozenset(
    {"dobj", "prep", "xcomp", "advcl", "ccomp", "acl", "oprd", "dative", "agent", "attr", "acomp", "npadvmod", "pobj", "pcomp", "relcl"}
)
_NOUN_ARGUMENT_DEPS = frozenset({"compound", "amod", "nmod", "prep", "acl", "relcl", "appos"})
_REGION_LIMIT = 60
_PREPOSITION_LIKE = frozenset({"regarding", "concerning", "including", "following", "according", "excluding", "pending"})
# Predicative adjectives only: "is ready to", not "a ready answer".
_ADJ_DEPS = frozenset({"acomp", "ROOT", "ccomp", "xcomp", "conj", "oprd", "advcl", "attr"})


@dataclass
class Trigger:
    """A candidate trigger token and its syntactic arguments."""

    token: Token
    pos: str
    keys: list[str]
    subject: Token | None
    objects: list[Token]
    preps: list[tuple[str, Token]]
    gov: Token | None
    negated: bool


@dataclass
class Match:
    """A trigger that fits a pattern, with the code chosen (for frames: by what they embed)."""

    trigger: Trigger
    pattern: Pattern
    code: str
    embedded: Token | None = None
    embedded_match: Match | None = None
    consumed: set[int] = field(default_factory=set)

    @property
    def token(self) -> Token:
        return self.trigger.token


@dataclass
class Lookup:
    """What the matcher needs to know about tokens beyond the parse (set per document)."""

    is_place: Callable[[Token], bool]
    actor_type: Callable[[Token], str | None]
    valence: Callable[[Token], float]


def pos_of(token: Token) -> str | None:
    """verb, noun or adj for tokens that can trigger events."""
    if token.pos_ == "VERB":
        # "the internationally recognised government", "regarding …": not events.
        # A capitalised verb inside a date is a month ("on March 8"), not a march.
        in_date = token.ent_type_ in ("DATE", "TIME") and token.is_title and token.i > token.sent.start
        if token.dep_ in ("amod", "prep") or in_date or token.lower_ in _PREPOSITION_LIKE:
            return None
        return "verb"
    if token.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if token.pos_ == "ADJ" and token.dep_ in _ADJ_DEPS:
        return "adj"
    return None


class Matcher:
    """Match tokens of one document against a PatternSet (keys are cached per token)."""

    def __init__(self, patterns: PatternSet, lookup: Lookup) -> None:
        self.patterns = patterns
        self.lookup = lookup
        self._keys: dict[tuple[int, str], list[str]] = {}

    # -- token tests ------------------------------------------------------------------------

    def token_keys(self, token: Token, pos: str | None = None) -> list[str]:
        """Cached ``event_syntax.keys``."""
        pos = pos or ("verb" if token.pos_ in ("VERB", "AUX") else "noun")
        cache_key = (token.i, pos)
        found = self._keys.get(cache_key)
        if found is None:
            found = self._keys[cache_key] = keys(token, pos)
        return found

    def special(self, term: str, token: Token) -> bool:
        """Special terms: $place, $actor, $person, $state, $any."""
        if term == "$any":
            return True
        if term == "$place":
            return self.lookup.is_place(token)
        if term == "$money":
            return token.ent_type_ == "MONEY"
        if term == "$none":
            return False
        kind = self.lookup.actor_type(token)
        if term == "$actor":
            return kind is not None
        if term == "$person":
            return kind == "person" or token.ent_type_ == "PERSON"
        if term == "$state":
            return kind in ("country", "igo", "state") or token.ent_type_ == "GPE"
        return False

    def fits(self, terms: Terms, token: Token) -> bool:
        """Whether a token (or what it quantifies, or a coordinated token) fits the terms."""
        if terms.any:
            return True
        heads = [token]
        meant = semantic_head(token)
        if meant != token:
            heads.append(meant)
        for head in heads:
            if terms.words and any(k in terms.words for k in self.token_keys(head)):
                return True
            if any(self.special(term, head) for term in terms.special):
                return True
            if head.pos_ == "PROPN" and terms.words:
                # "U.N. mediator Diego Cordovez", "opposition leader Alexei Navalny": the title.
                for child in head.lefts:
                    if (
                        child.dep_ in ("compound", "appos")
                        and child.pos_ == "NOUN"
                        and any(k in terms.words for k in self.token_keys(child))
                    ):
                        return True
        return False

    def region(self, trigger: Trigger) -> list[Token]:
        """The tokens of the trigger's arguments (not its subject), for "about" tests."""
        token = trigger.token
        deps = _NOUN_ARGUMENT_DEPS if trigger.pos == "noun" else _ARGUMENT_DEPS
        found: list[Token] = []
        for child in token.children:
            if child.dep_ in deps or (trigger.pos == "verb" and is_passive(token) and child.dep_ == "nsubjpass"):
                found.extend(child.subtree)
                if len(found) > _REGION_LIMIT:
                    break
        if trigger.pos == "noun" and trigger.gov is not None:
            # "demonstrations … calling for independence" attaches the purpose to the verb.
            for child in trigger.gov.children:
                if child.dep_ in ("advcl", "xcomp") and child.i > token.i:
                    found.extend(child.subtree)
        return found[:_REGION_LIMIT]

    # -- triggers ---------------------------------------------------------------------------

    def trigger(self, token: Token, pos: str | None = None) -> Trigger | None:
        """The trigger view of a token, or None when it cannot trigger anything."""
        pos = pos or pos_of(token)
        if pos is None:
            return None
        if not self.patterns.may_trigger(pos, lemmas(token) if pos == "verb" else {lemma(token), token.lower_}):
            return None
        token_keys = self.token_keys(token, pos)
        if not any(self.patterns.has_trigger(pos, k) for k in token_keys):
            return None
        subject: Token | None
        objects: list[Token]
        gov: Token | None = None
        if pos == "verb":
            subject = verb_subject(token)
            objects = verb_objects(token)
        elif pos == "adj":
            subject = adj_subject(token)
            objects = []
        else:
            gov = governor(token)
            subject = None
            objects = [o for p, o in prep_objects(token) if p == "of"] or children(token, "compound")
        preps = list(prep_objects(token))
        for obj in objects:
            preps.extend(prep_objects(obj))
        if gov is not None and token.dep_ == "dobj":
            # A light verb carries its noun's arguments: "offered condolences to Jordan's king".
            preps.extend(p for p in prep_objects(gov) if p not in preps)
        return Trigger(token, pos, token_keys, subject, objects, preps, gov, is_negated(token))

    def match(self, token: Token, embedded: bool = False, pos: str | None = None, depth: int = 0) -> Match | None:
        """The most specific pattern the token fits (``embedded`` admits topic-only patterns)."""
        trig = self.trigger(token, pos)
        if trig is None:
            return None
        candidates: list[tuple[int, int, int, Pattern]] = []
        seen: set[str] = set()
        for key in trig.keys:
            words = key.count(" ")
            for pattern in self.patterns.candidates(trig.pos, key):
                if pattern.id in seen:
                    continue
                seen.add(pattern.id)
                specificity = pattern.specificity + 2 * words
                if embedded and pattern.light is not None and "*" not in pattern.light.words:
                    specificity -= 2  # the light verb is not checked for embedded nouns
                candidates.append((-pattern.priority, -specificity, pattern.order, pattern))
        candidates.sort(key=lambda c: c[:3])
        for *_, pattern in candidates:
            if pattern.embedded_only and not embedded:
                continue
            if pattern.only_negated and not trig.negated:
                continue
            if not self._constraints(pattern, trig, embedded):
                continue
            found = Match(trig, pattern, pattern.code)
            if pattern.frame is not None:
                status = self._resolve_frame(found, depth)
                if status == "skip" or (status == "empty" and pattern.need_embedded) or (status != "coded" and pattern.need_code):
                    continue
            elif pattern.embedded:
                slots = self.embedded_candidates(trig, pattern.embedded)
                if not slots and pattern.need_embedded:
                    continue
                # "claimed that they had attacked …", "invited X to come": the content is part of this event.
                for slot in slots:
                    inner = self.match(slot, embedded=True, depth=depth + 1) if depth < 3 else None
                    if inner is not None or pattern.need_embedded:
                        found.consumed |= {slot.i, *(inner.consumed if inner else ())}
            return found
        return None

    def _constraints(self, pattern: Pattern, trig: Trigger, embedded: bool = False) -> bool:
        if pattern.object is not None:
            # "$none" admits a trigger without an object; other terms test the object.
            if not trig.objects:
                if "$none" not in pattern.object.special:
                    return False
            elif not any(self.fits(pattern.object, o) for o in trig.objects):
                return False
        if pattern.subject is not None:
            subject = trig.subject
            if trig.pos == "noun":
                subject = next((c for c in trig.token.children if c.dep_ == "poss"), None) or (
                    verb_subject(trig.gov) if trig.gov is not None else None
                )
            if subject is None or not self.fits(pattern.subject, subject):
                return False
        # Embedded nouns need no light verb: "asked the IMF for a new loan".
        light = pattern.light
        if light is not None and "*" not in light.words and not embedded and not self._governed_by(trig, light):
            return False
        for prep, terms in pattern.preps:
            if not any(p == prep and self.fits(terms, o) for p, o in trig.preps):
                return False
        if pattern.about is not None:
            region = self.region(trig)
            if not any(self.fits(pattern.about, t) for t in region if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "X")):
                return False
        if pattern.predicate is not None:
            value = self._predicate_valence(trig)
            if (pattern.predicate == "negative" and value > -1.0) or (pattern.predicate == "positive" and value < 1.0):
                return False
        return True

    def _governed_by(self, trig: Trigger, light: Terms) -> bool:
        """Whether a nominal trigger's governing verb is one of the light verbs."""
        return trig.gov is not None and any(k in light.words for k in self.token_keys(trig.gov, "verb"))

    def _predicate_valence(self, trig: Trigger) -> float:
        """Valence of the complement in "called X Y" / "described X as Y"."""
        total = 0.0
        found = False
        for child in trig.token.children:
            small_clause = child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("NOUN", "ADJ", "PROPN")
            if child.dep_ in ("oprd", "acomp", "attr") or small_clause or (child.dep_ == "prep" and child.lower_ == "as"):
                found = True
                total += sum(self.lookup.valence(t) for t in child.subtree)
        if not found:
            # "called him 'a very big mistake …'" is often parsed as two objects, and a
            # quoted descriptor as a modifier inside the object.
            objects = trig.objects
            for obj in objects[1:] if len(objects) > 1 else []:
                total += sum(self.lookup.valence(t) for t in obj.subtree)
            for obj in objects:
                for child in obj.children:
                    if child.dep_ in ("appos", "oprd", "acl", "relcl"):
                        total += sum(self.lookup.valence(t) for t in child.subtree)
                quoted = False
                for t in obj.subtree:
                    if t.is_quote:
                        quoted = not quoted
                    elif quoted and t.dep_ not in ("appos", "oprd", "acl", "relcl"):
                        total += self.lookup.valence(t)
        return total

    # -- frames -----------------------------------------------------------------------------

    def embedded_candidates(self, trig: Trigger, roles: tuple[str, ...]) -> list[Token]:
        """Tokens that may carry the event a frame trigger is about, in the pattern's order."""
        token = trig.token
        found: list[Token] = []
        for role in roles:
            if role == "xcomp":
                found.extend(children(token, "xcomp"))
                # Infinitives are often parsed as adverbial clauses ("appealed … to let").
                found.extend(
                    c for c in token.children if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                )
                for holder in [*trig.objects, *(o for p, o in trig.preps if p in ("on", "upon", "to"))]:
                    found.extend(c for c in holder.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB")
            elif role == "ccomp":
                # A finite complement ("said that …"), not a gerund ("considering sending aid").
                found.extend(c for c in children(token, "ccomp") if c.tag_ != "VBG")
            elif role == "dobj":
                found.extend(trig.objects)
            elif role == "acl":
                # "an invitation to meet", "a request to interrogate": infinitives only.
                found.extend(
                    c for c in token.children if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX") and any(a.lower_ == "to" for a in c.children)
                )
            elif role == "compound":
                found.extend(c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("NOUN", "ADJ"))
            else:
                found.extend(o for p, o in prep_objects(token) if p == role)
                if trig.pos == "noun":
                    # "calls by East Germany's rulers for economic aid": one level further down.
                    for _, holder in prep_objects(token):
                        found.extend(o for p, o in prep_objects(holder) if p == role)
        return found

    def _resolve_frame(self, found: Match, depth: int) -> str:
        """Code a frame by the event it embeds: "coded", "slot" (something embedded but not
        codable: the frame's default), "empty" (nothing embedded) or "skip" (not a frame use)."""
        pattern = found.pattern
        assert pattern.frame is not None
        frame = pattern.frame
        slot = False
        inner: Match | None = None
        inner_token: Token | None = None
        if depth < 3:
            for candidate in self.embedded_candidates(found.trigger, pattern.embedded):
                slot = True
                inner = self._embedded_match(candidate, depth)
                if inner is not None:
                    inner_token = candidate
                    break
        if frame == "purpose":
            # "sent personnel to investigate", "assisting X in targeting …": the purpose is the event.
            purpose = inner
            while purpose is not None and purpose.pattern.frame is not None and purpose.embedded_match is not None:
                purpose = purpose.embedded_match
            if purpose is None or inner is None or (pattern.embedded_roots and purpose.code[:2] not in pattern.embedded_roots):
                return "slot" if slot else "empty"
            # A purpose frame with a code of its own keeps it ("assisting X in targeting …" is 062).
            found.code = pattern.code or purpose.code
            found.embedded, found.embedded_match = inner_token, inner
            found.consumed |= {inner.token.i, *inner.consumed}
            return "coded"
        if inner is None:
            found.code = self.patterns.frame_defaults[frame]
            return "slot" if slot else "empty"
        innermost = inner
        while innermost.pattern.frame is not None and innermost.embedded_match is not None:
            innermost = innermost.embedded_match
        topic = self.patterns.topic(innermost.code)
        if frame == "intend" and innermost.code[:2] in ("14", "15", "16", "17", "18", "19", "20"):
            frame = "threaten"
        # "offered condolences": a light verb, not an intention to cooperate.
        if frame == "intend" and inner.trigger.pos == "noun" and (topic is None or topic not in self.patterns.frames[frame]):
            return "skip"
        found.code = self.patterns.frame_code(frame, topic)
        found.embedded = inner_token
        found.embedded_match = inner
        found.consumed |= {inner.token.i, *inner.consumed}
        return "coded"

    def _embedded_match(self, token: Token, depth: int) -> Match | None:
        """Code an embedded token; a verb that codes nothing may carry its object's event
        ("continue military aid"), a noun its infinitival complement ("a request to …")."""
        found = self.match(token, embedded=True, depth=depth + 1)
        if found is not None:
            return found
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in ("dobj", "xcomp", "ccomp") or (child.dep_ == "prep" and child.lower_ in ("for", "to", "on", "in", "with")):
                    targets = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                    for target in targets:
                        found = self.match(target, embedded=True, depth=depth + 1)
                        if found is not None:
                            found.consumed.add(token.i)
                            return found
        elif token.pos_ in ("NOUN", "PROPN"):
            for child in token.children:
                if child.dep_ in ("acl", "relcl", "compound", "amod") or (
                    child.dep_ == "prep" and child.lower_ in ("for", "of", "on", "to", "toward", "towards", "about", "in")
                ):
                    targets = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                    for target in targets:
                        if target.pos_ in ("VERB", "NOUN", "ADJ"):
                            found = self.match(target, embedded=True, depth=depth + 1)
                            if found is not None:
                                found.consumed.add(token.i)
                                return found
        return None

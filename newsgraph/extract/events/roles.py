"""Source and target of an event: every choice of who acts and who undergoes it is made here.

A matched trigger's sides come from, in order:

1. the roles the pattern names (``target:`` in ``data/event_patterns.yaml``), else the
   defaults for its part of speech (``_DEFAULT_VERB_TARGETS``/``_DEFAULT_NOUN_TARGETS``);
   sources from ``source_tokens`` (subject or "by" agent; for nouns the possessor, an actor
   modifier, the "of" object of intransitive events, the subject of a light verb);
2. pattern switches: ``swap`` (the subject undergoes: "Moscow faces sanctions"), the
   ``purpose`` frame (the purpose's target), an ``object`` noun's own sides ("imposed EU
   sanctions against Moscow"), the first actor after a dictionary verb (PETRARCH);
3. what a frame embeds ("urged Moscow to release …" → Moscow) when nothing else names a target;
4. rewrites that move sides together with the code (``coding`` names the code half):
   an obligation in reported speech makes the speaker the source (``obligation_sides``),
   a disparaging statement targets whom it speaks of (``criticised``), and a reported
   conflict adds the speaker's accusation of its agent (``accusation_sides``);
5. the dyads: every source–target pair, both ways for reciprocal events, never an actor
   with itself (``dyads``).

Which actor a token names is ``sides.SideResolver``'s business.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.extract.events.countries import country_actor
from newsgraph.extract.events.match import Match, Matcher
from newsgraph.extract.events.modality import Claim, claim_of
from newsgraph.extract.events.patterns import PatternSet
from newsgraph.extract.events.sides import NAME_LABELS, Side, SideResolver, is_state, same_actor
from newsgraph.extract.events.syntax import adj_subject, lemmas, prep_objects, verb_subject
from newsgraph.model import Location, Quote

_DEFAULT_VERB_TARGETS = ("dobj", "dative", "against", "on", "with", "to", "at", "into", "toward", "towards")
_DEFAULT_NOUN_TARGETS = ("of", "against", "on", "with", "to", "at", "into", "toward", "towards", "dative")
# Target roles of a nominal event that make it news without an agent ("the arrest of X").
_AGENTLESS_NOUN_ROLES = ("of", "poss", "on", "against")
_MAX_DYADS = 8
_ARGUMENT_DEPS = frozenset({"dobj", "dative", "prep", "agent", "attr", "oprd", "npadvmod"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis", "conj", "csubj"})
# Events whose target, when no role names one, is the country where they happen: aid (07),
# protests (14, against that country's government) and force (18–20) in another country.
_PLACE_TARGET_ROOTS = frozenset({"07", "14", "18", "19", "20"})

Sides = tuple[list[Side], list[Side], str | None]


class RoleChooser:
    """Choose the sources and targets of matched triggers in one document."""

    def __init__(self, resolver: SideResolver, matcher: Matcher, patterns: PatternSet, quotes: list[Quote] | None, text: str) -> None:
        self.resolver = resolver
        self.matcher = matcher
        self.patterns = patterns
        self.quotes = quotes
        self.text = text

    def sides(self, found: Match, claim: Claim | None) -> Sides:
        """Sources, targets and the role the targets came from (frames fall back on what
        they embed)."""
        pattern = found.pattern
        trig = found.trigger
        resolver = self.resolver
        if pattern.swap:
            return self._swapped(found, claim)
        if pattern.frame == "purpose" and found.embedded_match is not None and not pattern.code:
            purpose = self._purpose_sides(found, claim)
            if purpose is not None:
                return purpose
        sources = self._sources(found, claim)
        targets, role = self._role_sides(found, claim, sources)
        if not targets and pattern.priority > 0:
            # Dictionary verbs (PETRARCH) take the first actor of the verb phrase as target.
            targets, role = self._first_actor_after(trig.token, claim, sources), "phrase"
        if not targets and trig.pos == "verb" and pattern.frame is None and not pattern.swap:
            # Last resort: an actor named in the verb's own arguments, deeper than the roles
            # reach ("imposed tariffs on imports from Colombia").
            targets = self._argument_actor(trig.token, claim, sources)
        if pattern.object is not None:
            # "imposing EU sanctions against Moscow", "sanctions … were lifted": the object
            # noun names the sides the verb leaves open.
            for obj in trig.objects:
                if not sources:
                    sources = resolver.modifier_sides(obj, claim)
                if not targets and self.matcher.match(obj, embedded=True) is not None:
                    tokens = [o for p, o in prep_objects(obj) if p in ("against", "on", "to", "targeting", "for")]
                    targets = _others(resolver.sides(tokens, claim), sources)
        if found.embedded_match is not None and not targets:
            targets = self._embedded_targets(found, claim, sources)
        if not targets and pattern.frame is not None and trig.pos == "verb":
            # A frame's target named deep in what it embeds: "threatened to retaliate against
            # the United States", "threatened to impose tariffs on imports from Colombia".
            clause = next((c for c in trig.token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            targets = self._argument_actor(clause, claim, sources) if clause is not None else []
        return sources, targets, role

    def attributable(self, found: Match, sources: list[Side], targets: list[Side], target_role: str | None) -> bool:
        """Whether the sides make an event: someone on either side; appeals, promises and
        refusals need someone making them; a nominal event with neither agent nor named
        patient ("dialogue with the Kremlin") is a topic, not an event."""
        if not sources and not targets:
            return False
        if sources:
            return True
        return found.pattern.frame is None and not (found.trigger.pos == "noun" and target_role not in _AGENTLESS_NOUN_ROLES)

    def _swapped(self, found: Match, claim: Claim | None) -> Sides:
        """ "Moscow is facing new EU sanctions": the subject undergoes the event and the
        target roles name who inflicts it."""
        trig = found.trigger
        holder = trig.gov if trig.pos == "noun" else trig.token
        subject = verb_subject(holder) if holder is not None else None
        sufferers = self.resolver.sides([subject] if subject is not None else [], claim)
        inflicters, swapped_role = self._role_sides(found, claim, sufferers)
        return inflicters, sufferers, swapped_role

    def _purpose_sides(self, found: Match, claim: Claim | None) -> Sides | None:
        """ "assisting the Ukrainians in targeting facilities in Russia": the purpose's target."""
        assert found.embedded_match is not None
        inner_targets, inner_role = self._role_sides(found.embedded_match, claim, [])
        if not inner_targets:
            return None
        own = self._sources(Match(found.trigger, found.pattern, found.code), claim)
        return own, _others(inner_targets, own), inner_role

    def _sources(self, found: Match, claim: Claim | None) -> list[Side]:
        """The first of the source alternatives that names someone."""
        for alternative in source_tokens(found, self.patterns.support):
            sources = self.resolver.sides(alternative, claim)
            if sources:
                return sources
        return []

    def _embedded_targets(self, found: Match, claim: Claim | None, sources: list[Side]) -> list[Side]:
        """A frame's target from what it embeds: the embedded subject ("urged Moscow to
        release …"), else the embedded event's own target roles."""
        inner = found.embedded_match
        assert inner is not None
        trig = found.trigger
        resolver = self.resolver
        targets: list[Side] = []
        subject = inner.trigger.subject
        if subject is not None and (trig.subject is None or subject.i != trig.subject.i):
            targets = _others(resolver.sides([subject], claim), sources)
        if not targets:
            for role in target_roles(inner):
                targets = _others(resolver.sides(role_tokens(inner, role), claim), sources)
                if targets:
                    break
        if not targets and found.embedded is not None:
            # "rejected a U.S. offer", "demanded a halt to Israeli settlement building".
            owner = resolver.owner(found.embedded, claim)
            targets = _others([owner], sources) if owner is not None else []
        return targets

    def _role_sides(self, found: Match, claim: Claim | None, others: list[Side]) -> tuple[list[Side], str | None]:
        """The first target role of the pattern that names someone other than ``others``."""
        excluded = {found.embedded.i} if found.embedded is not None else set()
        resolver = self.resolver
        for role in target_roles(found):
            if role == "of" and found.pattern.of_role == "source":
                continue
            tokens = [t for t in role_tokens(found, role) if t.i not in excluded]
            if role == "between":
                tokens = tokens[:1]
                sides = resolver.sides(tokens, claim)
                if len(sides) < 2 and tokens:
                    sides = resolver.modifier_sides(tokens[0], claim) or sides
            else:
                sides = resolver.sides(tokens, claim)
            sides = _others(sides, others)
            if sides:
                return sides, role
        return [], None

    def _argument_actor(self, verb: Token, claim: Claim | None, others: list[Side]) -> list[Side]:
        """The first actor the actor stage found in the verb's arguments after it, not
        crossing into another clause."""
        for child in verb.rights:
            if child.dep_ not in _ARGUMENT_DEPS:
                continue
            for token in child.subtree:
                if _crosses_clause(token, verb) or self.resolver.actor_at(token) is None:
                    continue
                sides = [s for s in self.resolver.sides([token], claim) if not s.generic and not any(same_actor(s, o) for o in others)]
                if sides:
                    return sides
        return []

    def _first_actor_after(self, verb: Token, claim: Claim | None, others: list[Side]) -> list[Side]:
        """The first named actor in the verb's phrase after it, with its coordinates."""
        keys = {o.key for o in others}
        for token in verb.subtree:
            if token.i <= verb.i or self.resolver.actor_at(token) is None:
                continue
            sides = [s for s in self.resolver.sides([token], claim) if s.key not in keys]
            if sides:
                return sides
        return []

    # -- sides that move with the code ------------------------------------------------------

    def speaker(self, claim: Claim) -> Side | None:
        """The side of a claim's speaker (resolved within the speaker's own claim)."""
        if claim.speaker is None:
            return None
        return self.resolver.resolve(claim.speaker, claim_of(claim.speaker, self.patterns.speech, self.quotes, self.text))

    def claimant(self, claim: Claim) -> str | None:
        """The actor id an event is attributed to: the quotation's speaker, else the parsed one."""
        if claim.actor is not None or claim.speaker is None:
            return claim.actor
        side = self.resolver.resolve(claim.speaker)
        return side.actor.actor if side is not None else None

    def obligation_speaker(self, claim: Claim | None, sources: list[Side]) -> Side | None:
        """The speaker who, by saying "Sudan must return …", demands it of someone else
        (None when there is no speaker or the speaker is the agent)."""
        if claim is None or claim.speaker is None:
            return None
        speaker = self.speaker(claim)
        if speaker is None or any(s.key == speaker.key for s in sources):
            return None
        return speaker

    def criticised(self, content: Token, sources: list[Side], claim: Claim | None) -> list[Side]:
        """Whom a disparaging statement speaks of: the subject of its content clause, never
        the speaker nor someone of the speaker's own country (rarely criticised this way)."""
        if not sources:
            return []
        subject = verb_subject(content) if content.pos_ in ("VERB", "AUX") else None
        about = self.resolver.sides([subject], claim) if subject is not None else []
        own = {s.actor.country for s in sources if s.actor.country}
        return [s for s in _others(about, sources) if not s.generic and (s.actor.country is None or s.actor.country not in own)]

    def accusation_sides(self, agent: Side | None, claim: Claim) -> tuple[Side, Side] | None:
        """ "X said (that) Y attacked Z": X accuses Y, when X is a known actor other than Y."""
        if agent is None or claim.verb is None or claim.speaker is None:
            return None
        if agent.actor.actor is None and agent.actor.country is None:
            return None  # "police", "its soldiers": no one to accuse
        speaker = self.speaker(claim)
        if speaker is None or speaker.actor.actor is None or same_actor(speaker, agent):
            return None
        if speaker.actor.country is not None and speaker.actor.country == agent.actor.country and is_state(agent.actor):
            return None  # "Poland expelled the diplomats, Sikorski said" reports, not accuses
        if speaker.actor.country is None and not (speaker.actor.code or "").startswith("IGO"):
            return None  # a speaker of unknown allegiance may be reporting their own side's act
        return speaker, agent

    def place_targets(self, code: str, place: Location | None, sources: list[Side], sentence: Span) -> list[Side]:
        """The country an aid, protest or force event happens in, as its target when no role
        names one ("bombed a hardware store in Kharkiv", "protested in Tbilisi"); never the
        dateline's place, and never the source's own country except for protests."""
        if code[:2] not in _PLACE_TARGET_ROOTS or place is None:
            return []
        token = next((t for t in sentence if (p := self.resolver.places.get(t.i)) is not None and p.name == place.name), None)
        country = self.resolver.place_country_at(token) if token is not None else None
        if token is None or country is None:
            return []
        protest = code[:2] == "14"
        if not protest and any(s.actor.country == country.code for s in sources):
            return []
        return [Side(country_actor(country, token, "GOV" if protest else None), token)]


def obligation_sides(sources: list[Side], targets: list[Side], speaker: Side) -> tuple[list[Side], list[Side]]:
    """A reported obligation's sides: the speaker demands of whoever was to act (the
    agent, else the patient)."""
    return [speaker], sources or targets


def dyads(sources: list[Side], targets: list[Side], reciprocal: bool) -> list[tuple[Side | None, Side | None]]:
    """Source–target pairs: every combination, both directions for reciprocal events
    ("Borrell and Lavrov met"), never an actor with itself."""
    pairs: list[tuple[Side | None, Side | None]] = []
    if reciprocal and len(sources) >= 2 and not targets:
        pairs.extend((a, b) for a in sources for b in sources if a is not b)
    elif reciprocal and len(targets) >= 2 and not sources:
        pairs.extend((a, b) for a in targets for b in targets if a is not b)
    elif reciprocal and sources and targets:
        pairs.extend((s, t) for s in sources for t in targets)
        pairs.extend((t, s) for s in sources for t in targets)
    else:
        optional_sources: list[Side | None] = list(sources) or [None]
        optional_targets: list[Side | None] = list(targets) or [None]
        pairs.extend((s, t) for s in optional_sources for t in optional_targets)
    return [(s, t) for s, t in pairs if s is None or t is None or not same_actor(s, t)][:_MAX_DYADS]


def _crosses_clause(token: Token, verb: Token) -> bool:
    """Whether the path from a token up to a verb passes through another clause's verb."""
    walk = token
    while walk.i != verb.i and walk.head.i != walk.i:
        if walk.dep_ in _CLAUSE_DEPS:
            return True
        walk = walk.head
    return False


def _others(sides: list[Side], excluded: list[Side]) -> list[Side]:
    """``sides`` without the actors of ``excluded``."""
    return [s for s in sides if not any(same_actor(s, e) for e in excluded)]


def role_tokens(match: Match, role: str) -> list[Token]:
    """The tokens filling one role of a matched trigger."""
    trig = match.trigger
    token = trig.token
    if role == "dobj":
        return list(trig.objects)
    if role == "dative":
        # "gave Ukraine tanks"; a light verb's for its noun ("gave Putin a stern warning").
        holder = trig.gov if trig.pos == "noun" and trig.gov is not None and token.dep_ == "dobj" else token
        return [c for c in holder.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    if role == "subject":
        return [trig.subject] if trig.subject is not None else []
    if role == "poss":
        # A noun's possessor; for a verb, its object's ("accepted Lavrov's invitation").
        holders = [token] if trig.pos == "noun" else list(trig.objects)
        return [c for h in holders for c in h.children if c.dep_ == "poss"]
    if role == "compound":
        return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    found = [obj for prep, obj in trig.preps if prep == role and obj.pos_ in ("PROPN", "NOUN", "PRON", "NUM")]
    return found


def source_tokens(match: Match, support: frozenset[str]) -> list[list[Token]]:
    """Where the source comes from, as alternatives tried in order: the subject (or "by"
    agent); for nouns the possessor, an actor modifier, the "by" agent, the "of" object for
    intransitive events ("the visit of X"), then the subject of the light/support verb
    governing them ("Russia announced the expulsion")."""
    trig = match.trigger
    pattern = match.pattern
    if trig.pos in ("verb", "adj"):
        return [[trig.subject]] if trig.subject is not None else []
    token = trig.token
    has_of = any(prep == "of" and obj.head.head == token for prep, obj in trig.preps)
    # "Navalny's arrest": without an "of" object the possessor of a patient noun is its target.
    patient_poss = "poss" in pattern.target and not has_of
    found = [] if patient_poss else [c for c in token.children if c.dep_ == "poss"]
    found += [obj for prep, obj in trig.preps if prep == "by" and obj.head.head == token]
    if pattern.of_role == "source":
        found += [obj for prep, obj in trig.preps if prep == "of" and obj.head.head == token]
    found += [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in NAME_LABELS]
    alternatives = [found]
    # "Russia was expressing its readiness": the verb's subject says more than "its".
    pronoun_only = bool(found) and all(t.pos_ == "PRON" for t in found)
    gov = trig.gov
    if gov is not None:
        light = pattern.light.words if pattern.light is not None else frozenset()
        words = support | light
        stems = lemmas(gov)
        light_verb = stems & words or any(f"{stem} {c.lower_}" in words for stem in stems for c in gov.children)
        if light_verb and token.dep_ != "nsubj":
            subject = adj_subject(gov) if gov.pos_ == "ADJ" else verb_subject(gov)
            if subject is not None:
                alternatives.insert(0 if pronoun_only else len(alternatives), [subject])
    return alternatives


def target_roles(match: Match) -> tuple[str, ...]:
    """The pattern's target roles, or the defaults for its part of speech."""
    if match.pattern.target:
        return match.pattern.target
    return _DEFAULT_NOUN_TARGETS if match.trigger.pos == "noun" else _DEFAULT_VERB_TARGETS

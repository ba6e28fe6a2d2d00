"""Sides of an event: which actor a role token names, through the actor stage's MentionIndex
(names, titles, pronouns, metonyms), with coordination ("Borrell and Lavrov"), appositions
("the EU's chief diplomat, Josep Borrell"), possessives and compounds ("EU sanctions",
"Russia's expulsion of …"), group heads ("a group of European ambassadors") and the speaker
of a quotation for "we"/"I". Which tokens are an event's source and target is decided in
``roles``; this module only says whom a token names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.extract.events.modality import Claim
from newsgraph.extract.events.patterns import PatternSet
from newsgraph.extract.events.syntax import conjuncts, lemma, prep_objects, semantic_head
from newsgraph.extract.mentions import MentionIndex
from newsgraph.model import Actor, EventActor, Mention

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours", "myself", "ourselves"})
_THIRD_PERSON = frozenset({"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"})
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Pattern classes whose words name people or groups (who can be a source or target).
_AGENT_CLASSES = (
    "person_noun",
    "crowd",
    "irregular",
    "troops",
    "police_force",
    "population",
    "captive",
    "official",
    "diplomat",
    "peacekeeper",
)
_AGENT_SUFFIXES = ("ist", "ian", "eer", "ary", "ant", "ent", "er", "or", "ee")


@dataclass
class Side:
    """One resolved side of an event: the model record and the token it rests on."""

    actor: EventActor
    token: Token

    @property
    def key(self) -> str:
        return self.actor.actor or (self.actor.name or "").lower()


def _event_actor(actor: Actor, token: Token, name: str | None = None) -> EventActor:
    return EventActor(
        actor=actor.id,
        name=name or actor.name,
        code=actor.code,
        country=actor.country,
        sector=actor.sector,
        mention=Mention(start=token.idx, end=token.idx + len(token.text), text=token.text),
    )


def phrase(token: Token) -> tuple[int, int]:
    """Token range of a noun's name-like phrase: its modifiers and itself, no determiners
    or numbers ("three European diplomats" → "European diplomats")."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in _MODIFIER_DEPS and child.tag_ != "POS":
            start = min(start, child.left_edge.i)
    doc = token.doc
    while start < token.i and (doc[start].dep_ in ("det", "nummod", "punct", "case", "quantmod", "predet") or doc[start].pos_ == "NUM"):
        start += 1
    return start, token.i + 1


class SideResolver:
    """Say which actor a role token of one document is: a Side, or None for a token that
    names no one (not to be confused with the actor stage's own resolver, which finds actors
    in text; this one reads its index)."""

    def __init__(self, doc: Doc, mentions: MentionIndex | None, patterns: PatternSet) -> None:
        self.doc = doc
        self.mentions = mentions
        classes = patterns.classes
        self.person_nouns = frozenset().union(*(classes.get(name, frozenset()) for name in _AGENT_CLASSES))
        self.not_agents = classes.get("not_agent", frozenset())

    def actor_at(self, token: Token) -> Actor | None:
        """The actor a token is (part of) a mention of."""
        if self.mentions is None:
            return None
        mention = self.mentions.at_token(token.i)
        return self.mentions.actor(mention.actor_id) if mention is not None else None

    def actor_type(self, token: Token) -> str | None:
        """The type of the actor at a token, "state" for governments and militaries."""
        actor = self.actor_at(token)
        if actor is None:
            return None
        if actor.type in ("organization", "group") and actor.sector in ("GOV", "MIL", "LEG", "JUD"):
            return "state"
        return actor.type

    def resolve(self, token: Token, claim: Claim | None = None, depth: int = 0) -> Side | None:
        """The actor a role token refers to, or a named but unresolved noun phrase."""
        head = semantic_head(token)
        for candidate in (head, token):
            actor = self.actor_at(candidate)
            if actor is not None:
                return Side(_event_actor(actor, candidate), candidate)
        for child in head.children:
            if child.dep_ == "appos":
                actor = self.actor_at(semantic_head(child))
                if actor is not None:
                    return Side(_event_actor(actor, child), child)
        word = head.lower_
        if head.pos_ == "PRON" or word in _FIRST_PERSON | _THIRD_PERSON:
            return self._pronoun(head, claim, depth)
        start, end = phrase(head)
        name = self.doc[start:end].text
        # "European diplomats", "Russia's government" name an actor; "EU sanctions" and
        # "Borrell's visit" do not (the modifier is the event's agent, not the noun).
        if head.pos_ == "PROPN" or self.agentive(head):
            for child in head.lefts:
                if child.dep_ in _MODIFIER_DEPS:
                    actor = self.actor_at(child)
                    if actor is not None and child.i != head.i:
                        return Side(_event_actor(actor, head, name), head)
        if depth < 2:
            for prep, obj in prep_objects(head):
                if prep == "of" and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                    inner = self.resolve(obj, claim, depth + 1)
                    if inner is not None and inner.actor.actor is not None:
                        inner.actor.name = f"{name} of {inner.actor.name}" if lemma(head) in self.person_nouns else inner.actor.name
                        return Side(inner.actor, head)
        named_modifier = any(c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in NAME_LABELS for c in head.lefts)
        if head.pos_ == "PROPN" or head.ent_type_ in NAME_LABELS or self.agentive(head) or named_modifier:
            return Side(EventActor(name=name, mention=Mention(head.idx, head.idx + len(head.text), head.text)), head)
        if head != token and self.agentive(token):
            start, end = phrase(token)
            return Side(
                EventActor(name=self.doc[start:end].text, mention=Mention(token.idx, token.idx + len(token.text), token.text)), token
            )
        if depth < 2:
            # "criticized Russia's decision": the decision's owner.
            for child in head.children:
                if child.dep_ == "poss":
                    return self.resolve(child, claim, depth + 1)
        return None

    def agentive(self, token: Token) -> bool:
        """Whether a common noun names people or a group ("missionary", "youths", "troops")."""
        word = lemma(token)
        if word in self.person_nouns:
            return True
        if token.pos_ != "NOUN" or word in self.not_agents or word.endswith("ment") or len(word) < 5:
            return False
        return word.endswith(_AGENT_SUFFIXES)

    def _pronoun(self, token: Token, claim: Claim | None, depth: int) -> Side | None:
        """Pronouns the actor index left unresolved: "we"/"I" inside a claim are its speaker;
        "he"/"it"/"they" in reported speech usually are too ("Uganda said it had paid …")."""
        if claim is None or depth > 1:
            return None
        if token.lower_ not in _FIRST_PERSON and claim.quoted:
            return None  # inside a quotation "they" and "it" are others, not the speaker
        if claim.actor is not None and self.mentions is not None:
            actor = self.mentions.actor(claim.actor)
            if actor is not None:
                return Side(_event_actor(actor, token), token)
        if claim.speaker is not None and claim.speaker.i != token.i:
            side = self.resolve(claim.speaker, None, depth + 1)
            if side is not None:
                return Side(side.actor, token)
        return None

    def sides(self, tokens: Iterable[Token], claim: Claim | None = None) -> list[Side]:
        """Resolve tokens and everything coordinated with them, without repeats."""
        found: dict[str, Side] = {}
        for token in tokens:
            # "Eriadori and Calenardhon leaders": one side per coordinated modifier.
            split = self.modifier_sides(token, claim) if any(c.dep_ == "conj" for m in token.lefts for c in m.children) else []
            resolved = split if len(split) > 1 else [self.resolve(item, claim) for item in conjuncts(token)]
            for side in resolved:
                if side is not None:
                    found.setdefault(side.key, side)
        return list(found.values())

    def modifier_sides(self, token: Token, claim: Claim | None = None) -> list[Side]:
        """Actors named in a noun's modifiers ("the Russian and US presidents")."""
        found: list[Side] = []
        for child in token.lefts:
            if child.dep_ in _MODIFIER_DEPS:
                for item in conjuncts(child) + [c for c in child.children if c.dep_ == "conj"]:
                    actor = self.actor_at(item)
                    if actor is not None and all(s.actor.actor != actor.id for s in found):
                        found.append(Side(_event_actor(actor, item), item))
        return found

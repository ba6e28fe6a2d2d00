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

from newsgraph.extract.events.countries import (
    Country,
    country_actor,
    country_by_code,
    country_named,
    entity_text,
    place_country,
    sector_of,
)
from newsgraph.extract.events.modality import Claim
from newsgraph.extract.events.patterns import PatternSet
from newsgraph.extract.events.syntax import conjuncts, lemma, prep_objects, semantic_head
from newsgraph.extract.mentions import MentionIndex
from newsgraph.model import Actor, EventActor, Mention, Place

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
# Common nouns that never name an event's side on their own ("people fled", "officials said",
# "several countries condemned"): with a national adjective they name that country.
GENERIC_NOUNS = frozenset(
    {"people", "person", "man", "men", "child", "leader", "country", "nation", "ally", "state"}
    | {"company", "firm", "building", "side", "world", "community", "thousand"}
    | {"hundred", "dozen", "million", "neighbour", "neighbor", "partner", "power", "capital", "region", "family", "resident"}
    | {"someone", "somebody", "everyone", "anyone", "individual", "source", "analyst", "expert", "critic"}
)
# State institutions that, named bare, belong to the speaker's or the dateline's country.
_INSTITUTIONS = frozenset(
    {"police", "government", "authority", "prosecutor", "army", "military", "court", "official", "ministry", "parliament"}
    | {"cabinet", "administration", "navy", "coastguard", "judiciary", "regime", "president", "minister", "embassy"}
)
# Posts and vehicles that stand for the force they belong to ("a military base").
_POSTS = frozenset(
    {"base", "patrol", "post", "position", "convoy", "checkpoint", "camp", "headquarters", "barracks", "outpost", "station"}
    | {"vehicle", "ship", "vessel", "boat", "unit", "garrison", "airfield", "airbase", "compound", "depot"}
)
_FORCE_WORDS = frozenset({"army", "military", "police", "navy", "naval", "security", "rebel", "militant", "insurgent", "border"})


def _force_word(token: Token) -> bool:
    return lemma(token) in _FORCE_WORDS


# Nouns whose possessor is the other party: "Ukraine's allies" are not Ukraine.
_RELATIONAL = frozenset({"ally", "partner", "neighbour", "neighbor", "rival", "enemy", "foe", "adversary", "critic", "opponent"})
_AGENT_SUFFIXES = ("ist", "ian", "eer", "ary", "ant", "ent", "er", "or", "ee")


@dataclass
class Side:
    """One resolved side of an event: the model record and the token it rests on."""

    actor: EventActor
    token: Token
    # A generic noun ("people", "officials"): someone took part, but no one to name; it
    # makes an event attributable and is dropped from the record.
    generic: bool = False

    @property
    def key(self) -> str:
        return self.actor.actor or (self.actor.name or "").lower()


def same_actor(a: Side, b: Side) -> bool:
    """One actor, or one state under two names ("Russia", "the Russian government", "the
    Russian military"): never both sides of one event."""
    if a.key == b.key:
        return True
    country = a.actor.country
    return country is not None and country == b.actor.country and is_state(a.actor) and is_state(b.actor)


def is_state(actor: EventActor) -> bool:
    """A country itself, its government or its military."""
    country = actor.country
    return country is not None and actor.code in (country, f"{country}GOV", f"{country}MIL")


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

    def __init__(
        self, doc: Doc, mentions: MentionIndex | None, patterns: PatternSet, places: Iterable[Place] = (), home: Country | None = None
    ) -> None:
        self.doc = doc
        self.mentions = mentions
        self.home = home  # the dateline's country: whose "police" a bare "police" is
        self.places = _places_by_token(doc, places)
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
        """The actor a role token refers to, a country it names, or a named but unresolved
        noun phrase; None for words that name no one ("people", "the building")."""
        head = semantic_head(token)
        named = self._indexed(head, token)
        if named is not None:
            return named
        if head.pos_ == "PRON" or head.lower_ in _FIRST_PERSON | _THIRD_PERSON:
            return self._pronoun(head, claim, depth) or self._carried_object(head, claim, depth)
        place = self._place(head)
        if place is not None:
            return place
        return self._described(head, token, claim, depth)

    def _indexed(self, head: Token, token: Token) -> Side | None:
        """The actor the actor stage found at the head (or the token, or an apposition); a
        counterpart is of the country its adjective names ("his Iranian counterpart"), not of
        whoever "his" is."""
        for candidate in (head, token):
            actor = self.actor_at(candidate)
            if actor is not None:
                if lemma(head) == "counterpart":
                    national = self._national(head)
                    if national is not None and national.actor.country != actor.country:
                        return national
                return Side(_event_actor(actor, candidate), candidate)
        for child in head.children:
            if child.dep_ == "appos":
                actor = self.actor_at(semantic_head(child))
                if actor is not None:
                    return Side(_event_actor(actor, child), child)
        return None

    def _place(self, head: Token) -> Side | None:
        """A place as a side: a capital or seat is its government ("arrived in Beijing"), any
        other place of a known country that country ("struck Kharkiv")."""
        if head.ent_type_ in ("PERSON", "ORG", "NORP") or (head.pos_ != "PROPN" and head.ent_type_ not in ("GPE", "LOC", "FAC")):
            return None
        found = country_named(head)
        if found is not None:
            return Side(country_actor(found[0], head, "GOV" if found[1] else None), head)
        country = self.place_country_at(head)
        return Side(country_actor(country, head), head) if country is not None else None

    def _country_in(self, token: Token) -> Country | None:
        """The country a locative object names: itself or a name modifying it ("in Nairobi",
        "in Russia's Bryansk region")."""
        for candidate in (token, *(c for c in token.lefts if c.dep_ in ("compound", "poss", "nmod", "amod"))):
            found = country_named(candidate) if candidate.ent_type_ in ("GPE", "LOC", "NORP") else None
            country = found[0] if found is not None else self.place_country_at(candidate)
            if country is not None:
                return country
        return None

    def place_country_at(self, token: Token) -> Country | None:
        """The country of the gazetteer place at a token, when the place is the one named
        (a gazetteer entry whose name shares nothing with the words is not trusted)."""
        place = self.places.get(token.i)
        if place is None or token.ent_type_ not in ("GPE", "LOC", "FAC"):
            return None
        named = entity_text(token).lower()
        if named not in place.name.lower() and place.name.lower() not in named:
            return None
        return place_country(place)

    def _national(self, head: Token) -> Side | None:
        """A noun of a country's: "his Omani counterpart", "Ukrainian drones", "Russian banks",
        "police in Nairobi"; officials, forces and police are its government, military and
        police unless another noun says whose ("Indian business leaders")."""
        country: Country | None = None
        for child in head.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE"):
                found = country_named(child)
                if found is not None:
                    country = found[0]
                    break
        if country is None:
            country = next((c for p, o in prep_objects(head) if p == "in" and (c := self._country_in(o)) is not None), None)
        if country is None:
            return None
        qualified = any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in head.lefts)
        sector = None if qualified else sector_of(lemma(head))
        start, end = phrase(head)
        return Side(country_actor(country, head, sector, self.doc[start:end].text if sector is None else None), head)

    def _institution(self, head: Token, claim: Claim | None, depth: int) -> Side | None:
        """A bare state institution ("police", "the government", "prosecutors") is the
        speaker's country's, else the dateline's: "Germany's interior minister said police
        had arrested …", "TALLINN — The government said …"."""
        if lemma(head) not in _INSTITUTIONS or any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in head.lefts):
            return None
        country = self.home
        if claim is not None and depth == 0:
            speaker = self.mentions.actor(claim.actor) if claim.actor is not None and self.mentions is not None else None
            code = speaker.country if speaker is not None else None
            if code is None and claim.speaker is not None and claim.speaker.i != head.i:
                side = self.resolve(claim.speaker, None, depth + 1)
                code = side.actor.country if side is not None else None
            country = country_by_code(code) if code is not None else country
        return Side(country_actor(country, head, sector_of(lemma(head))), head) if country is not None else None

    def _described(self, head: Token, token: Token, claim: Claim | None, depth: int) -> Side | None:
        """A noun phrase that describes its actor: by an actor modifier ("Russia's
        government"), an "of" object ("the leader of Hamas"), a national adjective, or a name
        the actor stage did not resolve; generic nouns name no one."""
        start, end = phrase(head)
        name = self.doc[start:end].text
        # "European diplomats", "Russia's government" name an actor; "EU sanctions" and
        # "Borrell's visit" do not (the modifier is the event's agent, not the noun).
        if (head.pos_ == "PROPN" or self.agentive(head)) and lemma(head) not in _RELATIONAL:
            for child in head.lefts:
                # "his Omani counterpart" is not his: a counterpart is the other side's.
                if child.dep_ in _MODIFIER_DEPS and not (child.dep_ == "poss" and lemma(head) == "counterpart"):
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
        national = self._national(head) if head.pos_ != "PROPN" else None
        if national is not None:
            return national
        institution = self._institution(head, claim, depth)
        if institution is not None:
            return institution
        named_modifier = any(
            (c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in NAME_LABELS)
            or (c.dep_ in ("compound", "appos") and c.pos_ == "PROPN")
            for c in head.children
        )
        generic = head.pos_ != "PROPN" and lemma(head) in GENERIC_NOUNS and not named_modifier
        if head.pos_ == "PROPN" or head.ent_type_ in NAME_LABELS or self.agentive(head) or named_modifier or generic:
            return Side(EventActor(name=name, mention=Mention(head.idx, head.idx + len(head.text), head.text)), head, generic=generic)
        if head != token and self.agentive(token):
            start, end = phrase(token)
            return Side(
                EventActor(name=self.doc[start:end].text, mention=Mention(token.idx, token.idx + len(token.text), token.text)), token
            )
        owner = self._owner(head, claim, depth) if depth < 2 else None
        if owner is None and lemma(head) in _POSTS and any(c.dep_ in ("compound", "amod") and _force_word(c) for c in head.lefts):
            # "an army patrol", "a military base": a post or vehicle that stands for its force.
            return Side(EventActor(name=name, mention=Mention(head.idx, head.idx + len(head.text), head.text)), head)
        return owner

    def _owner(self, head: Token, claim: Claim | None, depth: int) -> Side | None:
        """Whose thing or act a noun is: "criticized Russia's decision", "rejected a U.S.
        State Department call", "rejected a request by Mr. Erdogan", "the call of the European
        Parliament"."""
        for child in head.children:
            if child.dep_ == "poss":
                return self.resolve(child, claim, depth + 1)
        for child in head.lefts:
            if child.dep_ in ("compound", "nmod") and child.i != head.i:
                actor = self.actor_at(child)
                if actor is not None:
                    return Side(_event_actor(actor, child), child)
                if child.ent_type_ in ("GPE", "NORP", "ORG"):
                    side = self.resolve(child, claim, depth + 1)
                    if side is not None and not side.generic and (side.actor.actor is not None or side.actor.country is not None):
                        return side
        for prep, obj in prep_objects(head):
            if prep in ("by", "from", "of") and obj.pos_ in ("PROPN", "NOUN"):
                side = self.resolve(obj, claim, depth + 1)
                if side is not None and not side.generic and (side.actor.actor is not None or side.actor.country is not None):
                    return side
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

    def _carried_object(self, token: Token, claim: Claim | None, depth: int) -> Side | None:
        """An object pronoun of a participle or coordinated verb is the main verb's object:
        "ordered two British diplomats to leave, accusing them of spying"."""
        if depth > 1 or token.dep_ != "dobj" or token.lower_ not in ("him", "her", "them", "it"):
            return None
        verb = token.head
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head == verb:
            return None
        main_object = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i != token.i), None)
        return self.resolve(main_object, claim, depth + 1) if main_object is not None else None

    def owner(self, head: Token, claim: Claim | None = None) -> Side | None:
        """Whose a thing or act is, through its possessor, modifiers or prepositional objects
        ("a U.S. offer", "a halt to Israeli settlement building")."""
        found = self._owner(head, claim, 0)
        if found is not None:
            return found
        for _, obj in prep_objects(head):
            side = self.resolve(obj, claim, 1)
            if side is not None and not side.generic and (side.actor.actor is not None or side.actor.country is not None):
                return side
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


def _places_by_token(doc: Doc, places: Iterable[Place]) -> dict[int, Place]:
    """The gazetteer place each token is part of."""
    found: dict[int, Place] = {}
    for place in places:
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                found.update((i, place) for i in range(span.start, span.end))
    return found

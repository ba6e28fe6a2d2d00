"""Within-article linking: which names, descriptions and pronouns refer to the same actor.

- People: full names are grouped when they are the same dictionary person or the same name
  up to spelling (Sergei/Sergey, Solodky/Solodkiy: rapidfuzz ratios, guarded so that people
  with different first names or genders stay apart); surnames and misspellings ("Borrel") join
  the person they match, the most recently mentioned one when several do.
- Descriptions ("the top Russian diplomat", "the minister") join the most recent person whose
  role and affiliation fit; a description nobody fits becomes an unnamed referent (so that a
  later "her" does not jump to the wrong person) unless the dictionary knows who held that
  office on the publication date.
- Pronouns ("he", "his", "her") join the most recent compatible person: same gender, and not
  the subject of the clause whose object the pronoun is ("Lavrov promised to show him").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Token

from newsgraph.extract.actors.descriptions import Descriptor, Lexicon
from newsgraph.extract.actors.dictionary import BodyEntry, PersonEntry
from newsgraph.extract.actors.ids import fold, translit_key
from newsgraph.model import ActorType

MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
_OBJECT_DEPS = {"dobj", "dative", "iobj", "pobj"}
_CLAUSE_CHAIN = {"xcomp", "advcl", "conj", "acl"}
_HONORIFICS = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "monsieur": "m", "herr": "m", "mrs": "f", "mrs.": "f",
    "ms": "f", "ms.": "f", "madam": "f", "madame": "f", "dame": "f", "lady": "f", "baroness": "f",
}  # fmt: skip
_SURNAME_RATIO = 88.0
_FIRST_NAME_RATIO = 75.0
_FULL_NAME_RATIO = 88.0
_FULL_NAME_SURNAME_RATIO = 75.0
_PRONOUN_WINDOW = 4  # sentences back


@dataclass
class EntityMention:
    """Tokens ``[start, end)`` referring to an entity, and how ("name", "title", …)."""

    start: int
    end: int
    kind: str


@dataclass
class Entity:
    """A referent in one article: a person, country, IGO, organisation or coded group."""

    kind: ActorType
    name: str
    person: PersonEntry | None = None
    body: BodyEntry | None = None
    code: str | None = None
    first: str | None = None
    surname: str | None = None
    gender: str | None = None
    named: bool = True
    descriptors: list[Descriptor] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    role_tags: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)

    def add(self, start: int, end: int, kind: str) -> None:
        """Record a mention."""
        self.mentions.append(EntityMention(start, end, kind))

    def last_before(self, i: int) -> int:
        """End of the last mention ending at or before token ``i`` (-1 if none)."""
        return max((m.end for m in self.mentions if m.end <= i), default=-1)

    def describe(self, desc: Descriptor) -> None:
        """Take what a description says: roles, affiliation, gender."""
        self.descriptors.append(desc)
        if desc.role is not None:
            self.role_tags |= desc.role.families
            if desc.role.gender and self.gender is None:
                self.gender = desc.role.gender
        if desc.affiliation:
            self.affiliations.add(desc.affiliation)


def name_parts(tokens: Iterable[Token]) -> list[str]:
    """The words of a name, possessives and punctuation dropped."""
    return [t.text for t in tokens if not t.is_punct or t.text.endswith(".")]


def _initial_of(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


_FEMININE_ENDINGS = ("a", "aya", "ya", "ova", "eva", "ina", "ska")


def _gendered_pair(fa: str, fb: str) -> bool:
    """Whether two folded names differ only by a feminine ending (Petrov/Petrova, Ivan/Ivana,
    Navalny/Navalnaya): names of two different people."""
    short, long_ = sorted((fa, fb), key=len)
    if long_.startswith(short) and long_[len(short) :] in _FEMININE_ENDINGS:
        return True
    stem = short[:-1] if short.endswith(("y", "i")) else short
    return short != stem and long_.startswith(stem) and long_[len(stem) :] in _FEMININE_ENDINGS


def first_names_agree(a: str | None, b: str | None) -> bool:
    """Same given name up to spelling or an initial (Sergei/Sergey, G./George)."""
    if not a or not b:
        return True
    fa, fb = fold(a), fold(b)
    if fa == fb or _initial_of(fa, fb):
        return True
    if _gendered_pair(fa, fb):
        return False
    return translit_key(fa) == translit_key(fb) or fuzz.ratio(fa, fb) >= _FIRST_NAME_RATIO


def surnames_agree(a: str, b: str, ratio: float = _SURNAME_RATIO) -> bool:
    """Same surname up to a spelling variant (Borrell/Borrel, Solodky/Solodkiy); a looser
    ``ratio`` is for when the given names agree too (Sergei Lavroff/Sergei Lavrov)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if min(len(fa), len(fb)) < 5 or fa[0] != fb[0] or _gendered_pair(fa, fb):
        return False
    return translit_key(fa) == translit_key(fb) or fuzz.ratio(fa, fb) >= ratio


class People:
    """Person entities of one article, built from name spans in text order."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.entities: list[Entity] = []
        self._by_person: dict[str, Entity] = {}

    # -- full names and surnames ----------------------------------------------------------

    def add_name(self, start: int, end: int, person: PersonEntry | None = None) -> Entity:
        """A full name (or a dictionary alias) at tokens ``[start, end)``."""
        doc = self.lex.doc
        parts = name_parts(doc[start:end])
        first = parts[0] if len(parts) > 1 else None
        surname = (person.surname if person else None) or parts[-1]
        person = person or self.lookup(" ".join(parts), surname, first)
        entity = self._find(person, first, surname, parts)
        if entity is None:
            entity = Entity("person", person.name if person else " ".join(parts), person=person, first=first, surname=surname)
            entity.gender = (person.gender if person else None) or self._gender_of(doc, start, first)
            self.entities.append(entity)
            if person is not None:
                self._by_person[person.key] = entity
        elif len(parts) > len(entity.name.split()) and entity.person is None:
            entity.name = " ".join(parts)
        entity.first = entity.first or first
        entity.add(start, end, "name")
        return entity

    def _gender_of(self, doc: Doc, start: int, first: str | None) -> str | None:
        if start > 0 and doc[start - 1].lower_ in _HONORIFICS:
            return _HONORIFICS[doc[start - 1].lower_]
        if first:
            gender = self.lex.dictionary.given_names.get(fold(first))
            return gender if gender in ("m", "f") else None
        return None

    def _find(self, person: PersonEntry | None, first: str | None, surname: str, parts: list[str]) -> Entity | None:
        if person is not None and person.key in self._by_person:
            return self._by_person[person.key]
        for entity in self.entities:
            if entity.person is not None and person is not None:
                continue  # two different dictionary people
            if entity.surname and surnames_agree(entity.surname, surname) and first_names_agree(entity.first, first):
                if person is not None and entity.person is None:
                    entity.person = person
                    entity.name = person.name
                    self._by_person[person.key] = entity
                return entity
        return None

    def lookup(self, name: str, surname: str, first: str | None) -> PersonEntry | None:
        """The dictionary person a full name denotes: exact (accents folded), else a close
        spelling whose surname and first initial agree and that no other entry rivals."""
        dictionary = self.lex.dictionary
        exact = dictionary.person_by_name(name)
        if exact:
            return self._prefer_active(exact)
        if first is None:
            return None
        found = process.extract(fold(name), dictionary.full_names(), scorer=fuzz.ratio, score_cutoff=_FULL_NAME_RATIO, limit=3)
        candidates: dict[str, PersonEntry] = {}
        for key, _score, _ in found:
            for person in dictionary.person_by_name(key):
                parts = person.name.split()
                if surnames_agree(person.surname, surname, _FULL_NAME_SURNAME_RATIO) and first_names_agree(parts[0], first):
                    candidates[person.key] = person
        return next(iter(candidates.values())) if len(candidates) == 1 else None

    def _prefer_active(self, people: list[PersonEntry]) -> PersonEntry:
        day = self.lex.day
        if day is not None:
            for person in people:
                if person.offices_on(day):
                    return person
        return people[0]

    def surname_entity(self, token: Token, exact_only: bool = False) -> Entity | None:
        """The person a single word names: an exact surname (the most recently mentioned if
        several people share it), else one person whose surname is a close spelling."""
        text = token.text
        exact = [e for e in self.entities if e.surname and fold(e.surname) == fold(text)]
        if exact:
            return max(exact, key=lambda e: e.last_before(token.i))
        if exact_only:
            return None
        close = [e for e in self.entities if e.surname and surnames_agree(e.surname, text)]
        return close[0] if len(close) == 1 else None

    def dictionary_surname(self, text: str) -> PersonEntry | None:
        """A dictionary person known by this single name: the one in office on the article's
        date, or the only one with that surname."""
        people = self.lex.dictionary.people_by_surname(text)
        if not people:
            return None
        day = self.lex.day
        if day is not None:
            active = [p for p in people if p.offices_on(day)]
            if len(active) == 1:
                return active[0]
        return people[0] if len({p.key for p in people}) == 1 else None

    def add_person(self, person: PersonEntry) -> Entity:
        """The entity of a dictionary person (created if new)."""
        entity = self._by_person.get(person.key)
        if entity is None:
            entity = Entity("person", person.name, person=person, surname=person.surname, gender=person.gender)
            first = person.name.split()[0]
            entity.first = first if first != person.surname else None
            self.entities.append(entity)
            self._by_person[person.key] = entity
        return entity

    def add_unnamed(self, desc: Descriptor) -> Entity:
        """A person known only by a description ("the foreign minister of the country")."""
        entity = Entity("person", desc.role_text or "unnamed", named=False)
        entity.describe(desc)
        self.entities.append(entity)
        return entity


# -- descriptions -------------------------------------------------------------------------


def _affiliation_fits(wanted: str, entity: Entity, affiliations: set[str]) -> bool:
    if wanted in affiliations:
        return True
    if any(a.startswith("IGO") and wanted.startswith("IGO") and a[:9] == wanted[:9] for a in affiliations):
        return True
    # "the European diplomat": Europe covers the EU's officials and European countries.
    if wanted == "EUR":
        return any(a.startswith("IGOEUR") for a in affiliations) or bool(affiliations & _EUROPE)
    return False


_EUROPE = {
    "ALB", "AND", "ARM", "AUT", "AZE", "BEL", "BGR", "BIH", "BLR", "CHE", "CYP", "CZE", "DEU", "DNK", "ESP", "EST",
    "FIN", "FRA", "GBR", "GEO", "GRC", "HRV", "HUN", "IRL", "ISL", "ITA", "LIE", "LTU", "LUX", "LVA", "MCO", "MDA",
    "MKD", "MLT", "MNE", "NLD", "NOR", "POL", "PRT", "ROU", "RUS", "SMR", "SRB", "SVK", "SVN", "SWE", "TUR", "UKR",
    "VAT", "XKX",
}  # fmt: skip


def fits(desc: Descriptor, entity: Entity, affiliations: set[str], role_tags: set[str]) -> bool:
    """Whether a description can refer to a person: role family, affiliation, gender."""
    if desc.role is not None and desc.role.name not in role_tags:
        # A generic word ("the politician") fits anyone holding one of the roles it covers.
        covered = {t[7:] for t in desc.role.tags if t.startswith("covers:")}
        if not covered & role_tags:
            return False
    if desc.affiliation and not _affiliation_fits(desc.affiliation, entity, affiliations):
        return False
    clash = desc.role is not None and desc.role.gender and entity.gender and desc.role.gender != entity.gender
    return not clash


def latest_fitting(entities: list[Entity], position: int, accept: Callable[[Entity], bool] | None = None) -> Entity | None:
    """The entity mentioned most recently before token ``position`` that ``accept`` allows."""
    best: Entity | None = None
    best_end = -1
    for entity in entities:
        end = entity.last_before(position)
        if end > best_end and (accept is None or accept(entity)):
            best, best_end = entity, end
    return best


# -- pronouns -----------------------------------------------------------------------------


def _clause_subjects(token: Token) -> set[int]:
    """Subjects of the clause that governs ``token``, following control and coordination
    ("Lavrov promised to show him": "show" has Lavrov as its understood subject)."""
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    subjects: set[int] = set()
    for _ in range(4):
        found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subject in found:
            subjects.update(range(subject.left_edge.i, subject.right_edge.i + 1))
        if found or verb.dep_ not in _CLAUSE_CHAIN or verb.head is verb:
            break
        if verb.dep_ == "xcomp" and any(c.dep_ in ("dobj", "dative") for c in verb.head.children):
            break  # "invited the ambassadors to meet with him": the object is the understood subject
        verb = verb.head
    return subjects


_OPENING = {"“", "«", "„"}
_CLOSING = {"”", "»"}


def quoted_tokens(text: str, starts: list[int]) -> list[bool]:
    """For each token (``starts``: their character offsets), whether it lies inside quotation
    marks (“…”, «…», "…"); a paragraph break ends a quotation a typo left open."""
    inside = [False] * len(starts)
    depth = 0
    straight = False
    breaks = iter(m.start() for m in re.finditer("\n", text))
    next_break = next(breaks, len(text))
    for i, idx in enumerate(starts):
        while next_break < idx:
            depth, straight = 0, False
            next_break = next(breaks, len(text))
        char = text[idx]
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif char == '"':
            straight = not straight
        else:
            inside[i] = depth > 0 or straight
    return inside


# Salience of a mention by its grammatical role (after Lappin and Leass 1994): subjects
# are likelier antecedents than objects, objects than obliques and possessors.
_ROLE_WEIGHTS = {"nsubj": 80, "nsubjpass": 80, "dobj": 50, "dative": 40, "iobj": 40, "pobj": 40, "agent": 40, "poss": 0}
_RECENCY = 100


class Salience:
    """Scores how prominent each person is at a point in the text: every sentence where they
    are mentioned counts with its best mention's weight, halved for each sentence back."""

    def __init__(self, doc: Doc, sentence_starts: list[int], quoted: list[bool]) -> None:
        self.doc = doc
        self.starts = sentence_starts
        self.quoted = quoted

    def sentence_of(self, i: int) -> int:
        """Index of the sentence holding token ``i``."""
        return bisect_right(self.starts, i) - 1

    def weight(self, mention: EntityMention) -> float:
        """Recency plus the weight of the mention's grammatical role."""
        root = self.doc[mention.start : mention.end].root
        return _RECENCY + _ROLE_WEIGHTS.get(root.dep_, 30)

    def score(self, entity: Entity, before: int, banned: set[int]) -> tuple[float, int]:
        """(salience, end of the latest mention) of ``entity`` just before token ``before``."""
        here = self.sentence_of(before)
        outside = not self.quoted[before]
        best: dict[int, float] = {}
        latest = -1
        for m in entity.mentions:
            if m.end > before or (outside and self.quoted[m.start]):
                continue
            sentence = self.sentence_of(m.start)
            if here - sentence > _PRONOUN_WINDOW:
                continue
            best[sentence] = max(best.get(sentence, 0.0), self.weight(m))
            latest = max(latest, m.end)
        return sum(w * 0.5 ** (here - k) for k, w in best.items()), latest


def resolve_pronoun(token: Token, people: list[Entity], salience: Salience) -> Entity | None:
    """The person a third-person pronoun refers to: the most salient compatible person
    mentioned in this or the last few sentences (the latest on a tie), never the subject of
    the clause the pronoun is an object of. Outside quotations, mentions inside quotations do
    not count ("…met Joe Biden,” he said)."""
    lower = token.lower_
    gender = "m" if lower in MALE_PRONOUNS else "f"
    reflexive = lower.endswith("self")
    banned: set[int] = set() if reflexive or token.dep_ not in _OBJECT_DEPS else _clause_subjects(token)
    if token.tag_ == "PRP$":
        # "X invited his counterpart", "X did not hide her disappointment": the clause's subject.
        subject = _clause_subjects(token.head) if token.head.dep_ != "ROOT" else set()
        for entity in people:
            if entity.gender in (None, gender) and any(m.start in subject and m.end <= token.i for m in entity.mentions):
                return entity
    best: tuple[float, int] | None = None
    chosen: Entity | None = None
    for entity in people:
        if entity.gender not in (None, gender):
            continue
        if any(m.start in banned or m.end - 1 in banned for m in entity.mentions):
            continue  # "Lavrov promised to show him": not Lavrov
        score = salience.score(entity, token.i, banned)
        if score[0] > 0 and (best is None or score > best):
            best, chosen = score, entity
    return chosen


def day_of(value: str | None) -> date | None:
    """A date from the article's ``published`` field (YYYY-MM-DD or longer), if valid."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

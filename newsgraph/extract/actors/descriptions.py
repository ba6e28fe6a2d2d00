"""What an article says about an actor: titles before a name ("Russian Foreign Minister
Sergei Lavrov"), appositions ("Riho Terras, an Estonian MEP"; "the chief diplomat of the
European Union, Josep Borrell") and descriptions standing alone ("the top Russian diplomat",
"the minister", "Russian troops"). Each becomes a Descriptor: role, affiliation (country,
region or IGO), definiteness, number and whether the person is a former office-holder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from newsgraph.extract.actors.dictionary import ActorDictionary, Role
from newsgraph.extract.actors.matcher import NameMatch, RoleMatch

# Modifiers that may sit inside a title or description without being names or roles.
_MODIFIERS = {
    "top", "senior", "chief", "deputy", "first", "second", "vice", "acting", "interim", "current", "then", "new",
    "newly", "elected", "appointed", "outgoing", "incoming", "former", "ex", "retired", "late", "longtime",
    "long-time", "veteran", "prominent", "leading", "international", "political", "foreign", "special", "general",
    "permanent", "state", "federal", "national", "regional", "local", "presidential", "official", "head",
    "executive", "principal", "assistant", "associate", "jailed", "imprisoned", "exiled", "opposition",
    "main", "sitting", "powerful", "influential", "hawkish", "press", "defence", "defense", "security",
    "foreign-policy", "human", "rights", "public", "independent", "military", "economic", "ruling", "-",
}  # fmt: skip
_FORMER = {"former", "ex", "ex-", "retired", "erstwhile", "one-time", "onetime", "late", "then"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_INDEFINITE = {"a", "an", "one", "another", "some", "any", "several", "many", "two", "three", "four", "five", "few"}
_LINKS = {"of", "the", "for", "at", "and", "'s", "’s", "&"}
_HEAD_WORDS = {"head", "chief", "leader", "boss"}
_MAX_TITLE = 14
_MAX_APPOSITION = 16


@dataclass
class Descriptor:
    """A description of an actor in tokens ``[start, end)``."""

    start: int
    end: int
    role: Role | None = None
    role_text: str | None = None
    affiliation: str | None = None
    sector: str | None = None
    org_sector: str | None = None
    seat: bool = False
    former: bool = False
    definite: bool = False
    plural: bool = False
    organizations: list[str] = field(default_factory=list)

    @property
    def families(self) -> frozenset[str]:
        """Role families a compatible person must have (empty when there is no role)."""
        return frozenset({self.role.name}) if self.role else frozenset()


@dataclass
class Lexicon:
    """The matches of one document, indexed by token (built by the resolver)."""

    doc: Doc
    dictionary: ActorDictionary
    names: dict[int, NameMatch]
    roles: dict[int, RoleMatch]
    day: date | None
    taken: set[int] = field(default_factory=set)
    places: dict[int, str] = field(default_factory=dict)

    def name_at(self, i: int) -> NameMatch | None:
        """The dictionary name covering token ``i``."""
        return self.names.get(i)

    def role_at(self, i: int) -> RoleMatch | None:
        """The role noun covering token ``i``."""
        return self.roles.get(i)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _title_token(lex: Lexicon, token: Token) -> bool:
    """Whether a token can be part of a title or description before a name."""
    if token.i in lex.taken or token.is_space or token.is_quote or token.is_bracket:
        return False
    if token.is_punct and token.text not in ("-", "&", "."):
        return False
    lower = token.lower_
    if lex.role_at(token.i) or lex.name_at(token.i):
        return True
    if lower in _MODIFIERS or lower in _LINKS:
        return True
    return _capitalised(token) and token.pos_ in ("PROPN", "NOUN", "ADJ", "X") and not token.is_sent_start


def describe(lex: Lexicon, start: int, end: int) -> Descriptor:
    """Read role, affiliation and modifiers from tokens ``[start, end)``."""
    doc = lex.doc
    desc = Descriptor(start, end)
    role_match: RoleMatch | None = None
    i = start
    while i < end:
        role = lex.role_at(i)
        name = lex.name_at(i)
        if role is not None and role.end <= end:
            role_match = role  # the last role is the head ("deputy director of the centre" → director)
            i = role.end
            continue
        if name is not None and name.end <= end:
            if name.kind == "body" or not _inside_proper_name(lex, name, start, end):
                _affiliate(lex, desc, name)
            i = name.end
            continue
        if doc[i].lower_ in _FORMER or doc[i].lower_.startswith("ex-"):
            desc.former = True
        elif desc.affiliation is None and i in lex.places:
            desc.affiliation = lex.places[i]  # "Shanghai police": a city the places component knows
            desc.seat = True
        i += 1
    first = doc[start]
    desc.definite = first.lower_ in _DEFINITE or first.tag_ == "PRP$" or any(t.tag_ == "POS" for t in doc[start:end])
    if role_match is not None:
        desc.role = lex.dictionary.roles.get(role_match.role)
        desc.role_text = doc[role_match.start : role_match.end].text
        desc.plural = role_match.plural
        # A capitalised role with no article is a title: "Russian Foreign Minister noted".
        if first.lower_ not in _INDEFINITE and any(_capitalised(t) for t in doc[role_match.start : role_match.end]):
            desc.definite = desc.definite or not desc.plural
        desc = _head_of(lex, desc, role_match)
    # An organisation's sector beats the role's ("FSB Director": SPY); a capital or seat only
    # says "government" when nothing else does ("Kyiv police": COP).
    role_sector = desc.role.sector if desc.role is not None else None
    desc.sector = desc.org_sector or role_sector or ("GOV" if desc.seat else None)
    return desc


def _unknown_capitalised(lex: Lexicon, i: int) -> bool:
    token = lex.doc[i]
    return _capitalised(token) and token.is_alpha and not lex.role_at(i) and not lex.name_at(i) and not token.is_sent_start


def _inside_proper_name(lex: Lexicon, name: NameMatch, start: int, end: int) -> bool:
    """Whether a place name is part of a longer proper name ("the New Europe Center")."""
    before = name.start - 1 >= start and _unknown_capitalised(lex, name.start - 1)
    after = name.end < end and _unknown_capitalised(lex, name.end)
    return before or after


def _affiliate(lex: Lexicon, desc: Descriptor, name: NameMatch) -> None:
    """Take the country, region or IGO (and an organisation's sector) from a name match."""
    if desc.affiliation is not None and name.kind != "body":
        return
    dictionary = lex.dictionary
    if name.kind in ("country", "adjective", "plural", "capital", "seat"):
        desc.affiliation = desc.affiliation or name.target
        desc.seat = desc.seat or name.kind in ("capital", "seat")
        return
    if name.kind == "igo-seat":
        body = dictionary.bodies.get(name.target)
        if body is not None and body.code:
            desc.affiliation = desc.affiliation or body.code
        return
    if name.kind == "body":
        body = dictionary.bodies.get(name.target)
        if body is None:
            return
        desc.organizations.append(body.id)
        code, sector = body.code_on(lex.day)
        if body.type == "igo" and code:
            desc.affiliation = desc.affiliation or code
        elif body.country:
            desc.affiliation = desc.affiliation or body.country
            desc.org_sector = desc.org_sector or sector


def _head_of(lex: Lexicon, desc: Descriptor, role_match: RoleMatch) -> Descriptor:
    """ "the head of the Russian Foreign Ministry" is the foreign minister; "the head of the
    Russian government" the prime minister."""
    if role_match.role not in _HEAD_WORDS:
        return desc
    doc = lex.doc
    for i in range(role_match.end, desc.end):
        other = lex.role_at(i)
        org_role = lex.dictionary.roles.get(other.role) if other else None
        if org_role is not None:
            head = next((t[5:] for t in org_role.tags if t.startswith("head:")), None)
            if head and head in lex.dictionary.roles:
                desc.role = lex.dictionary.roles[head]
                desc.role_text = doc[role_match.start : desc.end].text
                return desc
    return desc


def title_before(lex: Lexicon, name_start: int) -> Descriptor | None:
    """The title right before a name ("Russian Foreign Minister", "the Estonian MEP")."""
    doc = lex.doc
    i = name_start - 1
    stop = max(doc[name_start].sent.start, name_start - _MAX_TITLE)
    while i >= stop and _title_token(lex, doc[i]):
        i -= 1
    start = i + 1
    # A determiner opens the description: "the Estonian MEP Riho Terras".
    if i >= stop and doc[i].lower_ in ("the", "a", "an"):
        start = i
    start = _trim_left(lex, start, name_start)
    if start >= name_start or not any(lex.role_at(j) for j in range(start, name_start)):
        return None
    desc = describe(lex, start, name_start)
    return desc if desc.role is not None else None


def _trim_left(lex: Lexicon, start: int, end: int) -> int:
    """Drop leading words that are neither a role, a modifier, an article nor a known name
    ("says LIGA.net First Deputy Director …" keeps "First Deputy Director …")."""
    doc = lex.doc
    while start < end:
        token = doc[start]
        if lex.role_at(start) or lex.name_at(start) or token.lower_ in _MODIFIERS | _DEFINITE | {"a", "an"}:
            break
        start += 1
    # Linking words and dashes cannot open a title.
    while start < end and (doc[start].lower_ in _LINKS - {"the"} or doc[start].is_punct):
        start += 1
    return start


def apposition_after(lex: Lexicon, name_end: int) -> Descriptor | None:
    """``NAME, DESCRIPTION,`` — a description set off by commas after a name."""
    doc = lex.doc
    if name_end + 1 >= len(doc) or doc[name_end].text != ",":
        return None
    start = name_end + 1
    sent_end = doc[name_end].sent.end
    i = start
    if doc[i].lower_ in _DEFINITE | {"a", "an"}:
        i += 1
    while i < min(sent_end, start + _MAX_APPOSITION):
        token = doc[i]
        if token.text in (",", ";", ":", ")", "(", "—", "–") or token.is_quote or token.is_space:
            break
        if token.is_punct and token.text != "-":
            break
        if token.pos_ in ("VERB", "AUX") and not lex.role_at(i) and not lex.name_at(i):
            return None
        i += 1
    end = i
    if end <= start or not any(lex.role_at(j) for j in range(start, end)):
        return None
    desc = describe(lex, start, end)
    return desc if desc.role is not None and not desc.plural else None


def apposition_before(lex: Lexicon, name_start: int) -> Descriptor | None:
    """``the DESCRIPTION, NAME`` — a definite description followed by a comma and the name."""
    doc = lex.doc
    comma = name_start - 1
    if comma <= 0 or doc[comma].text != ",":
        return None
    i = comma - 1
    stop = max(doc[comma].sent.start, comma - _MAX_APPOSITION)
    while i >= stop and (_title_token(lex, doc[i]) or doc[i].lower_ in _DEFINITE or doc[i].pos_ in ("ADJ", "NOUN")):
        # "the chief diplomat of the European Union": an inner article follows "of".
        if doc[i].lower_ in _DEFINITE and not (i > stop and doc[i - 1].lower_ in ("of", "for", "at")):
            break
        i -= 1
    if i < stop or doc[i].lower_ not in _DEFINITE:
        return None
    if not any(lex.role_at(j) for j in range(i, comma)):
        return None
    desc = describe(lex, i, comma)
    return desc if desc.role is not None and not desc.plural else None


def description_around(lex: Lexicon, role: RoleMatch) -> Descriptor:
    """The noun phrase a role noun heads: modifiers to its left, "of …" to its right."""
    doc = lex.doc
    sent = doc[role.start].sent
    i = role.start - 1
    while i >= sent.start:
        token = doc[i]
        if token.lower_ in _DEFINITE | _INDEFINITE or token.tag_ == "PRP$":
            i -= 1
            break
        if token.tag_ == "POS":
            i -= 1
            continue
        name = lex.name_at(i)
        if name is not None:
            # A name inside the description, even one already a mention ("Ukraine's president").
            i = name.start - 1
            continue
        if not (_title_token(lex, token) and token.lower_ not in {"of", "for", "at", "and"}) and token.pos_ not in ("ADJ", "NUM"):
            break
        if _unknown_capitalised(lex, i) and token.lower_ not in _MODIFIERS:
            break  # "summit in Kazan Russian Foreign Minister noted"
        i -= 1
    start = i + 1
    end = role.end
    # "the foreign minister of the country", "the head of the Russian Foreign Ministry"
    if end + 1 < sent.end and doc[end].lower_ == "of":
        j = end + 1
        while j < min(sent.end, end + 9):
            token = doc[j]
            anaphoric = token.lower_ in ("country", "nation")
            if token.lower_ in _DEFINITE or _capitalised(token) or lex.name_at(j) or lex.role_at(j) or anaphoric:
                j += 1
                continue
            break
        if j > end + 1 and doc[j - 1].lower_ not in _DEFINITE:
            end = j
    return describe(lex, start, end)

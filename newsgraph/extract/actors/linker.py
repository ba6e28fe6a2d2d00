"""Link every actor mention of a Doc to a canonical, coded actor (what ``component.py`` promises).

The steps run in reading order of certainty: names of people (dictionary, model, surnames),
titles and appositions around them, dictionary names of countries, IGOs and organisations,
organisations only the model finds, then descriptions and pronouns, each of which can refer
back to what the steps before it resolved. ``_Article`` holds one document's working state.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from spacy.attrs import IDX, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.actors.coding import Coding, code_from, code_person, group_name
from newsgraph.extract.actors.coreference import (
    PRONOUNS,
    Entity,
    People,
    Salience,
    day_of,
    fits,
    latest_fitting,
    name_parts,
    quoted_tokens,
    resolve_pronoun,
)
from newsgraph.extract.actors.descriptions import (
    Descriptor,
    Lexicon,
    apposition_after,
    apposition_before,
    describe,
    description_around,
    title_before,
)
from newsgraph.extract.actors.dictionary import ActorDictionary, BodyEntry
from newsgraph.extract.actors.ids import actor_id, is_latin, transliterate
from newsgraph.extract.actors.matcher import ActorMatcher, NameMatch, RoleMatch
from newsgraph.extract.actors.names import could_be_name, person_spans
from newsgraph.extract.mentions import ActorMention
from newsgraph.model import Actor, Mention

_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
# Prepositions after which a capital is a place ("in Moscow"), not a government.
_PLACE_PREPS = {
    "in", "at", "to", "from", "near", "into", "across", "around", "outside", "inside", "within", "via", "through",
    "toward", "towards", "throughout", "onto", "beyond", "over", "off", "of", "above", "below", "under", "out",
}  # fmt: skip
_SEAT_PLACE_PREPS = {"in", "at", "inside", "outside", "near", "into", "around", "within"}
_ACTOR_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "poss", "appos", "attr", "agent", "ROOT", "iobj", "conj"}
_ANAPHORIC_PLACES = {"country", "nation"}
_KIND_ORDER = {"name": 0, "title": 1, "metonym": 2, "demonym": 3, "pronoun": 4}


def _place_countries(doc: Doc) -> dict[int, str]:
    """Token → ISO3 country of the places the places component found (cities, regions)."""
    found: dict[int, str] = {}
    for place in doc._.ng_places or []:
        if not place.country:
            continue
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                found.update(dict.fromkeys(range(span.start, span.end), place.country))
    return found


def article_day(doc: Doc) -> tuple[date | None, bool]:
    """The article's date and whether it is known; else the latest year the text names."""
    article = doc._.ng_article
    day = day_of(article.published) if article is not None else None
    if day is not None:
        return day, True
    this_year = date.today().year
    years = [int(y) for y in _YEAR.findall(doc.text) if int(y) <= this_year]
    return (date(max(years), 7, 1), False) if years else (None, False)


class _Article:
    """The working state of one document's resolution."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary, matcher: ActorMatcher) -> None:
        self.doc = doc
        self.day, self.day_known = article_day(doc)
        self.names = [m for m in matcher.names(doc) if not self._in_dateline(m)]
        self.roles = matcher.roles(doc)
        self.lex = Lexicon(
            doc,
            dictionary,
            {i: m for m in self.names for i in range(m.start, m.end)},
            {i: r for r in self.roles for i in range(r.start, r.end)},
            self.day,
            places=_place_countries(doc),
        )
        self.people = People(self.lex)
        self.bodies: dict[str, Entity] = {}
        # Token attributes as arrays: iterating a Doc creates a Token per word, which costs more
        # than the rest of the resolution; only capitalised words are looked at one by one.
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.starts = doc.to_array([IDX]).tolist() if len(doc) else []
        self.capitalised = [i for i, idx in enumerate(self.starts) if self.text[idx].isupper()]
        self._lower_words: set[str] | None = None

    @property
    def lower_words(self) -> set[str]:
        """Words the text writes in lower case somewhere: not distinctive enough to be surnames."""
        if self._lower_words is None:
            self._lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", self.text))
        return self._lower_words

    def _in_dateline(self, match: NameMatch) -> bool:
        article = self.doc._.ng_article
        dateline = article.dateline if article is not None else None
        return dateline is not None and self.doc[match.start].idx < dateline.end

    @property
    def taken(self) -> set[int]:
        """Tokens already part of a mention."""
        return self.lex.taken

    def take(self, entity: Entity, start: int, end: int, kind: str) -> None:
        """Record a mention and mark its tokens."""
        entity.add(start, end, kind)
        self.lex.taken.update(range(start, end))

    def free(self, start: int, end: int) -> bool:
        """Whether none of tokens ``[start, end)`` is part of a mention yet."""
        return not any(i in self.lex.taken for i in range(start, end))

    def body_entity(self, body: BodyEntry) -> Entity:
        """The entity of a dictionary country-less body (IGO, organisation)."""
        entity = self.bodies.get(body.id)
        if entity is None:
            entity = self.bodies[body.id] = Entity(body.type, body.name, body=body)
        return entity

    def coded_entity(self, code: str) -> Entity:
        """The entity of a country (``RUS``), region (``EUR``) or coded group (``RUSGOV``)."""
        dictionary = self.lex.dictionary
        place = dictionary.countries.get(code[:3])
        if len(code) == 3 and place is not None and not place.region:
            key = actor_id("country", code)
            kind = "country"
        else:
            key = actor_id("group", code)
            kind = "group"
        entity = self.bodies.get(key)
        if entity is None:
            name = place.name if len(code) == 3 and place is not None else group_name(code, dictionary)
            entity = self.bodies[key] = Entity(kind, name, code=code)  # type: ignore[arg-type]
        return entity


class ActorLinker:
    """Resolve the actors of one Doc (see the module docstring for what comes out)."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary, cache_inputs: tuple[str, ...] | None = None) -> None:
        self.dictionary = dictionary
        self.matcher = ActorMatcher(nlp, dictionary, cache_inputs)

    def __call__(self, doc: Doc) -> tuple[list[Actor], list[ActorMention]]:
        state = _Article(doc, self.dictionary, self.matcher)
        self._people(state)
        self._titles(state)
        self._named_bodies(state)
        self._organizations(state)
        self._references(state)
        return self._output(state)

    # -- people ---------------------------------------------------------------------------

    def _people(self, state: _Article) -> None:
        doc, lex = state.doc, state.lex
        spans = person_spans(lex, [m for m in state.names if m.kind == "person"], state.capitalised)
        singles: list[tuple[int, int]] = []
        for start, end, key in spans:
            person = self.dictionary.people.get(key) if key else None
            if person is None and len(name_parts(doc[start:end])) < 2:
                singles.append((start, end))
                continue
            state.people.add_name(start, end, person)
            lex.taken.update(range(start, end))
        for start, _end in singles:
            self._single_name(state, doc[start], ner_person=True)
        for i in state.capitalised:
            if i in lex.taken:
                continue
            token = doc[i]
            if not token.is_punct:
                self._single_name(state, token, ner_person=token.ent_type_ == "PERSON")

    def _single_name(self, state: _Article, token: Token, ner_person: bool) -> None:
        """A one-word name: a surname of someone already named, a dictionary surname, or
        (when the model calls it a person) a person known by one name."""
        lex = state.lex
        if token.i in lex.taken or not could_be_name(lex, token):
            return
        match = lex.name_at(token.i)
        if match is not None and match.kind != "person":
            return
        likely_name = ner_person or token.ent_type_ in ("ORG", "GPE", "NORP") or token.pos_ == "PROPN"
        entity = state.people.surname_entity(token, exact_only=not likely_name or len(token.text) < 5)
        if entity is None and likely_name and self._distinctive(state, token, ner_person):
            person = state.people.dictionary_surname(token.text)
            if person is not None:
                entity = state.people.add_person(person)
        if entity is None and ner_person and token.pos_ == "PROPN" and len(token.text) > 2:
            entity = state.people.add_name(token.i, token.i + 1)
            lex.taken.add(token.i)
            return
        if entity is not None:
            state.take(entity, token.i, token.i + 1, "name")

    @staticmethod
    def _distinctive(state: _Article, token: Token, ner_person: bool) -> bool:
        """Whether a single capitalised word can be taken for a dictionary surname: the model
        says it is a person, or it is long, a proper noun, and never written in lower case."""
        if ner_person:
            return True
        lower = token.lower_
        ent = token.ent_iob_ == "B" and (token.i + 1 >= len(state.doc) or state.doc[token.i + 1].ent_iob_ != "I")
        if ent and len(lower) >= 4 and lower not in state.lower_words:
            return True  # the model took a lone surname for an organisation ("Trump")
        if len(lower) < 6 or token.pos_ not in ("PROPN", "NOUN", "X") or token.is_sent_start:
            return False
        return lower not in state.lower_words

    def _titles(self, state: _Article) -> None:
        """Titles and appositions around each person's names."""
        lex = state.lex
        for entity in list(state.people.entities):
            for mention in sorted(entity.mentions, key=lambda m: m.start):
                if mention.kind != "name":
                    continue
                for desc in (title_before(lex, mention.start), apposition_after(lex, mention.end), apposition_before(lex, mention.start)):
                    if desc is not None and state.free(desc.start, desc.end):
                        entity.describe(desc)
                        state.take(entity, desc.start, desc.end, "title")

    # -- countries, IGOs, organisations, groups ---------------------------------------------

    def _named_bodies(self, state: _Article) -> None:
        doc = state.doc
        for match in state.names:
            if not state.free(match.start, match.end):
                continue
            if match.kind == "country":
                place = self.dictionary.countries[match.target]
                state.take(state.coded_entity(place.code), match.start, match.end, "name")
            elif match.kind == "plural" or (match.kind == "adjective" and _used_as_noun(doc[match.start : match.end])):
                state.take(state.coded_entity(match.target), match.start, match.end, "demonym")
            elif match.kind in ("capital", "seat") and _used_as_actor(doc[match.start : match.end], seat=match.kind == "seat"):
                state.take(state.coded_entity(f"{match.target}GOV"), match.start, match.end, "metonym")
            elif match.kind == "igo-seat" and _used_as_actor(doc[match.start : match.end], seat=False):
                state.take(state.body_entity(self.dictionary.bodies[match.target]), match.start, match.end, "metonym")
            elif match.kind == "body":
                state.take(state.body_entity(self.dictionary.bodies[match.target]), match.start, match.end, "name")

    def _organizations(self, state: _Article) -> None:
        """Organisations the model finds and the dictionary does not know."""
        lex = state.lex
        for ent in state.doc.ents:
            if ent.label_ != "ORG":
                continue
            start, end = ent.start, ent.end
            while start < end and state.doc[start].lower_ in ("the", "a", "an"):
                start += 1
            while end > start and (state.doc[end - 1].tag_ == "POS" or state.doc[end - 1].is_punct):
                end -= 1
            if end <= start or not state.free(start, end) or any(lex.name_at(i) for i in range(start, end)):
                continue
            if all(i in lex.places for i in range(start, end)):
                continue  # a town the model took for an organisation ("Mariupol")
            span = state.doc[start:end]
            if not span.text[:1].isupper() or len(span.text) < 2:
                continue
            desc = describe(lex, _possessor_start(state, start), end)
            entity = state.bodies.get(actor_id("organization", span.text))
            if entity is None:
                entity = state.bodies[actor_id("organization", span.text)] = Entity("organization", span.text)
            if desc.affiliation or desc.sector:
                entity.describe(desc)
            state.take(entity, start, end, "name")

    # -- descriptions and pronouns --------------------------------------------------------

    def _references(self, state: _Article) -> None:
        """Descriptions and pronouns in reading order, so that each can refer back to what
        the ones before it resolved ("… calling him …, the diplomat's resignation")."""
        doc = state.doc
        sentence_starts = [i for i, flag in enumerate(doc.to_array([SENT_START]).tolist()) if flag == 1] if len(doc) else []
        salience = Salience(doc, sentence_starts or [0], quoted_tokens(state.text, state.starts))
        roles = {role.start: role for role in state.roles}
        lowers = doc.to_array([LOWER]).tolist() if len(doc) else []
        pronouns = {doc.vocab.strings.add(p) for p in PRONOUNS}
        for i in sorted(set(roles) | {i for i, h in enumerate(lowers) if h in pronouns}):
            role = roles.get(i)
            token = doc[i]
            if role is not None:
                self._description(state, role)
            elif token.tag_ in ("PRP", "PRP$") and token.i not in state.taken:
                entity = resolve_pronoun(token, state.people.entities, salience)
                if entity is not None:
                    state.take(entity, token.i, token.i + 1, "pronoun")
                    entity.gender = entity.gender or ("f" if token.lower_ in ("she", "her", "hers", "herself") else "m")

    def _description(self, state: _Article, role: RoleMatch) -> None:
        """A description standing alone: a person it refers back to, or a coded group."""
        if not state.free(role.start, role.end):
            return
        desc = self._free_description(state, description_around(state.lex, role))
        if desc is None or desc.role is None or desc.role.kind not in ("person", "group", "org"):
            return
        if desc.affiliation is None and any(state.doc[i].lower_ in _ANAPHORIC_PLACES for i in range(role.end, desc.end)):
            desc.affiliation = self._latest_country(state, desc.start)
        if desc.role.kind == "person" and not desc.plural and desc.definite:
            entity = self._link_description(state, desc)
            if not entity.named or entity.person is None:
                entity.describe(desc)
            else:
                entity.role_tags.update(desc.families)
            state.take(entity, desc.start, desc.end, "title")
        elif desc.affiliation and desc.sector:
            group = self._group_for(state, desc)
            if group is not None:
                state.take(group, desc.start, desc.end, "title")

    @staticmethod
    def _free_description(state: _Article, desc: Descriptor) -> Descriptor | None:
        """The description cut back to tokens no other mention holds."""
        start, end = desc.start, desc.end
        taken = [i for i in range(start, end) if i in state.taken]
        if not taken:
            return desc
        role_start = next((r.start for r in state.roles if desc.start <= r.start < desc.end and state.free(r.start, r.end)), None)
        if role_start is None:
            return None
        before = [i for i in taken if i < role_start]
        after = [i for i in taken if i > role_start]
        start = max(before) + 1 if before else start
        end = min(after) if after else end
        while start < end and (state.doc[start].tag_ == "POS" or state.doc[start].is_punct):
            start += 1
        while end > start and state.doc[end - 1].lower_ in ("of", "the", "for", "at", "and", "'s", "’s"):
            end -= 1  # "the head of [the Russian Foreign Ministry]": the organisation is its own mention
        if end <= start:
            return None
        # The mention covers the free tokens; what the whole phrase says still holds
        # ("Ukraine's president": the possessor is a mention of its own, yet affiliates).
        return dataclasses.replace(desc, start=start, end=end)

    def _latest_country(self, state: _Article, position: int) -> str | None:
        """ "the country": the country mentioned last before ``position``."""
        countries = [e for e in state.bodies.values() if e.kind == "country"]
        entity = latest_fitting(countries, position)
        return entity.code if entity is not None else None

    def _link_description(self, state: _Article, desc: Descriptor) -> Entity:
        people = state.people

        def accept(entity: Entity) -> bool:
            tags, affiliations = self._known_about(state, entity)
            return fits(desc, entity, affiliations, tags)

        entity = latest_fitting(people.entities, desc.start, accept)
        if entity is not None:
            return entity
        if state.day_known and state.day is not None and desc.affiliation and desc.role is not None and not desc.former:
            holders = self.dictionary.office_holders(state.day, {desc.role.name}, desc.affiliation)
            if len(holders) == 1:
                return people.add_person(holders[0])
        return people.add_unnamed(desc)

    def _known_about(self, state: _Article, entity: Entity) -> tuple[set[str], set[str]]:
        """Role families and affiliations of a person: the article's and the dictionary's
        (offices held on the date, or all offices when the date is unknown)."""
        tags = set(entity.role_tags)
        affiliations = set(entity.affiliations)
        person = entity.person
        if person is not None:
            offices = person.offices_on(state.day) if state.day is not None else []
            for office in offices or (person.offices if not state.day_known else ()):
                role = self.dictionary.role_of(office.role)
                if role is not None:
                    tags |= role.families
                affiliations.add(office.code if office.code.startswith("IGO") else office.code[:3])
        return tags, affiliations

    def _group_for(self, state: _Article, desc: Descriptor) -> Entity | None:
        affiliation = desc.affiliation or ""
        if affiliation.startswith("IGO"):
            body = self.dictionary.bodies.get(actor_id("igo", affiliation))
            return state.body_entity(body) if body is not None else None
        sector = desc.sector or (desc.role.sector if desc.role else None)
        return state.coded_entity(f"{affiliation}{sector or ''}")

    # -- output ---------------------------------------------------------------------------

    def _output(self, state: _Article) -> tuple[list[Actor], list[ActorMention]]:
        doc = state.doc
        for entity in state.people.entities:
            # "the Mongolian President", nobody the article or dictionary names: the country's
            # government (or military, …) acts through them.
            desc = next((d for d in entity.descriptors if d.affiliation), None)
            if not entity.named and desc is not None:
                group = self._group_for(state, desc)
                if group is not None:
                    group.mentions.extend(entity.mentions)
        actors: dict[str, Actor] = {}
        mentions: list[ActorMention] = []
        entities = [e for e in state.people.entities if e.named] + list(state.bodies.values())
        for entity in sorted(entities, key=lambda e: min((m.start for m in e.mentions), default=len(doc))):
            if not entity.mentions:
                continue
            ident, coding = self._identify(state, entity)
            actor = actors.get(ident)
            if actor is None:
                # A name in another script is shown transliterated (its id is too).
                actor = actors[ident] = Actor(
                    id=ident,
                    name=entity.person.name if entity.person else transliterate(entity.name),
                    type=entity.kind,
                    code=coding.code,
                    country=coding.country,
                    sector=coding.sector,
                    roles=list(coding.roles),
                )
            for m in sorted(entity.mentions, key=lambda m: (m.start, _KIND_ORDER.get(m.kind, 9))):
                span = doc[m.start : m.end]
                actor.mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text))
                mentions.append(ActorMention(ident, span.start_char, span.end_char, m.start, m.end, m.kind))
        for actor in actors.values():
            actor.mentions.sort(key=lambda m: m.start)
            # The names the article writes in another script are kept as they are written.
            actor.aliases = list(dict.fromkeys(m.text for m in actor.mentions if not is_latin(m.text)))
        return list(actors.values()), mentions

    def _identify(self, state: _Article, entity: Entity) -> tuple[str, Coding]:
        if entity.kind == "person":
            name = entity.person.name if entity.person else entity.name
            return actor_id("person", name), code_person(entity, self.dictionary, state.day, state.day_known)
        if entity.body is not None:
            code, sector = entity.body.code_on(state.day)
            return entity.body.id, Coding(code, entity.body.country, sector)
        if entity.code is not None:
            place = self.dictionary.countries.get(entity.code[:3])
            country = entity.code[:3] if place is not None and not place.region else None
            return (actor_id(entity.kind, entity.code), Coding(entity.code, country, entity.code[3:6] or None))
        desc = entity.descriptors[0] if entity.descriptors else None
        code, country = code_from(desc.affiliation, desc.sector) if desc else (None, None)
        return actor_id("organization", entity.name), Coding(code, country, desc.sector if desc else None)


def _possessor_start(state: _Article, start: int) -> int:
    """Include a possessive country before an organisation ("Chile's Ministry of Mines")."""
    doc = state.doc
    if start >= 2 and doc[start - 1].tag_ == "POS":
        match = state.lex.name_at(start - 2)
        if match is not None and match.kind in ("country", "capital"):
            return match.start
    return start


def _used_as_noun(span: Span) -> bool:
    """An adjective standing for its people ("the British said", "the French")."""
    head = span.root
    modifies_noun = head.head.i >= span.end and head.head.pos_ in ("NOUN", "PROPN")
    if head.dep_ in ("amod", "compound", "nmod", "npadvmod") or modifies_noun:
        return False
    return head.dep_ in _ACTOR_DEPS | {"pobj"} and (span.start == 0 or span.doc[span.start - 1].lower_ == "the")


def _used_as_actor(span: Span, seat: bool) -> bool:
    """Whether a capital or seat names a government here ("Moscow said", "the Kremlin's
    position", "talks with Brussels") rather than a place ("in Moscow", "Moscow time")."""
    head = span.root
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.dep_ in ("compound", "amod", "nmod", "npadvmod"):
        return False
    if head.dep_ == "pobj":
        return head.head.lower_ not in (_SEAT_PLACE_PREPS if seat else _PLACE_PREPS)
    return head.dep_ in _ACTOR_DEPS

"""Events: CAMEO/PLOVER coding from spaCy dependency parses, with evidence.

For each sentence, every token that can trigger an event is matched against the pattern
dictionary (``data/event_patterns.yaml``, see ``event_patterns``/``event_match``); frames
("urged … to", "refused …", "threatened …") are coded by what they embed and consume it.
Sources and targets come from the actor index (``event_roles``), negation and modality from
the clause and any quotation (``modality``), date and place from the nearest expressions
(``event_setting``). Future cooperative acts are coded as intentions (03) and future
conflictual ones as threats (13), as CAMEO does; a statement (010) is coded only when a
sentence holds nothing more specific.

The component ``newsgraph_events`` sets ``doc._.ng_events: list[Event]``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.extract.events.cameo import Cameo, load_cameo
from newsgraph.extract.events.match import Lookup, Match, Matcher, pos_of
from newsgraph.extract.events.modality import Claim, claim_of, modality_of
from newsgraph.extract.events.patterns import PatternSet, load_patterns
from newsgraph.extract.events.roles import ActorResolver, Side, role_tokens, source_tokens, target_roles
from newsgraph.extract.events.setting import SettingFinder
from newsgraph.extract.events.syntax import BACKGROUND_PREPOSITIONS, depth, lemma, particle, prep_objects, verb_subject
from newsgraph.extract.tone import load_lexicon
from newsgraph.model import Article, Event, Location, Mention, Place, Quote, TextSpan

_COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
# Future conflict is coded as a threat; a future show of force (15) stays what it is.
_CONFLICT_ROOTS = frozenset({"14", "16", "17", "18", "19", "20"})
_MAX_DYADS = 8
_NEGATORS = frozenset({"no", "not", "n't", "never", "without", "nothing", "none"})
# Verbs of saying whose negative content is the speaker's own judgement (not "admitted").
_OPINION_VERBS = frozenset(
    {"say", "tell", "state", "add", "note", "stress", "emphasize", "emphasise", "argue", "insist", "declare", "point", "remark"}
    | {"comment", "claim", "write", "tweet", "warn", "believe", "think", "consider", "assert", "charge", "complain"}
)


@dataclass
class Coded:
    """An event before it becomes a model record, with what the evaluation and the
    sentence logic need (trigger token, depth, whether it is a bare statement)."""

    event: Event
    token: Token
    depth: int
    statement: bool = False
    sides: tuple[Side | None, Side | None] = (None, None)
    derived: bool = False


@dataclass
class EventCoder:
    """Code the events of parsed documents with one pattern set."""

    patterns: PatternSet
    cameo: Cameo = field(default_factory=load_cameo)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = [c.event for c in self.code(doc)]
        return doc

    def code(self, doc: Doc) -> list[Coded]:
        """Every coded event of a document, sentence by sentence."""
        return _DocumentCoder(doc, self.patterns, self.cameo).run()


class _DocumentCoder:
    """Per-document state: the matcher, actor resolver, settings and quotations."""

    def __init__(self, doc: Doc, patterns: PatternSet, cameo: Cameo) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access
        self.patterns = patterns
        self.cameo = cameo
        self.article: Article | None = doc._.ng_article
        self.quotes: list[Quote] | None = doc._.ng_quotes
        self.resolver = ActorResolver(doc, doc._.ng_mentions, patterns)
        places: list[Place] = doc._.ng_places or []
        self.place_tokens = _place_token_ids(doc, places)
        lexicon = load_lexicon()
        self.valence = lambda t: lexicon.get(t.lower_, lexicon.get(t.lemma_.lower(), 0.0))
        self.matcher = Matcher(
            patterns,
            Lookup(
                is_place=lambda t: t.i in self.place_tokens or t.ent_type_ in ("GPE", "LOC", "FAC"),
                actor_type=self.resolver.actor_type,
                valence=self.valence,
            ),
        )
        published = self.article.published if self.article is not None else None
        self.setting = SettingFinder(doc, self.text, doc._.ng_dates or [], places, published, _dateline_place(self.article, places))
        self.article_id = self.article.id if self.article is not None else ""

    def run(self) -> list[Coded]:
        coded: list[Coded] = []
        for sentence in self.doc.sents:
            coded.extend(self.sentence(sentence))
        return coded

    def sentence(self, sentence: Span) -> list[Coded]:
        """The events of one sentence: frames before what they embed; statements last."""
        matches = []
        for token in sentence:
            if pos_of(token) is None or _background(token) or _scare_quoted(token):
                continue
            found = self.matcher.match(token)
            if found is not None:
                matches.append(found)
        matches.sort(key=lambda m: (depth(m.token), m.token.i))
        consumed: set[int] = set()
        for found in matches:
            if found.code[:2] == "14":
                # "went on strike to demand reforms": the demand is the protest's purpose.
                consumed |= {m.token.i for m in matches if m.pattern.frame in ("appeal", "demand") and _purpose_of(m.token, found)}
        coded: list[Coded] = []
        statements: list[Match] = []
        for found in matches:
            if found.token.i in consumed:
                continue
            if found.pattern.fallback:
                statements.append(found)
                continue
            built = self.build(found, sentence)
            if found.pattern.frame is not None:
                # What a frame embeds belongs to it even when the frame itself has no
                # attributable source ("refusing to travel to Moscow … can bring …").
                consumed |= found.consumed
            if built:
                coded.extend(built)
                consumed |= found.consumed | {found.token.i}
                if found.pattern.object is not None:
                    consumed |= {o.i for o in found.trigger.objects}
        if not coded:
            for found in statements:
                for item in self.build(found, sentence):
                    item.statement = True
                    coded.append(item)
        return coded

    # -- one match → events -----------------------------------------------------------------

    def build(self, found: Match, sentence: Span) -> list[Coded]:
        """Events for one matched trigger (several when sides are coordinated)."""
        pattern = found.pattern
        trig = found.trigger
        claim = claim_of(trig.token, self.patterns.speech, self.quotes, self.text)
        code = found.code
        negated = trig.negated
        if pattern.only_negated:
            negated = False
        elif negated and pattern.negated_code:
            code, negated = pattern.negated_code, False
        sources, targets, target_role = self.sides(found, claim)
        if not sources and not targets:
            return []
        if not sources and (pattern.frame is not None or (trig.pos == "noun" and target_role not in ("of", "poss", "on", "against"))):
            # Appeals, promises and refusals need someone making them; a nominal event with
            # neither agent nor named patient ("dialogue with the Kremlin") is a topic.
            return []
        modality = pattern.modality or modality_of(trig.token)
        if modality == "would":
            modality = "future" if claim is not None else "hypothetical"
        root = code[:2]
        topic = self.patterns.topic(code)
        # Codes from an added dictionary (PETRARCH) follow that dictionary's conventions.
        recode = pattern.frame is None and pattern.priority == 0
        if recode and modality == "future" and not negated:
            if root in _COOPERATIVE_ROOTS:
                code = self.patterns.frame_code("intend", topic)
            elif root in _CONFLICT_ROOTS:
                code = self.patterns.frame_code("threaten", topic)
        elif recode and negated and modality in ("future", "hypothetical") and root in _COOPERATIVE_ROOTS:
            code, negated = self.patterns.frame_code("reject", topic), False
        obligation = _obligation(trig.token) if claim is not None and claim.speaker is not None else None
        if obligation is not None and claim is not None and claim.speaker is not None:
            speaker = self.resolver.resolve(claim.speaker, claim_of(claim.speaker, self.patterns.speech, self.quotes, self.text))
            if speaker is not None and all(s.key != speaker.key for s in sources):
                code = self.patterns.frame_code(obligation, self.patterns.topic(_innermost(found).code))
                targets, sources = sources or targets, [speaker]
                claim, modality, negated = None, None, False
        claimed_by = None
        if claim is not None:
            claimed_by = claim.actor
            if claimed_by is None and claim.speaker is not None:
                speaker_side = self.resolver.resolve(claim.speaker)
                claimed_by = speaker_side.actor.actor if speaker_side is not None else None
            modality = modality or "reported"
        if pattern.fallback and code == "010":
            code, targets = self._statement_tone(trig.token, sources, targets, claim)
        place_tokens = [s.token for s in targets] if pattern.place_from_target else []
        setting = self.setting.find(trig.token, sentence, place_tokens, future=modality == "future")
        if code in ("040", "046") and _third_location(setting.place, sources, targets):
            code = "044"
        trigger = self._trigger_mention(found)
        coded = []
        dyads = [(s, t, code) for s, t in self._dyads(sources, targets, pattern.reciprocal)]
        if pattern.reverse_code:
            # PETRARCH's "[a:b]": the reverse dyad gets its own code.
            dyads += [(t, s, pattern.reverse_code) for s, t, _ in dyads if s is not None and t is not None]
        for source, target, code in dyads:
            event = self._event(
                code,
                trigger,
                sentence,
                source,
                target,
                negated=negated,
                modality=modality or "asserted",
                claimed_by=claimed_by,
                date=setting.date,
                date_text=setting.date_text,
                place=setting.place,
            )
            coded.append(Coded(event, trig.token, depth(trig.token), sides=(source, target)))
        if claim is not None and coded and coded[0].event.quad_class == 4:
            coded.extend(self._accusation(coded[0], claim, sentence))
        return coded

    def _event(self, code: str, trigger: Mention, sentence: Span, source: Side | None, target: Side | None, **fields: Any) -> Event:
        """An Event record with the code's CAMEO/PLOVER facts and a stable id."""
        info = self.cameo.describe(code)
        key = f"{self.article_id}|{trigger.start}|{code}|{source.key if source else ''}|{target.key if target else ''}"
        return Event(
            id=hashlib.sha1(key.encode()).hexdigest()[:16],
            cameo=code,
            root=info.root,
            name=info.name,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover=info.plover,
            trigger=trigger,
            sentence=TextSpan(sentence.start_char, sentence.end_char),
            source=source.actor if source else None,
            target=target.actor if target else None,
            **fields,
        )

    def _statement_tone(self, verb: Token, sources: list[Side], targets: list[Side], claim: Claim | None) -> tuple[str, list[Side]]:
        """A bare statement that speaks ill of someone named in it is criticism (111)."""
        content = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
        if not content or not sources or lemma(verb) not in _OPINION_VERBS:
            return "010", targets
        tokens = [t for c in content for t in c.subtree if t.lower_ not in _NEGATORS]
        valence = sum(self.valence(t) for t in tokens)
        if valence > -1.0:
            return "010", targets
        subject = verb_subject(content[0]) if content[0].pos_ in ("VERB", "AUX") else None
        about = self.resolver.sides([subject], claim) if subject is not None else []
        # Someone of the speaker's own country is not usually criticised this way.
        own = {s.actor.country for s in sources if s.actor.country}
        about = [s for s in about if all(s.key != src.key for src in sources) and (s.actor.country is None or s.actor.country not in own)]
        return ("111", about) if about else ("010", targets)

    def _accusation(self, reported: Coded, claim: Claim, sentence: Span) -> list[Coded]:
        """ "X said (that) Y attacked Z": beyond Y→Z, X accuses Y (CAMEO 112, by what of)."""
        source = reported.sides[0]
        verb = claim.verb
        if source is None or verb is None or claim.speaker is None:
            return []
        speaker = self.resolver.resolve(claim.speaker, claim_of(claim.speaker, self.patterns.speech, self.quotes, self.text))
        if speaker is None or speaker.actor.actor is None or speaker.key == source.key:
            return []
        root = reported.event.root
        code = (
            "1124"
            if root == "20"
            else "1123"
            if root in ("15", "18", "19")
            else "1122"
            if reported.event.cameo in ("175", "1821", "1822")
            else "112"
        )
        trigger = Mention(start=verb.idx, end=verb.idx + len(verb.text), text=verb.text)
        event = self._event(
            code,
            trigger,
            sentence,
            speaker,
            source,
            date=reported.event.date,
            date_text=reported.event.date_text,
            place=reported.event.place,
        )
        return [Coded(event, verb, depth(verb), sides=(speaker, source), derived=True)]

    def sides(self, found: Match, claim: Claim | None) -> tuple[list[Side], list[Side], str | None]:
        """Sources, targets and the role the targets came from (frames fall back on what
        they embed)."""
        pattern = found.pattern
        trig = found.trigger
        resolver = self.resolver
        if pattern.swap:
            # "Moscow is facing new EU sanctions": the subject undergoes the event and the
            # target roles name who inflicts it.
            holder = trig.gov if trig.pos == "noun" else trig.token
            subject = verb_subject(holder) if holder is not None else None
            sufferers = resolver.sides([subject] if subject is not None else [], claim)
            inflicters, swapped_role = self._role_sides(found, claim, sufferers)
            return inflicters, sufferers, swapped_role
        if pattern.frame == "purpose" and found.embedded_match is not None:
            # "assisting the Ukrainians in targeting facilities in Russia": the purpose's target.
            inner_targets, inner_role = self._role_sides(found.embedded_match, claim, [])
            if inner_targets:
                own: list[Side] = []
                for alternative in source_tokens(Match(found.trigger, pattern, found.code), self.patterns.support):
                    own = resolver.sides(alternative, claim)
                    if own:
                        break
                return own, [t for t in inner_targets if all(t.key != s.key for s in own)], inner_role
        sources: list[Side] = []
        for alternative in source_tokens(found, self.patterns.support):
            sources = resolver.sides(alternative, claim)
            if sources:
                break
        targets, role = self._role_sides(found, claim, sources)
        if not targets and pattern.priority > 0:
            # Dictionary verbs (PETRARCH) take the first actor of the verb phrase as target.
            targets, role = self._first_actor_after(trig.token, claim, sources), "phrase"
        if pattern.object is not None:
            # "imposing EU sanctions against Moscow", "sanctions … were lifted": the object
            # noun names the sides the verb leaves open.
            for obj in trig.objects:
                if not sources:
                    sources = resolver.modifier_sides(obj, claim)
                if not targets and self.matcher.match(obj, embedded=True) is not None:
                    tokens = [o for p, o in prep_objects(obj) if p in ("against", "on", "to", "targeting", "for")]
                    targets = [s for s in resolver.sides(tokens, claim) if all(s.key != src.key for src in sources)]
        inner = found.embedded_match
        if inner is not None and not targets:
            subject = inner.trigger.subject
            if subject is not None and (trig.subject is None or subject.i != trig.subject.i):
                targets = [s for s in resolver.sides([subject], claim) if all(s.key != src.key for src in sources)]
            if not targets:
                for role in target_roles(inner):
                    targets = [s for s in resolver.sides(role_tokens(inner, role), claim) if all(s.key != src.key for src in sources)]
                    if targets:
                        break
        return sources, targets, role

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
            sides = [s for s in sides if all(s.key != other.key for other in others)]
            if sides:
                return sides, role
        return [], None

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

    def _dyads(self, sources: list[Side], targets: list[Side], reciprocal: bool) -> list[tuple[Side | None, Side | None]]:
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
        return [(s, t) for s, t in pairs if s is None or t is None or s.key != t.key][:_MAX_DYADS]

    def _trigger_mention(self, found: Match) -> Mention:
        """The trigger's characters: the word, its particle, and an object the pattern
        required when it follows closely ("paid a visit", "imposed sanctions")."""
        token = found.token
        end_token = token
        prt = particle(token)
        for child in token.children:
            if prt and child.dep_ == "prt":
                end_token = max(end_token, child, key=lambda t: t.i)
        if found.pattern.object is not None and found.trigger.pos == "verb":
            for obj in found.trigger.objects:
                if 0 < obj.i - token.i <= 4:
                    end_token = max(end_token, obj, key=lambda t: t.i)
        start = token.idx
        end = end_token.idx + len(end_token.text)
        return Mention(start=start, end=end, text=self.text[start:end])


def _innermost(found: Match) -> Match:
    """The event a chain of frames is about ("must agree to constitutional changes")."""
    while found.pattern.frame is not None and found.embedded_match is not None:
        found = found.embedded_match
    return found


def _obligation(token: Token) -> str | None:
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


def _purpose_of(token: Token, found: Match) -> bool:
    """Whether a clause states the purpose of an event ("… to demand", "… calling for")."""
    anchors = {found.token.i}
    if found.trigger.gov is not None:
        anchors.add(found.trigger.gov.i)
    return token.dep_ in ("advcl", "xcomp", "acl", "relcl", "pcomp") and token.head.i in anchors


def _background(token: Token) -> bool:
    """A nominal event named as circumstance ("after the attack", "during the meeting",
    "when it came to the release of …", "talks about swapping convicts")."""
    if token.ent_type_ in ("DATE", "TIME") and token.is_title:
        return True
    nominal = token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj"
    gerund = token.tag_ == "VBG" and token.dep_ == "pcomp"
    if not (nominal or gerund):
        return False
    head = token.head
    if head.lower_ in BACKGROUND_PREPOSITIONS:
        return True
    # "because of", "in the wake of", "ahead of", "in response to", "came to"
    return head.lower_ in ("of", "to") and head.head.lemma_.lower() in (
        "because",
        "wake",
        "ahead",
        "response",
        "result",
        "aftermath",
        "come",
    )


def _scare_quoted(token: Token) -> bool:
    """A word in scare quotes ("rushed to “attack” a diplomat") is not meant literally."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].is_quote and doc[token.i + 1].is_quote


def _third_location(place: Location | None, sources: list[Side], targets: list[Side]) -> bool:
    """A meeting in a country neither side belongs to (CAMEO 044)."""
    if place is None or place.country is None or not sources or not targets:
        return False
    countries = {s.actor.country for s in (*sources, *targets)}
    return None not in countries and place.country not in countries


def _place_token_ids(doc: Doc, places: Iterable[Place]) -> set[int]:
    ids: set[int] = set()
    for place in places:
        for mention in place.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                ids.update(range(span.start, span.end))
    return ids


def _dateline_place(article: Article | None, places: list[Place]) -> Location | None:
    if article is None or article.dateline is None:
        return None
    start = article.dateline.start
    for place in places:
        if any(m.start == start for m in place.mentions):
            return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)
    return None


def build_patterns(verb_dictionaries: Iterable[str | Path] = ()) -> PatternSet:
    """The bundled patterns, extended with PETRARCH verb dictionaries when given."""
    patterns = load_patterns()
    extra = [Path(p) for p in verb_dictionaries]
    if extra:
        from newsgraph.extract.events.petrarch import load_petrarch_verbs

        for path in extra:
            patterns = patterns.extend(load_petrarch_verbs(path))
    return patterns


@Language.factory(
    "newsgraph_events",
    assigns=["doc._.ng_events"],
    requires=[
        "doc.sents",
        "token.dep",
        "token.head",
        "token.tag",
        "token.lemma",
        "token.ent_type",
        "doc._.ng_dates",
        "doc._.ng_places",
        "doc._.ng_mentions",
        "doc._.ng_quotes",
    ],
    default_config={"verb_dictionaries": []},
)
def make_events(nlp: Language, name: str, verb_dictionaries: list[str]) -> EventCoder:
    """spaCy factory for the event coder; ``verb_dictionaries`` are PETRARCH verb files."""
    return EventCoder(build_patterns(verb_dictionaries))

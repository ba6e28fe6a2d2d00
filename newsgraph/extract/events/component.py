"""Events: CAMEO/PLOVER coding from spaCy dependency parses, with evidence.

For each sentence, every token that can trigger an event is matched against the pattern
dictionary (``data/event_patterns.yaml``, see ``patterns``/``match``); frames ("urged … to",
"refused …", "threatened …") are coded by what they embed and consume it. Each match is
built in two halves: its code (the pattern's, then the named rewrites of ``coding``) and its
sides (``roles``, which alone chooses sources and targets; ``sides`` says whom a token
names). Negation and modality come from the clause and any quotation (``modality``), date and
place from the nearest expressions (``setting``). A statement (010) is coded only when a
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

from newsgraph.extract.events import coding
from newsgraph.extract.events.cameo import Cameo, load_cameo
from newsgraph.extract.events.countries import country_by_code
from newsgraph.extract.events.match import Lookup, Match, Matcher, pos_of
from newsgraph.extract.events.modality import Claim, claim_of, event_modality
from newsgraph.extract.events.patterns import PatternSet, load_patterns
from newsgraph.extract.events.roles import RoleChooser, dyads, obligation_sides
from newsgraph.extract.events.setting import SettingFinder
from newsgraph.extract.events.sides import Side, SideResolver
from newsgraph.extract.events.syntax import BACKGROUND_PREPOSITIONS, depth, particle
from newsgraph.extract.tone import load_lexicon
from newsgraph.model import Article, Event, Location, Mention, Place, Quote, TextSpan

# Verbs and nouns whose "of"/"for"/"on" complement gives the grounds, not a new event.
_JUDGING = frozenset(
    {"accuse", "charge", "convict", "suspect", "blame", "praise", "congratulate", "thank", "condemn", "criticize", "criticise"}
    | {"sentence", "arrest", "detain", "fine", "punish", "indict", "prosecute", "reward", "honour", "honor", "apologize"}
    | {"apologise", "jail", "denounce", "commend", "hail", "fault", "rebuke", "reprimand", "accusation", "suspicion", "conviction"}
    | {"ban", "bar", "prevent", "prohibit", "stop", "block", "exclude", "strip", "deprive", "forbid"}
)
# Verbs whose object, and nouns whose "on" object, is a topic.
_DISCUSSING = frozenset({"discuss", "debate", "address", "review", "examine", "consider", "raise", "mention", "study", "weigh"})
_TALKS = frozenset(
    {"talk", "meeting", "negotiation", "discussion", "agreement", "deal", "accord", "dispute", "debate", "summit", "conference"}
    | {"dialogue", "consultation", "decision", "vote", "resolution", "statement", "report", "proposal", "plan", "understanding"}
)
# What an event handles: its object, and the noun phrases and prepositions below it.
_CONTENT_DEPS = frozenset({"dobj"})
_CONTENT_PATH = frozenset({"prep", "pobj", "compound", "amod", "nmod", "appos", "acl", "aux", "dobj"})
_GROUNDS_PATH = frozenset({"pobj", "pcomp", "dobj", "xcomp", "compound", "conj", "amod", "acl", "prep"})


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
    """Per-document state: the matcher, side resolver, role chooser, settings and quotations."""

    def __init__(self, doc: Doc, patterns: PatternSet, cameo: Cameo) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text on every access
        self.patterns = patterns
        self.cameo = cameo
        self.article: Article | None = doc._.ng_article
        self.quotes: list[Quote] | None = doc._.ng_quotes
        places: list[Place] = doc._.ng_places or []
        dateline = _dateline_place(self.article, places)
        home = country_by_code(dateline.country) if dateline is not None and dateline.country else None
        self.resolver = SideResolver(doc, doc._.ng_mentions, patterns, places, home)
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
        self.roles = RoleChooser(self.resolver, self.matcher, patterns, self.quotes, self.text)
        published = self.article.published if self.article is not None else None
        self.setting = SettingFinder(doc, self.text, doc._.ng_dates or [], places, published, dateline)
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
            if pos_of(token) is None or _scare_quoted(token):
                continue
            found = self.matcher.match(token)
            # Background is tested on matches only: most tokens trigger nothing.
            if found is not None and not _background(token):
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
                # "provided Ukraine with 90 billion euros in aid": what the event hands over.
                consumed |= {o.i for p, o in found.trigger.preps if p == "with" and found.trigger.pos == "verb"}
                consumed |= _content_nouns(found, matches)
        if not coded:
            for found in statements:
                for item in self.build(found, sentence):
                    item.statement = True
                    coded.append(item)
        return coded

    # -- one match → events -----------------------------------------------------------------

    def build(self, found: Match, sentence: Span) -> list[Coded]:
        """Events for one matched trigger (several when sides are coordinated): the code
        and the sides are chosen apart, except where a named rewrite moves both."""
        pattern = found.pattern
        trig = found.trigger
        claim = claim_of(trig.token, self.patterns.speech, self.quotes, self.text)
        code, negated = coding.negated_code(pattern, found.code, trig.negated)
        sources, targets, target_role = self.roles.sides(found, claim)
        if not self.roles.attributable(found, sources, targets, target_role):
            return []
        modality = event_modality(pattern.modality, trig.token, claim)
        code, negated = coding.future_code(self.patterns, pattern, code, modality, negated)
        frame = coding.obligation_frame(trig.token) if claim is not None and claim.speaker is not None else None
        speaker = self.roles.obligation_speaker(claim, sources) if frame is not None else None
        if frame is not None and speaker is not None:
            code = coding.obligation_code(self.patterns, found, frame)
            sources, targets = obligation_sides(sources, targets, speaker)
            claim, modality, negated = None, None, False
        claimed_by = None
        if claim is not None:
            claimed_by = self.roles.claimant(claim)
            modality = modality or "reported"
        if pattern.fallback and code == coding.STATEMENT:
            content = coding.disparaging_content(trig.token, self.valence)
            about = self.roles.criticised(content, sources, claim) if content is not None else []
            if about:
                code, targets = coding.CRITICISM, about
        place_tokens = [s.token for s in targets] if pattern.place_from_target else []
        setting = self.setting.find(trig.token, sentence, place_tokens, future=modality == "future")
        if all(t.generic for t in targets):
            targets = self.roles.place_targets(code, setting.place, sources, sentence) or targets
        # Generic nouns made the event attributable; they are no one to record.
        sources, targets = [s for s in sources if not s.generic], [t for t in targets if not t.generic]
        code = coding.meeting_place_code(code, setting.place, {s.actor.country for s in sources}, {s.actor.country for s in targets})
        trigger = self._trigger_mention(found)
        pairs = [(s, t, code) for s, t in dyads(sources, targets, pattern.reciprocal)]
        if pattern.reverse_code:
            # PETRARCH's "[a:b]": the reverse dyad gets its own code.
            pairs += [(t, s, pattern.reverse_code) for s, t, _ in pairs if s is not None and t is not None]
        coded = []
        for source, target, pair_code in pairs:
            event = self._event(
                pair_code,
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

    def _accusation(self, reported: Coded, claim: Claim, sentence: Span) -> list[Coded]:
        """ "X said (that) Y attacked Z": beyond Y→Z, X accuses Y (``coding.accusation_code``)."""
        sides = self.roles.accusation_sides(reported.sides[0], claim)
        if sides is None or claim.verb is None:
            return []
        speaker, agent = sides
        verb = claim.verb
        trigger = Mention(start=verb.idx, end=verb.idx + len(verb.text), text=verb.text)
        event = self._event(
            coding.accusation_code(reported.event),
            trigger,
            sentence,
            speaker,
            agent,
            date=reported.event.date,
            date_text=reported.event.date_text,
            place=reported.event.place,
        )
        return [Coded(event, verb, depth(verb), sides=(speaker, agent), derived=True)]

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


def _purpose_of(token: Token, found: Match) -> bool:
    """Whether a clause states the purpose of an event ("… to demand", "… calling for")."""
    anchors = {found.token.i}
    if found.trigger.gov is not None:
        anchors.add(found.trigger.gov.i)
    return token.dep_ in ("advcl", "xcomp", "acl", "relcl", "pcomp") and token.head.i in anchors


def _content_nouns(found: Match, matches: list[Match]) -> set[int]:
    """Triggers that are what a coded event handles, not events of their own: its object, what
    that object's phrases and infinitives hold ("backed Peru's bid to host …", "backed Somalia's bid",
    "rejected a Chinese offer", "provide 5 billion yen in aid", "voiced support for X's bid"),
    and a verb's "in" phrase ("released hostages in exchange for prisoners").
    A noun that its light verb makes the trigger ("offered condolences") stays an event."""
    heads = [c for c in found.token.children if c.dep_ in _CONTENT_DEPS]
    heads += [o for p, o in found.trigger.preps if p == ("for" if found.trigger.pos == "noun" else "in")]
    inside: set[int] = set()
    for head in heads:
        inside |= {t.i for t in head.subtree if _within(t, head)}
    return {m.token.i for m in matches if m.token.i in inside and not _lent(m, found.token)}


def _lent(noun: Match, verb: Token) -> bool:
    """Whether a verb is the light verb its noun's pattern names ("offered condolences")."""
    light = noun.pattern.light
    return light is not None and "*" not in light.words and noun.trigger.gov is not None and noun.trigger.gov.i == verb.i


def _within(token: Token, head: Token) -> bool:
    """Whether the path from a token up to ``head`` keeps to noun phrases and prepositions."""
    walk = token
    while walk.i != head.i:
        if walk.dep_ not in _CONTENT_PATH or walk.head.i == walk.i:
            return False
        walk = walk.head
    return True


def _background(token: Token) -> bool:
    """An event named as circumstance, not news: a nominal event after a preposition ("after
    the attack", "during the meeting", "talks about swapping convicts"), the grounds of a
    judgement ("accused Iran of plotting attacks", "praised them for reaching a deal"), a
    "since" clause, a participle describing an event's object ("freed a teacher jailed on …")."""
    if token.ent_type_ in ("DATE", "TIME") and token.is_title:
        return True
    if _judged(token) or _since_clause(token) or _topic(token):
        return True
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.dep_ == "dobj" and not any(c.dep_ == "agent" for c in token.children):
        return True  # "deported 28 men convicted of crimes": what the participle says is their past
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


def _judged(token: Token) -> bool:
    """Whether a trigger lies in the grounds of a judgement: the "of"/"for"/"on"/"over"
    complement of a verb or noun that accuses, charges, praises or punishes."""
    walk = token
    for _ in range(5):
        head = walk.head
        if head == walk or walk.dep_ not in _GROUNDS_PATH:
            return False
        if walk.dep_ in ("pobj", "pcomp") and head.lower_ in ("of", "for", "on", "over", "from") and head.head.lemma_.lower() in _JUDGING:
            return True
        walk = head
    return False


def _topic(token: Token) -> bool:
    """Whether a nominal event is what others discuss or agree on, not news itself ("met to
    discuss North Korea's missile launches", "talks on the exchange of prisoners")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in _DISCUSSING:
        return True
    return token.dep_ == "pobj" and head.lower_ in ("on", "about") and head.head.lemma_.lower() in _TALKS


def _since_clause(token: Token) -> bool:
    """Whether a trigger lies in a "since" clause ("the latest since Russia launched the war")."""
    walk = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in walk.children):
            return True
        if walk.head == walk:
            return False
        walk = walk.head
    return False


def _scare_quoted(token: Token) -> bool:
    """A word in scare quotes ("rushed to “attack” a diplomat") is not meant literally."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].is_quote and doc[token.i + 1].is_quote


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
        "token.pos",
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

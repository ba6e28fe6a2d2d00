"""Dependency-tree helpers for event coding: lemma keys of a token, the subject and objects
of a predicate (through passives, relative clauses, control and coordination), governing
verbs of nominal events, and tree distances. Pure functions over spaCy tokens."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

# Words that head a quantity or a group rather than the thing meant ("hundreds of protesters",
# "a group of European ambassadors", "the first deployment of NATO troops").
_QUANTITY_HEADS = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "dozen",
        "score",
        "ten",
        "tens",
        "number",
        "group",
        "lot",
        "handful",
        "couple",
        "third",
        "half",
        "quarter",
        "majority",
        "minority",
        "some",
        "many",
        "most",
        "all",
        "none",
        "one",
        "two",
        "three",
        "several",
        "batch",
        "contingent",
        "deployment",
        "detachment",
        "team",
        "delegation",
        "wave",
        "crowd",
        "band",
        "unit",
        "part",
        "each",
        "both",
        "members",
        "member",
        "representative",
        "body",
        "mission",
        "worth",
        "amount",
        "total",
        "sum",
        "tonne",
        "ton",
    }
)
# Prepositions after which a nominal event is background, not news ("after the attack").
BACKGROUND_PREPOSITIONS = frozenset(
    {
        "after",
        "following",
        "before",
        "since",
        "amid",
        "amidst",
        "despite",
        "over",
        "about",
        "regarding",
        "concerning",
        "like",
        "during",
        "at",
    }
)
# Verbs whose object, not subject, performs their infinitival complement ("urged Moscow to …").
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "order",
        "invite",
        "force",
        "allow",
        "permit",
        "tell",
        "call",
        "encourage",
        "press",
        "persuade",
        "instruct",
        "request",
        "advise",
        "compel",
        "pressure",
        "help",
        "enable",
        "let",
        "authorize",
        "appeal",
        "warn",
        "expect",
        "want",
        "need",
        "require",
        "push",
        "beg",
        "implore",
        "lead",
        "get",
        "convince",
        "oblige",
        "direct",
        "command",
    }
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_ARTICLES = frozenset({"the", "a", "an"})
_KEY_MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod", "poss"})


_PARTICLES = frozenset({"out", "off", "away", "back", "down", "up", "in", "over", "on"})


def lemma(token: Token) -> str:
    """The lower-case lemma."""
    return token.lemma_.lower()


def lemmas(token: Token) -> set[str]:
    """The lemma and, for inflected verbs, the stems a wrong lemma may hide ("staged" is
    sometimes lemmatised "stag"): "-ed"/"-ing" forms with and without a final "e"."""
    found = {lemma(token), token.lower_}
    word = token.lower_
    if token.tag_ in ("VBD", "VBN") and word.endswith("ed") and len(word) > 4:
        found.update({word[:-1], word[:-2]})
        if word.endswith("ied"):
            found.add(word[:-3] + "y")
        if len(word) > 5 and word[-3] == word[-4]:
            found.add(word[:-3])
    elif token.tag_ == "VBG" and word.endswith("ing") and len(word) > 5:
        found.update({word[:-3], word[:-3] + "e"})
        if word[-4] == word[-5]:
            found.add(word[:-4])
    elif token.tag_ == "VBZ" and word.endswith("s"):
        found.update({word[:-1], word[:-2] if word.endswith("es") else word[:-1]})
    return found


def particle(token: Token) -> str | None:
    """The verb particle ("off" in "called off"), if any."""
    for child in token.children:
        if child.dep_ == "prt":
            return child.lower_
    return None


def _key_order(key: str, token: Token) -> tuple[int, int, str]:
    """Longest keys first; among equals the word as written before its lemma, then
    alphabetical — a total order, so the first matching pattern never depends on set order."""
    return (-key.count(" "), key != token.lower_, key)


def keys(token: Token, pos: str) -> list[str]:
    """Lemma keys a pattern word can match: the lemma, "modifier head" pairs ("car bomb"),
    "head of object" ("state of emergency"), and for verbs "verb particle" ("call off"),
    "verb object" ("pay tribute") and "verb prep object" ("take to street"). Longest first."""
    base = lemma(token)
    found = {base}
    if token.lower_ != base:
        found.add(token.lower_)
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-":
        prefix = lemma(doc[token.i - 2])
        found.update({f"{prefix} {base}", f"{prefix}{base}"})
    if "-" in base:
        found.add(" ".join(base.replace("-", " ").split()))
    if pos == "verb":
        for stem in lemmas(token):
            found.add(stem)
            for child in token.children:
                word = child.lower_
                if child.dep_ == "prt" or (child.dep_ in ("prep", "advmod") and word in _PARTICLES and child.i > token.i):
                    found.add(f"{stem} {word}")
                if child.dep_ in ("dobj", "advmod", "acomp") and child.i > token.i:
                    found.add(f"{stem} {lemma(child)}")
                    prt = particle(token)
                    if prt:
                        found.add(f"{stem} {prt} {lemma(child)}")
                elif child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.add(f"{stem} {word} {lemma(pobj)}")
        return sorted(found, key=lambda k: _key_order(k, token))
    for child in token.lefts:
        if child.dep_ in _KEY_MODIFIERS and child.lower_ not in _ARTICLES:
            mod = lemma(child)
            found.update({f"{mod} {base}", f"{mod}{base}"})
            for grand in child.lefts:
                if grand.dep_ in _KEY_MODIFIERS:
                    found.add(f"{lemma(grand)} {mod} {base}")
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "on", "in", "to"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.add(f"{base} {child.lower_} {lemma(pobj)}")
                    for modifier in pobj.lefts:
                        if modifier.dep_ in ("amod", "compound"):
                            found.add(f"{base} {child.lower_} {lemma(modifier)} {lemma(pobj)}")
    return sorted(found, key=lambda k: _key_order(k, token))


def semantic_head(token: Token, limit: int = 3) -> Token:
    """Follow quantity and group heads to what they quantify ("hundreds of thousands of
    people" → people)."""
    for _ in range(limit):
        if not (lemma(token) in _QUANTITY_HEADS or token.pos_ == "NUM" or token.ent_type_ == "MONEY"):
            return token
        nxt = None
        for child in token.children:
            if child.dep_ == "prep" and (child.lower_ == "of" or (child.lower_ == "in" and token.ent_type_ == "MONEY")):
                nxt = next((c for c in child.children if c.dep_ == "pobj"), None)
                break
        if nxt is None:
            return token
        token = nxt
    return token


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Borrell and Lavrov")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            found.extend(conjuncts(child))
    return found


def children(token: Token, *deps: str) -> list[Token]:
    """Children with one of the dependency labels."""
    return [c for c in token.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice (or a passive participle modifying a noun)."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def prep_objects(token: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs under a token; "by" agents count as "by"."""
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in ("away", "out", "back", "down", "off", "up"):
            # "moving away from Europe", "pulled back from the border"
            for name, obj in prep_objects(child):
                yield name, obj
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ in ("ADP", "SCONJ", "ADV"):
            name = child.lower_
            for obj in child.children:
                if obj.ent_type_ in ("DATE", "TIME"):
                    continue  # "on Tuesday" names a time, not a party
                if obj.dep_ == "prep":
                    # "pulled out of the talks": a preposition governing a preposition.
                    for inner in obj.children:
                        if inner.dep_ in ("pobj", "pcomp"):
                            yield f"{name} {obj.lower_}", inner
                if obj.dep_ in ("pobj", "pcomp"):
                    yield name, obj
                    # "because of", "out of", "on behalf of": the inner preposition's object.
                    if obj.dep_ == "pcomp" and obj.pos_ == "ADP":
                        for inner in obj.children:
                            if inner.dep_ == "pobj":
                                yield f"{name} {obj.lower_}", inner
                    for conj in obj.children:
                        if conj.dep_ == "conj":
                            yield name, conj


def _relative_role(verb: Token) -> str | None:
    """In a relative clause, which role the relative pronoun fills ("who met" → nsubj)."""
    for child in verb.children:
        if child.tag_ in ("WDT", "WP", "WP$") or (child.lower_ == "that" and child.dep_ in SUBJECT_DEPS | {"dobj"}):
            return child.dep_
    return None


def verb_subject(verb: Token, depth: int = 0) -> Token | None:
    """The logical subject (agent) of a verb: nsubj, the "by" agent of a passive, or one
    inherited through relative clauses, control ("refused to attend"), coordination and
    purpose/manner clauses ("by urging Moscow …")."""
    if depth > 4:
        return None
    passive = is_passive(verb)
    for child in verb.children:
        if child.dep_ == "nsubj" and not passive:
            if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if passive:
        return None
    head = verb.head
    if head == verb:
        return None
    dep = verb.dep_
    if dep == "relcl" and _relative_role(verb) in ("nsubj", None) and not any(c.dep_ == "nsubj" for c in verb.children):
        return head
    if dep == "xcomp":
        if lemma(head) in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None:
                return obj
            for prep, pobj in prep_objects(head):
                if prep in ("on", "upon"):
                    return pobj
        if head.pos_ in ("VERB", "AUX"):
            return verb_subject(head, depth + 1)
        if head.pos_ == "ADJ":
            return adj_subject(head)
    if dep in ("conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        return verb_subject(head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return verb_subject(head.head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "ADJ":
        return adj_subject(head.head)
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
        # "Russia's decision to expel …": the noun's possessor acts.
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
            return verb_subject(head.head, depth + 1)
    return None


def verb_objects(verb: Token) -> list[Token]:
    """The logical objects of a verb: dobj, the subject of a passive, or the noun that a
    participle or object relative clause modifies ("agreements reached by …")."""
    found = children(verb, "dobj")
    if is_passive(verb):
        found = children(verb, "nsubjpass") + found
        if not found and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            found = [verb.head]
    elif verb.dep_ == "relcl" and _relative_role(verb) == "dobj":
        found = [verb.head, *found]
    if not found:
        # "cordoned off the roads": some particles attach the object to the particle.
        for prt in children(verb, "prt"):
            found.extend(children(prt, "pobj", "dobj"))
    return found


def adj_subject(adj: Token) -> Token | None:
    """The subject of a predicative adjective ("Norway is willing to …")."""
    for child in adj.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    head = adj.head
    if adj.dep_ in ("acomp", "attr", "oprd") and head != adj:
        return verb_subject(head)
    if adj.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
        return head
    return None


def governor(noun: Token) -> Token | None:
    """The verb governing a nominal event: as object ("announced the expulsion"), passive
    subject ("sanctions were imposed"), or through a preposition ("engaged in talks")."""
    dep = noun.dep_
    head = noun.head
    if head == noun:
        return None
    if dep in ("dobj", "nsubjpass", "attr", "oprd", "dative", "nsubj") and head.pos_ in ("VERB", "AUX"):
        return head
    if dep == "conj":
        return governor(head)
    if dep == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ in ("VERB", "AUX", "ADJ"):
        return head.head
    return None


def depth(token: Token) -> int:
    """Distance from the sentence root."""
    steps = 0
    while token.head.i != token.i and steps < 100:
        token = token.head
        steps += 1
    return steps


def ancestors_path(token: Token) -> list[Token]:
    """The token and its heads up to the root."""
    path = [token]
    while token.head.i != token.i and len(path) < 100:
        token = token.head
        path.append(token)
    return path


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    up_a = ancestors_path(a)
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate(ancestors_path(b)):
        if t.i in index:
            return n + index[t.i]
    return 1000

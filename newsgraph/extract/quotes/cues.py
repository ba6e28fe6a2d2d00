"""Find attribution cues in a parsed Doc: the cue words, who they name as the source, and the
stretch of text they attribute (when the parse shows it).

Four kinds of cue are read off spaCy's dependency parse:

- verbs ("said", "pointed out", "believes", "said in an interview"): the subject is the
  source, a clausal complement the content ("X said that …", "…, X said");
- object verbs ("called the visit “unfortunate”"): the object holding a quotation is the content;
- phrases ("according to X, …", "in his opinion, …"): X / the possessor is the source, the
  rest of the sentence the content;
- nouns ("Lavrov's statement that …", "remarks made by X that …").

Quotation marks are dealt with later (``finder.py``): this module only reads the parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.quotes.lexicon import CueLexicon

_VERB_TAGS = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj"})
# Clause-level dependents through which a verb inherits its subject from its head
# ("…, adding that", "reacted harshly, calling him", "admitted and said").
_INHERITS = frozenset({"conj", "xcomp", "advcl"})
_CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
_OBJECT_DEPS = frozenset({"dobj", "oprd", "attr", "xcomp", "ccomp", "acomp", "prep", "dative"})


@dataclass
class Candidate:
    """One attribution cue found in the parse.

    ``cue`` and ``source`` are token ranges ``[start, end)``; ``content`` is a token range or
    None when the parse shows no content (a quotation next to the cue may supply it);
    ``heads`` lists the tokens to try, in order, when resolving the source to an actor.
    ``needs_quote`` marks cues that only count when their content holds a quotation.
    """

    kind: str
    cue: tuple[int, int]
    source: tuple[int, int] | None
    heads: tuple[int, ...]
    content: tuple[int, int] | None
    needs_quote: bool = False
    anchor: int = 0


def _trim(doc: Doc, start: int, end: int, keep_quotes: bool = True) -> tuple[int, int]:
    """Drop punctuation (but not quotation marks) and spaces at both ends of a token range;
    a speaker phrase also loses a trailing possessive ("Lavrov's")."""
    while start < end and _droppable(doc[start], keep_quotes):
        start += 1
    while end > start and (_droppable(doc[end - 1], keep_quotes) or (not keep_quotes and doc[end - 1].tag_ == "POS")):
        end -= 1
    return start, end


def _droppable(token: Token, keep_quotes: bool) -> bool:
    if token.is_space:
        return True
    if not token.is_punct:
        return False
    return not (keep_quotes and token.is_quote)


def subject_of(verb: Token, lexicon: CueLexicon, depth: int = 0, quoted: frozenset[int] = frozenset()) -> Token | None:
    """The subject of a verb, inherited through conjunction, xcomp and gerund clauses; a verb
    outside quotation marks never takes a subject inside them."""
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None  # "Lavrov was asked": the subject is not the speaker
    subjects = [
        child
        for child in verb.children
        if child.dep_ in _SUBJECTS and not child.is_punct and not (child.i in quoted and verb.i not in quoted)
    ]
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))  # the parse may give two; the nearer is right
        if child.lower_ in lexicon.relative_pronouns and verb.dep_ == "relcl":
            return verb.head
        return child
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" and verb.head.head.pos_ in _VERB_TAGS:
        return subject_of(verb.head.head, lexicon, depth + 1, quoted)  # "sings to her before asking"
    if verb.head.i in quoted and verb.i not in quoted:
        return None  # the parse joined the cue to a verb of the quotation
    if depth < 3 and verb.dep_ in _INHERITS and verb.head.pos_ in _VERB_TAGS and verb.head is not verb:
        return subject_of(verb.head, lexicon, depth + 1, quoted)
    return None


def noun_phrase(token: Token, stop: Token | None = None) -> tuple[int, int]:
    """The token range of the phrase headed by ``token`` (its subtree, cut before ``stop``)."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    if token.dep_ == "nsubj" or token.pos_ in ("NOUN", "PROPN", "PRON"):
        # A relative clause on a relative-pronoun source ("officials who said") is not part of it.
        for child in token.rights:
            if child.dep_ == "relcl" and stop is not None and child.left_edge.i <= stop.i <= child.right_edge.i:
                end = min(end, child.left_edge.i)
    if stop is not None and start <= stop.i < end:
        end = stop.i if stop.i > token.i else end
        start = stop.i + 1 if stop.i < token.i else start
    doc = token.doc
    # A phrase never runs over a paragraph break (a pull-quote line has no final stop); it
    # keeps the side of the break nearest its verb, else the side of its head.
    breaks = [i for i in range(start, end - 1) if "\n" in doc[i].text_with_ws]
    if breaks:
        anchor = stop.i if stop is not None else token.i
        if anchor >= end or (anchor >= start and token.i > breaks[-1]):
            start = breaks[-1] + 1
        else:
            end = breaks[0] + 1
    return _trim(doc, start, end, keep_quotes=False)


def resolution_heads(token: Token) -> tuple[int, ...]:
    """Tokens of a source phrase to look up in the mention index, most telling first: the
    head, then its name parts and appositions ("Foreign Minister Sergey Lavrov")."""
    heads = [token.i]
    for child in token.children:
        if child.dep_ in ("compound", "flat", "appos", "nmod") and child.pos_ in ("PROPN", "NOUN"):
            heads.append(child.i)
            heads.extend(c.i for c in child.children if c.dep_ in ("compound", "flat"))
    return tuple(heads)


def _cue_range(verb: Token, lexicon: CueLexicon) -> tuple[int, int]:
    """The verb with its auxiliaries, negation, particle and medium ("said in an interview")."""
    start = end = verb.i
    for child in verb.lefts:
        if child.dep_ in ("aux", "neg") and child.i == start - 1:
            start = child.i
    particles = lexicon.particles.get(verb.lemma_.lower(), frozenset())
    doc = verb.doc
    for child in verb.rights:
        if child.dep_ == "prt" and child.lower_ in particles and child.i == end + 1:
            end = child.i
    nxt = end + 1
    if nxt < len(doc) and doc[nxt].dep_ == "prep" and doc[nxt].head.i == verb.i and doc[nxt].lower_ in ("in", "on", "during", "via"):
        for obj in doc[nxt].children:
            if obj.dep_ == "pobj" and obj.lower_ in lexicon.medium_nouns and obj.i - nxt <= 4:
                end = obj.i
    return start, end + 1


def _content_of(verb: Token) -> tuple[int, int] | None:
    """The clausal complement of a verb, as a token range."""
    clauses = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if not clauses:
        clause = _stray_that_clause(verb)
        return _trim(verb.doc, clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else None
    start = min(c.left_edge.i for c in clauses)
    end = max(c.right_edge.i for c in clauses) + 1
    if start <= verb.i < end:  # a clause around the verb: keep the part on the far side
        start, end = (verb.i + 1, end) if clauses[0].i > verb.i else (start, verb.i)
    return _trim(verb.doc, start, end)


def _stray_that_clause(verb: Token) -> Token | None:
    """A "that" clause the parse hung on a phrase after the verb ("told TASS in this regard
    that the envoys had discredited themselves")."""
    frontier = [c for c in verb.rights if c.dep_ in ("prep", "dobj", "dative", "npadvmod")]
    for _ in range(3):
        nxt = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in ("acl", "relcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                    return child
                if child.dep_ in ("pobj", "prep"):
                    nxt.append(child)
        frontier = nxt
    return None


def _object_of(verb: Token, subject: Token | None) -> tuple[int, int] | None:
    """Everything the verb governs after itself except its subject (for object cues)."""
    parts = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS and (subject is None or c.i != subject.i)]
    if not parts:
        return None
    return _trim(verb.doc, parts[0].left_edge.i, max(p.right_edge.i for p in parts) + 1)


def verb_candidates(doc: Doc, lexicon: CueLexicon, quoted: frozenset[int] = frozenset()) -> list[Candidate]:
    """Cue verbs with their subject and, when parsed, their content clause. ``quoted`` holds
    the tokens inside quotation marks: a verb outside them never takes its subject inside."""
    found: list[Candidate] = []
    for token in doc:
        if token.pos_ not in _VERB_TAGS:
            continue
        lemma = token.lemma_.lower()
        clause_verb = lexicon.is_clause_verb(lemma)
        object_verb = lemma in lexicon.object_cues
        adjacent_only = lemma in lexicon.quote_verbs
        if not (clause_verb or object_verb or adjacent_only):
            continue
        if token.dep_ == "amod" or (
            token.tag_ == "VBN" and token.dep_ in ("acl", "relcl") and not any(c.dep_ == "nsubj" for c in token.children)
        ):
            continue  # "the so-called", "the report released last year"
        subject = subject_of(token, lexicon, quoted=quoted)
        if subject is not None and subject.i in quoted and token.i not in quoted:
            subject = None  # '"…, full stop," said X': the parse took words of the quotation
        if subject is not None and "\n" in doc[min(subject.i, token.i) : max(subject.i, token.i)].text:
            subject = None  # the parse ran over a paragraph break ("12:15 p.m.\n\nTrump says")
        guessed = subject is None
        if subject is None:
            subject = _preceding_noun(token)
        trailing = None
        heads: tuple[int, ...] = ()
        if subject is None and not _is_passive(token):
            trailing = _after_quotation(token, quoted)
            if trailing is not None:  # '"…," Flynn, a top adviser, said': the name comes first
                heads = tuple(i for i in range(*trailing) if doc[i].pos_ == "PROPN")
            else:
                trailing = _following_phrase(token)  # "… – says analyst Olena Marchenko": last
                heads = tuple(i for i in reversed(range(*trailing)) if doc[i].pos_ in ("PROPN", "NOUN")) if trailing else ()
        content = _content_of(token) if clause_verb else None
        needs_quote = False
        if content is None and object_verb:
            content = _object_of(token, subject)
            needs_quote = True
        source = None
        if subject is not None and subject.lower_ not in lexicon.not_speakers:
            source = noun_phrase(subject, stop=token)
            if guessed:
                source = _drop_leading_place(doc, _extend_left(doc, source, quoted))
            heads = resolution_heads(subject)
        elif trailing is not None:
            source = trailing
        found.append(Candidate("verb", _cue_range(token, lexicon), source, heads, content, needs_quote, anchor=token.i))
    return found


def _after_quotation(verb: Token, quoted: frozenset[int]) -> tuple[int, int] | None:
    """The words between a closing quotation mark and its cue ('"…," Flynn, a top adviser,
    said'), for when the parse pulled the speaker into the quotation's clause."""
    doc = verb.doc
    start = verb.i
    while start > 0 and verb.i - start < 14:
        token = doc[start - 1]
        if token.i in quoted or token.is_quote or "\n" in token.text_with_ws:
            break
        if token.pos_ in ("VERB", "AUX") or token.text in (".", ";", "!", "?"):
            return None
        start -= 1
    else:
        return None
    if start == 0 or not (doc[start - 1].is_quote or doc[start - 1].i in quoted):
        return None
    found = _trim(doc, start, verb.i, keep_quotes=False)
    if found[1] > found[0] and any(doc[i].pos_ in ("PROPN", "PRON", "NOUN") for i in range(*found)):
        return found
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _following_phrase(verb: Token) -> tuple[int, int] | None:
    """The name after an inverted cue that closes its paragraph ("… – says Sergey Solodky"),
    for when the parse ran the paragraph on into the next one and lost the subject."""
    doc = verb.doc
    start = verb.i + 1
    while start < len(doc) and doc[start].dep_ == "prt":
        start += 1
    end = start
    while end < len(doc) and end - start < 16:
        token = doc[end]
        if token.pos_ in ("VERB", "AUX") or token.text in (".", ":", ";", "!", "?", "“", '"') or token.is_space:
            break
        end += 1
        if "\n" in token.whitespace_ or end == len(doc):
            break
    else:
        return None
    at_break = end == len(doc) or "\n" in doc[end - 1].text_with_ws or doc[end].is_space or doc[end].text in (".", ":")
    if end > start and at_break and any(doc[i].pos_ in ("PROPN", "NOUN") for i in range(start, end)):
        return _trim(doc, start, end, keep_quotes=False)
    return None


def _extend_left(doc: Doc, tokens: tuple[int, int], quoted: frozenset[int]) -> tuple[int, int]:
    """Take in the title words a mis-parse split off a guessed speaker ("Tulsa police Chief
    Chuck Jordan said" parsed as a verb "Tulsa" with an object)."""
    start, end = tokens
    while start > 0 and start not in quoted and doc[start - 1].i not in quoted and tokens[1] - start < 8:
        prev = doc[start - 1]
        if prev.is_punct or prev.is_space or prev.pos_ not in ("PROPN", "NOUN", "ADJ", "VERB") or not prev.text[:1].isalpha():
            break
        if prev.pos_ == "VERB" and not prev.text[:1].isupper():
            break
        start -= 1
    return start, end


def _drop_leading_place(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    """ "(in) Kazan Russian Foreign Minister": a place name run into a guessed speaker's title."""
    start, end = tokens
    if start == 0 or doc[start - 1].pos_ != "ADP":
        return tokens  # "Tulsa police Chief …" is a title; "in Kazan Russian Foreign Minister" is not
    while start < end - 1 and doc[start].ent_type_ in ("GPE", "LOC", "FAC") and doc[start + 1].ent_type_ not in ("GPE", "LOC", "FAC"):
        start += 1
    return start, end


def _preceding_noun(verb: Token) -> Token | None:
    """A noun standing right before a subjectless cue verb ("… Russian Foreign Minister noted"),
    which a mis-parse attached elsewhere."""
    if verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ == "PROPN" and prev.dep_ != "nsubj":
        return prev
    return None


def phrase_candidates(doc: Doc, lexicon: CueLexicon) -> list[Candidate]:
    """ "According to X, …" and "In his opinion, …": the rest of the sentence is the content."""
    found: list[Candidate] = []
    for token in doc:
        lower = token.lower_
        if lower in lexicon.opinion_nouns and token.dep_ == "pobj" and token.head.lower_ == "in":
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None or owner.lower_ in lexicon.not_speakers:
                continue
            phrase = (token.head.i, token.i + 1)
            source = noun_phrase(owner)
            found.append(Candidate("phrase", phrase, source, resolution_heads(owner), _rest_of_sentence(doc, phrase), anchor=token.i))
            continue
        for words in lexicon.source_prepositions:
            if lower != words[0] or token.i + len(words) > len(doc):
                continue
            if [t.lower_ for t in doc[token.i : token.i + len(words)]] != list(words):
                continue
            last = doc[token.i + len(words) - 1]
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            source = noun_phrase(obj)
            phrase = (token.i, source[1])
            cue = (token.i, token.i + len(words))
            found.append(Candidate("phrase", cue, source, resolution_heads(obj), _rest_of_sentence(doc, phrase), anchor=token.i))
    return found


def _rest_of_sentence(doc: Doc, phrase: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence around a fronted or trailing phrase, without the phrase itself."""
    sent: Span = doc[phrase[0]].sent
    before = _trim(doc, sent.start, phrase[0])
    after = _trim(doc, phrase[1], sent.end)
    if after[1] - after[0] >= before[1] - before[0]:
        return after if after[1] > after[0] else None
    return before


def noun_candidates(doc: Doc, lexicon: CueLexicon) -> list[Candidate]:
    """ "Lavrov's statement that …", "remarks made by the leaders … that …"."""
    found: list[Candidate] = []
    for token in doc:
        if token.lower_ not in lexicon.noun_cues or token.pos_ not in ("NOUN", "PROPN"):
            continue
        clause = next(
            (c for c in token.children if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
            None,
        )
        if clause is None:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            made = next((c for c in token.children if c.dep_ == "acl" and c is not clause), None)
            agent = next((c for c in made.children if c.dep_ == "agent"), None) if made is not None else None
            owner = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if owner is None:
            continue
        content = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
        found.append(Candidate("noun", (token.i, token.i + 1), noun_phrase(owner), resolution_heads(owner), content, anchor=token.i))
    return found


def find_candidates(doc: Doc, lexicon: CueLexicon, quoted: frozenset[int] = frozenset()) -> list[Candidate]:
    """Every cue in the Doc, in text order (``quoted``: tokens inside quotation marks)."""
    found = verb_candidates(doc, lexicon, quoted) + phrase_candidates(doc, lexicon) + noun_candidates(doc, lexicon)
    return sorted(found, key=lambda c: c.cue[0])

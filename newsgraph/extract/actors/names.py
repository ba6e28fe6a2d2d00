"""Where people's names are in a Doc: the dictionary's people, the model's PERSON entities
with titles and possessives trimmed (split where the model ran two names together, across a
line break or a conjunction) and words led by a known given name, which finds names the
model put inside an organisation ("the New Europe Center Sergey Solodky").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from newsgraph.extract.actors.descriptions import Lexicon
from newsgraph.extract.actors.ids import fold
from newsgraph.extract.actors.matcher import NameMatch

Spans = list[tuple[int, int, str | None]]

_NAME_BREAKS = {"and", "&", "or", "with", ",", ";", ":", "/", "(", ")", "—", "–"}
_NOT_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
              "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}  # fmt: skip
TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "madam", "madame", "monsieur", "herr", "sen", "rep", "gen",
    "lt", "col", "maj", "adm", "capt", "prof", "president", "premier", "minister", "chancellor", "king", "queen", "prince",
    "princess", "sheikh", "pope", "ambassador", "secretary", "general", "colonel", "lieutenant", "admiral", "commander",
    "sergeant", "governor", "mayor", "senator", "spokesman", "spokeswoman", "deputy", "director", "chief", "head", "the",
    "former", "foreign", "prime", "acting", "vice",
}  # fmt: skip
_PARTICLES = {"von", "van", "de", "der", "bin", "al"}
_MAX_NAME_WORDS = 4


def could_be_name(lex: Lexicon, token: Token) -> bool:
    """Whether a single word may be (part of) a person's name: not a month or weekday, not a
    title or role noun, not a country or organisation the dictionary knows."""
    lower = token.lower_
    if lower in _NOT_NAMES or lex.role_at(token.i) or lower.rstrip(".") in TITLES:
        return False
    match = lex.name_at(token.i)
    return match is None or match.kind == "person"


def person_spans(lex: Lexicon, people: list[NameMatch], capitalised: list[int]) -> Spans:
    """Candidate name spans ``(start, end, dictionary person key or None)`` without overlaps:
    dictionary matches first, then the longest."""
    doc = lex.doc
    found: Spans = [(m.start, m.end, m.target) for m in people]
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            found.extend((s, e, None) for s, e in _clean_person(lex, ent))
    given = lex.dictionary.given_names
    for i in capitalised:
        token = doc[i]
        if token.ent_type_ != "PERSON" and fold(token.text) in given:
            end = i + 1
            while end < len(doc) and end - i < _MAX_NAME_WORDS and _name_word(lex, doc[end]):
                end += 1
            if end - i >= 2:
                found.append((i, end, None))
    return _longest_first(found)


def _name_word(lex: Lexicon, token: Token) -> bool:
    if token.lower_ in _PARTICLES:
        return True
    if not token.text[:1].isupper() or not (token.is_alpha or "-" in token.text or token.text.endswith(".")):
        return False
    match = lex.name_at(token.i)
    return not lex.role_at(token.i) and (match is None or match.kind == "person") and token.lower_ not in _NOT_NAMES


def _clean_person(lex: Lexicon, ent: Span) -> Iterator[tuple[int, int]]:
    """The names in a PERSON entity, split at breaks and trimmed of titles."""
    run: list[Token] = []
    for token in ent:
        if token.is_space or token.lower_ in _NAME_BREAKS:
            yield from _trim(lex, run)
            run = []
            continue
        run.append(token)
        if "\n" in token.whitespace_:
            yield from _trim(lex, run)
            run = []
    yield from _trim(lex, run)


def _trim(lex: Lexicon, run: list[Token]) -> Iterator[tuple[int, int]]:
    def is_title(token: Token) -> bool:
        match = lex.name_at(token.i)
        if match is not None and match.kind != "person":
            return True
        return bool(lex.role_at(token.i)) or not token.text[:1].isupper() or token.lower_.rstrip(".") in TITLES

    while run and is_title(run[0]) and run[0].lower_ not in _PARTICLES:
        run = run[1:]
    while run and (run[-1].tag_ == "POS" or (run[-1].is_punct and not run[-1].text.endswith("."))):
        run = run[:-1]
    if run:
        match = lex.name_at(run[0].i)
        # The model's PERSON that is really a known organisation or place ("Sputnik").
        if match is not None and match.kind != "person" and match.end >= run[-1].i + 1:
            return
        yield run[0].i, run[-1].i + 1


def _longest_first(spans: Spans) -> Spans:
    """Non-overlapping spans: dictionary matches first, then the longest; in text order."""
    taken: set[int] = set()
    kept = []
    for start, end, key in sorted(spans, key=lambda s: (s[2] is None, -(s[1] - s[0]), s[0])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        kept.append((start, end, key))
    return sorted(kept)

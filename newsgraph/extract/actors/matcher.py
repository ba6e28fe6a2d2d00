"""Find the actor dictionary's names and role nouns in a Doc.

Names (countries, capitals, demonyms, organisations, known people) are matched on the exact
characters, with an all-capitals variant for datelines and headlines and an accent-free
variant for people; role nouns are matched case-insensitively. Overlapping matches keep the
longest, then the earliest.

The phrases are kept as sequences of token hashes (spaCy's ORTH and LOWER ids, the same in
every process), indexed by their first token: a phrase table is built once with the
pipeline's tokenizer and then comes from newsgraph's compiled cache, so that a process
starts without tokenising ten thousand phrases. Matching reads the Doc's hashes as one array
(``doc.to_array``) and looks each token up once. When one phrase names several entries of
the same kind, the entry added last wins: the DR Congo, listed after the Republic of the
Congo, is "Congo" and "Congolese"; a role noun written in ``roles.tsv`` ("officials") wins
over the plural derived from another ("official").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.data.compiled import compiled
from newsgraph.extract.actors.dictionary import ActorDictionary, Phrase
from newsgraph.extract.actors.ids import fold


@dataclass(frozen=True)
class NameMatch:
    """Tokens ``[start, end)`` naming a dictionary entry (``kind`` and ``target`` as in Phrase)."""

    start: int
    end: int
    kind: str
    target: str


@dataclass(frozen=True)
class RoleMatch:
    """Tokens ``[start, end)`` holding a role noun; ``plural`` when it names several people."""

    start: int
    end: int
    role: str
    plural: bool


# When one span names several things ("US": the country and its adjective), the first wins.
_PRIORITY = {"person": 0, "body": 1, "country": 2, "plural": 3, "seat": 4, "capital": 5, "igo-seat": 6, "adjective": 7}
M = TypeVar("M", "NameMatch", "RoleMatch")


@dataclass
class PhraseTable:
    """Phrases as token-hash sequences under string keys, indexed by their first token."""

    keys: list[str] = field(default_factory=list)
    by_first: dict[int, list[tuple[tuple[int, ...], int]]] = field(default_factory=dict)

    def add(self, key: str, phrases: list[tuple[int, ...]]) -> None:
        """Add the token-hash sequences of one key (after every key added before)."""
        index = len(self.keys)
        self.keys.append(key)
        for phrase in dict.fromkeys(phrases):
            if phrase:
                self.by_first.setdefault(phrase[0], []).append((phrase, index))

    def find(self, hashes: list[int]) -> list[tuple[str, int, int]]:
        """``(key, start, end)`` of every phrase occurrence, by start, the last key added first."""
        found = []
        table = self.by_first
        for start, first in enumerate(hashes):
            candidates = table.get(first)
            if candidates is None:
                continue
            for phrase, index in reversed(candidates):
                end = start + len(phrase)
                if tuple(hashes[start:end]) == phrase:
                    found.append((self.keys[index], start, end))
        return found


def _variants(phrase: Phrase) -> set[str]:
    text = phrase.text
    found = {text}
    if text.startswith("the "):
        found.add("The " + text[4:])
    if len(text) >= 4 and any(c.islower() for c in text):
        found.add(text.upper())
    if phrase.kind == "person":
        folded = fold(text)
        # An accent-free spelling keeps the capitals of the original ("Khurelsukh").
        found.add(" ".join(w[:1].upper() + w[1:] for w in folded.split()) if folded != text.lower() else text)
    return found


def build_tables(nlp: Language, dictionary: ActorDictionary) -> tuple[PhraseTable, PhraseTable]:
    """The name table (ORTH) and the role table (LOWER), tokenised with ``nlp``'s tokenizer."""
    patterns: dict[str, set[str]] = defaultdict(set)
    for phrase in dictionary.phrases():
        for text in _variants(phrase):
            patterns[f"{phrase.kind}|{phrase.target}"].add(text)
    names = PhraseTable()
    for key, texts in patterns.items():
        names.add(key, [tuple(t.orth for t in nlp.make_doc(text)) for text in sorted(texts)])
    roles = PhraseTable()
    for name in dictionary.plural_roles:  # derived plurals first: a role written in the file wins
        roles.add(f"plural|{name}", [tuple(t.lower for t in nlp.make_doc(name))])
    for name in dictionary.roles:
        roles.add(f"role|{name}", [tuple(t.lower for t in nlp.make_doc(name))])
    return names, roles


class ActorMatcher:
    """The dictionary's phrase tables, built once per dictionary and tokenizer."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary, cache_inputs: tuple[str, ...] | None = None) -> None:
        self.dictionary = dictionary
        if cache_inputs is None:  # a dictionary the cache cannot name (built in code): no cache
            self._names, self._roles = build_tables(nlp, dictionary)
        else:
            tokenizer = f"{nlp.meta.get('name')}:{nlp.meta.get('version')}:{spacy.__version__}"
            self._names, self._roles = compiled("actor_phrases", lambda: build_tables(nlp, dictionary), tokenizer, *cache_inputs)

    def names(self, doc: Doc) -> list[NameMatch]:
        """Dictionary names in the doc, without overlaps (longest first)."""
        found = []
        for key, start, end in self._names.find(_hashes(doc, ORTH)):
            kind, target = key.split("|", 1)
            found.append(NameMatch(start, end, kind, target))
        return _without_overlaps(found)

    def roles(self, doc: Doc) -> list[RoleMatch]:
        """Role nouns in the doc, without overlaps (longest first)."""
        found = []
        for key, start, end in self._roles.find(_hashes(doc, LOWER)):
            kind, name = key.split("|", 1)
            if kind == "plural":
                role = self.dictionary.plural_roles[name]
                found.append(RoleMatch(start, end, role.name, True))
            else:
                # "minister" inside "ministers" does not match; a tagger plural (NNS) of a
                # noun whose plural is irregular still counts as several people.
                found.append(RoleMatch(start, end, name, doc[end - 1].tag_ in ("NNS", "NNPS") and doc[end - 1].lower_ != name.split()[-1]))
        return _without_overlaps(found)


def _hashes(doc: Doc, attr: int) -> list[int]:
    return doc.to_array(attr).tolist() if len(doc) else []


def _without_overlaps(matches: list[M]) -> list[M]:
    """Keep the longest of overlapping matches, then the earliest; result in text order."""
    taken: set[int] = set()
    kept: list[M] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start, _PRIORITY.get(getattr(m, "kind", ""), 9))):
        span = range(match.start, match.end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        kept.append(match)
    return sorted(kept, key=lambda m: m.start)

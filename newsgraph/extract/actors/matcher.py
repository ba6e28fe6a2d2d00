"""Find the actor dictionary's names and role nouns in a Doc.

Names (countries, capitals, demonyms, organisations, known people) are matched on the exact
characters, with an all-capitals variant for datelines and headlines and an accent-free
variant for people; role nouns are matched case-insensitively. Overlapping matches keep the
longest, then the earliest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

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


class ActorMatcher:
    """Phrase matchers for one dictionary, built once per pipeline."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self._names = PhraseMatcher(nlp.vocab, attr="ORTH")
        patterns: dict[str, set[str]] = defaultdict(set)
        for phrase in dictionary.phrases():
            for text in _variants(phrase):
                key = f"{phrase.kind}|{phrase.target}"
                patterns[key].add(text)
        for key, texts in patterns.items():
            self._names.add(key, [nlp.make_doc(text) for text in sorted(texts)])
        self._roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name in dictionary.roles:
            self._roles.add(f"role|{name}", [nlp.make_doc(name)])
        for name in dictionary.plural_roles:
            self._roles.add(f"plural|{name}", [nlp.make_doc(name)])

    def names(self, doc: Doc) -> list[NameMatch]:
        """Dictionary names in the doc, without overlaps (longest first)."""
        found = []
        for match_id, start, end in self._names(doc):
            kind, target = doc.vocab.strings[match_id].split("|", 1)
            found.append(NameMatch(start, end, kind, target))
        return _without_overlaps(found)

    def roles(self, doc: Doc) -> list[RoleMatch]:
        """Role nouns in the doc, without overlaps (longest first)."""
        found = []
        for match_id, start, end in self._roles(doc):
            kind, name = doc.vocab.strings[match_id].split("|", 1)
            if kind == "plural":
                role = self.dictionary.plural_roles[name]
                found.append(RoleMatch(start, end, role.name, True))
            else:
                # "minister" inside "ministers" does not match; a tagger plural (NNS) of a
                # noun whose plural is irregular still counts as several people.
                found.append(RoleMatch(start, end, name, doc[end - 1].tag_ in ("NNS", "NNPS") and doc[end - 1].lower_ != name.split()[-1]))
        return _without_overlaps(found)


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

"""The attribution cue lexicon (``newsgraph/data/cues.yaml``), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.data import package_yaml
from newsgraph.errors import DataFileError, Errors


@dataclass(frozen=True)
class CueLexicon:
    """Words that mark attribution; see the comments in ``cues.yaml`` for each group."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    particles: dict[str, frozenset[str]]
    object_cues: frozenset[str]
    quote_verbs: frozenset[str]
    noun_cues: frozenset[str]
    opinion_nouns: frozenset[str]
    source_prepositions: tuple[tuple[str, ...], ...]
    medium_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    not_speakers: frozenset[str]
    dash_marks: str

    def is_clause_verb(self, lemma: str) -> bool:
        """A verb that takes what is said or thought as a clause."""
        return lemma in self.speech_verbs or lemma in self.belief_verbs


def _words(raw: dict, key: str) -> frozenset[str]:
    values = raw[key]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"'{key}' must be a list of words")
    return frozenset(v.lower() for v in values)


def parse_lexicon(raw: object, where: str = "cues.yaml") -> CueLexicon:
    """Build a CueLexicon from the parsed YAML; DataFileError when a group is missing or wrong."""
    try:
        if not isinstance(raw, dict):
            raise TypeError("the file must hold a mapping")
        return CueLexicon(
            speech_verbs=_words(raw, "speech_verbs"),
            belief_verbs=_words(raw, "belief_verbs"),
            particles={verb.lower(): frozenset(p.lower() for p in parts) for verb, parts in raw["particles"].items()},
            object_cues=_words(raw, "object_cues"),
            quote_verbs=_words(raw, "quote_verbs"),
            noun_cues=_words(raw, "noun_cues"),
            opinion_nouns=_words(raw, "opinion_nouns"),
            source_prepositions=tuple(tuple(w.lower() for w in phrase) for phrase in raw["source_prepositions"]),
            medium_nouns=_words(raw, "medium_nouns"),
            relative_pronouns=_words(raw, "relative_pronouns"),
            not_speakers=_words(raw, "not_speakers"),
            dash_marks=str(raw["dash_marks"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(Errors.E414, where=where, detail=exc) from exc


@cache
def load_cue_lexicon() -> CueLexicon:
    """Load ``data/cues.yaml``."""
    return parse_lexicon(package_yaml("cues.yaml"))

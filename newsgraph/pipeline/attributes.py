"""Part of speech, morphology and lemmas in one pass over arrays: the model's attribute_ruler
and lemmatizer, computed from lookups instead of token by token.

The English model's ``attribute_ruler`` maps each tag to a part of speech and features and
corrects a few words by rules of one or two tokens (``"ai n't"`` → lemma ``be``, a ``DT`` that
is not a determiner → ``PRON``); its ``lemmatizer`` then lemmatises every token from tables.
Both are exact functions of a few attributes: the rules look at a token's tag, dependency,
lower-case form and whether it is a space, and at its neighbours for two-token rules; the
lemma is a function of the word, its part of speech and its features (spaCy's own cache is
keyed so). This component reads those attributes as arrays (``doc.to_array``), looks each
token up in tables built as new combinations appear, and writes the results back with
``doc.from_array`` — the same annotations (``bench/attributes.py`` and the tests compare
every token on the evaluation corpora) at a fraction of the cost, since the rules no longer
run a matcher and set attributes one token at a time.

The rules and tables are the model's own (``attribute_ruler/patterns``, ``lemmatizer/lookups``),
read from the model the pipeline was loaded from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import spacy.util
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsgraph.errors import Errors, PipelineError

_FEATURES = (LOWER, TAG, DEP, IS_SPACE)  # what the rules may look at, in this order
_FEATURE_NAMES = ("LOWER", "TAG", "DEP", "IS_SPACE")
_OUTPUTS = ("POS", "MORPH", "LEMMA", "TAG", "DEP")  # what the rules may set


@dataclass(frozen=True)
class Rule:
    """One attribute rule: alternatives of one or two token specs (ids into
    ``RuleSet.specs``), the position in the match whose token gets ``attrs``."""

    alternatives: tuple[tuple[int, ...], ...]
    index: int
    attrs: dict[str, str]


@dataclass
class Tests:
    """The distinct tests rules make on one token attribute, evaluated together: literal
    values through one lookup, exclusions and regular expressions one by one."""

    count: int = 0
    literals: dict[Any, list[int]] = field(default_factory=dict)  # value → tests it passes
    excluding: list[tuple[int, frozenset[Any]]] = field(default_factory=list)
    patterns: list[tuple[int, re.Pattern[str]]] = field(default_factory=list)

    def add(self, value: Any, where: str) -> int:
        """Add the test of one spec value (``"DT"``, ``{"IN": [...]}``, ``{"NOT_IN": [...]}``,
        ``{"REGEX": "..."}``, ``True``); its index."""
        index = self.count
        self.count += 1
        op, arg = next(iter(value.items())) if isinstance(value, dict) else ("EQ", value)
        if isinstance(value, dict) and (len(value) != 1 or op not in ("IN", "NOT_IN", "REGEX")):
            raise PipelineError(Errors.E415, detail=f"{where}: {value}")
        if op in ("EQ", "IN"):
            for literal in [arg] if op == "EQ" else arg:
                self.literals.setdefault(literal, []).append(index)
        elif op == "NOT_IN":
            self.excluding.append((index, frozenset(arg)))
        else:
            self.patterns.append((index, re.compile(arg)))
        return index

    def results(self, value: Any) -> tuple[bool, ...]:
        """Which tests ``value`` passes."""
        passed = [False] * self.count
        for index in self.literals.get(value, ()):
            passed[index] = True
        for index, excluded in self.excluding:
            passed[index] = value not in excluded
        for index, pattern in self.patterns:
            passed[index] = bool(pattern.search(value))
        return tuple(passed)


@dataclass
class RuleSet:
    """The rules, with every distinct test on each token attribute listed once: a token spec is
    a conjunction of ``(attribute, test)`` pairs, so that a token's fit to every spec follows
    from one vector of test results per attribute value."""

    rules: list[Rule] = field(default_factory=list)
    specs: list[tuple[tuple[int, int], ...]] = field(default_factory=list)
    tests: tuple[Tests, ...] = field(default_factory=lambda: (Tests(), Tests(), Tests(), Tests()))
    _test_ids: tuple[dict[str, int], ...] = field(default_factory=lambda: ({}, {}, {}, {}))
    before: set[int] = field(default_factory=set)  # specs a rule tests on the token before its target
    after: set[int] = field(default_factory=set)  # specs a rule tests on the token after it

    def spec(self, spec: dict[str, Any]) -> int:
        """The id of a token spec (``{"TAG": "DT", "LOWER": "a"}``)."""
        parts = []
        for key, value in spec.items():
            if key not in _FEATURE_NAMES:
                raise PipelineError(Errors.E415, detail=f"token attribute {key}")
            attribute = _FEATURE_NAMES.index(key)
            ids = self._test_ids[attribute]
            if repr(value) not in ids:
                ids[repr(value)] = self.tests[attribute].add(value, key)
            parts.append((attribute, ids[repr(value)]))
        self.specs.append(tuple(parts))
        return len(self.specs) - 1


def read_rules(patterns: list[dict[str, Any]]) -> RuleSet:
    """The attribute_ruler's patterns as rules, in its order (a later rule wins)."""
    found = RuleSet()
    for entry in patterns:
        alternatives = tuple(tuple(found.spec(spec) for spec in alternative) for alternative in entry["patterns"])
        index = int(entry.get("index", 0))
        if any(len(a) not in (1, 2) or not 0 <= index < len(a) for a in alternatives):
            raise PipelineError(Errors.E415, detail="a rule longer than two tokens")
        found.rules.append(Rule(alternatives, index, dict(entry["attrs"])))
        for alternative in alternatives:
            if len(alternative) == 2:  # the other token of a two-token rule is a neighbour
                (found.before if index == 1 else found.after).add(alternative[1 - index])
    return found


class TokenAttributes:
    """Component: sets ``token.pos``, ``token.morph`` and ``token.lemma`` (and the tag and
    dependency of space tokens) as the model's attribute_ruler and lemmatizer would."""

    def __init__(self, nlp: Language, rules: RuleSet, lemmatize: Callable[[Any], str]) -> None:
        self.vocab = nlp.vocab
        self.rules = rules
        self.lemmatize = lemmatize
        self._results: tuple[dict[int, int], ...] = ({}, {}, {}, {})  # attribute value → id of its test results
        self._result_ids: dict[tuple[bool, ...], int] = {}
        self._result_vectors: list[tuple[bool, ...]] = []
        self._classes: dict[tuple[int, ...], int] = {}  # test result ids → class id
        self._class_specs: list[tuple[bool, ...]] = []  # class id → which specs a token of it fits
        # class id → what a neighbour of that class shows a rule (most classes look alike)
        self._as_before: list[int] = []
        self._as_after: list[int] = []
        self._neighbour_ids: dict[tuple[bool, ...], int] = {}
        self._neighbour_vectors: list[tuple[bool, ...]] = []
        self._windows: dict[tuple[int, int, int], dict[str, int]] = {}  # classes of i-1, i, i+1 → attributes
        self._lemmas: dict[tuple[int, int, int], str] = {}  # orth, pos, morph → lemma
        # Every value a rule sets, in the string store for good: a batch analysed inside a
        # memory zone forgets the strings it added, and the tables keep hashes.
        for rule in rules.rules:
            for name, value in rule.attrs.items():
                self._attr_value(name, value)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        classes = [self._class_of(row) for row in doc.to_array(list(_FEATURES)).tolist()]
        changes = [self._window(classes, i) for i in range(len(doc))]
        values = doc.to_array([POS, MORPH, LEMMA])
        for i, change in enumerate(changes):
            for column, name in enumerate(("POS", "MORPH", "LEMMA")):
                if name in change:
                    values[i, column] = change[name]
        doc.from_array([POS, MORPH, LEMMA], values)  # type: ignore[arg-type]
        for i, change in enumerate(changes):  # only space tokens: a handful per article
            if "TAG" in change:
                doc[i].tag = change["TAG"]
            if "DEP" in change:
                doc[i].dep = change["DEP"]
        self._set_lemmas(doc)
        return doc

    def _class_of(self, row: list[int]) -> int:
        """A token's class: which specs it fits, from its four attribute values."""
        key = tuple(self._result_id(attribute, value) for attribute, value in enumerate(row))
        found = self._classes.get(key)
        if found is None:
            vectors = [self._result_vectors[i] for i in key]
            fits = tuple(all(vectors[a][t] for a, t in spec) for spec in self.rules.specs)
            found = self._classes[key] = len(self._class_specs)
            self._class_specs.append(fits)
            self._as_before.append(self._neighbour(fits, self.rules.before))
            self._as_after.append(self._neighbour(fits, self.rules.after))
        return found

    def _neighbour(self, fits: tuple[bool, ...], relevant: set[int]) -> int:
        """An id for a class seen from a neighbour: its fit to the specs rules test there,
        the other specs reading False."""
        vector = tuple(fits[spec] and spec in relevant for spec in range(len(fits)))
        found = self._neighbour_ids.setdefault(vector, len(self._neighbour_vectors))
        if found == len(self._neighbour_vectors):
            self._neighbour_vectors.append(vector)
        return found

    def _result_id(self, attribute: int, value: int) -> int:
        found = self._results[attribute].get(value)
        if found is None:
            text: Any = bool(value) if attribute == 3 else (self.vocab.strings[value] if value else "")
            vector = self.rules.tests[attribute].results(text)
            found = self._result_ids.setdefault(vector, len(self._result_vectors))
            if found == len(self._result_vectors):
                self._result_vectors.append(vector)
            self._results[attribute][value] = found
        return found

    def _window(self, classes: list[int], i: int) -> dict[str, int]:
        before = self._as_before[classes[i - 1]] if i else -1
        after = self._as_after[classes[i + 1]] if i + 1 < len(classes) else -1
        key = (before, classes[i], after)
        change = self._windows.get(key)
        if change is None:
            change = self._windows[key] = self._apply(key)
        return change

    def _apply(self, key: tuple[int, int, int]) -> dict[str, int]:
        """The attributes the rules set on the middle token of a window, later rules winning."""
        here = self._class_specs[key[1]]
        before, after = ((self._neighbour_vectors[c] if c >= 0 else None) for c in (key[0], key[2]))
        change: dict[str, int] = {}
        for rule in self.rules.rules:
            for alternative in rule.alternatives:
                tokens: tuple[tuple[tuple[bool, ...] | None, int], ...]
                if len(alternative) == 1:
                    tokens = ((here, alternative[0]),)
                elif rule.index == 0:
                    tokens = ((here, alternative[0]), (after, alternative[1]))
                else:
                    tokens = ((before, alternative[0]), (here, alternative[1]))
                if all(fits is not None and fits[spec] for fits, spec in tokens):
                    for name, value in rule.attrs.items():
                        change[name] = self._attr_value(name, value)
                    break
        return change

    def _attr_value(self, name: str, value: str) -> int:
        if name == "MORPH":
            return int(self.vocab.morphology.add(value))
        if name == "POS":
            return int(POS_IDS[value])
        if name not in _OUTPUTS:
            raise PipelineError(Errors.E415, detail=f"a rule that sets {name}")
        return int(self.vocab.strings.add(value))

    def _set_lemmas(self, doc: Doc) -> None:
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = values[:, 3].copy()
        cache = self._lemmas
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma:
                continue  # a rule set it; the lemmatizer keeps such lemmas
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self.lemmatize(doc[i])
            lemmas[i] = self.vocab.strings.add(found)
        values[:, 3] = lemmas
        doc.from_array([LEMMA], numpy.ascontiguousarray(values[:, 3:4]))  # type: ignore[arg-type]


class RuleLemmas:
    """spaCy's rule lemmatizer (``Lemmatizer.rule_lemmatize``) step for step, with its word
    index as a set: the model ships it as a list of 57,000 words, which spaCy searches
    from the start for every candidate form."""

    def __init__(self, lemmatizer: Any) -> None:
        self.is_base_form = lemmatizer.is_base_form
        lookups = lemmatizer.lookups
        self.index = lookups.get_table("lemma_index", {})
        self.exceptions = lookups.get_table("lemma_exc", {})
        self.rules = lookups.get_table("lemma_rules", {})
        self._index_sets: dict[str, frozenset[str]] = {}

    def __call__(self, token: Any) -> str:
        """The first lemma spaCy's lemmatizer would give ``token``."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space") or self.is_base_form(token):
            return str(string.lower())
        if not any((self.index.get(univ_pos), self.exceptions.get(univ_pos), self.rules.get(univ_pos))):
            return str(string if univ_pos == "propn" else string.lower())
        index = self._index_sets.get(univ_pos)
        if index is None:
            index = self._index_sets[univ_pos] = frozenset(self.index.get(univ_pos, []))
        lower = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in self.rules.get(univ_pos, []):
            if lower.endswith(old):
                form = lower[: len(lower) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in self.exceptions.get(univ_pos, {}).get(lower, []):
            if form not in forms:
                forms.insert(0, form)
        return str((forms or oov_forms or [string])[0])


def model_directory(nlp: Language) -> Path:
    """The folder of the model the pipeline was loaded from."""
    path = getattr(nlp, "_path", None)
    if path is not None:
        return Path(path)
    package = f"{nlp.meta['lang']}_{nlp.meta['name']}"
    return Path(spacy.util.get_package_path(package)) / f"{package}-{nlp.meta['version']}"


@Language.factory(
    "newsgraph_attributes",
    assigns=["token.pos", "token.morph", "token.lemma"],
    requires=["token.tag", "token.dep"],
)
def make_attributes(nlp: Language, name: str) -> TokenAttributes:
    """spaCy factory: the model's attribute_ruler and lemmatizer as one array pass."""
    folder = model_directory(nlp)
    ruler = AttributeRuler(nlp.vocab, name="attribute_ruler").from_disk(folder / "attribute_ruler", exclude=["vocab"])
    lemmatizer = nlp.create_pipe("lemmatizer", config={"mode": "rule"}).from_disk(folder / "lemmatizer", exclude=["vocab"])  # type: ignore[attr-defined]
    return TokenAttributes(nlp, read_rules(ruler.patterns), RuleLemmas(lemmatizer))

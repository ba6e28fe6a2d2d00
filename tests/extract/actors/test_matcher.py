"""The phrase tables find exactly what spaCy's PhraseMatcher finds on the same phrases, and a
phrase shared by two entries goes to the one listed last."""

from __future__ import annotations

from collections import defaultdict

from spacy.matcher import PhraseMatcher

from newsgraph.extract.actors.dictionary import shipped_dictionary
from newsgraph.extract.actors.matcher import ActorMatcher, _variants, build_tables
from newsgraph.pipeline import Analyzer

WIRE = (
    "KINSHASA, June 3 - Congolese troops and Rwandan-backed M23 fighters clashed near Goma, officials said, "
    "as Foreign Minister Therese Kayikwamba Wagner flew to Brussels. The European Union and the United Nations "
    "urged restraint; Washington said U.S. envoys would meet Congo's president Felix Tshisekedi. Russian officials "
    "in Moscow and the Kremlin declined to comment, while the foreign ministers of Belgium and France met in Paris."
)


def test_the_tables_find_what_the_phrase_matcher_finds(analyzer: Analyzer) -> None:
    nlp = analyzer.nlp
    dictionary = shipped_dictionary()
    names, roles = build_tables(nlp, dictionary)
    reference = PhraseMatcher(nlp.vocab, attr="ORTH")
    patterns: dict[str, set[str]] = defaultdict(set)
    for phrase in dictionary.phrases():
        patterns[f"{phrase.kind}|{phrase.target}"] |= _variants(phrase)
    for key, texts in patterns.items():
        reference.add(key, [nlp.make_doc(t) for t in sorted(texts)])
    doc = nlp(WIRE)
    expected = {(nlp.vocab.strings[m], s, e) for m, s, e in reference(doc)}
    found = set(names.find([t.orth for t in doc]))
    assert found == expected and len(found) > 10
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name in (*dictionary.roles, *dictionary.plural_roles):
        key = f"{'role' if name in dictionary.roles else 'plural'}|{name}"
        lower.add(key, [nlp.make_doc(name)])
    found_roles = {(k.split("|", 1)[1], s, e) for k, s, e in roles.find([t.lower for t in doc])}
    assert found_roles == {(nlp.vocab.strings[m].split("|", 1)[1], s, e) for m, s, e in lower(doc)}


def test_a_shared_phrase_goes_to_the_entry_listed_last(analyzer: Analyzer) -> None:
    matcher = ActorMatcher(analyzer.nlp, shipped_dictionary(), ())
    doc = analyzer.nlp("Congolese officials said Congo would not attend.")
    assert [(m.kind, m.target) for m in matcher.names(doc)] == [("adjective", "COD"), ("country", "COD")]
    (officials,) = matcher.roles(doc)
    assert officials.role == "officials" and not officials.plural  # the role written in roles.tsv

"""PETRARCH verb dictionaries as extra patterns (a small dictionary written for this test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import DataFileError
from newsgraph.extract.events.component import EventCoder, build_patterns
from newsgraph.extract.events.petrarch import load_petrarch_verbs, parse_petrarch_verbs
from newsgraph.model import Article, InputRef

DICTIONARY = """<!-- a test dictionary -->
&TIES
+DIPLOMATIC_TIES
+RELATIONS

--- RESTORE  [054]  ---
RESTORE    # comment
- * &TIES  [064]
- NOT * &TIES [112]

--- VISIT  [042:043]  ---
VISIT {VISITS VISITED}
TOUR [042]
"""


def test_blocks_synsets_forms_and_code_pairs() -> None:
    patterns = parse_petrarch_verbs(DICTIONARY, source="test")
    by_code = {p.code: p for p in patterns}
    assert by_code["054"].lemmas == frozenset({"restore"}) and by_code["054"].about is None
    ties = by_code["064"]
    assert ties.about is not None and ties.about.words == frozenset({"diplomatic ties", "relations"})
    assert by_code["112"].only_negated
    visit = next(p for p in patterns if "visit" in p.lemmas)
    assert visit.lemmas == frozenset({"visit", "visits", "visited"}) and (visit.code, visit.reverse_code) == ("042", "043")


def test_dictionary_patterns_take_precedence(analyzer, tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    assert len(load_petrarch_verbs(path)) == 5
    coder = EventCoder(build_patterns([path]))
    nlp = analyzer.nlp
    doc = nlp.make_doc("Egypt restored diplomatic relations with Qatar. The Estonian president visited Finland.")
    doc._.ng_article = Article(id="p", input=InputRef(), text=doc.text, published="2021-01-05")
    with nlp.select_pipes(disable=["newsgraph_events"]):
        doc = nlp(doc)
    codes = {(c.event.cameo, c.event.source.name if c.event.source else None) for c in coder.code(doc)}
    assert ("064", "Egypt") in codes
    assert {code for code, _ in codes} >= {"042", "043"}


def test_unreadable_dictionary_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read the PETRARCH verb dictionary") as raised:
        load_petrarch_verbs(tmp_path / "missing.txt")
    assert raised.value.code == "E540"

"""newsgraph_attributes gives every token the POS, morphology and lemma the model's
attribute_ruler and lemmatizer give it (bench/attributes.py checks the evaluation corpora)."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.errors import PipelineError
from newsgraph.pipeline.attributes import read_rules
from newsgraph.pipeline.build import model_name
from newsgraph.pipeline.extensions import register_extensions

WIRE = (
    "VILNIUS, March 4 - Lithuania's president said on Monday that there were no talks with Minsk, "
    "and that it was not clear whether the border would reopen.\n\n"
    '"We ain\'t gonna let them in," a guard told reporters. "Let\'s see what they do." '
    "But the ministers, who had met in Riga, got nothing from those talks; I asked them, and they told me it was over. "
    "Y'all know that, one diplomat said, adding: \"C'mon, this is gotta change.\"  The EU's envoys were expelled; "
    "these were the worst weeks since 1991 for both sides."
)


@pytest.mark.slow
def test_the_same_annotations_as_the_model_components() -> None:
    register_extensions()
    reference = spacy.load(model_name(), exclude=["ner", "senter"])
    ours = spacy.load(model_name(), exclude=["ner", "senter", "attribute_ruler", "lemmatizer"])
    ours.add_pipe("newsgraph_attributes")
    for text in (WIRE, WIRE.upper(), WIRE.replace(" ", "  ")):
        expected = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in reference(text)]
        found = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in ours(text)]
        assert found == expected
    assert {t.lemma_ for t in ours("They ain't gonna go.")} >= {"be", "go"}


def test_rules_it_cannot_read_are_refused() -> None:
    with pytest.raises(PipelineError, match="E415"):
        read_rules([{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}, "index": 0}])
    rules = read_rules([{"patterns": [[{"TAG": "DT", "LOWER": {"IN": ["a", "an"]}}]], "attrs": {"POS": "DET"}, "index": 0}])
    assert rules.specs == [((1, 0), (0, 0))] and rules.tests[0].results("an") == (True,)

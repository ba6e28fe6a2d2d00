from __future__ import annotations

import pytest

from newsgraph.extract.tone import load_lexicon, tone_of


@pytest.fixture(scope="module")
def nlp(analyzer):
    return analyzer.nlp


def test_negative_text_has_negative_tone(nlp) -> None:
    doc = nlp.make_doc("The talks ended in failure, and the minister condemned the brutal attack as a disaster.")
    tone = tone_of(doc, load_lexicon())
    assert tone.score < 0
    assert tone.negative > tone.positive
    assert tone.polarity == pytest.approx(tone.positive + tone.negative)


def test_positive_text_has_positive_tone(nlp) -> None:
    doc = nlp.make_doc("Both sides welcomed the successful agreement and praised the constructive, friendly atmosphere.")
    assert tone_of(doc, load_lexicon()).score > 0


def test_negator_flips_valence(nlp) -> None:
    lexicon = load_lexicon()
    plain = tone_of(nlp.make_doc("The meeting was good for both sides."), lexicon)
    negated = tone_of(nlp.make_doc("The meeting was not good for both sides."), lexicon)
    assert plain.score > 0 > negated.score


def test_a_negator_up_to_three_words_back_flips_valence(nlp) -> None:
    lexicon = load_lexicon()
    near = tone_of(nlp.make_doc("The ceasefire talks were not at all successful."), lexicon)
    contracted = tone_of(nlp.make_doc("The envoy said the visit wasn't really very helpful."), lexicon)
    far = tone_of(nlp.make_doc("Officials did not say whether the talks were successful."), lexicon)
    assert near.score < 0 and contracted.score < 0  # "not at all", "n't really very": within three words
    assert far.score > 0  # "not" five words before "successful"


def test_word_count_and_gdelt_scale(nlp) -> None:
    tone = tone_of(nlp.make_doc("Good talks, bad weather, and ten more words of plain neutral text here today."), load_lexicon())
    assert tone.words == 14
    assert tone.positive == pytest.approx(100 / 14, abs=0.01)


def test_component_gives_every_sentence_its_tone_with_offsets(analyzer) -> None:
    text = (
        "The ministers welcomed a constructive and friendly meeting. "
        "Hours later, a missile attack killed three civilians and destroyed a hospital."
    )
    doc = analyzer.nlp(text)
    first, second = doc._.ng_tone.sentences
    assert text[first.start : first.end] == "The ministers welcomed a constructive and friendly meeting."
    assert text[second.start : second.end].startswith("Hours later")
    assert first.score > 0 > second.score
    assert first.words + second.words == doc._.ng_tone.words

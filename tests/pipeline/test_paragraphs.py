"""A blank line ends a sentence; a single line break does not."""

from __future__ import annotations

from newsgraph.pipeline import Analyzer
from tests.support.articles import prepared_text


def test_a_heading_is_its_own_sentence(analyzer: Analyzer) -> None:
    text = (
        "WHY THE VISIT FAILED\n\nThe Latvian foreign minister cancelled his trip to Minsk on Monday after Belarus expelled two diplomats."
    )
    sentences = [s.text.strip() for s in analyzer.nlp(text).sents]
    assert sentences[0] == "WHY THE VISIT FAILED"
    assert sentences[1].startswith("The Latvian foreign minister")


def test_a_hard_wrapped_sentence_stays_whole(analyzer: Analyzer) -> None:
    text = "The Latvian foreign minister cancelled his trip to Minsk on Monday\nafter Belarus expelled two diplomats."
    assert len(list(analyzer.nlp(text).sents)) == 1


def test_the_heading_no_longer_becomes_the_subject_of_the_first_event(analyzer: Analyzer) -> None:
    text = (
        "Warsaw answers Moscow\n\n"
        "Polish officials said on Tuesday that the country would respond to the arrests.\n\n"
        "SANCTIONS AND ANSWERS\n\n"
        "Poland expelled three Russian diplomats on Wednesday."
    )
    article = analyzer.analyze(prepared_text(text, "2024-04-04", "warsaw.txt"))
    expulsions = [e for e in article.events if e.root == "16"]
    assert expulsions and all(e.source is not None and e.source.country == "POL" for e in expulsions)
    assert all(article.text[e.sentence.start : e.sentence.end].lstrip().startswith("Poland") for e in expulsions)

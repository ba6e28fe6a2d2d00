"""Quotations: pairing of quotation marks, the cue lexicon, and the quotes component on
wire-style text (direct, indirect, mixed, dash and colon attribution, carry-over, terms)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import DataFileError
from newsgraph.extract.quotes.lexicon import load_cue_lexicon, parse_lexicon
from newsgraph.extract.quotes.marks import find_marked_spans
from newsgraph.model import Article, InputRef, Quote


def _quotes(analyzer, text: str) -> list[Quote]:
    result = analyzer.analyze(Article(id="fixture", input=InputRef(id="fixture"), text=text))
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
        if quote.speaker is not None and quote.speaker.mention is not None:
            m = quote.speaker.mention
            assert text[m.start : m.end] == m.text
    return result.quotes


def _find(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quotation holding {fragment!r} in {[q.text for q in quotes]}"
    return found[0]


def _speaker(quote: Quote) -> str | None:
    return quote.speaker.mention.text if quote.speaker and quote.speaker.mention else None


# -- quotation marks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ('He said "we will not retreat" today.', ["we will not retreat"]),
        ("He said “we will not retreat” today.", ["we will not retreat"]),
        ("Er sagte „wir weichen nicht“ heute.", ["wir weichen nicht"]),
        ("Il a dit «nous ne reculerons pas» hier.", ["nous ne reculerons pas"]),
        ("“The talks on ‘security guarantees’ stalled,” he said.", ["The talks on ‘security guarantees’ stalled,"]),
        ('"A," he said, "B."', ["A,", "B."]),
        ("The minister said: 'Sanctions will stay.'", ["Sanctions will stay."]),
    ],
)
def test_marks_pair_in_every_style(text: str, inner: list[str]) -> None:
    spans = find_marked_spans(text)
    assert [text[s.content_start : s.content_end] for s in spans] == inner
    assert all(s.closed for s in spans)


def test_a_quote_over_several_paragraphs_gives_one_span_per_paragraph() -> None:
    text = "“Sanctions are working.\n\n“The economy is shrinking.\n\n“We will keep the pressure on,” she said."
    spans = find_marked_spans(text)
    assert [s.continued for s in spans] == [True, True, False]
    assert [s.closed for s in spans] == [False, False, True]
    assert text[spans[1].content_start : spans[1].content_end] == "The economy is shrinking."


def test_unbalanced_marks_are_recovered() -> None:
    text = 'The envoy said "talks will resume in Geneva. Nothing else was agreed.\n\nA stray ” mark and a “real” one.'
    spans = find_marked_spans(text)
    assert [text[s.content_start : s.content_end] for s in spans] == [
        "talks will resume in Geneva. Nothing else was agreed.",
        "real",
    ]
    assert not spans[0].closed


def test_apostrophes_are_not_quotes() -> None:
    assert find_marked_spans("Russia's envoy said the Kremlin's 'red lines' hadn't moved.") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .,\n\"“”„«»‘’'", max_size=80))
def test_marks_never_crash_and_stay_in_bounds(text: str) -> None:
    spans = find_marked_spans(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.content_start <= span.content_end
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


# -- cue lexicon --------------------------------------------------------------------------


def test_cue_lexicon_loads_its_groups() -> None:
    lexicon = load_cue_lexicon()
    assert lexicon.is_clause_verb("say") and lexicon.is_clause_verb("believe")
    assert "out" in lexicon.particles["point"]
    assert ("according", "to") in lexicon.source_prepositions
    assert "opinion" in lexicon.opinion_nouns and "interview" in lexicon.medium_nouns


def test_malformed_cue_lexicon_is_a_data_file_error() -> None:
    with pytest.raises(DataFileError):
        parse_lexicon({"speech_verbs": "say"})


# -- the component ------------------------------------------------------------------------

WIRE = (
    "BRUSSELS, March 4 (Reuters) - The European Union will extend its sanctions on Russia for another "
    "six months, the bloc's foreign policy chief Kaja Kallas said on Monday.\n\n"
    '"We will not lift the pressure while the war goes on," Kallas told reporters after a meeting of '
    'foreign ministers. "Every member state agreed."\n\n'
    'Hungarian Foreign Minister Peter Szijjarto said: "Budapest will not block the decision this time."\n\n'
    '"This is a day of unity," said Polish Foreign Minister Radoslaw Sikorski.\n\n'
    "According to two diplomats, the talks lasted less than an hour.\n\n"
    "Sikorski says that the next package will target liquefied natural gas.\n\n"
    'The Kremlin dismissed the move as a "hostile act", spokesman Dmitry Peskov said.\n\n'
    'The "peace plan" has few supporters in Kyiv.'
)


def test_direct_quote_with_cue_after(analyzer) -> None:
    quote = _find(_quotes(analyzer, WIRE), "We will not lift the pressure")
    assert quote.kind == "direct"
    assert quote.cue is not None and quote.cue.text == "told"
    assert _speaker(quote) == "Kallas"
    assert quote.speaker is not None and quote.speaker.actor == "person:kaja-kallas"


def test_second_sentence_after_the_cue_carries_over(analyzer) -> None:
    quote = _find(_quotes(analyzer, WIRE), "Every member state agreed")
    assert quote.kind == "direct" and _speaker(quote) == "Kallas"


def test_colon_and_inverted_cues(analyzer) -> None:
    quotes = _quotes(analyzer, WIRE)
    colon = _find(quotes, "Budapest will not block")
    assert colon.kind == "direct" and _speaker(colon) == "Hungarian Foreign Minister Peter Szijjarto"
    inverted = _find(quotes, "This is a day of unity")
    assert inverted.kind == "direct" and _speaker(inverted) == "Polish Foreign Minister Radoslaw Sikorski"
    assert inverted.speaker is not None and inverted.speaker.actor == "person:radoslaw-sikorski"


def test_indirect_quotes_keep_the_clause_and_the_subject(analyzer) -> None:
    quotes = _quotes(analyzer, WIRE)
    first = _find(quotes, "will extend its sanctions")
    assert first.kind == "indirect" and first.cue is not None and first.cue.text == "said"
    assert _speaker(first) == "the bloc's foreign policy chief Kaja Kallas"
    according = _find(quotes, "the talks lasted less than an hour")
    assert according.cue is not None and according.cue.text == "According to" and _speaker(according) == "two diplomats"
    says = _find(quotes, "will target liquefied natural gas")
    assert says.kind == "indirect" and says.text.startswith("that ") and _speaker(says) == "Sikorski"


def test_mixed_quote_and_scare_quote(analyzer) -> None:
    quotes = _quotes(analyzer, WIRE)
    mixed = _find(quotes, "hostile act")
    assert mixed.kind == "mixed" and _speaker(mixed) == "spokesman Dmitry Peskov"
    term = _find(quotes, "peace plan")
    assert term.kind == "term" and term.speaker is None and term.cue is None


ANALYSIS = (
    "The visit ended in a public rebuke.\n\n"
    'Lavrov\'s statement that the EU is an "unreliable partner" set the tone for the day.\n\n'
    "The sanctions regime is leaking through third countries, - says analyst Olena Marchenko\n\n"
    'In his opinion, the summit changed little: "Nobody expected a breakthrough."\n\n'
    'Borrell notes that "Russia is moving further away from Europe." "We will have to draw conclusions."\n\n'
    '"The minister was clearly prepared," Marchenko said.\n\n'
    '"He did not answer a single question about the prisoners."\n\n'
    '"Our position has not changed. President Macron said that Europe stands united," the ambassador added.'
)


def test_mixed_noun_cue_with_possessor(analyzer) -> None:
    quote = _find(_quotes(analyzer, ANALYSIS), "unreliable partner")
    assert quote.kind == "mixed" and quote.cue is not None and quote.cue.text == "statement"
    assert _speaker(quote) == "Lavrov"


def test_dash_attribution_without_marks_takes_the_line(analyzer) -> None:
    quote = _find(_quotes(analyzer, ANALYSIS), "sanctions regime is leaking")
    assert quote.text.startswith("The sanctions regime")
    assert _speaker(quote) == "analyst Olena Marchenko"


def test_opinion_phrase_gives_the_possessor_and_the_quote_after_the_colon(analyzer) -> None:
    quotes = _quotes(analyzer, ANALYSIS)
    clause = _find(quotes, "the summit changed little")
    assert clause.cue is not None and clause.cue.text == "In his opinion" and _speaker(clause) == "his"
    colon = _find(quotes, "Nobody expected a breakthrough")
    assert colon.kind == "direct" and _speaker(colon) == "his"


def test_quote_after_notes_that_and_the_next_one_share_the_speaker(analyzer) -> None:
    quotes = _quotes(analyzer, ANALYSIS)
    assert _speaker(_find(quotes, "moving further away")) == "Borrell"
    assert _speaker(_find(quotes, "draw conclusions")) == "Borrell"


def test_carried_over_paragraph_and_nested_claim(analyzer) -> None:
    quotes = _quotes(analyzer, ANALYSIS)
    carried = _find(quotes, "did not answer a single question")
    assert carried.kind == "direct" and _speaker(carried) == "Marchenko"
    outer = _find(quotes, "Our position has not changed")
    assert outer.kind == "direct" and _speaker(outer) == "the ambassador"
    inner = [q for q in quotes if q.text.startswith("that Europe stands united")]
    assert inner and _speaker(inner[0]) == "President Macron"


def test_titles_and_unbalanced_marks_do_not_get_speakers(analyzer) -> None:
    text = (
        'In an interview on CBS\'s "Face the Nation," the senator said the vote would be close.\n\n'
        '"We have the numbers, the whip said. Nobody believed him.\n\n'
        'THE "LAST CHANCE" SUMMIT'
    )
    quotes = _quotes(analyzer, text)
    title = _find(quotes, "Face the Nation")
    assert title.kind == "term" and title.speaker is None
    assert _find(quotes, "LAST CHANCE").speaker is None


def test_dash_and_name_lines(analyzer) -> None:
    text = (
        "Moscow to weigh every request from EU envoys separately — Lavrov\n\n"
        "Readers sent us their views on the summit.\n\n"
        "“The talks showed that Europe can still speak with one voice.” ― Marta Kowalska\n\n"
        "The talks ended late on Friday."
    )
    quotes = _quotes(analyzer, text)
    headline = _find(quotes, "weigh every request")
    assert headline.cue is not None and headline.cue.text == "—" and _speaker(headline) == "Lavrov"
    reader = _find(quotes, "speak with one voice")
    assert reader.kind == "direct" and _speaker(reader) == "Marta Kowalska"
    assert not [q for q in quotes if "ended late" in q.text]


def test_guillemets_and_low_high_marks_are_quotations(analyzer) -> None:
    text = "«We are ready for dialogue,» Zakharova said. The envoy added: „Nothing has been decided yet.“"
    quotes = _quotes(analyzer, text)
    assert _speaker(_find(quotes, "ready for dialogue")) == "Zakharova"
    assert _speaker(_find(quotes, "Nothing has been decided")) == "The envoy"


def test_quote_over_paragraphs_shares_its_speaker(analyzer) -> None:
    text = (
        "Stoltenberg said:\n\n"
        "“Allies have agreed to increase support.\n\n"
        "“More air defence systems will arrive this month.\n\n"
        "“We will not let Ukraine stand alone.”"
    )
    quotes = [q for q in _quotes(analyzer, text) if q.kind == "direct"]
    assert len(quotes) == 3
    assert {_speaker(q) for q in quotes} == {"Stoltenberg"}


# -- the seeds (read at run time) ---------------------------------------------------------


def _seed_quotes(analyzer, seeds_dir, prefix: str):
    from newsgraph.config import ReadOptions
    from newsgraph.ingest import read_articles

    paths = sorted(str(p) for p in seeds_dir.glob(f"{prefix}*.txt"))
    if not paths:
        pytest.skip(f"no seed {prefix}*")
    (article,) = [a for a in read_articles(paths, ReadOptions()) if isinstance(a, Article)]
    doc = analyzer.nlp(analyzer.nlp.make_doc(article.text))
    return article, doc


def test_seed_quotations_all_have_a_speaker_mention(analyzer, seeds_dir) -> None:
    for prefix in ("000_", "001_"):
        _article, doc = _seed_quotes(analyzer, seeds_dir, prefix)
        attributed = [q for q in doc._.ng_quotes if q.kind != "term"]
        assert len(attributed) >= 30
        for quote in attributed:
            assert quote.speaker is not None and quote.speaker.mention is not None, quote.text
            assert quote.cue is not None, quote.text
        for quote in doc._.ng_quotes:
            if quote.kind == "term":
                assert quote.speaker is None


def test_seed_pull_quote_lines_are_attributed_whole(analyzer, seeds_dir) -> None:
    """Lines closing on "…, – says <speaker>" with no final stop (pull-quotes without marks)
    are quotations from the start of the line, spoken by the phrase that ends the line."""
    article, doc = _seed_quotes(analyzer, seeds_dir, "000_")
    lines = [m for m in re.finditer(r"[^\n]+", article.text) if re.search(r"\bsays [^.\n]+$", m.group())]
    assert len(lines) >= 2
    for line in lines:
        found = [q for q in doc._.ng_quotes if q.start == line.start()]
        assert found, line.group()[:60]
        mention = found[0].speaker.mention if found[0].speaker else None
        assert mention is not None and mention.end == line.end(), line.group()[:60]


def test_seed_tass_quotes_resolve_to_lavrov(analyzer, seeds_dir) -> None:
    """Every quotation in marks in the TASS seed is Lavrov's, and so is every claim whose cue
    names him as "he", "the top Russian diplomat" or "the minister". Needs the actors
    component's coreference in the mention index; skips until that has landed."""
    _, doc = _seed_quotes(analyzer, seeds_dir, "001_")
    index = doc._.ng_mentions
    if not any(m.kind in ("pronoun", "title") for m in index.mentions):
        pytest.skip("the mention index has no pronoun/title mentions yet (actors coreference not merged)")
    lavrov = {ident for ident, actor in index.actors.items() if "Lavrov" in actor.name}
    assert lavrov
    attributed = [q for q in doc._.ng_quotes if q.kind != "term"]
    outer = [q for q in attributed if not any(o is not q and o.start <= q.start and q.end <= o.end for o in attributed)]
    checked = 0
    for quote in outer:
        words = _speaker(quote) or ""
        if quote.kind == "direct" or words.lower() == "he" or "diplomat" in words or "minister" in words.lower():
            checked += 1
            assert quote.speaker is not None and quote.speaker.actor in lavrov, (quote.text[:60], words)
    assert checked >= 25


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "“”",
        "— Lavrov",
        '"Sanctions" — ',
        'The envoy said: "',
        "„«»“ ‘’",
        " – says",
        "He said.\n\n\n“\n\n”",
        "«Talks» — says — Lavrov —",
    ],
)
def test_odd_inputs_never_crash(analyzer, text: str) -> None:
    for quote in _quotes(analyzer, text):
        assert 0 <= quote.start <= quote.end <= len(text)

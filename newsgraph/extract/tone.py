"""Tone in GDELT's manner: the share of positive and negative words, from VADER's lexicon.

GDELT's tone is (positive words − negative words) / all words × 100, with polarity the sum of
both shares. We count a token as positive or negative when VADER's lexicon gives its lower
case form (or lemma) a valence beyond ±``threshold``; a negator among the three words before
it flips it, as in VADER. The article's Tone also lists every sentence's tone
(``Tone.sentences``), so that the corpus can compute tone toward an actor from the sentences
that mention it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.data import package_text
from newsgraph.model import SentenceTone, Tone

# Words before a lexicon word that VADER searches for a negator.
_NEGATION_WINDOW = 3


@cache
def load_lexicon() -> dict[str, float]:
    """VADER's word → valence lexicon (``newsgraph/data/vader/vader_lexicon.txt``: the word,
    then its mean valence, tab-separated; the other columns are the raters' spread)."""
    lexicon: dict[str, float] = {}
    for line in package_text("vader/vader_lexicon.txt").split("\n"):
        if line:
            word, valence = line.strip().split("\t")[:2]
            lexicon[word] = float(valence)
    return lexicon


@cache
def load_negators() -> frozenset[str]:
    """VADER's negators (``newsgraph/data/vader/negators.txt``)."""
    return frozenset(line for line in package_text("vader/negators.txt").splitlines() if line and not line.startswith("#"))


def token_valence(token: Token, lexicon: dict[str, float], threshold: float = 0.5) -> int:
    """+1, -1 or 0 for one token, taking a preceding negator into account."""
    valence = lexicon.get(token.lower_)
    if valence is None:
        valence = lexicon.get(token.lemma_.lower(), 0.0)
    if abs(valence) < threshold:
        return 0
    sign = 1 if valence > 0 else -1
    return -sign if is_negated(token) else sign


def is_negated(token: Token) -> bool:
    """Whether one of the three words before ``token`` in its sentence is a negator, as in
    VADER's rule (punctuation is not a word; a word containing "n't" negates)."""
    negators = load_negators()
    doc, i, words = token.doc, token.i, 0
    while words < _NEGATION_WINDOW and i > 0 and not doc[i].is_sent_start:
        i -= 1
        previous = doc[i]
        if previous.is_punct or previous.is_space:
            continue
        words += 1
        lower = previous.lower_
        if lower in negators or lower == "no" or "n't" in lower:
            return True
    return False


def tone_of(tokens: Iterable[Token], lexicon: dict[str, float]) -> Tone:
    """The tone of a run of tokens (a document or a sentence)."""
    words = positive = negative = 0
    for token in tokens:
        if not token.is_alpha:
            continue
        words += 1
        valence = token_valence(token, lexicon)
        positive += valence > 0
        negative += valence < 0
    if words == 0:
        return Tone(score=0.0, positive=0.0, negative=0.0, polarity=0.0, words=0)
    pos = 100.0 * positive / words
    neg = 100.0 * negative / words
    return Tone(score=round(pos - neg, 3), positive=round(pos, 3), negative=round(neg, 3), polarity=round(pos + neg, 3), words=words)


def sentence_tones(doc: Doc, lexicon: dict[str, float]) -> list[tuple[Span, Tone]]:
    """Tone per sentence."""
    return [(sent, tone_of(sent, lexicon)) for sent in doc.sents]


def _sentence_tone(sent: Span, tone: Tone) -> SentenceTone:
    # Offsets trimmed of surrounding whitespace so that text[start:end] is the sentence itself.
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return SentenceTone(start, max(start, end), tone.score, tone.positive, tone.negative, tone.polarity, tone.words)


@Language.factory("newsgraph_tone", assigns=["doc._.ng_tone"], requires=["doc.sents", "token.lemma"])
def make_tone(nlp: Language, name: str) -> ToneScorer:
    """spaCy factory for the tone scorer."""
    return ToneScorer()


class ToneScorer:
    """Component: sets ``doc._.ng_tone``, the article's tone with the tone of every sentence."""

    def __init__(self) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        tone = tone_of(doc, self.lexicon)
        tone.sentences = [_sentence_tone(sent, t) for sent, t in sentence_tones(doc, self.lexicon) if t.words]
        doc._.ng_tone = tone
        return doc

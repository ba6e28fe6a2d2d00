"""Quotations: the ``newsgraph_quotes`` component.

It writes ``doc._.ng_quotes: list[Quote]`` — direct, indirect and mixed quotations and terms
in quotation marks, each with its text and offsets, its cue (the verb or phrase attributing
it) and its speaker, resolved to an actor through ``doc._.ng_mentions``. ``finder.py`` holds
the rules, ``data/cues.yaml`` the attribution cues (``lexicon.py``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.quotes.finder import QuoteFinder
from newsgraph.extract.quotes.lexicon import load_cue_lexicon


@Language.factory(
    "newsgraph_quotes",
    assigns=["doc._.ng_quotes"],
    requires=["doc.sents", "token.dep", "token.head", "token.tag", "token.pos", "token.lemma", "token.ent_type", "doc._.ng_mentions"],
)
def make_quotes(nlp: Language, name: str) -> QuoteComponent:
    """spaCy factory for the quotation finder."""
    return QuoteComponent()


class QuoteComponent:
    """Component: sets ``doc._.ng_quotes``."""

    def __init__(self) -> None:
        self.finder = QuoteFinder(load_cue_lexicon())

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quotes = self.finder(doc)
        return doc

"""Paragraph boundaries are sentence boundaries.

Cleaned article text separates paragraphs, headings and the title with a blank line. The
parser alone sometimes runs a heading such as "HOW THE TALKS ENDED" into the next
paragraph's first sentence, which then gives events and quotes a wrong subject; marking
the first token after a blank line as a sentence start, before the parser runs, prevents
it (the parser keeps boundaries that are already set). A single line break is left to the
parser: hard-wrapped text breaks lines inside sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after every blank line."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc

"""The custom attributes newsgraph's components read and write on a spaCy ``Doc``.

One place lists them all, so that a newcomer sees what flows between components (each
component's factory declares the ones it ``assigns`` and ``requires``):

- ``doc._.ng_article``: the Article being analysed (metadata: published date, dateline, outlet);
  an input, set by ``Analyzer`` before the pipeline runs and None when ``nlp(text)`` is called
  directly (the components then work without a date or dateline). No component assigns it,
  so no component lists it in ``requires`` (spaCy's ``analyze_pipes`` would report it missing).
- ``doc._.ng_dates``: list[DateRef] — temporal expressions, resolved against the publication date.
- ``doc._.ng_places``: list[Place] — geocoded places with their mentions.
- ``doc._.ng_actors``: list[Actor] — resolved actors with every mention.
- ``doc._.ng_mentions``: MentionIndex — which tokens refer to which actor (for speakers,
  sources and targets).
- ``doc._.ng_quotes``: list[Quote]; ``doc._.ng_events``: list[Event]; ``doc._.ng_tone``: Tone | None.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("ng_article", "ng_dates", "ng_places", "ng_actors", "ng_mentions", "ng_quotes", "ng_events", "ng_tone")


def register_extensions() -> None:
    """Register the Doc extensions (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)

"""Run the language pipeline over articles: the analysis every surface (CLI, Python API, REST,
workers) goes through.

An article's Doc carries the article itself (``doc._.ng_article``: publication date, dateline,
outlet), set before the pipeline runs; the components read it and write their findings on
``doc._``, which ``article_from_doc`` copies back into the article.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import PipelineConfig
from newsgraph.model import Article
from newsgraph.pipeline.build import build_pipeline


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying its article, ready for the pipeline."""
    doc = nlp.make_doc(article.text)
    doc._.ng_article = article
    return doc


def article_from_doc(doc: Doc) -> Article:
    """The article with everything the components extracted."""
    article: Article = doc._.ng_article
    return dataclasses.replace(
        article,
        actors=doc._.ng_actors or [],
        quotes=doc._.ng_quotes or [],
        events=doc._.ng_events or [],
        places=doc._.ng_places or [],
        dates=doc._.ng_dates or [],
        tone=doc._.ng_tone,
    )


class Analyzer:
    """Runs the pipeline over Articles. Skipped (non-English) articles pass through unanalysed."""

    def __init__(self, config: PipelineConfig | None = None, nlp: Language | None = None) -> None:
        self.config = config or PipelineConfig()
        self.nlp = nlp or build_pipeline(self.config)

    def analyze(self, article: Article) -> Article:
        """Analyse one article."""
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Analyse a stream of articles, batching for spaCy; output keeps input order."""
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= self.config.batch_size:
                yield from self._run(pending)
                pending = []
        if pending:
            yield from self._run(pending)

    def _run(self, batch: list[Article]) -> Iterator[Article]:
        to_parse = [a for a in batch if a.status == "analysed"]
        docs = self.nlp.pipe((make_doc(self.nlp, a) for a in to_parse), batch_size=self.config.batch_size)
        parsed = {id(doc._.ng_article): article_from_doc(doc) for doc in docs}
        for article in batch:
            yield parsed.get(id(article), article)

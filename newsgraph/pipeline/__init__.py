"""The spaCy pipeline: built from ``config.cfg`` (``build.py``) and run over articles (``analyzer.py``)."""

from newsgraph.pipeline.analyzer import Analyzer, article_from_doc, make_doc
from newsgraph.pipeline.build import build_pipeline

__all__ = ["Analyzer", "article_from_doc", "build_pipeline", "make_doc"]

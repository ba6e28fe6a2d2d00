"""NLP: builds the spaCy pipeline (English model + newsgraph components) and runs it."""

from newsgraph.pipeline.build import COMPONENTS, Analyzer, build_pipeline

__all__ = ["COMPONENTS", "Analyzer", "build_pipeline"]

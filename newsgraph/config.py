"""Explicit configuration objects passed down the pipeline (no module-level settings)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "newsgraph.duckdb"


def default_db_path() -> Path:
    """The store path: ``$NEWSGRAPH_DB`` or ``./newsgraph.duckdb``."""
    return Path(os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB)


def outlet_files_from_env() -> tuple[Path, ...]:
    """User outlet registry files: ``$NEWSGRAPH_OUTLETS``, paths separated like ``$PATH``."""
    value = os.environ.get("NEWSGRAPH_OUTLETS") or ""
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


@dataclass(frozen=True)
class FieldMap:
    """Which input field holds which article attribute, for JSON Lines, JSON and CSV."""

    text: str = "text"
    title: str = "title"
    id: str = "id"
    url: str = "url"
    published: str = "published"
    outlet: str = "outlet"


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read and prepared.

    ``published`` and ``outlet`` apply to inputs that carry none; ``max_file_bytes`` limits
    single-article files (.txt, .md, .html, .json) and each record of a streamed one (a JSON
    line, an HTML record of a WARC), ``max_article_chars`` any one article, ``max_article_tokens``
    its words and punctuation marks (what analysis costs grows with them, faster than linearly); ``max_expansion``
    is the most a compressed input may expand (decompression bombs are refused);
    ``read_timeout`` the seconds one file, or one record of a streamed file, may take to read
    and prepare (None: no limit); ``outlet_files`` extend the outlet registry
    (``newsgraph/data/outlets.yaml``).
    """

    published: str | None = None
    outlet: str | None = None
    fields: FieldMap = field(default_factory=FieldMap)
    max_file_bytes: int = 20_000_000
    max_article_chars: int = 1_000_000
    max_article_tokens: int = 40_000
    max_expansion: float = 100.0
    read_timeout: float | None = 60.0
    english_only: bool = True
    outlet_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class PipelineConfig:
    """How the language pipeline is built and run.

    The pipeline comes from ``newsgraph/pipeline/config.cfg`` (the spaCy model, then newsgraph's
    components with their options); ``config_file`` is a spaCy config laid over it (only what
    changes), ``actor_files`` and ``verb_dictionaries`` add to the actors' and the events'
    component options, ``model`` replaces the model every model component comes from.
    ``batch_size`` is the number of articles spaCy parses together.
    """

    config_file: Path | None = None
    actor_files: tuple[Path, ...] = ()
    verb_dictionaries: tuple[Path, ...] = ()
    model: str | None = None
    batch_size: int = 32

"""newsgraph: news articles about international politics → verifiable, structured data.

Every extracted item (actor mention, quotation, event) carries character offsets into the
article's cleaned text, so that it can be checked against the words that support it.

The Python API (examples in the README, section "Python API"):

* ``newsgraph.analyze(text, published=…, outlet=…)`` → an ``Article``
* ``newsgraph.analyze_many(items, workers=…)`` → Articles, streamed in input order
* ``newsgraph.open(path)`` → a ``Dataset`` over a store file or a Parquet folder, whose
  ``articles()``, ``actors()``, ``quotes()``, ``events()`` and ``clusters()`` take the CLI's
  filters and return pandas DataFrames (Arrow tables with ``as_arrow=True``)

Importing newsgraph is cheap: spaCy loads on the first analysis, DuckDB and pandas when a
store is opened.
"""

from newsgraph.analyze import analyze, analyze_many, open
from newsgraph.model import Article

__version__ = "0.1.0"

__all__ = ["Article", "__version__", "analyze", "analyze_many", "open"]

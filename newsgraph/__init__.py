"""newsgraph: news articles about international politics → verifiable, structured data.

Every extracted item (actor mention, quotation, event) carries character offsets into the
article's cleaned text, so that it can be checked against the words that support it.
"""

__version__ = "0.1.0"

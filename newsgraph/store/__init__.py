"""Store: the DuckDB schema, batch writes and read queries."""

from newsgraph.store.db import Store, WriteResult
from newsgraph.store.queries import Filters, list_actors, list_articles, list_events, list_quotes

__all__ = ["Filters", "Store", "WriteResult", "list_actors", "list_articles", "list_events", "list_quotes"]

"""Extraction: spaCy components that turn a parsed Doc into actors, quotes, events, dates,
places and tone. Each module registers one component factory (``newsgraph_<name>``)."""

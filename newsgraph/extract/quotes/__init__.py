"""Quotes: the spaCy component and its parts."""

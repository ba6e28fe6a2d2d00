"""Actors: the spaCy component and its parts."""

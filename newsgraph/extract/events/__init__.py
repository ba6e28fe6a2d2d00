"""Events: the spaCy component and its parts."""

"""Language identification with py3langid, whose model ships inside the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

from newsgraph.data.compiled import compiled, file_stamp

# Enough text to be sure, little enough to stay cheap on long articles.
_SAMPLE_CHARS = 4000


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's model, as ``LanguageIdentifier.from_model_file`` builds it; the arrays come
    from newsgraph's compiled cache, since the package decompresses its 70 MB model (LZMA)
    on every load, which cost more than a second at each start."""
    path = Path(MODEL_DIR) / MODEL_FILE
    ptc, pc, classes, nextmove, row, output = compiled("langid_model", lambda: load_model(path), file_stamp(path))
    return LanguageIdentifier(numpy.asarray(ptc), numpy.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row)


def identify_language(text: str) -> tuple[str, float]:
    """Return the ISO 639-1 code of ``text``'s language and the model's confidence (0-1)."""
    language, confidence = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(language), float(confidence)


def is_confidently_not_english(text: str, threshold: float = 0.8) -> str | None:
    """The language code when the text is clearly not English, else None.

    Short texts give unsure guesses; those are kept as English rather than skipped.
    """
    language, confidence = identify_language(text)
    if language != "en" and confidence >= threshold and len(text) >= 40:
        return language
    return None

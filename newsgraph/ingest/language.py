"""Language identification with py3langid, whose model ships inside the package."""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text to be sure, little enough to stay cheap on long articles.
_SAMPLE_CHARS = 4000


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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

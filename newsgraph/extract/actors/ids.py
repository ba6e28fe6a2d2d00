"""Store-wide actor ids and the name folding they rest on.

An actor keeps one id in every article and in the store:

- ``person:sergey-lavrov`` — a person: the slug of the dictionary name when the dictionary
  knows them (whatever spelling the article uses), else of the fullest name in the article;
- ``country:RUS`` — a country, by ISO 3166 alpha-3 code (Kosovo ``XKX``);
- ``igo:IGOEUREEC`` — an intergovernmental organisation by CAMEO code, or
  ``igo:european-parliament`` for one of its bodies;
- ``organization:tass`` — a named organisation, by the slug of its name;
- ``group:RUSGOV`` — a collective actor known only by its CAMEO code: a country's government
  ("the Kremlin", "Moscow", "the Russian authorities"), military ("Russian troops"),
  citizens, or a region (``group:EUR`` for Europe, ``group:WST`` for the West).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from newsgraph.model import ActorType

_SLUG = re.compile(r"[^a-z0-9]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_CODED_KINDS = ("country", "igo", "group")


@lru_cache(maxsize=1 << 16)  # names are compared over and over within an article
def fold(text: str) -> str:
    """Lower-case ASCII form for comparing names: every script transliterated (``anyascii``:
    "Сергей Лавров" → "sergey lavrov", "Þór" → "thor"), quotes and spacing folded."""
    return " ".join(anyascii(text.translate(_QUOTES)).lower().split())


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter (accents allowed)."""
    return all(not c.isalpha() or c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def transliterate(name: str) -> str:
    """A name in Latin letters as ``anyascii`` writes it ("Сергей Лавров" → "Sergey Lavrov");
    a Latin name keeps its accents."""
    return name if is_latin(name) else " ".join(anyascii(name).split())


# Spelling differences that transliterations and misspellings of one name produce
# (Lavrov/Lavroff, Zelensky/Zelenskyy/Zelenskiy, Sergei/Sergey, Borrell/Borrel).
_TRANSLIT = (("ph", "f"), ("ff", "v"), ("w", "v"), ("kh", "h"), ("ck", "k"), ("iy", "i"), ("yy", "i"), ("y", "i"), ("j", "i"))
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def translit_key(name: str) -> str:
    """A rough key under which transliterations and simple misspellings of a name coincide."""
    key = fold(name)
    for old, new in _TRANSLIT:
        key = key.replace(old, new)
    return _DOUBLES.sub(r"\1", key)


def slugify(name: str) -> str:
    """``"Sergey Lavrov"`` → ``"sergey-lavrov"`` (accents folded)."""
    return _SLUG.sub("-", fold(name)).strip("-")


def actor_id(kind: ActorType, key: str) -> str:
    """A store-wide actor id: ``country:RUS``, ``igo:IGOEUREEC``, ``group:RUSGOV``,
    ``person:sergey-lavrov``, ``organization:tass``. Codes are kept as they are (an IGO body's
    key may be a slug), names are slugified."""
    if kind in _CODED_KINDS and re.fullmatch(r"[A-Z0-9]+", key):
        return f"{kind}:{key}"
    return f"{kind}:{slugify(key)}"

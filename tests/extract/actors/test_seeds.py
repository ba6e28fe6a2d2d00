"""The seed articles (read from ../shared/seeds at run time): every real person exactly once,
spelling variants merged, Lavrov coded RUSGOV and Borrell with the European Union."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.config import ReadOptions
from newsgraph.extract.actors.ids import fold
from newsgraph.ingest import read_articles
from newsgraph.model import Actor, Article


@pytest.fixture(scope="module")
def seed_articles(seeds_dir: Path, analyzer) -> list[Article]:
    articles = [a for a in read_articles([str(seeds_dir)], ReadOptions()) if isinstance(a, Article)]
    assert articles, "no seed articles"
    return list(analyzer.analyze_many(articles))


def _people(article: Article) -> list[Actor]:
    return [a for a in article.actors if a.type == "person"]


def _with_form(article: Article, pattern: str) -> list[Actor]:
    return [a for a in _people(article) if any(re.search(pattern, m.text) for m in a.mentions)]


def test_every_person_exactly_once(seed_articles: list[Article]) -> None:
    for article in seed_articles:
        people = _people(article)
        assert people, article.input.path
        surnames = [fold(p.name.split()[-1]) for p in people]
        assert len(surnames) == len(set(surnames)), (article.input.path, [p.name for p in people])
        for person in people:
            # Names, not titles or common words, make a person.
            assert person.name[:1].isupper() and not person.name.lower().startswith(("the ", "spokes", "minister")), person.name
            for m in person.mentions:
                assert article.text[m.start : m.end] == m.text


def test_spelling_variants_are_merged(seed_articles: list[Article]) -> None:
    checked = 0
    for article in seed_articles:
        for stem, variants in (("Borrel", r"\bBorrell?\b"), ("Solodk", r"\b(?:Sergei|Sergey)?\s?Solodki?y\b")):
            if stem not in article.text:
                continue
            checked += 1
            actors = _with_form(article, stem)
            assert len(actors) == 1, (stem, [a.name for a in actors])
            written = {m.group(0).strip() for m in re.finditer(variants, article.text)}
            assert written <= {m.text for m in actors[0].mentions}, written - {m.text for m in actors[0].mentions}
    assert checked, "no seed mentions Borrell or Solodky"


def test_lavrov_and_borrell_are_coded(seed_articles: list[Article]) -> None:
    lavrovs = [a for article in seed_articles for a in _with_form(article, r"^Lavrov$")]
    assert lavrovs and {(a.id, a.code, a.country) for a in lavrovs} == {("person:sergey-lavrov", "RUSGOV", "RUS")}
    for article in seed_articles:
        assert len(_with_form(article, r"Lavrov")) <= 1
    borrells = [a for article in seed_articles for a in _with_form(article, r"^Borrell$")]
    assert borrells
    for borrell in borrells:
        assert borrell.id == "person:josep-borrell" and (borrell.code or "").startswith("IGOEUREEC"), borrell

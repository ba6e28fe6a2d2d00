"""The seed articles (read from ../shared/seeds at run time): the events a reader expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import ReadOptions
from newsgraph.ingest.prepare import prepare_article
from newsgraph.model import Article, Event, EventActor, InputRef, RawArticle

# Publication dates: the Borrell analysis appeared days after the 5 February 2021 visit; the
# TASS report carries "March 29" in its dateline and speaks of the 2024 election.
SEEDS = {"000_f246a938645fd472.txt": "2021-02-08", "001_04d6561e9c504ab0.txt": "2024-03-29"}


def _analyse(analyzer, seeds_dir: Path, name: str) -> Article:
    raw = RawArticle(text=(seeds_dir / name).read_text(encoding="utf-8"), input=InputRef(path=name), format="txt")
    article = prepare_article(raw, ReadOptions(published=SEEDS[name]))
    assert isinstance(article, Article)
    return analyzer.analyze(article)


def _names(side: EventActor | None) -> str:
    return " ".join(filter(None, [side.name, side.code, side.country, side.actor])).lower() if side else ""


def _sentence(article: Article, event: Event) -> str:
    return article.text[event.sentence.start : event.sentence.end]


@pytest.fixture(scope="module")
def borrell(analyzer, seeds_dir: Path) -> Article:
    return _analyse(analyzer, seeds_dir, "000_f246a938645fd472.txt")


@pytest.fixture(scope="module")
def tass(analyzer, seeds_dir: Path) -> Article:
    return _analyse(analyzer, seeds_dir, "001_04d6561e9c504ab0.txt")


def test_borrell_lavrov_meeting_in_moscow_on_5_february(borrell: Article) -> None:
    meetings = [
        e
        for e in borrell.events
        if e.root == "04" and "borrell" in _names(e.source) + _names(e.target) and "lavrov" in _names(e.source) + _names(e.target)
    ]
    assert meetings
    first = meetings[0]
    assert first.date == "2021-02-05" and first.place is not None and first.place.name == "Moscow" and first.place.country == "RUS"
    assert first.modality == "asserted" and not first.negated


def test_russia_expels_european_diplomats(borrell: Article) -> None:
    expulsions = [e for e in borrell.events if e.cameo == "166" and "russia" in _names(e.source)]
    assert expulsions and any(word in _names(expulsions[0].target) for word in ("diplomat", "europe", "eur"))


def test_possible_new_eu_sanctions_are_hypothetical(borrell: Article) -> None:
    sanctions = [e for e in borrell.events if e.cameo == "163" and ("eu" in _names(e.source).split() or "igoeur" in _names(e.source))]
    assert sanctions and all(e.modality == "hypothetical" for e in sanctions)
    assert any("moscow" in _names(e.target) or "rus" in _names(e.target) for e in sanctions)


def test_estonian_criticism(borrell: Article) -> None:
    criticism = [e for e in borrell.events if e.root == "11" and "Eston" in _sentence(borrell, e)]
    assert criticism


def test_eu_ambassadors_refused_the_invitation(tass: Article) -> None:
    refusals = [e for e in tass.events if e.root == "12" and any(w in _names(e.source) for w in ("ambassador", "europe", "eur"))]
    assert refusals and refusals[0].cameo == "125" and refusals[0].modality == "reported"


def test_lavrov_accuses_the_united_states(tass: Article) -> None:
    us = ("united states", "usa", "us administration", "americans", "washington")
    accusations = [e for e in tass.events if e.root == "11" and "lavrov" in _names(e.source) and any(w in _names(e.target) for w in us)]
    assert accusations


def test_brics_partners_invited_to_kazan(tass: Article) -> None:
    invitations = [e for e in tass.events if e.cameo == "036" and "brics" in _names(e.target)]
    assert invitations and all(e.modality == "future" for e in invitations)
    assert any(e.place is not None and e.place.name == "Kazan" and e.date == "2024-09-01" for e in invitations)

"""A small corpus written for the cross-article tests: an analysis, two republished copies
of it (one with an appended author bio, one trimmed and retitled) and an unrelated article
on the same topic; helpers to build Articles and a store directly, without the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.ingest import article_id
from newsgraph.model import Article, Event, EventActor, InputRef, Location, Mention, TextSpan
from newsgraph.store import Store

ORIGINAL_TITLE = "Moldova opens EU accession talks as the Transnistria question lingers"
ORIGINAL = [
    "Moldova formally opened accession negotiations with the European Union in Luxembourg on Tuesday, a step that President "
    "Maia Sandu called a turning point for a country of 2.5 million people squeezed between Ukraine and Romania.",
    "The intergovernmental conference, held alongside a parallel session for Ukraine, followed months of screening work by the "
    "European Commission. Officials in Brussels said the first negotiating chapters, on the rule of law and public procurement, "
    "could be opened before the end of next year.",
    'Sandu told reporters that the decision sent a clear message to Moscow. "Our future is in the European family, and no '
    'campaign of pressure or disinformation will change the choice our citizens have made," she said.',
    "The breakaway region of Transnistria, where Russia keeps around 1,500 troops, remains the largest obstacle. Diplomats say "
    "the EU will not demand a settlement of the frozen conflict before membership, but it expects Chisinau to show that its "
    "laws are applied on both banks of the Dniester.",
    "Russia's Foreign Ministry dismissed the talks as a geopolitical project. Spokeswoman Maria Zakharova said the European "
    "Union was dragging Moldova into confrontation and accused Brussels of ignoring the interests of Transnistria's residents.",
    "Moldova's economy still depends heavily on remittances and on electricity generated at a Soviet-era power plant inside "
    "Transnistria. The government has signed contracts for new power lines from Romania that should give the country an "
    "alternative supply within two years.",
    "Analysts in Bucharest and Kyiv warn that Moscow could use the presidential election and a referendum on EU membership in "
    "the autumn to stir unrest. Moldovan police said this month that they had uncovered a network paying people to join "
    "anti-government protests in the capital.",
    "The Commission will present its first report on Moldova's progress in the autumn, and member states must agree "
    "unanimously before each negotiating chapter is opened or closed.",
]
BIO = (
    "Vlad Ostrowski is a passionate writer who has followed Eastern Europe for more than a decade. Known for a sharp eye and an "
    "engaging voice, he brings readers closer to the stories shaping the region, and his contributions appear on many platforms."
)
TRIMMED_TITLE = "EU talks begin for Moldova while Russia objects"
UNRELATED_TITLE = "Moldova's long road to Brussels runs through its courts"
UNRELATED = [
    "CHISINAU, June 26 (Eastern Wire) - For Moldovan judges, the start of membership talks with the European Union means a "
    "second round of vetting that has already forced dozens of them to resign rather than explain their assets.",
    "The vetting commission, staffed partly by foreign experts, has examined more than 300 candidates for senior posts since "
    "2022. Justice Minister Veronica Mihailov-Moraru said the process was painful but that investors would not come to a "
    "country where court rulings could be bought.",
    "European diplomats in Chisinau describe the justice reform as the test that will decide how quickly the accession "
    "process moves. Several member states have tied their support to visible results against high-level corruption.",
    "Opposition parties close to the Kremlin accuse the government of purging judges who disagree with it, and have "
    "promised to reverse the reform if they win the parliamentary election due next year.",
]


def text_of(paragraphs: list[str]) -> str:
    """Cleaned text as ingest joins paragraphs."""
    return "\n\n".join(paragraphs)


def make_article(
    text: str,
    outlet: str | None,
    published: str | None,
    title: str | None = None,
    url: str | None = None,
    events: list[Event] | None = None,
) -> Article:
    """An Article as ingest would store it (id = hash of the text), without analysis."""
    return Article(
        id=article_id(text),
        input=InputRef(path=f"{outlet or 'unknown'}.txt"),
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        events=events or [],
    )


def meeting(text: str, trigger: str, source: tuple[str, str, str], target: tuple[str, str, str], date: str, place: str) -> Event:
    """A 'meet' event (CAMEO 040, consult) whose trigger is the first ``trigger`` in ``text``."""
    start = text.index(trigger)
    sent_start = text.rfind("\n", 0, start) + 1
    sent_end = text.find(".", start) + 1
    return Event(
        id=f"ev-{article_id(text)}-{start}",
        cameo="040",
        root="04",
        name="Consult",
        quad_class=1,
        goldstein=1.0,
        trigger=Mention(start, start + len(trigger), trigger),
        sentence=TextSpan(sent_start, sent_end),
        source=EventActor(actor=source[0], name=source[1], code=source[2], country=source[2][:3]),
        target=EventActor(actor=target[0], name=target[1], code=target[2], country=target[2][:3]),
        date=date,
        place=Location(place, None),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "corpus.duckdb") as opened:
        yield opened

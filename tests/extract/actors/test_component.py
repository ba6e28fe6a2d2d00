"""Actor resolution on article-length text: one actor per person whatever the form of the
mention (full name, surname, title, description, pronoun, misspelling), coded on the date."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from newsgraph.config import PipelineConfig
from newsgraph.extract.actors.component import actor_id, slugify
from newsgraph.model import Actor, Article
from newsgraph.pipeline import Analyzer, make_doc
from tests.support.articles import prepared_text
from tests.support.commands import run_newsgraph

TEXT = (
    "Estonian Prime Minister Kaja Kallas met Finnish President Alexander Stubb in Helsinki on Tuesday. "
    "Kallas said Estonia and Finland would coordinate their response to Russia's jamming of GPS signals."
)

LAVROV = """Russia and the West trade accusations at G20 meeting in New Delhi

NEW DELHI, March 2 (Wire) - Russian Foreign Minister Sergei Lavrov accused Western delegations on Thursday of turning a meeting of the Group of 20 into a forum for attacks on Moscow.

Lavrov told reporters after the session that a joint statement had been blocked by the United States and its European allies, who he said were trying to isolate Russia over the war in Ukraine.

The top Russian diplomat said he had used the sidelines of the talks to meet his Chinese counterpart Qin Gang and Indian External Affairs Minister Subrahmanyam Jaishankar, who chaired the session.

"Nobody can isolate a country like ours," he said, adding that Moscow remained open to dialogue with anyone who respected its interests.

US Secretary of State Antony Blinken, who spoke briefly with Lavrov on the margins, said Washington would keep supporting Kyiv for as long as it takes. Blinken told journalists that the conversation lasted less than ten minutes.

A website that republished the report misspelled the Russian minister's name, writing that Sergei Lavroff had "stormed out" of the final session, a claim the Russian Foreign Ministry denied.
"""

BAERBOCK = """German Foreign Minister Annalena Baerbock arrived in Beijing on Thursday for her first visit to China, where she was due to meet Chinese Foreign Minister Qin Gang.

Baerbock told reporters before leaving Berlin that tensions over Taiwan were "extremely worrying". She said Germany wanted to keep trade open but would not look away from human rights violations.

Qin said after the talks that China needed "no lectures from the West". The German foreign minister replied that her country spoke plainly with its partners.

A Chinese state tabloid referred to her throughout as "Baerbok" and accused the minister of following Washington's line.
"""

NOT_IN_DICTIONARY = """Marta Kowalczyk, a Polish member of the European Parliament, said on Monday that the bloc's new sanctions package did not go far enough.

Kowalczyk, who sits on the foreign affairs committee, told reporters in Strasbourg that she would push for a ban on Russian liquefied gas. The lawmaker added that several governments were still blocking the proposal.

"We cannot keep financing the war," she said. A Warsaw weekly later quoted Marta Kowalczik as saying the vote could come before the summer.
"""

BORRELL = """EU foreign policy chief Josep Borrell said on Friday that the bloc would not recognise the annexation. Borrell told reporters in Brussels that he had spoken to the Ukrainian foreign minister. Borrel, as one news site spelt his name, added that new sanctions were ready."""

NAMESAKES = """Polish President Lech Kaczyński met his twin brother, former prime minister Jarosław Kaczyński, at the presidential palace. Alexei Navalny's widow, Yulia Navalnaya, said in Munich that Navalny had been killed. The activists Ivan Petrov and Ivana Petrova were detained in Minsk; Petrova was released on Friday."""

METONYMS = """Moscow rejected the proposal on Tuesday. Talks in Moscow ended without agreement, and the Kremlin said it would respond in kind. Brussels warned that further measures were being prepared, while Washington and Kyiv welcomed the statement. Officials travelled to Brussels on Wednesday."""


def _article(text: str, published: str | None) -> Article:
    return prepared_text(text, published, "a.txt")


def _doc(analyzer: Analyzer, text: str, published: str | None) -> Doc:
    return analyzer.nlp(make_doc(analyzer.nlp, _article(text, published)))


def _people(doc: Doc) -> dict[str, Actor]:
    return {a.id: a for a in doc._.ng_actors if a.type == "person"}


def _forms(actor: Actor) -> set[str]:
    return {m.text for m in actor.mentions}


def test_ids_are_stable_slugs() -> None:
    assert slugify("Radosław Sikorski") == "radoslaw-sikorski"
    assert actor_id("person", "Sergey Lavrov") == "person:sergey-lavrov"
    assert actor_id("country", "RUS") == "country:RUS"


def test_surname_joins_the_full_name_and_countries_are_coded(analyzer) -> None:
    article = _article(TEXT, "2024-05-07")
    analysed = analyzer.analyze(article)
    by_id = {a.id: a for a in analysed.actors}
    kallas = by_id["person:kaja-kallas"]
    assert [m.text for m in kallas.mentions] == ["Estonian Prime Minister", "Kaja Kallas", "Kallas"]
    assert kallas.code == "ESTGOV"
    assert by_id["country:EST"].code == "EST"
    assert by_id["country:RUS"].country == "RUS"
    for actor in analysed.actors:
        for m in actor.mentions:
            assert article.text[m.start : m.end] == m.text


def test_one_actor_under_five_forms_lavrov(analyzer) -> None:
    doc = _doc(analyzer, LAVROV, "2023-03-02")
    people = _people(doc)
    lavrov = people["person:sergey-lavrov"]
    assert {"Sergei Lavrov", "Lavrov", "The top Russian diplomat", "he", "Sergei Lavroff"} <= _forms(lavrov)
    assert (lavrov.code, lavrov.country, lavrov.sector) == ("RUSGOV", "RUS", "GOV")
    assert not any("Lavroff" in a.name for a in people.values() if a is not lavrov)
    assert people["person:antony-blinken"].code == "USAGOV"
    assert people["person:qin-gang"].code == "CHNGOV"
    assert people["person:subrahmanyam-jaishankar"].code == "INDGOV"
    assert len(people) == 4


def test_one_actor_under_five_forms_baerbock(analyzer) -> None:
    doc = _doc(analyzer, BAERBOCK, "2023-04-14")
    people = _people(doc)
    baerbock = people["person:annalena-baerbock"]
    assert {"Annalena Baerbock", "Baerbock", "The German foreign minister", "she", "her", "Baerbok"} <= _forms(baerbock)
    assert baerbock.code == "DEUGOV"
    assert not {"she", "her", "She"} & _forms(people["person:qin-gang"])
    assert len(people) == 2


def test_a_person_the_dictionary_lacks_is_coded_from_the_article(analyzer) -> None:
    doc = _doc(analyzer, NOT_IN_DICTIONARY, "2024-02-12")
    people = _people(doc)
    assert list(people) == ["person:marta-kowalczyk"]
    person = people["person:marta-kowalczyk"]
    assert {
        "Marta Kowalczyk",
        "a Polish member of the European Parliament",
        "Kowalczyk",
        "The lawmaker",
        "she",
        "Marta Kowalczik",
    } <= _forms(person)
    assert (person.code, person.country, person.sector) == ("POLLEG", "POL", "LEG")


@pytest.mark.parametrize(
    ("published", "code"),
    [("2021-02-05", "IGOEUREEC"), ("2019-01-15", "ESPGOV"), ("2025-06-01", "ESPELI")],
)
def test_codes_follow_the_publication_date(analyzer, published: str, code: str) -> None:
    borrell = _people(_doc(analyzer, BORRELL, published))["person:josep-borrell"]
    assert borrell.code == code
    assert {"Josep Borrell", "Borrell", "he", "Borrel"} <= _forms(borrell)


def test_people_with_close_names_stay_apart(analyzer) -> None:
    people = _people(_doc(analyzer, NAMESAKES, "2008-09-01"))
    assert {"person:lech-kaczynski", "person:jaroslaw-kaczynski", "person:alexei-navalny", "person:yulia-navalnaya"} <= set(people)
    assert people["person:lech-kaczynski"].code == "POLGOV"
    assert "Yulia Navalnaya" not in _forms(people["person:alexei-navalny"])
    assert {"person:ivan-petrov", "person:ivana-petrova"} <= set(people)
    assert "Petrova" in _forms(people["person:ivana-petrova"]) and "Petrova" not in _forms(people["person:ivan-petrov"])


def test_capitals_and_seats_stand_for_governments_only_as_actors(analyzer) -> None:
    doc = _doc(analyzer, METONYMS, "2024-03-05")
    index = doc._.ng_mentions
    moscow = [t for t in doc if t.text == "Moscow"]
    first = index.at_token(moscow[0].i)
    assert first is not None and (first.actor_id, first.kind) == ("group:RUSGOV", "metonym")
    assert index.at_token(moscow[1].i) is None  # "Talks in Moscow": a place
    kremlin = index.at_token(next(t.i for t in doc if t.text == "Kremlin"))
    assert kremlin is not None and kremlin.actor_id == "group:RUSGOV"
    brussels = [t for t in doc if t.text == "Brussels"]
    assert index.at_token(brussels[0].i).actor_id == "igo:IGOEUREEC"
    assert index.at_token(brussels[1].i) is None  # "travelled to Brussels"
    assert {m.actor_id for m in index.mentions} >= {"group:USAGOV", "group:UKRGOV"}
    assert index.actor("group:RUSGOV").code == "RUSGOV"


def test_mention_index_holds_every_kind_of_reference(analyzer) -> None:
    doc = _doc(analyzer, LAVROV, "2023-03-02")
    index = doc._.ng_mentions
    kinds = {m.kind for m in index.mentions if m.actor_id == "person:sergey-lavrov"}
    assert kinds == {"name", "title", "pronoun"}
    he = next(t for t in doc if t.lower_ == "he")
    mention = index.at_token(he.i)
    assert mention is not None and mention.actor_id == "person:sergey-lavrov" and mention.kind == "pronoun"
    sentence = next(s for s in doc.sents if "Blinken" in s.text)
    assert {"person:antony-blinken", "group:USAGOV", "group:UKRGOV"} <= {m.actor_id for m in index.within(sentence.start, sentence.end)}
    assert index.actor(mention.actor_id).code == "RUSGOV"
    covered: set[int] = set()
    for m in index.mentions:
        tokens = set(range(m.token_start, m.token_end))
        assert not tokens & covered, m
        covered |= tokens
        assert doc.text[m.start : m.end] == doc[m.token_start : m.token_end].text


def test_mention_index_without_article_metadata(analyzer) -> None:
    doc = analyzer.nlp(analyzer.nlp.make_doc(TEXT))
    index = doc._.ng_mentions
    kallas_token = [t for t in doc if t.text == "Kallas"][-1]
    mention = index.at_token(kallas_token.i)
    assert mention is not None and mention.actor_id == "person:kaja-kallas"
    assert index.actor("person:kaja-kallas").name == "Kaja Kallas"


USER_YAML = """- name: Ivan Petrenko
  aliases: [Ivan Petrenko-Kovalenko]
  gender: m
  nationality: UKR
  offices:
    - {role: Mayor of Chernihiv, code: UKRGOV, start: 2020-01-01}
- name: Sergey Lavrov
  gender: m
  nationality: RUS
  offices:
    - {role: Foreign Minister, code: RUSGOV, start: 2004-03-09, end: 2010-12-31}
- name: Eastern Grain Union
  type: organization
  aliases: [EGU]
  country: UKR
  sector: AGR
"""

USER_CSV = """name,aliases,gender,nationality,role,code,start,end,source
Oksana Hrytsenko,,f,UKR,Governor,UKRGOV,2022-03-01,,local register
"""

USER_PETRARCH = """FREEDONIA [FRE]
+FREEDONIAN
RUFUS_T._FIREFLY
+FIREFLY
\t[FREGOV 19330101 - 19351231]
\t[FREELI >19360101]
"""

USER_TEXT = (
    "Ivan Petrenko told the Eastern Grain Union that exports would resume. Petrenko said Governor Oksana Hrytsenko agreed. "
    "Sergey Lavrov said in Moscow that the deal was dead. Rufus T. Firefly, the leader of Freedonia, declared war."
)


@pytest.mark.slow
def test_user_dictionaries_add_and_override_actors(tmp_path: Path) -> None:
    files = [tmp_path / "extra.yaml", tmp_path / "extra.csv", tmp_path / "freedonia.actors.txt"]
    for path, text in zip(files, (USER_YAML, USER_CSV, USER_PETRARCH), strict=True):
        path.write_text(text)
    analyzer = Analyzer(PipelineConfig(actor_files=tuple(files)))
    people = {a.id: a for a in analyzer.analyze(_article(USER_TEXT, "2015-06-01")).actors}
    assert people["person:ivan-petrenko"].code == "UKR"  # his office starts in 2020: only his country
    assert people["person:sergey-lavrov"].code == "RUSELI"  # the user's dates win over the shipped ones
    assert people["person:oksana-hrytsenko"].code == "UKRGOV"  # the article calls her governor
    assert people["organization:eastern-grain-union"].code == "UKRAGR"
    later = {a.id: a for a in analyzer.analyze(_article(USER_TEXT, "2023-06-01")).actors}
    assert later["person:ivan-petrenko"].code == "UKRGOV"
    assert later["person:oksana-hrytsenko"].code == "UKRGOV"
    assert later["person:rufus-t-firefly"].code == "FREELI"
    early = {a.id: a for a in analyzer.analyze(_article(USER_TEXT, "1934-06-01")).actors}
    assert early["person:rufus-t-firefly"].code == "FREGOV"


@pytest.mark.slow
def test_cli_takes_actor_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(USER_YAML)
    article = tmp_path / "a.txt"
    article.write_text(USER_TEXT)
    result = run_newsgraph("analyze", str(article), "--published", "2023-06-01", "--actors", str(extra))
    assert result.returncode == 0, result.stderr
    assert '"person:ivan-petrenko"' in result.stdout and '"UKRAGR"' in result.stdout


def test_one_actor_across_articles_and_outlets(analyzer, tmp_path: Path) -> None:
    from newsgraph.store import Filters, Store, list_actors

    first = _article("Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing.", "2024-04-09")
    second = _article(
        "Sergey Lavrov told the Izvestia daily that talks with Kyiv were not on the agenda. Lavroff, as one site spelt it, added more.",
        "2024-03-29",
    )
    first.outlet, second.outlet = "Eastern Wire", "TASS"
    first.id, second.id = "a1", "a2"
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write(list(analyzer.analyze_many([first, second])))
        rows = list_actors(store, Filters(actor="person:sergey-lavrov")).to_pylist()
    assert len(rows) == 1
    assert rows[0]["code"] == "RUSGOV" and rows[0]["articles"] == 2
    assert set(rows[0]["by_outlet"].split(", ")) == {"Eastern Wire: 2", "TASS: 2"}


def test_a_name_in_another_script_gets_a_transliterated_id_and_keeps_its_spelling(analyzer) -> None:
    text = (
        "The opposition leader Алексей Навальный died in an Arctic prison, his spokeswoman said on Friday. "
        "Навальный had been jailed since 2021. Prosecutors in Minsk charged Алесь Бяляцкі with smuggling."
    )
    people = _people(_doc(analyzer, text, "2024-02-16"))
    navalny = next(p for p in people.values() if "Навальный" in _forms(p))
    # Every Cyrillic name used to fold to an empty slug: all such people were one actor "person:".
    assert navalny.id == "person:aleksey-naval-nyy" and navalny.name == "Aleksey Naval'nyy"
    assert navalny.aliases == ["Алексей Навальный", "Навальный"]
    assert "person:" not in people and all(p.id != "person:" for p in people.values())

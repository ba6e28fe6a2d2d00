"""The corpus commands end to end: a store written through the library (events and quotes
built directly, since their extractors are separate), read by the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from newsgraph import corpus
from newsgraph.model import Event, EventActor, Mention, Quote, Speaker, TextSpan
from newsgraph.store import Store
from tests.corpus.conftest import BIO, ORIGINAL, ORIGINAL_TITLE, TRIMMED_TITLE, make_article, meeting, text_of
from tests.corpus.test_event_clusters import ANALYSIS, FIDAN, KULEBA, WIRE
from tests.support.commands import run_newsgraph


def _offer(text: str) -> Event:
    start = text.index("Turkey was ready to host")
    return Event(
        id="ev-offer",
        cameo="030",
        root="03",
        name="Express intent to cooperate",
        quad_class=1,
        goldstein=4.0,
        trigger=Mention(start, start + 24, text[start : start + 24]),
        sentence=TextSpan(text.rfind("\n", 0, start) + 1, text.find(".", start) + 1),
        source=EventActor(actor=FIDAN[0], name=FIDAN[1], code=FIDAN[2], country="TUR"),
        target=EventActor(actor=None, name="Ukraine", code="UKR", country="UKR"),
        date="2024-03-08",
    )


def _quote(text: str, fragment: str, speaker: tuple[str, str, str]) -> Quote:
    start = text.index(fragment)
    return Quote(
        id=f"q-{start}", kind="indirect", text=fragment, start=start, end=start + len(fragment), speaker=Speaker(speaker[0], speaker[1])
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer) -> str:
    path = tmp_path_factory.mktemp("corpus") / "c.duckdb"
    wire = make_article(WIRE, "Bosphorus Wire", "2024-03-08")
    analysis = make_article(ANALYSIS, "Kyiv Policy Monitor", "2024-03-09")
    original = make_article(text_of(ORIGINAL), "Chisinau Observer", "2024-06-25", ORIGINAL_TITLE)
    trimmed = make_article(text_of(ORIGINAL[:5]), "Regional Feed", "2024-06-26", TRIMMED_TITLE)
    bio = make_article(text_of([*ORIGINAL, BIO]), "Danube Digest", "2024-06-27", ORIGINAL_TITLE)
    done = list(analyzer.analyze_many([wire, analysis, original, trimmed, bio]))
    for article in done:
        article.events = []  # the events of these tests are built directly below
    wire, analysis = done[0], done[1]
    wire.events = [meeting(WIRE, "met", FIDAN, KULEBA, "2024-03-08", "Ankara"), _offer(WIRE)]
    term_start = WIRE.index("prisoner exchange")  # a scare-quoted term gives nobody a voice
    wire.quotes = [
        _quote(WIRE, "Turkey was ready to host a new round of talks", FIDAN),
        Quote(id="q-term", kind="term", text="prisoner exchange", start=term_start, end=term_start + 17),
    ]
    analysis.events = [meeting(ANALYSIS, "held talks", KULEBA, FIDAN, "2024-03-08", "Ankara")]
    analysis.quotes = []  # the quotes component finds "diplomats in Ankara say …"; this test sets quotes itself
    with Store.open(path) as store:
        store.write(done)
        corpus.update(store)
    return str(path)


def test_duplicates_lists_the_cluster_with_its_differences(db: str) -> None:
    result = run_newsgraph("duplicates", "--db", db, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["copy_outlet"] for r in rows} == {"Regional Feed", "Danube Digest"}
    assert {r["original_outlet"] for r in rows} == {"Chisinau Observer"}
    table = run_newsgraph("duplicates", "--db", db, "--format", "csv").stdout
    kinds = {(r["copy_outlet"], r["difference"]) for r in csv.DictReader(io.StringIO(table))}
    assert kinds == {("Danube Digest", "added (end)"), ("Regional Feed", "retitled"), ("Regional Feed", "cut (end)")}


def test_articles_listing_counts_copies_only_when_asked(db: str) -> None:
    excluded = json.loads(run_newsgraph("articles", "--db", db, "--format", "json").stdout)
    included = json.loads(run_newsgraph("articles", "--db", db, "--format", "json", "--copies", "include").stdout)
    assert len(included) - len(excluded) == 2
    assert run_newsgraph("articles", "--db", db, "--copies", "maybe").returncode == 2


def test_compare_two_outlets(db: str) -> None:
    result = run_newsgraph("compare", "--db", db, "--outlets", "Bosphorus Wire,Kyiv Policy Monitor", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["label"] for s in data["sides"]] == ["Bosphorus Wire", "Kyiv Policy Monitor"]
    assert [r["articles"] for r in data["overview"]] == [1, 1]
    assert [r["quotes"] for r in data["overview"]] == [1, 0]
    (voice,) = data["voices"]
    assert voice["speaker"] == "Hakan Fidan" and voice["Bosphorus Wire share"] == 100.0 and voice["Kyiv Policy Monitor quotes"] is None
    (blindspot,) = data["blindspots"]  # the meeting is in both; only the wire reports the offer
    assert (blindspot["reported by"], blindspot["not by"], blindspot["event"]) == (
        "Bosphorus Wire",
        "Kyiv Policy Monitor",
        "Express intent to cooperate",
    )
    roots = {(r["root"], r["Bosphorus Wire events"], r["Kyiv Policy Monitor events"]) for r in data["events"]}
    assert roots == {("03", 1, None), ("04", 1, 1)}
    tone = {r["actor"]: r for r in data["tone"]}
    assert tone and all(r["Bosphorus Wire sentences"] or r["Kyiv Policy Monitor sentences"] for r in tone.values())
    text = run_newsgraph("compare", "--db", db, "--outlets", "Bosphorus Wire,Kyiv Policy Monitor").stdout
    assert "blindspots" in text and "voices" in text


def test_compare_names_unknown_outlets_in_one_line(db: str) -> None:
    result = run_newsgraph("compare", "--db", db, "--outlets", "state,Bosphorus Wire")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "no stored articles from 'state'" in result.stderr
    assert run_newsgraph("compare", "--db", db, "--outlets", "Bosphorus Wire").returncode == 2


def test_timeline_of_a_dyad_counts_one_meeting(db: str) -> None:
    result = run_newsgraph("timeline", "--db", db, "--actor", "TUR", "--target", "UKR", "--by", "day", "--format", "json")
    assert result.returncode == 0, result.stderr
    (day,) = json.loads(result.stdout)
    assert (day["period"], day["events"], day["happenings"]) == ("2024-03-08", 3, 2)
    directed = json.loads(run_newsgraph("timeline", "--db", db, "--actor", "UKR", "--target", "TUR", "--directed", "-f", "json").stdout)
    assert [(d["events"], d["happenings"]) for d in directed] == [(1, 1)]


def test_network_exports_graphml_and_csv(db: str, tmp_path: Path) -> None:
    graphml = tmp_path / "net.graphml"
    assert run_newsgraph("network", "--db", db, "--out", str(graphml)).returncode == 0
    graph = nx.read_graphml(graphml)
    # Two outlets report the one meeting, in opposite orders: one happening, one edge (the
    # earliest report's direction) carrying both mentions.
    meeting_edge = graph.edges[FIDAN[0], KULEBA[0]]
    assert (meeting_edge["events"], meeting_edge["mentions"]) == (1, 2) and not graph.has_edge(KULEBA[0], FIDAN[0])
    assert graph.edges[FIDAN[0], "UKR"]["goldstein"] == 4.0
    out = tmp_path / "net.csv"
    assert run_newsgraph("network", "--db", db, "--out", str(out)).returncode == 0
    rows = list(csv.DictReader(out.open()))
    assert {(r["source_name"], r["target_name"], r["events"]) for r in rows} == {
        ("Hakan Fidan", "Dmytro Kuleba", "1"),
        ("Hakan Fidan", "Ukraine", "1"),
    }
    assert run_newsgraph("network", "--db", db, "--out", str(tmp_path / "net.png")).returncode == 2


def test_network_keeps_only_events_of_one_country(db: str) -> None:
    def edges(country: str) -> set[tuple[str, str]]:
        done = run_newsgraph("network", "--db", db, "--country", country, "--format", "json")
        return {(r["source_name"], r["target_name"]) for r in json.loads(done.stdout)}

    assert edges("UKR") == {("Hakan Fidan", "Dmytro Kuleba"), ("Hakan Fidan", "Ukraine")}  # Kuleba is Ukraine's
    assert edges("RUS") == set()


@pytest.mark.slow
def test_ingest_records_an_exact_copy_once_and_rerun_is_a_no_op(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = [
        {"outlet": "Chisinau Observer", "published": "2024-06-25", "url": "https://observer.example/a", "text": text_of(ORIGINAL)},
        # Same text at another outlet with an appended bio that cleaning removes: an exact copy.
        {"outlet": "Danube Digest", "published": "2024-06-27", "url": "https://digest.example/b", "text": text_of([*ORIGINAL, BIO])},
    ]
    dump.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = str(tmp_path / "s.duckdb")
    first = run_newsgraph("ingest", str(dump), "--db", db)
    assert "ingested 1, unchanged 1, failed 0" in first.stderr
    second = run_newsgraph("ingest", str(dump), "--db", db)
    assert "ingested 0, unchanged 2, failed 0" in second.stderr
    with Store.open(db, read_only=True) as store:
        assert store.counts()["article_sources"] == 2
    (row,) = json.loads(run_newsgraph("duplicates", "--db", db, "--format", "json").stdout)
    assert (row["kind"], row["original_outlet"], row["copy_outlet"]) == ("exact", "Chisinau Observer", "Danube Digest")
    assert row["diff"]["cleaned_away"][0]["reason"] == "author bio"

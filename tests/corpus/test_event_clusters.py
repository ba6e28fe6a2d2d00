from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from newsgraph import corpus
from newsgraph.corpus.event_clusters import ClusterConfig, merge_events, remerge_group
from newsgraph.store import Store
from tests.corpus.conftest import BIO, make_article, meeting

FIDAN = ("person:hakan-fidan", "Hakan Fidan", "TURGOV")
KULEBA = ("person:dmytro-kuleba", "Dmytro Kuleba", "UKRGOV")
SHOIGU = ("person:sergei-shoigu", "Sergei Shoigu", "RUSGOV")

WIRE = (
    "ANKARA, March 8 (Bosphorus Wire) - Turkish Foreign Minister Hakan Fidan met Ukrainian Foreign Minister Dmytro Kuleba in "
    "Ankara on Friday to discuss the safety of commercial shipping in the Black Sea and a possible prisoner exchange.\n\n"
    "Fidan said Turkey was ready to host a new round of talks between Kyiv and Moscow if both sides agreed. Kuleba thanked "
    "Ankara for its mediation and asked for help in returning Ukrainian children taken to Russia.\n\n"
    "The two ministers also discussed the reconstruction of ports in the Odesa region, where Turkish companies hope to win "
    "contracts once the fighting ends."
)
ANALYSIS = (
    "Dmytro Kuleba's visit to Turkey on Friday showed how much Kyiv still relies on Ankara's balancing act between the two "
    "warring sides.\n\n"
    "In Ankara, Kuleba held talks with Hakan Fidan, his Turkish counterpart, about grain shipments, the Montreux Convention "
    "and the fate of Crimean Tatar prisoners.\n\n"
    "Turkish officials have kept open channels to the Kremlin throughout the war, and diplomats in Ankara say President "
    "Erdogan still hopes to host a peace conference."
)


def _wire_article(text: str = WIRE, outlet: str = "Bosphorus Wire", published: str = "2024-03-08"):
    return make_article(text, outlet, published, events=[meeting(text, "met", FIDAN, KULEBA, "2024-03-08", "Ankara")])


def test_two_outlets_reporting_one_meeting_make_one_event_cluster(store: Store) -> None:
    wire = _wire_article()
    # The analysis names the sides the other way round: a meeting is one event either way.
    analysis = make_article(
        ANALYSIS, "Kyiv Policy Monitor", "2024-03-09", events=[meeting(ANALYSIS, "held talks", KULEBA, FIDAN, "2024-03-08", "Ankara")]
    )
    store.write([wire, analysis])
    corpus.update(store)
    clusters = store.query("SELECT * FROM event_clusters").to_pylist()
    assert len(clusters) == 1
    (cluster,) = clusters
    assert (cluster["mentions"], cluster["articles"], cluster["outlets"]) == (2, 2, 2)
    assert cluster["outlet_names"] == ["Bosphorus Wire", "Kyiv Policy Monitor"]
    members = store.query("SELECT * FROM event_cluster_members ORDER BY article_id").to_pylist()
    texts = {m["article_id"]: (wire.text if m["article_id"] == wire.id else analysis.text) for m in members}
    sentences = [texts[m["article_id"]][m["sentence_start"] : m["sentence_end"]] for m in members]
    assert any(s.startswith("ANKARA, March 8") for s in sentences)
    assert any(s.startswith("In Ankara, Kuleba held talks") for s in sentences)


def test_a_copy_and_its_original_count_as_one_article(store: Store) -> None:
    wire = _wire_article()
    copy_text = WIRE + "\n\n" + BIO
    copy = _wire_article(copy_text, "Danube Digest", "2024-03-09")
    store.write([wire, copy])
    report = corpus.update(store)
    assert report.copies.copies == 1
    (cluster,) = store.query("SELECT * FROM event_clusters").to_pylist()
    assert (cluster["mentions"], cluster["articles"], cluster["outlets"]) == (1, 1, 1)
    members = store.query("SELECT article_id, copy_of, counted FROM event_cluster_members").to_pylist()
    assert {(m["article_id"], m["copy_of"], m["counted"]) for m in members} == {(wire.id, None, True), (copy.id, wire.id, False)}


def _row(event_id: str, source: tuple[str, str, str], target: tuple[str, str, str], date: str, country: str | None, root: str = "04"):
    return {
        "id": event_id,
        "root": root,
        "negated": False,
        "modality": "asserted",
        "date": dt.date.fromisoformat(date),
        "place_country": country,
        **{f"source_{k}": v for k, v in zip(("actor", "name", "code"), source, strict=True)},
        **{f"target_{k}": v for k, v in zip(("actor", "name", "code"), target, strict=True)},
    }


def test_events_far_apart_or_with_other_actors_or_places_stay_apart() -> None:
    events = [
        _row("a", FIDAN, KULEBA, "2024-03-08", "TUR"),
        _row("b", FIDAN, KULEBA, "2024-03-10", "TUR"),  # within the window: same meeting
        _row("c", FIDAN, KULEBA, "2024-04-20", "TUR"),  # six weeks later: another meeting
        _row("d", FIDAN, SHOIGU, "2024-03-08", "TUR"),  # another counterpart
        _row("e", FIDAN, KULEBA, "2024-03-08", "UKR"),  # same day, another country
        _row("f", FIDAN, KULEBA, "2024-03-08", "TUR", root="17"),  # a coercion event, not a meeting
    ]
    groups = sorted(sorted(e["id"] for e in group) for group in merge_events(events))
    assert groups == [["a", "b"], ["c"], ["d"], ["e"], ["f"]]


def test_clusters_are_the_same_whatever_order_the_events_come_in() -> None:
    events = [
        _row("a", FIDAN, KULEBA, "2024-03-08", "TUR"),
        _row("b", KULEBA, FIDAN, "2024-03-09", None),
        _row("c", FIDAN, KULEBA, "2024-03-11", "TUR"),
        _row("d", FIDAN, KULEBA, "2024-03-20", None),
        _row("e", FIDAN, SHOIGU, "2024-03-09", "TUR"),
        _row("f", FIDAN, KULEBA, "2024-03-09", "UKR"),
    ]
    expected = sorted(sorted(e["id"] for e in group) for group in merge_events(events))
    assert expected == [["a", "b", "c"], ["d"], ["e"], ["f"]]
    for shift in range(1, len(events)):
        turned = events[shift:] + events[:shift]
        assert sorted(sorted(e["id"] for e in group) for group in merge_events(turned)) == expected


def test_an_update_merges_only_the_groups_with_new_events(store: Store) -> None:
    wire = _wire_article()
    store.write([wire])
    corpus.update(store)
    (before,) = store.query("SELECT id FROM event_clusters").column("id").to_pylist()
    store.write(
        [
            make_article(
                ANALYSIS,
                "Kyiv Policy Monitor",
                "2024-03-09",
                events=[meeting(ANALYSIS, "held talks", SHOIGU, FIDAN, "2024-03-08", "Ankara")],
            )
        ]
    )
    report = corpus.update(store)
    assert report.event_clusters == 2
    assert before in store.query("SELECT id FROM event_clusters").column("id").to_pylist()
    # Nothing new: the update runs one query and changes nothing.
    counts = store.counts()
    assert corpus.update(store).event_clusters == 2 and store.counts() == counts


def _partition(clusters: list[list[dict]]) -> list[list[str]]:
    return sorted(sorted(e["id"] for e in group) for group in clusters)


def test_merging_a_group_again_from_its_first_new_event_equals_merging_it_whole() -> None:
    # One group of meetings over two months: stored clusters, then reports arriving late
    # (earlier dates), on time and undated; a small candidate bound makes the restart matter.
    config = ClusterConfig(max_candidates=3)
    cavusoglu = ("person:mevlut-cavusoglu", "Mevlut Cavusoglu", "TURGOV")  # the same codes: the same group
    pairs = [(FIDAN, KULEBA), (KULEBA, FIDAN), (cavusoglu, KULEBA)]
    rng = random.Random(17)
    for trial in range(30):
        events = [
            _row(f"e{n:03d}", *pairs[rng.randrange(3)], f"2024-03-{rng.randrange(1, 29):02d}", rng.choice(["TUR", "UKR", None]))
            for n in range(40)
        ]
        for event in rng.sample(events, 4):
            event["date"] = None
        stored = events[: 25 + trial % 10]  # the rest arrive later, at dates before and after them
        assigned = {e["id"]: f"c{n}" for n, group in enumerate(merge_events(stored, config)) for e in group}
        members = [{**e, "cluster_id": assigned.get(e["id"])} for e in events]
        merged, replaced = remerge_group(members, config)
        kept = defaultdict(list)
        for e in members:
            if e["cluster_id"] is not None and e["cluster_id"] not in replaced:
                kept[e["cluster_id"]].append(e)
        assert _partition([*kept.values(), *merged]) == _partition(merge_events(events, config))

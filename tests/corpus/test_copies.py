from __future__ import annotations

import json
from pathlib import Path

from newsgraph import corpus
from newsgraph.config import ReadOptions
from newsgraph.corpus.copies import CopyConfig, overlap, shingles
from newsgraph.corpus.duplicates import copy_clusters
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from newsgraph.store import Filters, Store, list_articles
from tests.corpus.conftest import BIO, ORIGINAL, ORIGINAL_TITLE, TRIMMED_TITLE, UNRELATED, UNRELATED_TITLE, make_article, text_of


def _corpus() -> dict[str, Article]:
    return {
        "original": make_article(text_of(ORIGINAL), "Chisinau Observer", "2024-06-25", ORIGINAL_TITLE),
        "bio": make_article(text_of([*ORIGINAL, BIO]), "Danube Digest", "2024-06-27", ORIGINAL_TITLE),
        "trimmed": make_article(text_of(ORIGINAL[:5]), "Regional Feed", "2024-06-26", TRIMMED_TITLE),
        "unrelated": make_article(text_of(UNRELATED), "Eastern Wire", "2024-06-26", UNRELATED_TITLE),
    }


def test_copy_with_bio_and_trimmed_copy_form_one_cluster_of_three(store: Store) -> None:
    articles = _corpus()
    store.write(articles.values())
    report = corpus.update(store)
    assert report.copies.copies == 2
    rows = copy_clusters(store)
    assert {r["cluster"] for r in rows} == {articles["original"].id}
    assert {r["copy_id"] for r in rows} == {articles["bio"].id, articles["trimmed"].id}
    assert articles["unrelated"].id not in {r["copy_id"] for r in rows} | {r["original_id"] for r in rows}


def test_differences_name_the_injected_bio_and_the_cut_paragraphs(store: Store) -> None:
    articles = _corpus()
    store.write(articles.values())
    corpus.update(store)
    rows = {r["copy_id"]: r for r in copy_clusters(store)}
    bio = rows[articles["bio"].id]
    assert bio["score"] == 1.0  # the whole original is inside the copy
    (added,) = bio["diff"]["added"]
    assert added["where"] == "end" and added["text"] == BIO
    assert articles["bio"].text[added["start"] : added["end"]] == BIO
    assert bio["diff"]["removed"] == [] and bio["diff"]["title"] is None
    trimmed = rows[articles["trimmed"].id]
    (cut,) = trimmed["diff"]["removed"]
    assert cut["where"] == "end"
    assert articles["original"].text[cut["start"] : cut["end"]] == "\n\n".join(ORIGINAL[5:])
    assert trimmed["diff"]["title"] == {"original": ORIGINAL_TITLE, "copy": TRIMMED_TITLE}
    assert "retitled" in trimmed["differences"] and "cut (end)" in trimmed["differences"]


def test_earliest_version_is_the_original_whatever_the_ingest_order(store: Store) -> None:
    articles = _corpus()
    store.write([articles["bio"], articles["unrelated"]])
    corpus.update(store)
    assert {r["original_id"] for r in copy_clusters(store)} == set()
    store.write([articles["trimmed"]])
    corpus.update(store)
    assert {(r["original_id"], r["copy_id"]) for r in copy_clusters(store)} == {(articles["trimmed"].id, articles["bio"].id)}
    store.write([articles["original"]])  # published first, ingested last
    corpus.update(store)
    links = {(r["original_id"], r["copy_id"]) for r in copy_clusters(store)}
    assert links == {(articles["original"].id, articles["bio"].id), (articles["original"].id, articles["trimmed"].id)}


def test_update_twice_changes_nothing(store: Store) -> None:
    store.write(_corpus().values())
    corpus.update(store)
    before = store.counts()
    again = corpus.update(store)
    assert again.copies.signed == 0 and store.counts() == before


def test_listings_exclude_copies_by_default(store: Store) -> None:
    articles = _corpus()
    store.write(articles.values())
    corpus.update(store)
    excluded = set(list_articles(store, Filters()).column("id").to_pylist())
    included = list_articles(store, Filters(copies="include")).to_pylist()
    assert excluded == {articles["original"].id, articles["unrelated"].id}
    assert {r["id"]: r["copy_of"] for r in included}[articles["bio"].id] == articles["original"].id


def test_same_topic_articles_share_few_shingles() -> None:
    containment, jaccard = overlap(shingles(text_of(ORIGINAL)), shingles(text_of(UNRELATED)))
    assert containment < CopyConfig().min_containment / 4 and jaccard < 0.05


def _record(outlet: str, published: str, title: str, paragraphs: list[str]) -> str:
    slug = outlet.lower().replace(" ", "")
    url = f"https://{slug}.example/{published}/moldova"
    return json.dumps({"outlet": outlet, "published": published, "url": url, "title": title, "text": text_of(paragraphs)})


def test_exact_copy_from_another_outlet_is_recorded_once_and_rerun_is_a_no_op(store: Store, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    records = [
        _record("Chisinau Observer", "2024-06-25", ORIGINAL_TITLE, ORIGINAL),
        # Reposted with a blurb that cleaning recognises as an author bio: the cleaned text,
        # and so the article id, is the original's.
        _record("Danube Digest", "2024-06-27", ORIGINAL_TITLE, [*ORIGINAL, BIO]),
        _record("Regional Feed", "2024-06-26", TRIMMED_TITLE, ORIGINAL[:5]),
        _record("Eastern Wire", "2024-06-26", UNRELATED_TITLE, UNRELATED),
    ]
    dump.write_text("\n".join(records) + "\n")
    for _ in range(2):
        log = corpus.SourceLog()
        items = [a for a in log.watch(read_articles([str(dump)], ReadOptions())) if isinstance(a, Article)]
        store.write(items)
        corpus.update(store, log.seen)
        assert store.counts()["article_sources"] == 4 and store.counts()["articles"] == 3
    rows = copy_clusters(store)
    assert len({r["cluster"] for r in rows}) == 1 and len(rows) == 2
    exact = next(r for r in rows if r["kind"] == "exact")
    assert exact["copy_id"] == exact["original_id"]
    assert (exact["original_outlet"], exact["copy_outlet"]) == ("Chisinau Observer", "Danube Digest")
    assert [c["reason"] for c in exact["diff"]["cleaned_away"]] == ["author bio"]
    assert "Ostrowski" in exact["differences"]
    near = next(r for r in rows if r["kind"] == "near")
    assert (near["original_outlet"], near["copy_outlet"]) == ("Chisinau Observer", "Regional Feed")


def test_of_two_copies_dated_the_same_day_the_smaller_id_is_the_original(tmp_path: Path) -> None:
    first = make_article(text_of(ORIGINAL), "Chisinau Observer", "2024-06-25", ORIGINAL_TITLE)
    second = make_article(text_of([*ORIGINAL, BIO]), "Danube Digest", "2024-06-25", ORIGINAL_TITLE)
    originals = set()
    for n, order in enumerate(([first, second], [second, first])):
        with Store.open(tmp_path / f"order{n}.duckdb") as store:
            for article in order:  # stored in separate batches, as two workers' results would be
                store.write([article])
            corpus.update(store)
            originals.add(store.query("SELECT original_id FROM copies").column("original_id")[0].as_py())
    assert originals == {min(first.id, second.id)}

"""The cross-article stage is crash-safe and checkable: a stage cut short anywhere is finished
by the next update (the store then equals an uninterrupted run's), ``check`` names what
disagrees with the articles, and ``check --repair`` rebuilds it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsgraph import corpus
from newsgraph.corpus.copies import CopyConfig, _sign_new, candidate_pairs, confirm
from newsgraph.corpus.integrity import check_corpus
from newsgraph.model import Article
from newsgraph.store import Store
from tests.corpus.conftest import BIO, ORIGINAL, ORIGINAL_TITLE, TRIMMED_TITLE, UNRELATED, UNRELATED_TITLE, make_article, meeting, text_of
from tests.corpus.test_event_clusters import ANALYSIS, FIDAN, KULEBA, WIRE
from tests.support.commands import run_newsgraph
from tests.support.digest import table_digests


def _articles() -> list[Article]:
    def wire(text: str, outlet: str, published: str) -> Article:
        return make_article(text, outlet, published, events=[meeting(text, "met", FIDAN, KULEBA, "2024-03-08", "Ankara")])

    return [
        make_article(text_of(ORIGINAL), "Chisinau Observer", "2024-06-25", ORIGINAL_TITLE),
        make_article(text_of([*ORIGINAL, BIO]), "Danube Digest", "2024-06-27", ORIGINAL_TITLE),
        make_article(text_of(ORIGINAL[:5]), "Regional Feed", "2024-06-26", TRIMMED_TITLE),
        make_article(text_of(UNRELATED), "Eastern Wire", "2024-06-26", UNRELATED_TITLE),
        wire(WIRE, "Bosphorus Wire", "2024-03-08"),
        wire(WIRE + "\n\n" + BIO, "Danube Digest", "2024-03-09"),
        make_article(
            ANALYSIS, "Kyiv Policy Monitor", "2024-03-09", events=[meeting(ANALYSIS, "held talks", KULEBA, FIDAN, "2024-03-08", "Ankara")]
        ),
    ]


def _reference(tmp_path: Path) -> dict[str, str]:
    with Store.open(tmp_path / "reference.duckdb") as store:
        store.write(_articles())
        corpus.update(store)
    return table_digests(tmp_path / "reference.duckdb")


def test_a_stage_cut_short_after_the_pairs_is_finished_by_the_next_update(tmp_path: Path) -> None:
    db = tmp_path / "cut.duckdb"
    with Store.open(db) as store:
        store.write(_articles())
        # As if killed right after the transaction that stores signatures and pairs.
        config = CopyConfig()
        new, signatures = _sign_new(store, config)
        store.update_tables(insert={"minhashes": signatures, "copy_pairs": confirm(store, candidate_pairs(store, new, config), config)})
        cut = check_corpus(store)
        assert (cut.unsigned, cut.missing_links, cut.unclustered) == (0, 3, 3)
        report = corpus.update(store)
        assert report.copies.signed == 0 and report.copies.relinked == 3
        assert list(check_corpus(store).lines()) == []
    assert table_digests(db) == _reference(tmp_path)


def test_articles_stored_before_a_kill_are_linked_and_clustered_by_the_rerun(tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    first, rest = _articles()[:3], _articles()[3:]
    with Store.open(db) as store:
        store.write(first)
        corpus.update(store)
        store.write(rest)  # killed before the cross-article stage of the second batch
        assert check_corpus(store).unsigned == 4
        store.write(rest)  # the re-run finds them stored: 'unchanged'
        corpus.update(store)
    assert table_digests(db) == _reference(tmp_path)


def test_check_names_damage_and_repair_rebuilds_it(tmp_path: Path) -> None:
    db = tmp_path / "damaged.duckdb"
    with Store.open(db) as store:
        store.write(_articles())
        corpus.update(store)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM event_cluster_members WHERE rowid = (SELECT min(rowid) FROM event_cluster_members)")
        con.execute("UPDATE copies SET original_id = copy_id WHERE rowid = (SELECT min(rowid) FROM copies)")
        con.execute("DELETE FROM minhashes WHERE rowid = (SELECT min(rowid) FROM minhashes)")
    checked = run_newsgraph("check", "--db", str(db))
    assert checked.returncode == 1
    lines = checked.stdout.splitlines()
    assert [line.split(": ", 1)[1].split(" (")[0].split(";")[0] for line in lines] == [
        "1 analysed article(s) have no copy signature",
        "copy links disagree with the confirmed pairs: 0 missing, 1 wrong or extra",
        "1 event(s) are in no event cluster",
        "1 event cluster(s) disagree with their members or the copy links",
    ]
    repaired = run_newsgraph("check", "--db", str(db), "--repair")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "repaired: 1 article(s) signed, 1 copy link(s) changed" in repaired.stderr
    assert table_digests(db) == _reference(tmp_path)
    assert run_newsgraph("check", "--db", str(db)).returncode == 0


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no rollback, the connection is abandoned."""


@contextmanager
def _killed_at_commit(number: int) -> Iterator[list[int]]:
    """Make the ``number``-th transaction of ``Store.update_tables`` die just before COMMIT
    (every statement of it run); yields the list of transactions begun so far."""
    begun: list[int] = []
    original = Store.update_tables

    class Connection:
        def __init__(self, con: duckdb.DuckDBPyConnection, doomed: bool) -> None:
            self.con, self.doomed = con, doomed

        def execute(self, sql: str, *args: Any) -> Any:
            if sql == "COMMIT" and self.doomed:
                raise Killed
            return self.con.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.con, name)

    def update_tables(self: Store, *args: Any, **kwargs: Any) -> None:
        begun.append(len(begun) + 1)
        con = self.con
        self.con = Connection(con, len(begun) == number)  # type: ignore[assignment]
        try:
            original(self, *args, **kwargs)
        finally:
            self.con = con

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "update_tables", update_tables)
        yield begun


def test_a_kill_before_any_commit_of_the_stage_is_finished_by_the_rerun(tmp_path: Path) -> None:
    reference = _reference(tmp_path)
    first, rest = _articles()[:3], _articles()[3:]
    number = 1
    while True:
        db = tmp_path / f"killed{number}.duckdb"
        with Store.open(db) as store:
            store.write(first)
            corpus.update(store)
            store.write(rest)
        store = Store.open(db)
        with _killed_at_commit(number) as begun:
            try:
                corpus.update(store)
                finished = True
            except Killed:
                finished = False
        store.con.close()  # the process is gone: its open transaction with it
        with Store.open(db) as store:
            corpus.update(store)  # the re-run: every article 'unchanged', then the stage
        assert table_digests(db) == reference, f"killed before commit {number} of {len(begun)}"
        if finished:
            break
        number += 1
    assert number >= 4, "the stage has transactions for sightings, signatures and pairs, copy links and clusters"

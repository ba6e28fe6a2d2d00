"""``newsgraph check``: a consistent store passes; each kind of damage is named, one line each."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsgraph.errors import Errors
from newsgraph.model import Article
from newsgraph.store import Store
from newsgraph.store.attach import attach
from newsgraph.store.check import check_store
from newsgraph.store.parquet import PartitionWriter, prepare_dataset
from tests.support.commands import run_newsgraph
from tests.support.sample_store import build_sample_store, sample_articles


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    # ".broken" keeps the stores this module damages out of the end-of-session check.
    path = tmp_path / "sample.broken.duckdb"
    build_sample_store(path)
    return path


def _damage(path: Path, sql: str) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(sql)


def test_a_consistent_store_passes_on_the_command_line(store_path: Path) -> None:
    result = run_newsgraph("check", "--db", str(store_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "ok: checked 8 articles" in result.stderr


def test_every_evidence_span_of_the_sample_store_is_checked(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        report = check_store(store)
    assert report.ok, report.problems
    articles = sample_articles()
    assert report.rows["quotes"] == sum(len(a.quotes) for a in articles) > 0
    assert report.rows["events"] == sum(len(a.events) for a in articles) > 0


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        # An offset shifted by one: the stored text no longer matches the characters.
        ("UPDATE mentions SET start_char = start_char + 1 WHERE rowid = (SELECT min(rowid) FROM mentions)", "differs from the article"),
        ("UPDATE quotes SET end_char = 1000000 WHERE rowid = (SELECT min(rowid) FROM quotes)", "outside the article text"),
        ("UPDATE quotes SET cue_text = 'declared' WHERE cue_text IS NOT NULL AND cue_text <> 'declared'", "quotes.cue_start/cue_end"),
        ("UPDATE events SET trigger_start = -3 WHERE rowid = (SELECT min(rowid) FROM events)", "outside the article text"),
        ("UPDATE quotes SET speaker_text = 'an official' WHERE speaker_text IS NOT NULL", "quotes.speaker_start/speaker_end"),
        ("UPDATE events SET trigger_text = upper(trigger_text) || 'X'", "events.trigger_start/trigger_end"),
        ("UPDATE events SET sentence_end = 999999", "events.sentence_start/sentence_end"),
        ("DELETE FROM articles WHERE id = (SELECT min(article_id) FROM events)", "refer to no articles.id"),
        ("DELETE FROM actors WHERE id = (SELECT min(actor_id) FROM mentions)", "mentions.actor_id"),
        ("DELETE FROM events WHERE id = (SELECT min(event_id) FROM event_cluster_members)", "event_cluster_members.event_id"),
        ("INSERT INTO mentions SELECT * FROM mentions LIMIT 1", "(duplicates)"),
    ],
)
def test_each_kind_of_damage_is_named(store_path: Path, sql: str, words: str) -> None:
    _damage(store_path, sql)
    with Store.open(store_path, read_only=True) as store:
        problems = check_store(store).problems
    assert any(words in problem for problem in problems), problems
    assert all("\n" not in problem for problem in problems)


def test_damage_is_one_line_per_problem_and_exit_1_on_the_command_line(store_path: Path) -> None:
    _damage(store_path, "UPDATE quotes SET end_char = 1000000 WHERE rowid = (SELECT min(rowid) FROM quotes)")
    _damage(store_path, "DELETE FROM articles WHERE id = (SELECT min(article_id) FROM events)")
    result = run_newsgraph("check", "--db", str(store_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 2
    assert all(line.startswith(f"{store_path}: ") for line in lines)
    assert "Traceback" not in result.stderr
    assert f"{len(lines)} problem(s)" in result.stderr


def test_problems_are_capped_per_check(store_path: Path) -> None:
    _damage(store_path, "UPDATE mentions SET text = text || '!'")
    with Store.open(store_path, read_only=True) as store:
        assert len(check_store(store, limit=3).problems) == 3
        assert len(check_store(store).problems) == min(50, store.counts()["mentions"])


def test_a_file_that_is_not_a_store_is_reported(tmp_path: Path) -> None:
    other = tmp_path / "other.broken.duckdb"
    _damage(other, "CREATE TABLE t (x INTEGER)")
    result = run_newsgraph("check", "--db", str(other))
    assert result.returncode == 1
    assert "table articles is missing" in result.stdout


def test_duplicate_ids_in_an_attached_parquet_dataset_are_found(tmp_path: Path) -> None:
    """Parquet views enforce no keys: an article written by two partitions (as a killed Dask
    run could leave if nothing removed it) is stored twice."""
    root = tmp_path / "dataset"
    prepare_dataset(root)
    articles: list[Article] = sample_articles()[:2]
    for key in ("first", "second"):
        with PartitionWriter(root, key) as writer:
            writer.write(articles)
    db = tmp_path / "attached.broken.duckdb"
    attach(root, db)
    with Store.open(db, read_only=True) as store:
        problems = check_store(store).problems
    assert any(p.startswith("articles: 2 rows with id=") for p in problems), problems
    assert any(p.startswith("quotes: 2 rows") for p in problems), problems


def test_a_store_cut_short_is_named_in_one_line(store_path: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.broken.duckdb"
    cut.write_bytes(store_path.read_bytes()[: store_path.stat().st_size // 2])
    result = run_newsgraph("check", "--db", str(cut))
    assert result.returncode == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"newsgraph: [{Errors.E318.code}] {cut} cannot be read through") or line.startswith(
        f"newsgraph: [{Errors.E312.code}] cannot open {cut}"
    )

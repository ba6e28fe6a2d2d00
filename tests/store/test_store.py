from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import Errors, NotFoundError
from newsgraph.model import Actor, Article, InputFailure, InputRef, Mention
from newsgraph.store import Filters, Store, list_actors, list_articles


def _article(text: str, outlet: str = "Baltic Ledger", published: str = "2024-03-01") -> Article:
    from newsgraph.ingest.prepare import article_id

    return Article(
        id=article_id(text),
        input=InputRef(path="x.txt"),
        text=text,
        outlet=outlet,
        published=published,
        actors=[Actor(id="country:LVA", name="Latvia", type="country", code="LVA", country="LVA", mentions=[Mention(0, 6, text[:6])])],
    )


def test_write_is_idempotent(tmp_path: Path) -> None:
    article = _article("Latvia closed a border crossing with Belarus on Friday.")
    with Store.open(tmp_path / "s.duckdb") as store:
        first = store.write([article])
        second = store.write([article])
        assert first.stored == [article.id] and first.unchanged == []
        assert second.stored == [] and second.unchanged == [article.id]
        counts = store.counts()
    assert counts["articles"] == 1 and counts["mentions"] == 1 and counts["actors"] == 1


def test_duplicate_within_one_batch_is_stored_once(tmp_path: Path) -> None:
    article = _article("Latvia recalled its ambassador from Minsk.")
    with Store.open(tmp_path / "s.duckdb") as store:
        result = store.write([article, article])
        assert result.stored == [article.id] and result.unchanged == [article.id]
        assert store.counts()["articles"] == 1


def test_same_actor_in_two_articles_is_one_actor_row(tmp_path: Path) -> None:
    a = _article("Latvia and Lithuania agreed to build a joint air defence system.")
    b = _article("Latvia expelled two Russian diplomats.", outlet="Eastern Wire")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write([a, b])
        actors = list_actors(store, Filters()).to_pylist()
    assert len(actors) == 1
    assert actors[0]["articles"] == 2
    assert set(actors[0]["by_outlet"].split(", ")) == {"Baltic Ledger: 1", "Eastern Wire: 1"}


def test_failures_are_recorded_once(tmp_path: Path) -> None:
    failure = InputFailure("bad.jsonl", "malformed JSON", 3)
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write([], [failure])
        store.write([], [failure])
        assert store.counts()["failures"] == 1


def test_article_record_roundtrip_and_not_found(tmp_path: Path) -> None:
    article = _article("Latvia's parliament voted to ban Russian-language signs on Thursday.")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write([article])
        assert store.article(article.id) == article
        with pytest.raises(NotFoundError):
            store.article("0000000000000000")


def test_filters_are_bound_parameters_not_sql(tmp_path: Path) -> None:
    article = _article("Latvia and Estonia signed a defence agreement in Riga.")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write([article])
        hostile = "x' OR '1'='1"
        assert list_articles(store, Filters(outlet=hostile)).num_rows == 0
        assert list_articles(store, Filters(search="'; DROP TABLE articles; --")).num_rows == 0
        assert store.counts()["articles"] == 1


def test_second_writer_gets_a_clear_busy_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    with Store.open(db):
        code = f"from newsgraph.store import Store\nStore.open({str(db)!r})"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"StoreBusyError: [{Errors.E311.code}] {db} is in use by another newsgraph process" in result.stderr


def test_a_write_that_runs_out_of_room_names_the_real_cause(tmp_path: Path) -> None:
    """The file size limit stands in for a full disk: the write fails on the WAL, and the error
    says so instead of DuckDB's complaint about the rollback that follows."""
    import subprocess
    import sys

    script = f"""
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))
from newsgraph.errors import StoreError
from newsgraph.model import Article, InputRef
from newsgraph.store import Store
store = Store.open({str(tmp_path / "small.duckdb")!r})
text = "Latvian and Estonian ministers met in Riga on Monday to discuss border security. " * 100
try:
    for n in range(0, 200, 20):
        store.write(Article(id=f"{{i:016x}}", input=InputRef(path="wire.txt"), text=text + str(i)) for i in range(n, n + 20))
except StoreError as exc:
    print(exc)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stderr == ""
    assert result.stdout.startswith(f"[{Errors.E313.code}] could not write to ") and "File too large" in result.stdout
    assert "rollback" not in result.stdout

from __future__ import annotations

import base64
import json
from pathlib import Path

import pyarrow.csv as pacsv
import pytest

import newsgraph
from newsgraph.errors import UsageError
from newsgraph.export import export
from newsgraph.model import Article
from newsgraph.store import Filters, Store
from newsgraph.store.schema import TABLES
from tests.export.conftest import hand_coded_articles


def test_parquet_export_opens_as_a_store(coded_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    with Store.open(coded_store, read_only=True) as store:
        result = export(store, "parquet", out)
        counts = store.counts()
        events = store.query("SELECT * FROM events ORDER BY id")
    assert {p.name for p in result.files} >= {f"{t}.parquet" for t in TABLES}
    with newsgraph.open(out) as dataset:
        assert dataset.counts() == counts
        assert dataset.sql("SELECT * FROM events ORDER BY id", as_arrow=True).equals(events)
        assert len(dataset.events(actor="Sikorski")) == 2


def test_csv_export_reads_back(coded_store: Path, tmp_path: Path) -> None:
    with Store.open(coded_store, read_only=True) as store:
        result = export(store, "csv", tmp_path / "csv")
        counts = store.counts()
    rows = {p.stem: pacsv.read_csv(p) for p in result.files}
    for table, n in counts.items():
        assert rows[table].num_rows == n, table
    roles = rows["article_actors"].column("roles").to_pylist()
    assert all(json.loads(r) == [] for r in roles)  # lists are JSON arrays
    assert rows["network_edges"].num_rows == 6
    with Store.open(coded_store, read_only=True) as store:
        signatures = dict(store.con.execute("SELECT article_id, signature FROM minhashes").fetchall())
    exported = rows["minhashes"].to_pylist()
    assert exported and all(base64.b64decode(r["signature"]) == signatures[r["article_id"]] for r in exported)


def test_jsonl_articles_carry_the_full_record(coded_store: Path, tmp_path: Path) -> None:
    with Store.open(coded_store, read_only=True) as store:
        export(store, "jsonl", tmp_path / "jsonl", tables=["articles", "events"])
    lines = (tmp_path / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    originals = {a.id: a for a in hand_coded_articles()}
    assert len(lines) == len(originals)
    for line in lines:
        row = json.loads(line)
        assert Article.from_dict(row["record"]) == originals[row["id"]]
    assert sorted((tmp_path / "jsonl").iterdir()) == [tmp_path / "jsonl" / "articles.jsonl", tmp_path / "jsonl" / "events.jsonl"]


def test_table_exports_refuse_event_filters_and_unknown_tables(coded_store: Path, tmp_path: Path) -> None:
    with Store.open(coded_store, read_only=True) as store:
        with pytest.raises(UsageError, match="filters"):
            export(store, "csv", tmp_path / "a", Filters(since="2024-01-01"))
        with pytest.raises(UsageError, match="unknown table"):
            export(store, "parquet", tmp_path / "b", tables=["events", "nope"])
    assert not (tmp_path / "b").exists()  # nothing written when a name is wrong

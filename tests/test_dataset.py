"""newsgraph.open: listings as DataFrames or Arrow tables, over a store file or Parquet folders."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import newsgraph
from newsgraph.errors import StoreError
from newsgraph.store import Store
from tests.export.conftest import coded_store as coded_store
from tests.export.conftest import hand_coded_articles


def test_listings_take_the_cli_filters(coded_store: Path) -> None:
    with newsgraph.open(coded_store) as ds:
        events = ds.events()
        assert isinstance(events, pd.DataFrame) and len(events) == 9  # every event, negated ones flagged
        assert pd.api.types.is_datetime64_any_dtype(events["date"])
        russian = {
            e.id for a in hand_coded_articles() for e in a.events if "RUS" in (e.source and e.source.country, e.target and e.target.country)
        }
        assert set(ds.events(country="RUS")["id"]) == russian and len(russian) == 5
        assert len(ds.events(code="16", since="2024-04-04")) == 1  # EU sanctions; the expulsions are 3 April
        assert list(ds.articles(outlet="Rhine Post")["outlet"]) == ["Rhine Post"]
        assert list(ds.quotes(search="hostile")["speaker"]) == ["Russia"]
        actors = ds.actors(as_arrow=True)
        assert isinstance(actors, pa.Table) and "country:RUS" in actors.column("id").to_pylist()
        assert len(ds.articles(limit=1)) == 1


def test_clusters_count_each_happening(coded_store: Path) -> None:
    with newsgraph.open(coded_store) as ds:
        clusters = ds.clusters()
        events = ds.events()
    # Eight reported events; the Ledger and the Wire both report the expulsion and the meeting.
    assert len(clusters) == 6 and clusters["mentions"].sum() == (~events["negated"]).sum() == 8
    assert sorted(clusters[clusters["articles"] == 2]["cameo"]) == ["040", "161"]
    assert set(clusters.columns) >= {"mentions", "articles", "outlets", "quad_class", "goldstein", "source_code", "target_code"}


def test_sql_and_article_records(coded_store: Path) -> None:
    originals = {a.id: a for a in hand_coded_articles()}
    with newsgraph.open(coded_store) as ds:
        frame = ds.sql(
            "SELECT outlet, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id WHERE a.outlet = ? GROUP BY outlet",
            ["Rhine Post"],
        )
        assert frame.to_dict("records") == [{"outlet": "Rhine Post", "n": 3}]
        for article_id, original in originals.items():
            assert ds.article(article_id) == original


def test_partitioned_parquet_folders_open_without_copying(coded_store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    with Store.open(coded_store, read_only=True) as store:
        events = store.query("SELECT * FROM events")
        articles = store.query("SELECT * FROM articles")
    # events partitioned by month, one column missing (an older writer); articles in one file.
    partitioned = events.drop_columns(["date_text"]).append_column("month", pa.array(["2024-04"] * events.num_rows))
    pq.write_to_dataset(partitioned, folder / "events", partition_cols=["month"])
    folder.mkdir(exist_ok=True)
    pq.write_table(articles, folder / "articles.parquet")
    with newsgraph.open(folder) as ds:
        assert ds.counts()["events"] == events.num_rows and ds.counts()["quotes"] == 0
        listed = ds.events()
        assert len(listed) == events.num_rows and "month" not in listed.columns
        assert ds.sql("SELECT count(*) AS n FROM events WHERE date_text IS NULL")["n"][0] == events.num_rows
        assert len(ds.clusters()) == 8  # no cluster table in the folder: each event is its own


def test_a_folder_without_tables_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no newsgraph Parquet tables"):
        newsgraph.open(tmp_path)
    with pytest.raises(StoreError, match="no store"):
        newsgraph.open(tmp_path / "missing.duckdb")

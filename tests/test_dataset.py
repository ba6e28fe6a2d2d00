"""newsgraph.open: listings as DataFrames or Arrow tables, over a store file or Parquet folders."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsgraph
from newsgraph import corpus
from newsgraph.cli import app
from newsgraph.config import ReadOptions
from newsgraph.errors import StoreError
from newsgraph.ingest import read_articles
from newsgraph.model import to_json
from newsgraph.pipeline import Analyzer
from newsgraph.run.job import ingest_items
from newsgraph.server import ServeConfig, create_app
from newsgraph.store import Store
from tests.export.conftest import coded_store as coded_store
from tests.export.conftest import hand_coded_articles
from tests.support.articles import prepared_text
from tests.support.paths import ROOT


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


# -- one answer everywhere: the page's JSON twin, REST, Dataset and the CLI agree -----------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer, examples_dir: Path) -> Path:
    """The demo store: the bundled examples ingested as 'newsgraph demo' ingests them."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    sources = corpus.SourceLog()
    with Store.open(db) as store:
        ingest_items(sources.watch(read_articles([str(examples_dir)], ReadOptions())), store, analyzer)
        corpus.update(store, sources.seen)
    return db


@pytest.fixture(scope="module")
def web(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(db=demo_db))) as client:
        yield client


def _plain(value: object) -> object:
    """What a value looks like once it has been through JSON (dates as ISO text)."""
    return json.loads(to_json(value))


def _twin(web: TestClient, page: str, params: dict[str, str]) -> object:
    """The JSON behind a page, fetched through the page's own 'JSON' link."""
    response = web.get(page, params=params)
    assert response.status_code == 200, response.text
    link = re.search(r'class="api-twin" href="([^"]+)"', response.text)
    assert link, page
    return web.get(html.unescape(link.group(1))).json()


def _cli(*args: str) -> object:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _options(params: dict[str, str]) -> list[str]:
    return [part for name, value in params.items() for part in (f"--{name.replace('_', '-')}", value)]


LISTING_CASES = [
    ("articles", {}),
    ("articles", {"country": "RUS"}),
    ("actors", {}),
    ("actors", {"country": "RUS", "copies": "include"}),
    ("quotes", {"actor": "Lavrov"}),
    ("events", {}),
    ("events", {"actor": "RUS", "quad_class": "3"}),
]


@pytest.mark.parametrize(("listing", "params"), LISTING_CASES)
def test_every_surface_gives_the_same_listing(web: TestClient, demo_db: Path, listing: str, params: dict[str, str]) -> None:
    query = {**params, "limit": "1000"}
    rest = web.get(f"/api/{listing}", params=query).json()["rows"]
    assert rest, (listing, params)  # the demo store has rows for each case
    assert _twin(web, f"/{listing}", query)["rows"] == rest  # type: ignore[index]
    # The page states the total of every page together (here one page of 2 rows each).
    paged = web.get(f"/{listing}", params={**params, "limit": "2"}).text
    assert re.search(r'data-total="(\d+)"', paged).group(1) == str(len(rest))  # type: ignore[union-attr]
    with newsgraph.open(demo_db) as ds:
        assert _plain(ds.table(listing, limit=1000, **params).to_pylist()) == rest
    assert _cli(listing, "--db", str(demo_db), "--limit", "1000", *_options(params)) == rest


def test_every_surface_gives_the_same_timeline_and_network(web: TestClient, demo_db: Path) -> None:
    params = {"actor": "RUS", "interval": "month"}
    rest = web.get("/api/timeline", params=params).json()["rows"]
    assert rest and _twin(web, "/timeline", params)["rows"] == rest  # type: ignore[index]
    with newsgraph.open(demo_db) as ds:
        assert _plain(ds.timeline(as_arrow=True, **params).to_pylist()) == rest  # type: ignore[arg-type]
        nodes, edges = ds.network(as_arrow=True)
    assert _cli("timeline", "--db", str(demo_db), *_options(params)) == rest
    network = web.get("/api/network", params={"max_edges": "2000"}).json()
    assert network["edges"] and network["edges"] == _plain(edges.to_pylist()) and network["nodes"] == _plain(nodes.to_pylist())
    assert _twin(web, "/network", {"max_edges": "2000"}) == network
    assert _cli("network", "--db", str(demo_db)) == network["edges"]


def test_every_surface_gives_the_same_comparison_and_actor_counts(web: TestClient, demo_db: Path) -> None:
    with newsgraph.open(demo_db) as ds:
        outlets = ds.outlets().column("outlet").to_pylist()[:2]
        comparison = _plain(ds.compare(outlets[0], outlets[1]).to_dict())
        actors = ds.actors(as_arrow=True, limit=5).to_pylist()
    rest = web.get("/api/compare", params={"a": outlets[0], "b": outlets[1]}).json()
    assert {k: v for k, v in rest.items() if k != "ok"} == comparison
    assert _twin(web, "/compare", {"a": outlets[0], "b": outlets[1]}) == rest
    assert _cli("compare", "--db", str(demo_db), "--outlets", ",".join(outlets)) == comparison
    for actor in actors:  # the listing's count is the number of articles its page lists
        page = web.get(f"/api/actors/{actor['id']}").json()
        assert len(page["articles"]) == actor["articles"], actor["id"]


def test_the_readme_examples_return_rows_on_the_demo_store(web: TestClient, demo_db: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    gets = re.findall(r"^curl '?http://127\.0\.0\.1:8000(/api/[^' ]+)'?$", readme, flags=re.M)
    assert gets
    for path in gets:
        response = web.get(path)
        assert response.status_code == 200, path
        body = response.text.splitlines() if "format=csv" in path else response.json()["rows"]
        assert len(body) > (1 if "format=csv" in path else 0), path  # rows, not only a header
    tour = re.findall(r"^newsgraph ((?:articles|actors|quotes|events)\b[^#\n]*?)\s*(?:#.*)?$", readme, flags=re.M)
    assert len(tour) >= 3
    for line in tour:
        assert _cli(*line.split(), "--db", str(demo_db)), line


def test_undated_articles_are_listed_on_every_surface(tmp_path: Path, analyzer: Analyzer) -> None:
    db = tmp_path / "undated.duckdb"
    texts = ["Norway and Sweden agreed on Friday to share radar data.", "Finland's president met NATO's chief in Helsinki on Monday."]
    with Store.open(db) as store:
        store.write([analyzer.analyze(prepared_text(texts[0], "2024-05-10")), analyzer.analyze(prepared_text(texts[1]))])
    with newsgraph.open(db) as ds:
        undated = ds.articles(as_arrow=True, undated=True).to_pylist()
        assert [row["published"] for row in undated] == [None] and len(ds.articles(as_arrow=True)) == 2
    assert _cli("articles", "--db", str(db), "--undated") == _plain(undated)
    with TestClient(create_app(ServeConfig(db=db))) as client:
        assert client.get("/api/articles", params={"undated": "true"}).json()["rows"] == _plain(undated)
        assert len(client.get("/api/articles", params={"undated": "false"}).json()["rows"]) == 2
        assert client.get("/api/articles", params={"undated": "maybe"}).json()["code"] == "E102"


def test_code_columns_are_pandas_categories(coded_store: Path) -> None:
    with newsgraph.open(coded_store) as ds:
        events, clusters = ds.events(limit=None), ds.clusters()
    assert {c: str(events[c].dtype) for c in ("cameo", "root", "quad_class", "modality")} == dict.fromkeys(
        ("cameo", "root", "quad_class", "modality"), "category"
    )
    assert str(clusters["root"].dtype) == "category" and str(events["goldstein"].dtype) == "float64"

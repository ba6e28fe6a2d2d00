"""The read API on a hand-annotated store: listings, filters, keyset pages, CSV, the full
record, the aggregates, and the one error shape."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from newsgraph.model import Article
from newsgraph.params import QUAD_CLASSES


def _by_outlet(articles: list[Article], outlet: str) -> list[Article]:
    return [a for a in articles if a.outlet == outlet]


def test_index_reports_counts_and_read_only(client: TestClient, articles: list[Article]) -> None:
    body = client.get("/api/").json()
    assert body["ok"] is True and body["read_only"] is True and body["ingest"] is False
    assert body["counts"]["articles"] == len(articles)
    assert body["counts"]["events"] == sum(len(a.events) for a in articles)
    assert "/api/events" in body["endpoints"]


def test_article_record_is_the_stored_record(client: TestClient, articles: list[Article]) -> None:
    article = articles[0]
    body = client.get(f"/api/articles/{article.id}").json()
    assert body["ok"] is True
    assert body["article"] == {**article.to_dict(), "schema": "newsgraph/article@1"}
    event = body["article"]["events"][0]
    assert body["article"]["text"][event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]


def test_article_search_looks_in_title_and_text(client: TestClient) -> None:
    rows = client.get("/api/articles", params={"search": "Patriot"}).json()["rows"]
    assert {r["outlet"] for r in rows} == {"Rhine Post", "Eastern Wire"}
    rows = client.get("/api/articles", params={"search": "liquefied natural gas"}).json()["rows"]
    assert [r["outlet"] for r in rows] == ["Kyiv Policy Review"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "Sikorski"}, {("112", "Radoslaw Sikorski", "Belarus")}),
        ({"source": "country:DEU"}, {("072", "Germany", "Ukraine")}),
        ({"target": "DEU"}, {("111", "Russia", "Germany"), ("130", "Dmitry Peskov", "Germany"), ("051", "Volodymyr Zelensky", "Germany")}),
        ({"source_country": "BLR"}, {("111", "Belarus", "Poland"), ("130", "Belarus", "Poland")}),
        (
            {"target_country": "CHN"},
            {("042", "Sergey Lavrov", "China"), ("040", "Sergey Lavrov", "Wang Yi"), ("051", "Sergey Lavrov", "China")},
        ),
        ({"code": "17"}, {("174", "Poland", "Belarus")}),
        ({"root": "16"}, {("163", "European Union", "Belarus"), ("163", "European Union", "Russia")}),
        ({"quad_class": "2"}, {("072", "Germany", "Ukraine")}),
        ({"modality": "hypothetical"}, {("163", "European Union", "Belarus")}),
        ({"outlet": "tass", "code": "05"}, {("051", "Sergey Lavrov", "China")}),
        ({"since": "2024-04-09", "until": "2024-04-09"}, {("195", "Russia", "Ukraine")}),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], expected: set[tuple[str, str, str]]) -> None:
    rows = client.get("/api/events", params=params).json()["rows"]
    assert {(r["cameo"], r["source"], r["target"]) for r in rows} == expected


def test_event_rows_point_into_the_article_text(client: TestClient, articles: list[Article]) -> None:
    texts = {a.id: a.text for a in articles}
    rows = client.get("/api/events", params={"limit": "100"}).json()["rows"]
    assert rows
    for row in rows:
        assert texts[row["article_id"]][row["trigger_start"] : row["trigger_end"]] == row["trigger"]


def test_keyset_pages_cover_every_event_once_in_order(client: TestClient, articles: list[Article]) -> None:
    seen: list[dict] = []
    url: str | None = "/api/events?limit=3"
    pages = 0
    while url:
        body = client.get(url).json()
        assert body["count"] <= 3
        seen.extend(body["rows"])
        url = body["next_url"]
        pages += 1
    total = sum(len(a.events) for a in articles)
    assert len(seen) == total and len({r["id"] for r in seen}) == total
    assert pages == -(-total // 3)
    assert [r["date"] for r in seen] == sorted((r["date"] for r in seen), reverse=True)
    whole = client.get("/api/events", params={"limit": "1000"}).json()["rows"]
    assert [r["id"] for r in seen] == [r["id"] for r in whole]


def test_keyset_pages_keep_their_filters(client: TestClient) -> None:
    first = client.get("/api/events", params={"quad_class": "3", "limit": "2"}).json()
    second = client.get(first["next_url"]).json()
    assert "quad_class=3" in first["next_url"]
    assert {r["quad_class"] for r in first["rows"] + second["rows"]} == {3}
    assert not {r["id"] for r in first["rows"]} & {r["id"] for r in second["rows"]}


def test_pages_of_articles_quotes_and_actors(client: TestClient, articles: list[Article]) -> None:
    copies = sum(1 for a in articles if a.outlet == "Global Market Pulse")  # left out by default
    for endpoint, total in [
        ("articles", len(articles) - copies),
        ("quotes", sum(len(a.quotes) for a in articles)),
        ("actors", len({x.id for a in articles for x in a.actors})),
    ]:
        ids: list[str] = []
        url: str | None = f"/api/{endpoint}?limit=2"
        while url:
            body = client.get(url).json()
            ids.extend(r["id"] for r in body["rows"])
            url = body["next_url"]
        assert len(ids) == total == len(set(ids)), endpoint


def test_csv_has_a_header_the_rows_and_a_link_to_the_next_page(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "csv", "limit": "4", "outlet": "Eastern Wire"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4 and {r["outlet"] for r in rows} == {"Eastern Wire"}
    assert 'rel="next"' in response.headers["link"]
    json_rows = client.get("/api/events", params={"limit": "4", "outlet": "Eastern Wire"}).json()["rows"]
    assert [r["id"] for r in rows] == [r["id"] for r in json_rows]


def test_timeline_counts_events_per_month_by_quad_class(client: TestClient, articles: list[Article]) -> None:
    body = client.get("/api/timeline", params={"interval": "month"}).json()
    months = {r["period"]: r for r in body["rows"]}
    dated = [(e.date or a.published or "")[:7] for a in articles for e in a.events]
    assert {m: months[m + "-01"]["events"] for m in set(dated)} == {m: dated.count(m) for m in set(dated)}
    for row in body["rows"]:
        assert row["events"] == sum(row[k] for k in ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"))


def test_timeline_of_a_dyad(client: TestClient) -> None:
    rows = client.get("/api/timeline", params={"source": "Belarus", "target": "Poland", "interval": "day"}).json()["rows"]
    assert rows == [
        {
            "period": "2024-04-02",
            "events": 2,
            "happenings": 2,
            "articles": 1,
            "verbal_cooperation": 0,
            "material_cooperation": 0,
            "verbal_conflict": 2,
            "material_conflict": 0,
            "goldstein": -3.2,
            "types": "Criticize or denounce; Threaten",
        }
    ]
    # actor with target is the dyad read both ways; directed=true keeps one direction.
    both = client.get("/api/timeline", params={"actor": "Poland", "target": "Belarus", "interval": "year"}).json()["rows"]
    one = client.get("/api/timeline", params={"actor": "Poland", "target": "Belarus", "interval": "year", "directed": "true"}).json()[
        "rows"
    ]
    assert sum(r["events"] for r in both) == sum(r["events"] for r in one) + 2


def test_network_edges_and_nodes(client: TestClient) -> None:
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    # Germany's aid to Ukraine is one happening that two outlets report: one event, two mentions.
    assert (edges[("country:DEU", "country:UKR")]["events"], edges[("country:DEU", "country:UKR")]["mentions"]) == (1, 2)
    assert edges[("country:BLR", "country:POL")]["events"] == 2
    assert edges[("country:BLR", "country:POL")]["conflict"] == 2
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["country:DEU"]["as_source"] == 1 and nodes["country:DEU"]["name"] == "Germany"
    assert {e["source"] for e in body["edges"]} | {e["target"] for e in body["edges"]} == set(nodes)
    filtered = client.get("/api/network", params={"quad_class": "4"}).json()
    assert all(e["conflict"] == e["events"] for e in filtered["edges"])


def test_clusters_group_one_event_across_outlets(client: TestClient) -> None:
    rows = client.get("/api/clusters").json()["rows"]
    assert [(r["root"], r["source_key"], r["target_key"], r["articles"], r["outlet_names"]) for r in rows] == [
        ("07", "country:DEU", "country:UKR", 2, "Eastern Wire, Rhine Post")
    ]


def test_compare_two_outlets_and_a_group(client: TestClient, articles: list[Article]) -> None:
    body = client.get("/api/compare", params=[("a", "Eastern Wire"), ("b", "Rhine Post"), ("b", "TASS")]).json()
    assert [s["outlets"] for s in body["sides"]] == [["Eastern Wire"], ["Rhine Post", "TASS"]]
    overview = {r["side"]: r for r in body["overview"]}
    assert overview["Eastern Wire"]["articles"] == len(_by_outlet(articles, "Eastern Wire"))
    assert overview["Rhine Post+TASS"]["events"] == sum(
        len(a.events) for a in _by_outlet(articles, "Rhine Post") + _by_outlet(articles, "TASS")
    )
    voices = {r["speaker"]: (r["Eastern Wire quotes"], r["Rhine Post+TASS quotes"]) for r in body["voices"]}
    assert voices["Radoslaw Sikorski"] == (1, None) and voices["Wang Yi"] == (None, 1)


def test_the_compare_page_aligns_text_left_numbers_right_and_shows_shares_in_percent(client: TestClient) -> None:
    page = client.get("/compare", params=[("a", "Eastern Wire"), ("b", "Rhine Post"), ("b", "TASS")]).text
    voices = page[page.index("section-voices") : page.index("</section>", page.index("section-voices"))]
    assert '<td class="text">Radoslaw Sikorski</td>' in voices and '<td class="num">1</td>' in voices
    assert re.search(r'<td class="num">\d+\.\d%</td>', voices)  # a share of voice, with its %
    assert '<abbr title="Rhine Post+TASS quotes">B quotes</abbr>' in voices  # the side's name in full on hover
    events = page[page.index("section-events") : page.index("</section>", page.index("section-events"))]
    assert any(f'<td class="text">{name}</td>' in events for name in QUAD_CLASSES.values())
    assert 'class="compare-section section-blindspots"' in page  # drawn across the whole width (app.css)


def test_compare_csv_gives_one_section(client: TestClient) -> None:
    response = client.get("/api/compare", params={"a": "TASS", "b": "Rhine Post", "format": "csv", "section": "overview"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["side"]: r["articles"] for r in rows} == {"TASS": "1", "Rhine Post": "1"}
    assert client.get("/api/compare", params={"a": "TASS", "b": "Rhine Post", "format": "csv", "section": "nope"}).status_code == 400


def test_actor_profile(client: TestClient) -> None:
    body = client.get("/api/actors/country:DEU").json()
    assert body["actor"]["name"] == "Germany"
    assert len(body["articles"]) == 2
    april = next(r for r in body["timeline"] if r["period"] == "2024-04-01")
    assert (april["as_source"], april["as_target"]) == (2, 3)
    person = client.get("/api/actors/person:wang-yi").json()
    assert [q["text"] for q in person["quotes"]] == ["Our relations are not directed against any third country"]


def test_outlets(client: TestClient) -> None:
    rows = client.get("/api/outlets").json()["rows"]
    assert {r["outlet"]: r["articles"] for r in rows}["Eastern Wire"] == 2


def test_openapi_documents_every_endpoint_and_docs_are_local(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/articles", "/api/timeline", "/api/network", "/api/compare", "/api/duplicates", "/api/clusters"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params >= {
        "actor",
        "source_country",
        "target_country",
        "code",
        "root",
        "quad_class",
        "modality",
        "since",
        "until",
        "outlet",
        "copies",
    }
    page = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "//cdn" not in page and "https://" not in page
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "_a"])
def test_like_wildcards_in_text_filters_match_themselves(client: TestClient, wildcard: str) -> None:
    for url, name in [("/api/articles", "search"), ("/api/quotes", "search"), ("/api/articles", "outlet"), ("/api/events", "actor")]:
        rows = client.get(url, params={name: wildcard}).json()["rows"]
        assert rows == [], (url, name, wildcard)
    assert client.get("/api/articles", params={"search": "Patriot"}).json()["rows"]  # a plain word still matches

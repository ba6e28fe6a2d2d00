"""One error shape everywhere, and hostile input in every filter: bad values are a 400 with a
message, SQL in a filter is just text that matches nothing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsgraph.model import Article


def _assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "status", "code"}
    assert re.fullmatch(r"E\d\d\d", body["code"]), body
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]
    return body


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/nowhere", 404, "no such page"),
        ("/api/articles/0000000000000000", 404, "no article"),
        ("/api/actors/person:nobody-at-all", 404, "no actor"),
        ("/api/events?quad_class=7", 400, "quad_class"),
        ("/api/events?since=yesterday", 400, "YYYY-MM-DD"),
        ("/api/events?until=2024-02-30", 400, "YYYY-MM-DD"),
        ("/api/events?modality=certain", 400, "modality"),
        ("/api/events?root=4", 400, "root"),
        ("/api/events?code=ab", 400, "CAMEO"),
        ("/api/events?country=Russia", 400, "alpha-3"),
        ("/api/events?copies=maybe", 400, "copies"),
        ("/api/events?limit=0", 400, "limit"),
        ("/api/events?limit=5000", 400, "limit"),
        ("/api/events?limit=ten", 400, "limit"),
        ("/api/events?next=not-a-cursor!!", 400, "cursor"),
        ("/api/events?next=WyJ4Il0", 400, "cursor"),
        ("/api/events?format=xml", 400, "format"),
        ("/api/timeline?interval=fortnight", 400, "interval"),
        ("/api/network?max_edges=0", 400, "max_edges"),
        ("/api/compare?a=TASS", 400, "b"),
        ("/api/articles?search=" + "x" * 300, 400, "longer"),
    ],
)
def test_errors_have_one_shape(client: TestClient, url: str, status: int, words: str) -> None:
    body = _assert_error(client.get(url), status)
    assert words in body["error"]


def test_a_cursor_with_the_wrong_types_is_refused(client: TestClient) -> None:
    from newsgraph.server.params import encode_cursor

    _assert_error(client.get("/api/events", params={"next": encode_cursor(("not a date", "a", 1, "b"))}), 400)
    _assert_error(client.get("/api/events", params={"next": encode_cursor(("2024-01-01", "a", "one", "b"))}), 400)


def test_wrong_method_is_the_same_shape(client: TestClient) -> None:
    _assert_error(client.delete("/api/events"), 405)


def test_page_errors_are_pages_with_the_same_message(client: TestClient) -> None:
    response = client.get("/articles/0000000000000000")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no article with id &#39;0000000000000000&#39;" in response.text and "[E117]" in response.text


HOSTILE = ["x' OR '1'='1", "'; DROP TABLE events; --", '" OR ""="', "%' --", "\\'; SELECT 1; --", "1) OR (1=1"]
TEXT_FILTERS = {
    "/api/articles": ["search", "actor", "outlet"],
    "/api/actors": ["actor", "outlet"],
    "/api/quotes": ["actor", "outlet", "search"],
    "/api/events": ["actor", "source", "target", "outlet"],
    "/api/timeline": ["actor", "source", "target", "outlet"],
    "/api/network": ["actor", "source", "target", "outlet"],
    "/api/clusters": ["actor", "outlet"],
    "/api/duplicates": ["outlet"],
}
CHECKED_FILTERS = {
    "/api/events": [
        "country",
        "source_country",
        "target_country",
        "code",
        "root",
        "quad_class",
        "modality",
        "since",
        "until",
        "copies",
        "limit",
        "next",
    ],
    "/api/actors": ["country", "code"],
    "/api/compare": ["a", "since"],
}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_sql_in_free_text_filters_matches_nothing(client: TestClient, hostile: str, articles: list[Article]) -> None:
    for url, names in TEXT_FILTERS.items():
        for name in names:
            response = client.get(url, params={name: hostile})
            assert response.status_code == 200, (url, name, response.text)
            body = response.json()
            assert body.get("rows", []) == [] and body.get("edges", []) == [] and body.get("nodes", []) == [], (url, name)
    assert client.get("/api/").json()["counts"]["articles"] == len(articles)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_sql_in_checked_filters_is_refused(client: TestClient, hostile: str, articles: list[Article]) -> None:
    for url, names in CHECKED_FILTERS.items():
        for name in names:
            params = {"a": "TASS", "b": "Rhine Post", name: hostile} if url == "/api/compare" else {name: hostile}
            response = client.get(url, params=params)
            if url == "/api/compare" and name == "a":
                # An outlet name is free text: compared as a value, it names no stored outlet.
                assert "no stored articles" in _assert_error(response, 404)["error"]
            else:
                _assert_error(response, 400)
    assert client.get("/api/").json()["counts"]["events"] == sum(len(a.events) for a in articles)


def test_sql_in_path_parameters_is_not_found(client: TestClient) -> None:
    _assert_error(client.get("/api/articles/x' OR '1'='1"), 404)
    _assert_error(client.get("/api/actors/x' OR '1'='1"), 404)


def test_security_headers(client: TestClient) -> None:
    response = client.get("/events")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "name"),
    [("/api/events?foo=bar", "foo"), ("/api/network?limit=2", "limit"), ("/api/timeline?by=week", "by"), ("/api/articles?code=17", "code")],
)
def test_unknown_parameters_are_named_with_the_valid_ones(client: TestClient, url: str, name: str) -> None:
    body = _assert_error(client.get(url), 400)
    assert body["code"] == "E110" and f"unknown parameter '{name}'" in body["error"]
    valid = body["error"].split("use one of: ")[1].split(", ")
    assert "since" in valid and name not in valid


def test_not_found_never_shows_the_store_path(client: TestClient, sample_db: tuple) -> None:
    for url in ("/api/articles/0000000000000000", "/api/actors/person:nobody", "/articles/0000000000000000"):
        response = client.get(url)
        assert response.status_code == 404 and str(sample_db[0].parent) not in response.text, url


def test_openapi_documents_the_real_error_shape_and_typed_parameters(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert spec["components"]["schemas"]["Error"]["required"] == ["ok", "error", "status", "code"]
    events = spec["paths"]["/api/events"]["get"]
    assert "422" not in events["responses"] and {"400", "404", "503"} <= set(events["responses"])
    params = {p["name"]: p["schema"] for p in events["parameters"]}
    assert params["since"]["format"] == "date" and params["quad_class"]["maximum"] == 4
    assert params["limit"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 1000,
        "description": params["limit"]["description"],
        "title": "Limit",
    }
    assert set(params["modality"]["enum"]) == {"asserted", "hypothetical", "future", "reported"}
    rows = events["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["rows"]["items"]["$ref"]
    row = spec["components"]["schemas"][rows.rsplit("/", 1)[1]]["properties"]
    assert {"id", "date", "cameo", "trigger_start", "source_actor"} <= set(row)
    assert {"401", "403", "413", "415"} <= set(spec["paths"]["/api/articles"]["post"]["responses"])

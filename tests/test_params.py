"""Parameters declared once: every surface derives its filters from ``FILTERS`` and reads a
value with the same parser, so the same bad value gets the same coded line everywhere."""

from __future__ import annotations

import typing
from dataclasses import fields
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.dataset import FilterArgs
from newsgraph.errors import UsageError
from newsgraph.params import FILTERS, LISTINGS, Filters, filters_of, parse_date, parse_filters, parse_int
from newsgraph.server import ServeConfig, create_app
from newsgraph.store import Store


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("params") / "empty.duckdb"
    Store.open(path).close()
    return path


def test_every_declared_filter_is_a_field_and_a_python_keyword() -> None:
    names = {spec.name for spec in FILTERS}
    assert names <= {f.name for f in fields(Filters)}
    assert set(typing.get_type_hints(FilterArgs)) == names | {"limit", "offset"}


def test_each_listing_takes_its_own_filters() -> None:
    assert [s.name for s in filters_of("articles")] == ["actor", "country", "outlet", "since", "until", "search", "undated", "copies"]
    assert "search" not in {s.name for s in filters_of("events")} and "root" in {s.name for s in filters_of("events")}
    (actor_code,) = [s for s in filters_of("actors") if s.name == "code"]
    (event_code,) = [s for s in filters_of("events") if s.name == "code"]
    assert actor_code.kind.parse("code", "rusgov") == "rusgov" and event_code.kind.parse("code", "174") == "174"
    with pytest.raises(UsageError, match="CAMEO event code"):
        event_code.kind.parse("code", "RUSGOV")


@pytest.mark.parametrize("listing", LISTINGS)
def test_cli_options_are_derived_from_the_declaration(listing: str) -> None:
    result = CliRunner().invoke(app, [listing, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for spec in filters_of(listing):
        assert spec.option in result.output
    others = {s.option for s in FILTERS} - {s.option for s in filters_of(listing)}
    assert not [option for option in others if f"{option} " in result.output]


def test_rest_parameters_are_derived_from_the_declaration(empty_store: Path) -> None:
    with TestClient(create_app(ServeConfig(db=empty_store))) as client:
        spec = client.get("/api/openapi.json").json()
    for listing in LISTINGS:
        declared = {p["name"] for p in spec["paths"][f"/api/{listing}"]["get"]["parameters"]}
        assert declared == {s.name for s in filters_of(listing)} | {"limit", "next", "format"}
    (since,) = [p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "since"]
    assert since["schema"]["format"] == "date"


def test_parsers_read_text_and_python_values_alike() -> None:
    import datetime as dt

    assert parse_date("since", "2024-02-29") == parse_date("since", dt.date(2024, 2, 29)) == "2024-02-29"
    assert parse_date("since", "  ") is None
    assert parse_int("quad_class", "3", 1, 4) == parse_int("quad_class", 3, 1, 4) == 3
    with pytest.raises(UsageError, match=r"^\[E103\] quad_class must be a whole number from 1 to 4, got 'True'$"):
        parse_int("quad_class", True, 1, 4)
    assert parse_filters("events", {"country": "rus", "copies": ""}) == Filters(country="RUS", limit=None)
    with pytest.raises(UsageError, match=r"\[E110\] unknown parameter 'search' for events; use one of: actor, source"):
        parse_filters("events", {"search": "gas"})


@pytest.mark.parametrize(
    ("listing", "name", "value", "message"),
    [
        ("events", "since", "yesterday", "[E101] since must be a date YYYY-MM-DD, got 'yesterday'"),
        ("events", "until", "2024-02-30", "[E101] until must be a date YYYY-MM-DD, got '2024-02-30'"),
        ("events", "quad_class", "7", "[E103] quad_class must be a whole number from 1 to 4, got '7'"),
        ("events", "modality", "certain", "[E102] modality must be one of asserted, hypothetical, future, reported, got 'certain'"),
        ("actors", "country", "Russia", "[E104] country must be an ISO 3166 alpha-3 country code such as RUS, got 'RUSSIA'"),
        ("articles", "copies", "maybe", "[E102] copies must be one of exclude, include, only, got 'maybe'"),
    ],
)
def test_the_same_bad_value_gets_the_same_line_everywhere(empty_store: Path, listing: str, name: str, value: str, message: str) -> None:
    # Python: a UsageError with the message.
    with newsgraph.open(empty_store) as ds, pytest.raises(UsageError) as raised:
        getattr(ds, listing)(**{name: value})
    assert str(raised.value) == message
    # REST: 400 with the same message and its code.
    with TestClient(create_app(ServeConfig(db=empty_store))) as client:
        body = client.get(f"/api/{listing}", params={name: value}).json()
    assert f"[{body['code']}] {body['error']}" == message and body["status"] == 400
    # CLI: exit 2 and the same line.
    result = CliRunner().invoke(app, [listing, "--db", str(empty_store), f"--{name.replace('_', '-')}", value])
    assert result.exit_code == 2 and result.output.strip() == f"newsgraph: {message}"

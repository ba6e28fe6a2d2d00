from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.export import export
from newsgraph.export.plover import contexts_for
from newsgraph.store import Store
from tests.export.conftest import LEDGER_TEXT, RHINE_TEXT


@pytest.fixture
def records(coded_store: Path, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "events.jsonl"
    with Store.open(coded_store, read_only=True) as store:
        result = export(store, "plover", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert result.counts == {"events": len(lines)}
    return [json.loads(line) for line in lines]


def _by_trigger(records: list[dict[str, Any]], text: str, trigger: str) -> dict[str, Any]:
    start = text.index(trigger)
    (record,) = [r for r in records if r["trigger"]["start"] == start and r["trigger"]["text"] == trigger]
    return record


def test_expulsion_record(records: list[dict[str, Any]]) -> None:
    r = _by_trigger(records, LEDGER_TEXT, "expelled")
    assert (r["event_type"], r["mode"], r["cameo"], r["quad_class"], r["date"]) == ("SANCTION", "expel", "161", 4, "2024-04-03")
    assert [(a["name"], a["country"], a["sector"]) for a in r["actors"]] == [("Poland", "POL", "GOV")]
    assert [(a["name"], a["country"], a["sector"]) for a in r["recipients"]] == [("Russia", "RUS", "GOV")]
    assert r["location"] == {"name": "Warsaw", "country": "POL", "lat": 52.22977, "lon": 21.01178}
    sentence = r["sentence"]
    assert sentence["text"] == LEDGER_TEXT[sentence["start"] : sentence["end"]] and sentence["start"] == 0
    assert r["source"]["outlet"] == "Baltic Ledger" and r["source"]["published"] == "2024-04-03"
    assert r["source"]["url"].startswith("https://balticledger.example/")
    # The Eastern Wire reports the same expulsion: one cluster, two reports.
    assert (r["cluster"]["mentions"], r["cluster"]["articles"], r["cluster"]["outlets"]) == (2, 2, 2)
    (other,) = [x for x in records if x["cluster"]["id"] == r["cluster"]["id"] and x["id"] != r["id"]]
    assert other["source"]["outlet"] == "Eastern Wire" and r["schema"] == "newsgraph/plover@1"


def test_contexts_modality_and_missing_sides(records: list[dict[str, Any]]) -> None:
    sanctions = _by_trigger(records, RHINE_TEXT, "imposed")
    assert sanctions["context"] == ["economic"]
    assert sanctions["actors"][0]["country"] is None and sanctions["actors"][0]["code"] == "IGOEUREEC"
    visit = _by_trigger(records, RHINE_TEXT, "travel")
    assert visit["modality"] == "hypothetical" and visit["context"] == [] and visit["location"]["name"] == "Kyiv"
    assert visit["date"] == "2024-04-05" and visit["date_text"] is None  # publication date stands in
    assert not [r for r in records if r["cameo"] == "072"]  # "will not send": negated events are left out


@pytest.mark.parametrize(
    ("cameo", "contexts"),
    [("163", ["economic"]), ("1631", ["economic"]), ("0332", ["military"]), ("190", ["military"]), ("040", []), (None, [])],
)
def test_contexts_follow_the_longest_prefix(cameo: str | None, contexts: list[str]) -> None:
    assert contexts_for(cameo) == contexts

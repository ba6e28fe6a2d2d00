"""Actor-resolution evaluation: the NGEC expectation format, the CLI, and the CI floor."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.evaluate.actors import evaluate_actors, load_expectations, ngec_country
from newsgraph.model import Actor
from tests.support.commands import run_newsgraph
from tests.support.paths import SHARED

FLOORS = json.loads((Path(__file__).parent / "floors_actors.json").read_text())

# Records in NGEC's expectation format, written for these tests.
GOLD = [
    {"test": "t1", "calls": [{"fn": "agent_to_code", "args": ["Polish Foreign Minister Radoslaw Sikorski", "", "2024-05-01"], "kwargs": {}}],
     "asserts": [{"lhs": "code['country']", "op": "Eq", "expected": "POL"}, {"lhs": "code['code_1']", "op": "Eq", "expected": "GOV"}]},
    {"test": "t2", "calls": [{"fn": "agent_to_code", "args": ["Jens Stoltenberg"], "kwargs": {"query_date": "2020-01-01"}}],
     "asserts": [{"lhs": "code['country']", "op": "Eq", "expected": "IGO"}]},
    {"test": "t3", "calls": [{"fn": "search_nat", "args": ["two Ukrainian soldiers"], "kwargs": {}}],
     "asserts": [{"lhs": "cc", "op": "Eq", "expected": "UKR"}]},
    {"test": "t4", "calls": [{"fn": "agent_to_code", "args": ["Angela Merkel", "", "2023-01-10"], "kwargs": {}}],
     "asserts": [{"lhs": "code['country']", "op": "NotEq", "expected": "FRA"}, {"lhs": "code['code_1']", "op": "Eq", "expected": "ELI"}]},
    {"test": "t5", "pytest_marks": ["pytest.mark.xfail"], "calls": [{"fn": "trf_agent_match", "args": ["a cat named Frank"], "kwargs": {}}],
     "asserts": [{"lhs": "code", "op": "Is", "expected": None}]},
    {"test": "t6", "calls": [{"fn": "query_wiki", "args": ["Angela Merkel"], "kwargs": {}}], "asserts": [{"lhs": "wiki['title']", "op": "Eq", "expected": "x"}]},
]  # fmt: skip


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n")
    return path


def test_expectations_are_read_from_ngec_records(gold_file: Path) -> None:
    found = {e.test: e for e in load_expectations(gold_file, today=date(2024, 1, 1))}
    assert set(found) == {"t1", "t2", "t3", "t4", "t5"}  # query_wiki asserts no country or sector
    assert found["t2"].day == date(2020, 1, 1) and found["t3"].day == date(2024, 1, 1)
    assert (found["t4"].country, found["t4"].country_op, found["t4"].sector) == ("FRA", "NotEq", "ELI")
    assert found["t5"].country == "" and found["t5"].marked


def test_ngec_country_convention() -> None:
    assert ngec_country(Actor("igo:IGOEUREEC", "European Union", "igo", code="IGOEUREEC")) == "EUR"
    assert ngec_country(Actor("igo:un-security-council", "UN Security Council", "igo", code="IGOUNO")) == "UNO"
    assert ngec_country(Actor("igo:IGOWSTNAT", "NATO", "igo", code="IGOWSTNAT")) == "IGO"
    assert ngec_country(Actor("person:x", "X", "person", code="RUSGOV", country="RUS")) == "RUS"
    assert ngec_country(None) == ""


def test_scores_on_a_small_file(gold_file: Path, analyzer) -> None:
    scores = evaluate_actors(gold_file, analyzer, today=date(2024, 1, 1))
    assert scores.country.total == 5 and scores.country_unmarked.total == 4
    assert scores.country.correct == 5, [(r.expectation.text, r.country) for r in scores.resolutions]
    assert scores.sector.total == 2 and scores.sector.correct == 2


@pytest.mark.slow
def test_cli_prints_the_scores(gold_file: Path) -> None:
    result = run_newsgraph("evaluate", "actors", "--gold", str(gold_file), "--format", "json", "--misses")
    assert result.returncode == 0, result.stderr
    tables = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    rows = {row["metric"]: row for row in tables[0]}
    assert rows["country accuracy"]["n"] == 5
    missing = run_newsgraph("evaluate", "actors", "--gold", str(gold_file.parent / "nope.jsonl"))
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr


@pytest.mark.eval
def test_ngec_country_accuracy_floor(analyzer) -> None:
    gold = SHARED / "eval" / FLOORS["gold"]
    if not gold.is_file():
        pytest.skip(f"{gold} is not present")
    scores = evaluate_actors(gold, analyzer).as_dict()
    for key in ("country_accuracy", "country_accuracy_unmarked", "sector_accuracy"):
        assert scores[key] >= FLOORS[key], (key, scores)

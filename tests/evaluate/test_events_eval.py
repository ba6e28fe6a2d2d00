"""Event coding scores on the gold corpora in ../shared/eval must not drop below the
committed floors (``floors_events.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.evaluate.events import evaluate_events
from tests.support.paths import SHARED

FLOORS = json.loads(Path(__file__).with_name("floors_events.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    gold = SHARED / "eval"
    if not gold.is_dir():
        pytest.skip("../shared/eval is not present")
    return {score.name: score.as_dict() for score in evaluate_events(gold, split="all")}


@pytest.mark.eval
@pytest.mark.slow
@pytest.mark.parametrize("gold_set", sorted(FLOORS))
def test_event_scores_stay_above_the_floors(scores: dict[str, dict], gold_set: str) -> None:
    assert gold_set in scores, f"{gold_set} was not scored"
    for metric, floor in FLOORS[gold_set].items():
        value = scores[gold_set][metric]
        assert value is not None and value >= floor, f"{gold_set} {metric}: {value} < floor {floor}"

"""Coding of common wire phrasings, one CAMEO code each (``phrasings.tsv``, written for
these tests): the root must be right almost always, the full code nearly as often."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluate.events import EventRunner, main_event

PHRASINGS = Path(__file__).with_name("phrasings.tsv")


@pytest.mark.slow
def test_phrasings_are_coded(analyzer) -> None:
    rows = [line.split("\t", 1) for line in PHRASINGS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    runner = EventRunner(analyzer.nlp)
    wrong_root: list[str] = []
    wrong_code = 0
    for (gold, text), coded in zip(rows, runner.code((t, "2024-06-01") for _, t in rows), strict=True):
        main = main_event(coded, runner.speech)
        got = main.event.cameo if main else None
        if got is None or got[:2] != gold[:2]:
            wrong_root.append(f"{gold} {got}: {text}")
        wrong_code += got != gold
    assert len(rows) > 250
    assert len(wrong_root) <= len(rows) * 0.02, "\n".join(wrong_root)
    assert wrong_code <= len(rows) * 0.06

from __future__ import annotations

import pytest

from newsgraph.ingest.dateline import parse_dateline


@pytest.mark.parametrize(
    ("text", "place", "month", "day", "outlet"),
    [
        ("MOSCOW, March 29. /TASS/. The Kremlin said", "Moscow", 3, 29, "TASS"),
        ("KYIV, Feb 3 (Reuters) - Ukraine's parliament", "Kyiv", 2, 3, "Reuters"),
        ("WASHINGTON (AP) — The State Department", "Washington", None, None, "AP"),
        ("BRUSSELS — European Union ministers", "Brussels", None, None, None),
        ("NEW YORK, 12 September (UN News) - The General Assembly", "New York", 9, 12, "UN News"),
        ("UNITED NATIONS, April 24 (Eastern Wire) - Russia", "United Nations", 4, 24, "Eastern Wire"),
    ],
)
def test_datelines_are_parsed(text: str, place: str, month: int | None, day: int | None, outlet: str | None) -> None:
    dateline = parse_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day, dateline.outlet) == (place, month, day, outlet)
    assert text[dateline.start : dateline.end] == dateline.text


@pytest.mark.parametrize(
    "text",
    [
        "NATO said on Friday that it would hold exercises.",
        "The EU imposed new sanctions.",
        "On February 5, the ministers met.",
    ],
)
def test_sentences_are_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None

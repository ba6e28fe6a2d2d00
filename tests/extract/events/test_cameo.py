"""The CAMEO table and the event pattern dictionary load, are complete and are checked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsgraph.errors import DataFileError
from newsgraph.extract.events.cameo import CAMEO_FILE, load_cameo, parse_cameo
from newsgraph.extract.events.patterns import PATTERNS_FILE, load_patterns, parse_patterns


def test_cameo_table_has_every_code_with_its_facts() -> None:
    cameo = load_cameo()
    assert len(cameo.codes) == 312
    assert cameo.roots() == [f"{n:02d}" for n in range(1, 21)]
    visit = cameo.describe("042")
    assert (visit.name, visit.root, visit.goldstein, visit.quad_class, visit.penta_class) == ("Make a visit", "04", 1.9, 1, 1)
    assert visit.plover is not None and (visit.plover.type, visit.plover.mode) == ("CONSULT", "visit")
    assert cameo.describe("163").plover is not None and cameo.describe("163").quad_class == 4
    assert cameo.describe("010").plover is None  # PLOVER has no statements
    for code in cameo.codes.values():
        assert code.code.startswith(code.root) and code.quad_class in (1, 2, 3, 4)


def test_unknown_code_keeps_its_root_facts() -> None:
    unknown = load_cameo().describe("223")
    assert unknown.root == "22" and unknown.quad_class is None and unknown.name == "223"
    known_root = load_cameo().describe("1999")
    assert known_root.root == "19" and known_root.quad_class == 4 and known_root.goldstein is None


def test_cameo_table_rejects_a_wrong_header(tmp_path: Path) -> None:
    bad = tmp_path / "cameo.tsv"
    bad.write_text("code\troot\tname\n01\t01\tStatement\n")
    with pytest.raises(DataFileError, match="expected the columns") as raised:
        parse_cameo(bad)
    assert raised.value.code == "E531"
    assert CAMEO_FILE.is_file()


def test_patterns_cover_every_root_and_resolve_frames() -> None:
    patterns = load_patterns()
    codes = {p.code for p in patterns.patterns if p.code}
    codes |= set(patterns.frame_defaults.values()) | {c for table in patterns.frames.values() for c in table.values()}
    assert {code[:2] for code in codes} == set(load_cameo().roots())
    assert patterns.frame_code("appeal", "aid.3") == "0233"
    assert patterns.frame_code("reject", "meet") == "125"
    assert patterns.frame_code("threaten", "sanction") == "1312"
    assert patterns.frame_code("intend", "no-such-topic") == "030"
    assert patterns.topic("0841") == "yield.3" and patterns.topic("1234") is None


BUNDLED = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))


def _minimal(**events: object) -> dict:
    """The bundled classes, topics and frames with one event entry."""
    return {**BUNDLED, "events": [events]}


@pytest.mark.parametrize(
    ("entry", "message", "code"),
    [
        ({"code": "999", "verbs": ["meet"]}, "not a CAMEO code", "E507"),
        ({"code": "040", "verbs": ["meet"], "objekt": ["x"]}, "unknown keys objekt", "E508"),
        ({"code": "040", "verbs": ["meet"], "object": "@no_such_class"}, "unknown class @no_such_class", "E504"),
        ({"code": "040"}, "needs verbs, nouns or adjs", "E516"),
        ({"code": 40, "verbs": ["meet"]}, "quoted strings", "E506"),
        ({"frame": "beg", "verbs": ["meet"]}, "unknown frame 'beg'", "E509"),
        ({"code": "040", "verbs": ["meet"], "object": "$nowhere"}, "unknown special term", "E505"),
        ({"code": "040", "verbs": ["meet"], "target": ["dobj!"]}, "unknown role 'dobj!'", "E511"),
    ],
)
def test_pattern_file_errors_are_reported(entry: dict, message: str, code: str) -> None:
    with pytest.raises(DataFileError, match=message) as raised:
        parse_patterns(_minimal(**entry), load_cameo())
    assert raised.value.code == code


def test_pattern_words_are_normalised() -> None:
    data = _minimal(code="0871", nouns=["Cease-Fire"], light=["declare"])
    (pattern,) = parse_patterns(data, load_cameo()).patterns
    assert pattern.lemmas == frozenset({"cease fire"}) and pattern.light is not None and "declare" in pattern.light.words

"""Reading PETRARCH-format actor and agent dictionaries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.errors import DataFileError
from newsgraph.extract.actors.petrarch import (
    is_agents_file,
    load_petrarch_actors,
    looks_like_petrarch,
    parse_code,
    parse_petrarch,
    plural,
)
from tests.support.paths import SHARED

ACTORS = """<!-- A small dictionary in PETRARCH's format, for tests -->
<!-- multi-line
     comment -->
FREEDONIA [FRE]
+FREEDONIAN  # the adjective
+FREEDONIANS

RUFUS_T._FIREFLY
+FIREFLY
	[FRECIV <330101]
	[FREGOV 19330101 - 19331231]
	[FREELI >19340101]

SYLVANIA  [SYL]
AMBASSADOR_TRENTINO [SYLGOV] # pas 01-Jan-14
MARX_BROTHERS [FRE/SYL]
NOBODY [---]
"""

AGENTS = """!PERSON! = MAN, MEN, WOMAN, WOMEN
FOREIGN_MINISTER [~GOV]
PRESS {} [~MED]
COUNTRY!PERSON! [~CVL]
SECRET_POLICE {SECRET_POLICEMEN} [~SPY]
HUMAN_RIGHTS_GROUP [NGO~]
"""


def test_actors_synonyms_and_dated_codes() -> None:
    parsed = parse_petrarch(ACTORS)
    by_name = {a.name: a for a in parsed.actors}
    assert by_name["FREEDONIA"].synonyms == ["FREEDONIAN", "FREEDONIANS"]
    firefly = by_name["RUFUS T. FIREFLY"]
    assert firefly.names == ["RUFUS T. FIREFLY", "FIREFLY"]
    assert firefly.code_on(date(1932, 6, 1)) == "FRECIV"
    assert firefly.code_on(date(1933, 6, 1)) == "FREGOV"
    assert firefly.code_on(date(1933, 12, 31)) == "FREGOV"
    assert firefly.code_on(date(1935, 1, 1)) == "FREELI"
    assert by_name["AMBASSADOR TRENTINO"].code_on(None) == "SYLGOV"
    assert [c.code for c in by_name["MARX BROTHERS"].codes] == ["FRE", "SYL"]


def test_codes_and_two_digit_years() -> None:
    (code,) = parse_code("HOB < 950601")
    assert code.end == date(1995, 6, 1) and code.start is None
    (code,) = parse_code("HOBREB >100816")
    assert code.start == date(2010, 8, 16)


def test_agents_with_macros_and_plurals() -> None:
    assert is_agents_file(AGENTS) and not is_agents_file(ACTORS)
    agents = {a.name: a for a in parse_petrarch(AGENTS).agents}
    assert agents["FOREIGN MINISTER"].plurals == ("FOREIGN MINISTERS",)
    assert agents["FOREIGN MINISTER"].code == "GOV" and agents["FOREIGN MINISTER"].position == "suffix"
    assert agents["PRESS"].plurals == ()
    assert {"COUNTRYMAN", "COUNTRYMEN", "COUNTRYWOMAN", "COUNTRYWOMEN"} <= set(agents)
    assert agents["SECRET POLICE"].plurals == ("SECRET POLICEMEN",)
    assert agents["HUMAN RIGHTS GROUP"].position == "prefix" and agents["HUMAN RIGHTS GROUP"].code == "NGO"


def test_plurals() -> None:
    assert plural("MINISTRY") == "MINISTRIES"
    assert plural("congressman") == "congressmen"
    assert plural("ATTORNEY") == "ATTORNEYS"
    assert plural("BOSS") == "BOSSES"
    # inflect, where the hand-written rules said childs, persons, attorney generals, germen.
    assert [plural(n) for n in ("child", "person", "attorney general", "chief of staff")] == [
        "children",
        "people",
        "attorneys general",
        "chiefs of staff",
    ]
    assert plural("SECRETARY GENERAL") == "SECRETARIES GENERAL" and plural("German") == "germans"


def test_detection_and_errors(tmp_path: Path) -> None:
    assert looks_like_petrarch(ACTORS)
    assert not looks_like_petrarch("name,code\nIvan,UKRGOV\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("+SYNONYM_FIRST\nFREEDONIA [FRE]\n")
    with pytest.raises(DataFileError):
        load_petrarch_actors(bad)
    with pytest.raises(DataFileError):
        load_petrarch_actors(tmp_path / "missing.txt")


def test_petrarch_validation_dictionaries() -> None:
    folder = SHARED / "eval" / "petrarch2_unittest"
    if not folder.is_dir():
        pytest.skip("../shared/eval/petrarch2_unittest is not present")
    actors = load_petrarch_actors(folder / "PETR.Validate.actors.txt").actors
    by_name = {a.name: a for a in actors}
    assert len(actors) > 100
    assert "SMEAGOL" in by_name["GOLLUM"].synonyms
    assert by_name["SAM GAMGEE"].code_on(date(2010, 1, 10)) == "ORCHOB"
    assert by_name["SAM GAMGEE"].code_on(date(2014, 1, 1)) == "HOBELI"
    agents = load_petrarch_actors(folder / "PETR.Validate.agents.txt").agents
    assert any(a.name == "FOREIGN MINISTER" for a in agents)

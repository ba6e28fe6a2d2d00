"""User actor files: YAML, CSV and PETRARCH dictionaries added to (or overriding) the shipped one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.errors import DataFileError
from newsgraph.extract.actors.dictionary import shipped_dictionary
from newsgraph.extract.actors.files import build_dictionary, load_user_files

YAML = """actors:
  - name: Sergey Lavrov
    gender: m
    nationality: RUS
    offices:
      - {role: Foreign Minister, code: RUSGOV, start: 2004-03-09, end: 2010-12-31}
  - name: Hanna Shevchuk
    aliases: Hanna Shevchuk-Bondar|H. Shevchuk
    country: UKR
    role: Deputy Mayor
    sector: GOV
  - name: Dnipro Riverine Flotilla
    type: organization
    aliases: [the Flotilla]
    country: UKR
    sector: MIL
"""

CSV = """name,aliases,gender,nationality,role,code,start,end,source
Taras Melnyk,,m,UKR,Governor,UKRGOV,2022-03-01,2024-01-31,regional register
Taras Melnyk,,m,UKR,Ambassador,UKRGOV,2024-02-01,,regional register
"""

PETRARCH = """ELBONIA [ELB]
+ELBONIAN
KING_HURGO
\t[ELBGOV 19990101 - 20091231]
\t[ELBELI >20100101]
"""


def test_yaml_csv_and_petrarch_entries(tmp_path: Path) -> None:
    paths = [tmp_path / "a.yaml", tmp_path / "b.csv", tmp_path / "c.txt"]
    for path, text in zip(paths, (YAML, CSV, PETRARCH), strict=True):
        path.write_text(text)
    people, bodies = load_user_files(paths)
    assert {row["name"] for row in people} == {"Sergey Lavrov", "Hanna Shevchuk", "Taras Melnyk", "King Hurgo"}
    assert {entry["name"] for entry, _ in bodies} == {"Dnipro Riverine Flotilla", "Elbonia"}
    dictionary = build_dictionary(tuple(paths))
    lavrov = dictionary.people["sergey-lavrov"]
    assert [o.end for o in lavrov.offices] == [date(2010, 12, 31)]  # the user's entry replaces the shipped one
    assert shipped_dictionary().people["sergey-lavrov"].offices[0].end is None  # the shipped one is untouched
    melnyk = dictionary.people["taras-melnyk"]
    assert [o.role for o in melnyk.offices_on(date(2024, 6, 1))] == ["Ambassador"]
    assert dictionary.people["hanna-shevchuk"].offices[0].code == "UKRGOV"
    assert [p.key for p in dictionary.person_by_name("H. Shevchuk")] == ["hanna-shevchuk"]
    hurgo = dictionary.people["king-hurgo"]
    assert [o.code for o in hurgo.offices_on(date(2005, 1, 1))] == ["ELBGOV"]
    assert [o.code for o in hurgo.offices_on(date(2015, 1, 1))] == ["ELBELI"]
    flotilla = dictionary.bodies["organization:dnipro-riverine-flotilla"]
    assert (flotilla.code, flotilla.aliases) == ("UKRMIL", ("the Flotilla",))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bad.yaml", "- {aliases: [nameless]}\n"),
        ("bad.yaml", "- name: [unclosed\n"),
        ("bad.txt", "just some words\n"),
        ("bad.csv", "name,code\n,UKRGOV\n"),
    ],
)
def test_malformed_actor_files_are_reported(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(DataFileError, match=name):
        build_dictionary((path,))
    with pytest.raises(DataFileError):
        build_dictionary((tmp_path / "missing.yaml",))

"""One loader reads every package data file: tables with provenance notes, YAML, coded errors."""

from __future__ import annotations

import pytest

from newsgraph.data import package_text, package_tsv, package_yaml, parse_tsv, parse_yaml
from newsgraph.errors import DataFileError

TABLE = """# Ambassadors expelled in 2024 (an example table, not shipped).
# Columns: country; count.

country\tcount
POL\t3
# a note between rows
EST\t  1
"""


def test_a_table_skips_notes_and_keeps_line_numbers() -> None:
    rows = parse_tsv(TABLE, "expelled.tsv")
    assert rows == [{"country": "POL", "count": "3"}, {"country": "EST", "count": "1"}]
    assert [row.line for row in rows] == [5, 7]


def test_a_row_longer_than_its_header_is_named() -> None:
    with pytest.raises(DataFileError) as caught:
        parse_tsv("country\tcount\nPOL\t3\tthree\n", "expelled.tsv")
    assert caught.value.code == "E412" and "expelled.tsv line 2" in str(caught.value)


def test_bad_yaml_is_named() -> None:
    with pytest.raises(DataFileError) as caught:
        parse_yaml("outlets: [Reuters, AP\n", "mine.yaml")
    assert caught.value.code == "E411" and "mine.yaml" in str(caught.value) and "\n" not in str(caught.value)


def test_package_files_are_found_by_name() -> None:
    outlets = package_yaml("outlets.yaml")["outlets"]
    assert any(o["name"] == "TASS" and o["state_affiliated"] for o in outlets)
    roles = {row["role"]: row for row in package_tsv("actors/roles.tsv")}
    assert roles["defence minister"]["sector"] == "GOV"
    with pytest.raises(DataFileError) as caught:
        package_text("no_such_file.tsv")
    assert caught.value.code == "E410"


@pytest.mark.parametrize(
    "name", ["cameo_actor_codes.tsv", "plover_contexts.tsv", "outlets.yaml", "places/country_centroids.tsv", "places/regions.tsv"]
)
def test_files_say_where_their_facts_come_from(name: str) -> None:
    notes = [line for line in package_text(name).splitlines() if line.startswith("#")]
    assert any(line.startswith("# Source:") for line in notes), name

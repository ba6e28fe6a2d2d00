"""``newsgraph export`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.export.conftest import coded_store as coded_store
from tests.support.commands import run_newsgraph


def test_export_gdelt_and_plover(coded_store: Path, tmp_path: Path) -> None:
    done = run_newsgraph("export", "--db", str(coded_store), "--format", "gdelt", "--out", str(tmp_path / "g"), "--country", "RUS")
    assert done.returncode == 0, done.stderr
    # Russia in: the expulsion (reported twice), the threat, the U.S. demand, the EU sanctions.
    assert done.stderr.strip() == f"exported 4 events, 5 mentions (gdelt) to {tmp_path / 'g'}"
    assert len((tmp_path / "g" / "newsgraph.export.CSV").read_text().splitlines()) == 4
    done = run_newsgraph("export", "--db", str(coded_store), "-f", "plover", "-o", str(tmp_path / "p.jsonl"), "--actor", "Blinken")
    assert done.returncode == 0, done.stderr
    (record,) = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert record["actors"][0]["name"] == "Antony Blinken" and record["recipients"][0]["country"] == "RUS"


def test_export_tables_from_a_parquet_folder(coded_store: Path, tmp_path: Path) -> None:
    assert run_newsgraph("export", "--db", str(coded_store), "-f", "parquet", "-o", str(tmp_path / "pq")).returncode == 0
    done = run_newsgraph("export", "--db", str(tmp_path / "pq"), "-f", "csv", "-o", str(tmp_path / "csv"), "--tables", "events,quotes")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["events.csv", "quotes.csv"]


def test_export_errors_are_one_line(coded_store: Path, tmp_path: Path) -> None:
    bad = run_newsgraph("export", "--db", str(coded_store), "-f", "xml", "-o", str(tmp_path / "x"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "[E102] format must be one of gdelt" in bad.stderr
    missing = run_newsgraph("export", "--db", str(tmp_path / "none.duckdb"), "-f", "gdelt", "-o", str(tmp_path / "x"))
    assert missing.returncode == 1 and "no store" in missing.stderr
    mixed = run_newsgraph("export", "--db", str(coded_store), "-f", "csv", "-o", str(tmp_path / "x"), "--since", "2024-01-01")
    assert mixed.returncode == 2 and "filters apply" in mixed.stderr

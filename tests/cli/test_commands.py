"""The command line as a user runs it: analyze, ingest, listings, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.support.commands import run_newsgraph


def test_analyze_prints_one_valid_record_per_article_in_input_order(examples_dir: Path, article_schema: dict) -> None:
    result = run_newsgraph("analyze", str(examples_dir / "jsonl"), str(examples_dir / "csv"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"]["id"] for r in records] == [
        "ew-2024-0409-lavrov-wang",
        "ew-2024-0612-nato-air-defence",
        "ew-2024-0530-unsc-veto",
        "tr-2024-0307-fidan-talks",
        "fr-2024-0522-pologne",
        "brief-001",
        "brief-002",
    ]
    for record in records:
        jsonschema.validate(record, article_schema)
    french = records[4]
    assert french["status"] == "skipped" and french["language"] == "fr" and french["actors"] == []


def test_analyze_reads_jsonl_from_stdin() -> None:
    line = json.dumps({"id": "s1", "text": "Japan and South Korea agreed in Tokyo to resume security talks.", "outlet": "Pacific Wire"})
    result = run_newsgraph("analyze", "-", stdin=line + "\n")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["input"] == {"id": "s1", "path": "<stdin>", "line": 1}
    assert record["outlet"] == "Pacific Wire"


def test_ingest_twice_reports_unchanged(tmp_path: Path, examples_dir: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    first = run_newsgraph("ingest", str(examples_dir), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "ingested 13, unchanged 0, failed 0" in first.stderr
    second = run_newsgraph("ingest", str(examples_dir), "--db", db)
    assert second.returncode == 0
    assert "ingested 0, unchanged 13, failed 0" in second.stderr


def test_listings_speak_every_format(tmp_path: Path, examples_dir: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    assert run_newsgraph("ingest", str(examples_dir / "csv"), "--db", db).returncode == 0
    as_json = json.loads(run_newsgraph("articles", "--db", db, "--format", "json").stdout)
    assert {a["title"] for a in as_json} == {
        "Estonia summons Russian envoy after Navalny's death",
        "Blinken warns Wang Yi over support for Russia's war industry",
    }
    rows = list(csv.DictReader(io.StringIO(run_newsgraph("actors", "--db", db, "--format", "csv", "--country", "EST").stdout)))
    assert {r["name"] for r in rows} == {"Estonia", "Margus Tsahkna"}  # the country and its foreign minister
    lines = run_newsgraph("actors", "--db", db, "--format", "jsonl", "--limit", "2").stdout.splitlines()
    assert len(lines) == 2
    table = run_newsgraph("articles", "--db", db, "--outlet", "Eastern Wire")
    assert "Blinken warns Wang Yi" in table.stdout and "Estonia summons" not in table.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run_newsgraph("ingest", "x.txt", "--published", "last tuesday", "--db", str(tmp_path / "s.duckdb"))
    assert result.returncode == 2
    assert "[E101] published must be a date YYYY-MM-DD, got 'last tuesday'" in result.stderr
    assert run_newsgraph("articles", "--format", "yaml").returncode == 2


def test_listing_without_store_is_one_line_error(tmp_path: Path) -> None:
    result = run_newsgraph("articles", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no store at" in result.stderr


def test_db_from_environment(tmp_path: Path, examples_dir: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "NEWSGRAPH_DB": str(tmp_path / "env.duckdb")}
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "ingest", str(examples_dir / "csv")], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.duckdb").exists()


def test_demo_ingests_examples_and_reports(tmp_path: Path) -> None:
    result = run_newsgraph("demo", "--db", str(tmp_path / "demo.duckdb"))
    assert result.returncode == 0, result.stderr
    assert "13 articles" in result.stdout
    assert "Top actors" in result.stdout
    assert "newsgraph serve" in result.stdout


@pytest.mark.parametrize("width", [80, 200])
def test_listings_read_well_at_any_width(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.cli.app import stdout
    from tests.support.sample_store import build_sample_store

    db = tmp_path / "sample.duckdb"
    build_sample_store(db)
    monkeypatch.setattr(stdout, "width", width)  # a terminal this wide
    shown = CliRunner().invoke(app, ["events", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert max(len(line) for line in lines) <= width
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == int(lines[-1].split()[0])  # one line per row: nothing wraps
    assert lines[-1].endswith("rows") and "date" in lines[2] and "source_actor" not in shown.output


def test_columns_version_and_help_read_well(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph import __version__
    from newsgraph.cli import app
    from tests.support.sample_store import build_sample_store

    db = tmp_path / "sample.duckdb"
    build_sample_store(db)
    runner = CliRunner()
    chosen = runner.invoke(app, ["events", "--db", str(db), "--columns", "cameo,source_actor", "--format", "json", "--limit", "2"])
    assert chosen.exit_code == 0 and [set(row) for row in json.loads(chosen.output)] == [{"cameo", "source_actor"}] * 2
    wrong = runner.invoke(app, ["events", "--db", str(db), "--columns", "cameo,colour"])
    assert wrong.exit_code == 2 and "[E102] columns must be one of id, date, cameo" in wrong.output and "got 'colour'" in wrong.output
    assert runner.invoke(app, ["--version"]).output.strip() == f"newsgraph {__version__}"
    helps = [runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output for command in (["events"], ["ingest"], [])]
    assert not any("<bool>" in text or "<str>" in text for text in helps)
    assert "[exclude|include|only]" in helps[0] and "[table|csv|json|jsonl]" in helps[0] and "[local|dask]" in helps[1]


def test_the_command_line_imports_no_storage_or_table_library_until_a_command_needs_it() -> None:
    # `newsgraph analyze` imports newsgraph.cli; its start-up must not pay for duckdb or pyarrow
    # (issue 18: those are imported inside the listings, demo and render functions).
    code = "import sys, newsgraph.cli; print(' '.join(sorted({'duckdb', 'pyarrow', 'pandas', 'fastapi', 'dask', 'matplotlib'} & set(sys.modules))))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_files_newsgraph_does_not_read_are_counted_and_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsgraph.cli.ingest import name_unread_files

    (tmp_path / "deep").mkdir()
    for name in ("brief.txt", "deep/wire.jsonl", "deep/report.pdf", "notes.docx", ".hidden.pdf", "README.md"):
        (tmp_path / name).write_text("Norway and Sweden agreed to share radar data.", encoding="utf-8")
    name_unread_files([str(tmp_path)])
    line = capsys.readouterr().err.strip()
    assert line.startswith("newsgraph: [E723] skipped 2 file(s) of a type newsgraph does not read: ")
    assert f"{tmp_path / 'notes.docx'}, {tmp_path / 'deep' / 'report.pdf'};" in line and ".hidden" not in line and "\n" not in line
    name_unread_files([str(tmp_path / "brief.txt")])  # a file given by name is read or refused, never skipped
    assert capsys.readouterr().err == ""

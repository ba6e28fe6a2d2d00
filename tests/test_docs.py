"""The README's Python API examples and docs/analysis.md run as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.store import Store
from tests.export.conftest import hand_coded_articles
from tests.support.commands import run_newsgraph
from tests.support.paths import ROOT
from tests.support.snippets import python_blocks, run_blocks
from tests.support.synthetic import write_demo_store

PNG = b"\x89PNG\r\n\x1a\n"
FIGURES = ("dyad_quadclass.png", "share_of_voice.png", "goldstein_network.png")


def test_readme_python_api_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(tmp_path / "newsgraph.duckdb") as store:
        store.write(hand_coded_articles())
    monkeypatch.chdir(tmp_path)
    namespace = run_blocks(ROOT / "README.md", "Python API and exports")
    article = namespace["article"]
    assert article.published == "2024-03-29" and article.outlet == "TASS"
    assert {"Sergey Lavrov", "Wang Yi"} <= {a.name for a in article.actors}
    streamed = capsys.readouterr().out.splitlines()[1:3]
    assert [line.split()[0] for line in streamed] == ["b1", "None"]  # input order, ids echoed
    assert streamed[1] == f"None {len(article.actors)}"  # the same text gives the same analysis
    assert set(namespace["events"]["source_code"]) | set(namespace["events"]["target_code"]) >= {"RUSGOV"}
    assert (tmp_path / "gdelt-out" / "newsgraph.export.CSV").is_file()


def _run_analysis(db: Path, figures: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setenv("NEWSGRAPH_DB", str(db))
    monkeypatch.setenv("NEWSGRAPH_FIGURES", str(figures))
    namespace = run_blocks(ROOT / "docs" / "analysis.md")
    for name in FIGURES:
        assert (figures / name).read_bytes().startswith(PNG), name
    return namespace


def test_analysis_on_the_demonstration_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "demo.duckdb"
    write_demo_store(db, n_articles=300, seed=11)
    ns = _run_analysis(db, tmp_path / "figures", monkeypatch)
    with Store.open(db, read_only=True) as store:
        # The dyad figure counts every Russia–EU happening once, whichever side acted and
        # however many articles reported it.
        (expected,) = store.con.execute(
            "SELECT count(DISTINCT coalesce(m.cluster_id, e.id)) FROM events e LEFT JOIN event_cluster_members m ON m.event_id = e.id "
            "WHERE NOT negated AND ((source_code LIKE 'RUS%' AND target_code LIKE 'IGOEUREEC%') "
            "OR (source_code LIKE 'IGOEUREEC%' AND target_code LIKE 'RUS%'))"
        ).fetchone()
        (quotes,) = store.con.execute("SELECT count(*) FROM quotes").fetchone()
    assert int(ns["by_month"].to_numpy().sum()) == expected > 0
    assert ns["share"].sum(axis=1).round(6).eq(100).all() and len(ns["voices"]) == quotes
    assert ns["ties"]["events"].sum() == ns["rolled"]["events"].sum() > 0


def test_analysis_runs_on_the_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "examples.duckdb"
    done = run_newsgraph("ingest", str(ROOT / "examples"), "--db", str(db))
    assert done.returncode in (0, 1), done.stderr  # the examples include inputs that fail on purpose
    ns = _run_analysis(db, tmp_path / "figures", monkeypatch)
    assert ns["counts"]["articles"] > 0


def test_committed_figures_are_those_the_doc_names() -> None:
    text = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    for name in FIGURES:
        assert f"(figures/{name})" in text and (ROOT / "docs" / "figures" / name).read_bytes().startswith(PNG)
    assert len(python_blocks(ROOT / "docs" / "analysis.md")) >= 5


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if hasattr(command, "commands"):  # a group: evaluate actors, …
            found += _commands(command, f"{prefix}{name} ")
    return found


def test_every_command_and_option_is_in_the_readme() -> None:
    import typer

    from newsgraph.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, command in _commands(typer.main.get_command(app)):
        if f"newsgraph {name}" not in readme:
            missing.append(f"command: newsgraph {name}")
        for param in command.params:
            missing += [f"newsgraph {name} {opt}" for opt in param.opts if opt.startswith("--") and opt != "--help" and opt not in readme]
    assert not missing, "not in the README:\n" + "\n".join(missing)

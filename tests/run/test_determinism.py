"""The same input gives the same record in every process: nothing may depend on the order in
which Python happens to iterate a set of strings (hash randomisation differs per process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _analyze(paths: list[str], seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "analyze", *paths, "--published", "2024-03-29"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_records_do_not_depend_on_hash_seed(examples_dir: Path) -> None:
    paths = [str(examples_dir)]
    first, second = _analyze(paths, "1"), _analyze(paths, "2")
    assert first.count("\n") == 13
    assert first == second

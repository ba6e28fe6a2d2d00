"""Run the real ``newsgraph`` command, as a user would, in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_newsgraph(*args: str, stdin: str | None = None, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``newsgraph ARGS`` in a subprocess; its exit code, stdout and stderr."""
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )

"""Where things are: the repository, its examples, and ../shared (the gold corpora and seeds,
present beside the repository in CI; the tests that need them skip cleanly without it)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

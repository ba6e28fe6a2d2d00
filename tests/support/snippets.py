"""Run the Python code blocks of a Markdown file in order, in one namespace — how the tests
check that the README and docs/analysis.md work as written, and how the analysis figures
are regenerated:

    NEWSGRAPH_DB=docs/demo.duckdb python -m tests.snippets docs/analysis.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def python_blocks(path: Path, section: str | None = None) -> list[str]:
    """The ```python blocks of ``path`` (only those under the ``## section`` heading if given)."""
    text = path.read_text(encoding="utf-8")
    if section is not None:
        start = text.index(f"## {section}\n")
        end = text.find("\n## ", start + 1)
        text = text[start : end if end != -1 else len(text)]
    return _BLOCK.findall(text)


def run_blocks(path: Path, section: str | None = None) -> dict[str, Any]:
    """Execute the blocks one after another; return the namespace they built."""
    namespace: dict[str, Any] = {"__name__": "__snippets__"}
    for n, block in enumerate(python_blocks(path, section), start=1):
        exec(compile(block, f"{path}:block{n}", "exec"), namespace)
    return namespace


if __name__ == "__main__":
    run_blocks(Path(sys.argv[1]))

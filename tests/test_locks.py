"""The runtime lock pins exactly what newsgraph needs to run; the development lock adds the rest.

`make demo` installs requirements.lock alone, so a runtime dependency missing from it breaks a fresh
machine, and a test tool in it (pytest, Playwright, mypy …) is installed on every user's machine.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(lock: Path) -> dict[str, str]:
    """name → version of every `name==version` line (comments and `-r` lines skipped)."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith(("#", "-")):
            name, version = line.split("==", 1)
            pins[normal(name)] = version.strip()
    return pins


def runtime_closure() -> set[str]:
    """Every distribution that installing newsgraph (no extras) brings, from the installed metadata."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    todo: list[tuple[str, tuple[str, ...]]] = [("newsgraph", ())]
    while todo:
        name, extras = todo.pop()
        for text in metadata.distribution(name).requires or []:
            requirement = Requirement(text)
            marker = requirement.marker
            wanted = marker is None or any(marker.evaluate({"extra": e}) for e in ("", *extras))
            key = (normal(requirement.name), tuple(sorted(requirement.extras)))
            if wanted and key not in seen:
                seen.add(key)
                todo.append((requirement.name, key[1]))
    return {name for name, _ in seen} - {"setuptools"}  # the venv's own


def test_the_runtime_lock_is_exactly_what_newsgraph_needs() -> None:
    runtime = pinned(ROOT / "requirements.lock")
    needed = runtime_closure()
    assert not needed - set(runtime), f"runtime dependencies missing from requirements.lock: {sorted(needed - set(runtime))}"
    assert not set(runtime) - needed, f"requirements.lock pins what newsgraph never needs: {sorted(set(runtime) - needed)}"


def test_the_development_lock_adds_the_tools_and_pins_nothing_twice() -> None:
    runtime, development = pinned(ROOT / "requirements.lock"), pinned(ROOT / "requirements-dev.lock")
    assert "-r requirements.lock" in (ROOT / "requirements-dev.lock").read_text(encoding="utf-8")
    assert {"pytest", "playwright", "mypy", "ruff", "hypothesis", "matplotlib"} <= set(development)
    assert not set(runtime) & set(development)
    for name, version in {**runtime, **development}.items():
        assert metadata.version(name) == version, f"{name}: installed {metadata.version(name)}, pinned {version}"

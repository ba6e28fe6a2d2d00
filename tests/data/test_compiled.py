"""The compiled cache builds an entry once, keys it by code, data and inputs, and never
trusts a broken entry or a folder others can write to."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.data import compiled as cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(target))
    return target


class Builds:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> dict[str, list[str]]:
        self.count += 1
        return {"expelled": ["Poland", "Estonia"]}


def test_an_entry_is_built_once_and_read_after(folder: Path) -> None:
    build = Builds()
    first = cache.compiled("expulsions", build, "v1")
    second = cache.compiled("expulsions", build, "v1")
    assert first == second == {"expelled": ["Poland", "Estonia"]} and build.count == 1
    for version in ("v2", "v3", "v4", "v5", "v6"):  # other inputs: other entries, the least used dropped
        cache.compiled("expulsions", build, version)
    assert build.count == 6 and len(list(folder.glob("expulsions-*.pickle"))) == cache._KEEP
    assert cache.compiled("expulsions", build, "v6") and build.count == 6


def test_a_broken_entry_is_rebuilt(folder: Path) -> None:
    build = Builds()
    cache.compiled("expulsions", build)
    (entry,) = folder.glob("expulsions-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.compiled("expulsions", build) == {"expelled": ["Poland", "Estonia"]} and build.count == 2


def test_off_builds_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    build = Builds()
    cache.compiled("expulsions", build)
    cache.compiled("expulsions", build)
    assert build.count == 2 and cache.compiled_file("cities", ".sqlite", lambda path: None) is None


def test_a_folder_others_can_write_is_not_used(folder: Path) -> None:
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    build = Builds()
    cache.compiled("expulsions", build)
    cache.compiled("expulsions", build)
    assert build.count == 2 and not list(folder.iterdir())


def test_a_file_entry_is_written_once(folder: Path) -> None:
    writes: list[Path] = []

    def write(path: Path) -> None:
        writes.append(path)
        path.write_text("Warsaw\tPOL\n")

    first = cache.compiled_file("capitals", ".tsv", write, "v1")
    assert first is not None and first.read_text() == "Warsaw\tPOL\n"
    assert cache.compiled_file("capitals", ".tsv", write, "v1") == first and len(writes) == 1

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import UsageError
from newsgraph.export import export, memory_limit
from newsgraph.store import Filters, Store


def _limit(store: Store) -> float:
    """DuckDB's memory cap in bytes (it reports it rounded, e.g. '18.8 GiB')."""
    (value,) = store.con.execute("SELECT current_setting('memory_limit')").fetchone() or ("",)
    number, unit = str(value).split()
    return float(number) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "KB": 1e3, "MB": 1e6, "GB": 1e9}[unit]


def test_memory_cap_holds_during_the_export_and_is_lifted_after(coded_store: Path, tmp_path: Path) -> None:
    with Store.open(coded_store, read_only=True) as store:
        before = _limit(store)
        with memory_limit(store, "256MB"):
            assert _limit(store) == pytest.approx(256e6, rel=0.01)
            result = export(store, "plover", tmp_path / "p.jsonl", memory="300MB")
        assert _limit(store) == pytest.approx(before, rel=0.01)
        assert result.counts["events"] == 8 and result.summary() == f"exported 8 events (plover) to {tmp_path / 'p.jsonl'}"


@pytest.mark.parametrize("value", ["lots", "1 GB; DROP TABLE events", "-5MB"])
def test_bad_memory_caps_are_usage_errors(coded_store: Path, tmp_path: Path, value: str) -> None:
    with Store.open(coded_store, read_only=True) as store, pytest.raises(UsageError, match="memory-limit"):
        export(store, "gdelt", tmp_path / "g", memory=value)
    assert not (tmp_path / "g").exists()


def test_search_is_not_an_export_filter(coded_store: Path, tmp_path: Path) -> None:
    with Store.open(coded_store, read_only=True) as store, pytest.raises(UsageError, match=r"\[E707\] search does not apply to exports"):
        export(store, "gdelt", tmp_path / "g", Filters(search="sanctions", limit=None))

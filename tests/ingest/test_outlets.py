from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import ReadOptions
from newsgraph.errors import DataFileError
from newsgraph.ingest import prepare_article
from newsgraph.ingest.outlets import load_outlets, name_outlet, read_outlets
from newsgraph.model import InputRef, RawArticle

TASS_TEXT = "MOSCOW, March 29. /TASS/. Russia and Kazakhstan signed an agreement on joint grain exports to third countries on Friday."


def test_registry_flags_state_media_and_wires() -> None:
    registry = load_outlets()
    assert all(registry.get(n).state_affiliated for n in ("TASS", "RIA Novosti", "RT", "Sputnik", "Xinhua"))
    assert all(registry.get(n).wire and not registry.get(n).state_affiliated for n in ("Reuters", "AP", "AFP"))
    assert registry.get("ITAR-TASS").name == "TASS" and registry.get("tass").country == "RUS"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://tass.com/politics/1770000", "TASS"),
        ("https://www.reuters.com/world/europe/story", "Reuters"),
        ("https://english.news.cn/20240301/abc/c.html", "Xinhua"),
        ("https://edition.example.org/story", None),
    ],
)
def test_outlet_from_url_domain(url: str, expected: str | None) -> None:
    registry = load_outlets()
    found = registry.for_url(url)
    assert (found.name if found else None) == expected


def test_order_metadata_then_url_then_site_then_dateline() -> None:
    registry = load_outlets()
    assert name_outlet(registry, "AP", "https://tass.com/x", None, "TASS") == "Associated Press"
    assert name_outlet(registry, None, "https://tass.com/x", "Daily Mirror Site", "Reuters") == "TASS"
    assert name_outlet(registry, None, "https://aggregator.example/x", "Aggregator", "TASS") == "Aggregator"
    assert name_outlet(registry, None, None, None, "ITAR-TASS") == "TASS"
    assert name_outlet(registry, None, None, None, None, "My Archive") == "My Archive"


def test_ingest_names_the_outlet_from_the_dateline() -> None:
    raw = RawArticle(text=TASS_TEXT, input=InputRef(path="a.txt"), format="txt")
    article = prepare_article(raw, ReadOptions(published="2024-03-29"))
    assert article.outlet == "TASS"


def test_user_file_adds_and_overrides_outlets(tmp_path: Path) -> None:
    extra = tmp_path / "outlets.yaml"
    extra.write_text(
        "outlets:\n"
        "  - {name: Baltic Ledger, domains: [balticledger.example], country: EST, language: en, ownership: private}\n"
        "  - {name: TASS, domains: [tass.com], country: RUS, state_affiliated: false}\n"
    )
    registry = load_outlets((extra,))
    assert registry.for_url("https://balticledger.example/briefs/1").country == "EST"
    assert registry.get("TASS").state_affiliated is False
    raw = RawArticle(text=TASS_TEXT, input=InputRef(path="a.txt"), format="txt", url="https://balticledger.example/x")
    assert prepare_article(raw, ReadOptions(outlet_files=(extra,))).outlet == "Baltic Ledger"


def test_malformed_registry_is_a_data_file_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("outlets:\n  - {domains: [x.example]}\n")
    with pytest.raises(DataFileError, match="needs a 'name'"):
        read_outlets(bad)
    bad.write_text("outlets:\n  - {name: X, owner: someone}\n")
    with pytest.raises(DataFileError, match="unknown fields"):
        read_outlets(bad)

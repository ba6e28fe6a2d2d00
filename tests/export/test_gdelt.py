"""The GDELT 2.0 export read back the way GDELT users read GDELT: tab-separated, no header,
columns named from the published codebook order."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from newsgraph.export import export
from newsgraph.store import Filters, Store
from tests.export.conftest import LEDGER_TEXT, RHINE_TEXT, WIRE_TEXT, Builder, republished_copy, write_coded_store

# GDELT 2.0 Event Codebook, in published order (61 columns).
_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_EVENTS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{p}" for p in _ACTOR]
    + [f"Actor2{p}" for p in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale"]
    + ["NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{p}" for p in _GEO]
    + [f"Actor2Geo_{p}" for p in _GEO]
    + [f"ActionGeo_{p}" for p in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
# GDELT 2.0 Mentions table, in published order (16 columns).
GDELT_MENTIONS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]  # fmt: skip


def read_gdelt(path: Path, columns: list[str]) -> pd.DataFrame:
    """Read a GDELT file as GDELT users do: every field as text, nothing quoted."""
    return pd.read_csv(path, sep="\t", header=None, names=columns, dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)


@pytest.fixture
def gdelt(coded_store: Path, tmp_path: Path) -> tuple[pd.DataFrame, pd.DataFrame, Path]:
    out = tmp_path / "gdelt"
    with Store.open(coded_store, read_only=True) as store:
        export(store, "gdelt", out)
    return read_gdelt(out / "newsgraph.export.CSV", GDELT_EVENTS), read_gdelt(out / "newsgraph.mentions.CSV", GDELT_MENTIONS), out


def _one(frame: pd.DataFrame, **where: str) -> pd.Series:
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    return rows.iloc[0]


def test_files_have_the_published_layout(gdelt: tuple[pd.DataFrame, pd.DataFrame, Path]) -> None:
    events, mentions, out = gdelt
    assert (out / "newsgraph.export.header.txt").read_text().rstrip("\n").split("\t") == GDELT_EVENTS
    assert (out / "newsgraph.mentions.header.txt").read_text().rstrip("\n").split("\t") == GDELT_MENTIONS
    for name, width in (("newsgraph.export.CSV", 61), ("newsgraph.mentions.CSV", 16)):
        lines = (out / name).read_text(encoding="utf-8").splitlines()
        assert lines and all(line.count("\t") == width - 1 for line in lines)
    # Nine coded events, one negated ("will not send"): eight mentions of six events, as the
    # Ledger and the Wire both report the expulsion and the meeting.
    assert len(events) == 6 and len(mentions) == 8
    assert events["GLOBALEVENTID"].is_unique
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    assert not (events["EventCode"] == "072").any()


def test_expulsion_row(gdelt: tuple[pd.DataFrame, pd.DataFrame, Path]) -> None:
    events, _, _ = gdelt
    row = _one(events, EventCode="161")
    # Reported by both outlets; the Ledger, published first, gives the source URL.
    assert row.SOURCEURL == "https://balticledger.example/2024/04/03/poland-expels"
    assert (row.SQLDATE, row.MonthYear, row.Year) == ("20240403", "202404", "2024")
    assert float(row.FractionDate) == pytest.approx(2024 + 94 / 365, abs=1e-4)  # 3 April is day 94
    assert (row.Actor1Code, row.Actor1Name, row.Actor1CountryCode, row.Actor1Type1Code) == ("POLGOV", "POLAND", "POL", "GOV")
    assert (row.Actor2Code, row.Actor2Name, row.Actor2CountryCode) == ("RUSGOV", "RUSSIA", "RUS")
    assert (row.IsRootEvent, row.EventBaseCode, row.EventRootCode, row.QuadClass) == ("1", "161", "16", "4")
    assert float(row.GoldsteinScale) == -4.0 and float(row.AvgTone) == pytest.approx((-3.2 - 1.5) / 2)
    assert (row.NumMentions, row.NumSources, row.NumArticles) == ("2", "2", "2")
    # Action geography: the event's place, with GDELT's FIPS country code and ADM1 prefix.
    assert (row.ActionGeo_Type, row.ActionGeo_FullName, row.ActionGeo_CountryCode) == ("4", "Warsaw, Poland", "PL")
    assert row.ActionGeo_ADM1Code.startswith("PL") and float(row.ActionGeo_Lat) == pytest.approx(52.22977)
    assert len(row.DATEADDED) == 14 and row.DATEADDED.isdigit()


def test_igo_actor_and_fips_geography(gdelt: tuple[pd.DataFrame, pd.DataFrame, Path]) -> None:
    events, _, _ = gdelt
    row = _one(events, EventCode="040")
    assert (row.Actor2Code, row.Actor2CountryCode, row.Actor2KnownGroupCode, row.Actor2Type1Code) == ("IGOWSTNAT", "WST", "NAT", "IGO")
    assert row.Actor2Name == "JENS STOLTENBERG" and row.QuadClass == "1" and row.SQLDATE == "20240404"
    assert row.Actor1Geo_FullName == "Brussels, Belgium" and row.Actor1Geo_CountryCode == "BE"
    assert (row.NumMentions, row.NumSources, row.NumArticles) == ("2", "2", "2")
    # The Ledger, published a day before the Wire, reports the meeting in its third paragraph.
    assert row.SOURCEURL.startswith("https://balticledger.example/") and row.IsRootEvent == "0"
    visit = _one(events, EventCode="042")
    # Ukraine is UA in ISO 3166 but UP in FIPS 10-4, which GDELT's geography uses.
    assert (visit.ActionGeo_CountryCode, visit.ActionGeo_FullName) == ("UP", "Kyiv, Ukraine")
    assert visit.SOURCEURL == "rhine_post.txt"  # no URL: the input it came from
    sanctions = _one(events, EventCode="163")
    assert (sanctions.Actor1CountryCode, sanctions.Actor1KnownGroupCode, sanctions.Actor1Type1Code) == ("EUR", "EEC", "IGO")
    assert (sanctions.Actor2Code, sanctions.Actor2Type1Code) == ("RUSBUS", "BUS")


def test_mentions_point_into_the_text(gdelt: tuple[pd.DataFrame, pd.DataFrame, Path]) -> None:
    events, mentions, _ = gdelt
    meeting = _one(events, EventCode="040")
    both = mentions[mentions.GLOBALEVENTID == meeting.GLOBALEVENTID]
    assert sorted(both.MentionSourceName) == ["Baltic Ledger", "Eastern Wire"]
    wire_row = _one(both, MentionSourceName="Eastern Wire")
    assert wire_row.SentenceID == "1" and int(wire_row.ActionCharOffset) == WIRE_TEXT.index("met")
    row = _one(both, MentionSourceName="Baltic Ledger")
    sentence = LEDGER_TEXT.index("Mr. Sikorski met")
    assert row.SentenceID == "4"  # "Mr." does not end a sentence
    assert int(row.ActionCharOffset) == LEDGER_TEXT.index("met", sentence)
    assert int(row.Actor1CharOffset) == LEDGER_TEXT.index("Sikorski", sentence)
    assert int(row.Actor2CharOffset) == LEDGER_TEXT.index("Jens Stoltenberg", sentence)
    assert (row.MentionType, row.InRawText, row.Confidence) == ("1", "1", "100")
    assert int(row.MentionDocLen) == len(LEDGER_TEXT) and float(row.MentionDocTone) == -3.2
    assert row.EventTimeDate == meeting.DATEADDED and row.MentionTimeDate == "20240403000000"
    assert row.MentionSourceName == "Baltic Ledger"
    threat = _one(mentions, ActionCharOffset=str(LEDGER_TEXT.index("threatened")))
    assert (threat.SentenceID, threat.Actor2CharOffset) == ("3", "-1")  # Poland is not named in that sentence
    demand = _one(mentions, ActionCharOffset=str(WIRE_TEXT.index("urged")))
    assert demand.SentenceID == "4"  # after "Mr. Sikorski" and starting with "U.S."
    visit = _one(mentions, ActionCharOffset=str(RHINE_TEXT.index("travel")))
    assert visit.Confidence == "40" and "<MODALITY>hypothetical</MODALITY>" in visit.Extras


def test_filters_select_events(coded_store: Path, tmp_path: Path) -> None:
    with Store.open(coded_store, read_only=True) as store:
        result = export(store, "gdelt", tmp_path / "g", Filters(since="2024-04-04", code="04", limit=None))
    events = read_gdelt(tmp_path / "g" / "newsgraph.export.CSV", GDELT_EVENTS)
    assert result.counts == {"events": 2, "mentions": 3}  # the meeting (reported twice) and the visit
    assert set(events.EventCode) == {"040", "042"} and (events.SQLDATE >= "20240404").all()


def test_tabs_and_line_breaks_in_values_do_not_break_lines(tmp_path: Path) -> None:
    text = "Hungary's foreign minister Peter Szijjarto met his Serbian counterpart in Belgrade on Monday."
    b = Builder(text)
    from tests.export.conftest import EventActor

    side = EventActor(actor="person:peter-szijjarto", name="Peter\tSzijjarto\n", code="HUNGOV", country="HUN", sector="GOV")
    b.actor(side, "Peter Szijjarto", kind="person")
    b.event("Hungary's", "met", "040", "Consult", 1, 1.0, source=side, date="2024-02-12")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.write([b.article("Danube Daily", "2024-02-12", "https://x.example/a\tb", 0.0, "Talks")])
        export(store, "gdelt", tmp_path / "g")
    events = read_gdelt(tmp_path / "g" / "newsgraph.export.CSV", GDELT_EVENTS)
    assert events.iloc[0].Actor1Name == "PETER SZIJJARTO " and events.iloc[0].SOURCEURL == "https://x.example/a b"


def test_a_republished_copy_adds_no_report_unless_included(tmp_path: Path) -> None:
    path = write_coded_store(tmp_path / "s.duckdb", extra=[republished_copy()])
    with Store.open(path, read_only=True) as store:
        (copies,) = store.con.execute("SELECT count(*) FROM copies").fetchone() or (0,)
        default = export(store, "gdelt", tmp_path / "default")
        included = export(store, "gdelt", tmp_path / "included", Filters(copies="include", limit=None))
    assert copies == 1
    assert default.counts == {"events": 6, "mentions": 8}  # as without the copy
    assert included.counts["mentions"] == 11  # the copy's three events are reports again
    expulsion = _one(read_gdelt(tmp_path / "default" / "newsgraph.export.CSV", GDELT_EVENTS), EventCode="161")
    assert (expulsion.NumMentions, expulsion.NumArticles, expulsion.NumSources) == ("2", "2", "2")

"""The PolNeAR quotation evaluation: reading both gold formats, span normalisation, the four
views, the CLI, and (with ../shared/eval present) the committed floors on PolNeAR dev."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.evaluate.quotes import (
    GoldArticle,
    GoldAttribution,
    QuoteScores,
    evaluate_quotes,
    normalize,
    quote_marked,
    read_brat,
    read_gold,
    read_jsonl,
    score_article,
    scored_quotes,
)
from newsgraph.model import Mention, Quote, Speaker
from tests.support.commands import run_newsgraph
from tests.support.paths import SHARED

FLOORS = Path(__file__).with_name("floors_quotes.json")
POLNEAR = SHARED / "eval" / "polnear"

TEXT = '"Talks with Moscow are over for now," Foreign Minister Anna Berg said on Friday.\n\nBerg said the embassy would stay open.'
# Gold in PolNeAR's convention: the content keeps its quotation marks.
QUOTE = (0, TEXT.index(" Foreign"))
SOURCE = (QUOTE[1] + 1, TEXT.index(" said"))
CUE = (SOURCE[1] + 1, SOURCE[1] + 5)
SOURCE2 = (TEXT.rindex("Berg said"), TEXT.rindex("Berg said") + 4)
CUE2 = (SOURCE2[1] + 1, SOURCE2[1] + 5)
INDIRECT = (CUE2[1] + 1, len(TEXT) - 1)


def _gold() -> GoldArticle:
    return GoldArticle(
        "fixture",
        TEXT,
        [GoldAttribution([SOURCE], [CUE], [QUOTE]), GoldAttribution([SOURCE2], [CUE2], [INDIRECT])],
    )


def _quote(span: tuple[int, int], kind: str, cue: tuple[int, int] | None, source: tuple[int, int] | None) -> Quote:
    return Quote(
        id=f"q{span[0]}",
        kind=kind,  # type: ignore[arg-type]
        text=TEXT[span[0] : span[1]],
        start=span[0],
        end=span[1],
        cue=Mention(cue[0], cue[1], TEXT[cue[0] : cue[1]]) if cue else None,
        speaker=Speaker(None, None, Mention(source[0], source[1], TEXT[source[0] : source[1]])) if source else None,
    )


def test_fixture_offsets() -> None:
    assert TEXT[slice(*CUE)] == "said" and TEXT[slice(*SOURCE)] == "Foreign Minister Anna Berg"
    assert TEXT[slice(*INDIRECT)] == "the embassy would stay open"
    assert TEXT[slice(*SOURCE2)] == "Berg" and TEXT[slice(*CUE2)] == "said"


def test_normalize_sets_marks_and_punctuation_aside() -> None:
    inside = (1, QUOTE[1] - 1)
    assert TEXT[slice(*QUOTE)].startswith('"') and TEXT[slice(*QUOTE)].endswith(',"')
    assert normalize(TEXT, QUOTE) == normalize(TEXT, inside) == (1, QUOTE[1] - 2)
    assert quote_marked(TEXT, [QUOTE]) and quote_marked(TEXT, [inside])
    assert not quote_marked(TEXT, [INDIRECT])


def test_scores_in_all_four_views() -> None:
    predicted = [
        _quote((1, QUOTE[1] - 1), "direct", CUE, SOURCE),  # inside the marks: exact after normalisation
        _quote((CUE2[0], INDIRECT[1]), "indirect", CUE2, SOURCE2),  # content runs from the cue: overlap only
        _quote((20, 26), "term", None, None),  # terms are not attributions
    ]
    scores = QuoteScores()
    score_article(scores, _gold(), predicted)
    assert scores.prf("all", "exact", "content").tp == 1
    assert scores.prf("all", "overlap", "content").tp == 2
    assert scores.prf("all", "exact", "source").tp == 2 and scores.prf("all", "exact", "source").fp == 0
    marked = scores.prf("quote-marked", "exact", "content")
    assert (marked.tp, marked.fp, marked.fn) == (1, 0, 0)
    assert scores.prf("quote-marked", "exact", "cue").f1 == 1.0
    assert set(scores.as_dict()["views"]) == {"all", "quote-marked"}  # type: ignore[arg-type]


def test_nested_and_term_quotes_are_not_scored() -> None:
    outer = _quote((0, 80), "direct", CUE, SOURCE)
    inner = _quote((5, 20), "indirect", (1, 4), (0, 1))
    term = _quote((90, 95), "term", None, None)
    assert scored_quotes([outer, inner, term]) == [outer]


def _write_brat(folder: Path) -> None:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "wire_2024-03-01_berg.txt").write_text(TEXT, encoding="utf-8")
    lines = [
        f"T1\tSource {SOURCE[0]} {SOURCE[1]}\t{TEXT[slice(*SOURCE)]}",
        f"T2\tCue {CUE[0]} {CUE[1]}\tsaid",
        f"T3\tContent 0 20;20 {QUOTE[1]}\t{TEXT[slice(*QUOTE)]}",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T4\tAttribution {CUE[0]} {CUE[1]}\tsaid",
    ]
    (folder / "attributions" / "wire_2024-03-01_berg_ab12.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_brat_folder_and_jsonl_read_the_same(tmp_path: Path) -> None:
    _write_brat(tmp_path / "dev")
    (article,) = read_brat(tmp_path / "dev")
    assert article.attributions[0].content == [(0, 20), (20, QUOTE[1])]
    assert article.attributions[0].source == [SOURCE]
    record = {
        "article": "wire_2024-03-01_berg",
        "annotator": "ab12",
        "text": TEXT,
        "attributions": [
            {
                "source": [{"start": SOURCE[0], "end": SOURCE[1]}],
                "cue": [{"start": CUE[0], "end": CUE[1]}],
                "content": [{"start": 0, "end": 20}, {"start": 20, "end": QUOTE[1]}],
            }
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (from_jsonl,) = read_jsonl(path)
    assert from_jsonl.attributions == article.attributions and from_jsonl.text == article.text


def test_bad_gold_paths_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_gold(tmp_path / "missing.jsonl")
    with pytest.raises(InputError):
        read_gold(tmp_path)  # a folder without text/ and attributions/
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "no attributions"}\n', encoding="utf-8")
    with pytest.raises(InputError):
        read_gold(bad)


@pytest.mark.slow
def test_cli_prints_the_views_and_fails_in_one_line(tmp_path: Path) -> None:
    _write_brat(tmp_path / "dev")
    done = run_newsgraph("evaluate", "quotes", "--gold", str(tmp_path / "dev"), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["articles"] == 1
    assert report["views"]["quote-marked"]["overlap"]["content"]["tp"] == 1
    assert report["views"]["quote-marked"]["overlap"]["source"]["tp"] == 1
    missing = run_newsgraph("evaluate", "quotes", "--gold", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.eval
def test_brat_and_derived_dev_hold_the_same_attributions() -> None:
    jsonl = POLNEAR / "derived" / "polnear_dev.jsonl"
    folder = POLNEAR / "data" / "dev"
    if not jsonl.is_file() or not folder.is_dir():
        pytest.skip("../shared/eval/polnear is not present")
    derived, brat = read_gold(jsonl), read_gold(folder)
    assert sum(len(a.attributions) for a in derived) == sum(len(a.attributions) for a in brat)


@pytest.mark.eval
def test_polnear_dev_meets_the_floors(analyzer) -> None:
    gold = POLNEAR / "derived" / "polnear_dev.jsonl"
    if not gold.is_file():
        pytest.skip("../shared/eval/polnear is not present")
    floors = json.loads(FLOORS.read_text())
    scores = evaluate_quotes(gold, analyzer.analyze_many)
    report = scores.as_dict()["views"]
    failures = []
    for subset, matchings in floors["f1"].items():
        for matching, roles in matchings.items():
            for role, floor in roles.items():
                got = report[subset][matching][role]["f1"]  # type: ignore[index]
                if got < floor - 1e-9:
                    failures.append(f"{subset}/{matching}/{role}: F1 {got} < floor {floor}")
    assert not failures, failures
    # The targets, on the quote-marked subset with overlap matching.
    marked = report["quote-marked"]["overlap"]  # type: ignore[index]
    assert marked["content"]["f1"] >= 0.90 and marked["source"]["f1"] >= 0.85
    assert not math.isnan(marked["cue"]["f1"])

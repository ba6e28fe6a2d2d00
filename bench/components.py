"""What each spaCy component costs and what dropping it would change: words/s of newsgraph's
analysis with the full pipeline and with components dropped or replaced, and how far the
output then agrees with the full pipeline's (F1 of actors, places, dates, quotes, events per
article; mean absolute tone difference). Agreement is a stand-in for accuracy until the
extractors are scored on the evaluation sets.

    python bench/components.py [--mb 0.6]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import corpus_articles
from newsgraph.model import Article
from newsgraph.pipeline import Analyzer, build_pipeline
from newsgraph.pipeline.build import model_name
from newsgraph.run.engine import analyze_safely

HERE = Path(__file__).resolve().parent

# name: (components removed, model components added before newsgraph_attributes (or last))
VARIANTS: dict[str, tuple[list[str], list[str]]] = {
    "full pipeline": ([], []),
    "model's attribute_ruler + lemmatizer": (["newsgraph_attributes"], ["attribute_ruler", "lemmatizer"]),
    "senter instead of parser": (["parser"], ["senter"]),
    "without ner": (["ner"], []),
}

Facets = dict[str, set[tuple[Any, ...]]]
FACETS: dict[str, Callable[[Article], set[tuple[Any, ...]]]] = {
    "actors": lambda a: {(a.id, x.id) for x in a.actors},
    "places": lambda a: {(a.id, p.name, m.start) for p in a.places for m in p.mentions},
    "dates": lambda a: {(a.id, d.start, d.end, d.value) for d in a.dates},
    "quotes": lambda a: {(a.id, q.start, q.end) for q in a.quotes},
    "events": lambda a: {(a.id, e.cameo, e.trigger.start) for e in a.events},
}


def pipeline(remove: list[str], add: list[str]) -> Language:
    """newsgraph's pipeline with some components changed (unchecked: a component may then
    lack what it requires, which is what the agreement figures measure)."""
    nlp = build_pipeline()
    before = "newsgraph_attributes" if "newsgraph_attributes" not in remove else "ner"
    if add:
        model = spacy.load(model_name())
        for name in add:
            nlp.add_pipe(name, source=model, before=before)
    for name in remove:
        nlp.remove_pipe(name)
    return nlp


def f1(gold: set[tuple[Any, ...]], found: set[tuple[Any, ...]]) -> float | None:
    """F1 of ``found`` against ``gold`` (None when both are empty)."""
    if not gold and not found:
        return None
    hits = len(gold & found)
    return round(2 * hits / (len(gold) + len(found)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=0.6)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "components.json")
    args = parser.parse_args()
    articles = corpus_articles(args.mb, seed=3)
    words = sum(len(a.text.split()) for a in articles)

    results: dict[str, dict[str, Any]] = {}
    reference: list[Article] = []
    for name, (exclude, enable) in VARIANTS.items():
        analyzer = Analyzer(nlp=pipeline(exclude, enable))
        list(analyzer.analyze_many(articles[:4]))
        started = time.perf_counter()
        output = [r for i in range(0, len(articles), 64) for r in analyze_safely(analyzer, articles[i : i + 64])]
        seconds = time.perf_counter() - started
        analysed = [a for a in output if isinstance(a, Article)]
        reference = reference or analysed
        row: dict[str, Any] = {"pipeline": analyzer.nlp.pipe_names, "words_per_s": round(words / seconds)}
        for facet, extract in FACETS.items():
            row[f"{facet}_f1"] = f1(set().union(*map(extract, reference)), set().union(*map(extract, analysed)))
        tones = [(a.tone.score, b.tone.score) for a, b in zip(reference, analysed, strict=True) if a.tone and b.tone]
        row["tone_mean_abs_diff"] = round(sum(abs(x - y) for x, y in tones) / max(1, len(tones)), 3)
        results[name] = row
        print(f"… {name}: {row['words_per_s']:,} words/s", file=sys.stderr, flush=True)

    full = results["full pipeline"]["words_per_s"]
    print(f"{len(articles)} articles, {words:,} words; agreement with the full pipeline (F1; '-' = nothing to compare)")
    print(f"{'variant':<40}{'words/s':>9}{'× full':>8}" + "".join(f"{f:>9}" for f in FACETS) + f"{'tone Δ':>8}")
    for name, row in results.items():
        cells = "".join(f"{'-' if row[f + '_f1'] is None else row[f + '_f1']:>9}" for f in FACETS)
        print(f"{name:<40}{row['words_per_s']:>9,}{row['words_per_s'] / full:>8.2f}{cells}{row['tone_mean_abs_diff']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"articles": len(articles), "words": words, "variants": results}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""What the quotations component costs: words/s of newsgraph's analysis with and without
``newsgraph_quotes`` on the same varied corpus in the same run, plus the component's own time
on the parsed documents. Runs alternate to even out a busy machine.

    python bench/quotes_cost.py [--mb 0.5] [--rounds 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import varied_corpus
from newsgraph.model import Article, InputRef
from newsgraph.pipeline import Analyzer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=0.5, help="corpus size in MB of text")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds with and without the component")
    args = parser.parse_args()

    records = varied_corpus(int(args.mb * 1_000_000))
    articles = [Article(id=f"b{i}", input=InputRef(id=str(i)), text=r["text"]) for i, r in enumerate(records)]
    words = sum(len(a.text.split()) for a in articles)
    analyzer = Analyzer()
    list(analyzer.analyze_many(articles[:4]))  # warm up

    timings: dict[str, float] = {"with": 0.0, "without": 0.0}
    for _ in range(args.rounds):
        for label in ("with", "without"):
            disabled = [] if label == "with" else ["newsgraph_quotes"]
            with analyzer.nlp.select_pipes(disable=disabled):
                started = time.perf_counter()
                for _ in analyzer.analyze_many(articles):
                    pass
                timings[label] += time.perf_counter() - started

    # The component alone, on documents already parsed.
    with analyzer.nlp.select_pipes(disable=["newsgraph_quotes"]):
        docs = list(analyzer.nlp.pipe(a.text for a in articles))
    component = analyzer.nlp.get_pipe("newsgraph_quotes")
    started = time.perf_counter()
    for doc in docs:
        component(doc)
    alone = time.perf_counter() - started

    with_wps = words * args.rounds / timings["with"]
    without_wps = words * args.rounds / timings["without"]
    print(f"corpus: {len(articles)} articles, {words:,} words; {args.rounds} alternating rounds")
    print(f"analysis without newsgraph_quotes: {without_wps:>10,.0f} words/s")
    print(f"analysis with newsgraph_quotes:    {with_wps:>10,.0f} words/s  ({100 * (timings['with'] / timings['without'] - 1):+.1f}% time)")
    share = alone / (timings["with"] / args.rounds)
    per_article = alone / len(docs) * 1000
    print(f"newsgraph_quotes alone:            {words / alone:>10,.0f} words/s  ({per_article:.2f} ms/article, {100 * share:.1f}% of all)")


if __name__ == "__main__":
    main()

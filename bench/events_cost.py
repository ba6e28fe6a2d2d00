"""Cost of event coding next to spaCy's parse, on the same varied corpus in the same run:
words/s of newsgraph's analysis without and with the ``newsgraph_events`` component, and
the event coder alone on already parsed documents (sentences/s, comparable with PETRARCH2's
1,000–1,900 pre-parsed sentences/s). The events' share of analysis time is the coder's own
time over the whole analysis's (each timing the best of ``--repeat`` runs, since the machine
is shared; the difference of two whole analyses is too noisy to read). Prints a table and
writes JSON.

    python bench/events_cost.py [--mb 0.5] [--out bench/results/events_cost.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import varied_corpus
from newsgraph.extract.events.component import EventCoder
from newsgraph.model import Article, InputRef
from newsgraph.pipeline import Analyzer


def _timed_analysis(analyzer: Analyzer, articles: list[Article], disable: list[str]) -> float:
    with analyzer.nlp.select_pipes(disable=disable):
        started = time.perf_counter()
        for _ in analyzer.analyze_many(articles):
            pass
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=0.5, help="corpus size in MB of text")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "events_cost.json")
    args = parser.parse_args()

    records = varied_corpus(int(args.mb * 1_000_000))
    articles = [
        Article(id=f"b{i}", input=InputRef(), text=r["text"], published=r.get("published") or "2024-06-01") for i, r in enumerate(records)
    ]
    words = sum(len(a.text.split()) for a in articles)
    analyzer = Analyzer()
    coder = analyzer.nlp.get_pipe("newsgraph_events")
    assert isinstance(coder, EventCoder)
    list(analyzer.analyze_many(articles[:4]))  # warm up

    without_s = min(_timed_analysis(analyzer, articles, ["newsgraph_events"]) for _ in range(args.repeat))
    with_s = min(_timed_analysis(analyzer, articles, []) for _ in range(args.repeat))

    # The coder alone, on documents parsed (and run through the earlier components) beforehand.
    with analyzer.nlp.select_pipes(disable=["newsgraph_events"]):
        docs = []
        for article in articles:
            doc = analyzer.nlp.make_doc(article.text)
            doc._.ng_article = article
            docs.append(doc)
        docs = list(analyzer.nlp.pipe(docs, batch_size=32))
    sentences = sum(1 for doc in docs for _ in doc.sents)
    coder_s = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        events = sum(len(coder.code(doc)) for doc in docs)
        coder_s = min(coder_s, time.perf_counter() - started)

    results = {
        "corpus": {"articles": len(articles), "words": words, "sentences": sentences, "events": events},
        "analysis_without_events_words_per_s": round(words / without_s),
        "analysis_with_events_words_per_s": round(words / with_s),
        "events_share_of_analysis_time": round(coder_s / (without_s + coder_s), 3),
        "coder_alone_words_per_s": round(words / coder_s),
        "coder_alone_sentences_per_s": round(sentences / coder_s),
        "machine": {"python": platform.python_version(), "processor": platform.machine(), "spacy": spacy.__version__},
        "note": "measured on a machine shared with other jobs; timings are noisy",
    }
    print(f"corpus: {len(articles)} articles, {words:,} words, {sentences:,} sentences, {events:,} events")
    print(f"{'analysis without events':<34}{results['analysis_without_events_words_per_s']:>10,} words/s")
    print(f"{'analysis with events':<34}{results['analysis_with_events_words_per_s']:>10,} words/s")
    print(f"{'event coder alone (parsed docs)':<34}{results['coder_alone_words_per_s']:>10,} words/s")
    print(f"{'':<34}{results['coder_alone_sentences_per_s']:>10,} sentences/s")
    print(f"{'events share of analysis time':<34}{results['events_share_of_analysis_time']:>10.1%}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

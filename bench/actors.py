"""What actor resolution costs: words/s of newsgraph's analysis with and without the
``newsgraph_actors`` component, on the same varied corpus as ``throughput.py``, alternating
the two runs (``--rounds``) so that a busy machine slows both alike, and the component's own
speed on already parsed documents. Times are CPU time of this process (``process_time``), which
other jobs on a shared machine disturb less than wall-clock time; the best run counts. Writes JSON.

    python bench/actors.py [--mb 0.5] [--rounds 3] [--out bench/results/actors.json]
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
from newsgraph.config import ReadOptions
from newsgraph.extract.actors.dictionary import counts, shipped_dictionary
from newsgraph.ingest.prepare import prepare_article
from newsgraph.model import Article, InputRef, RawArticle
from newsgraph.pipeline import Analyzer, make_doc

# Components that read the actors' output; they go when actors go (none may be missing theirs).
_NEEDS_ACTORS = ("newsgraph_quotes", "newsgraph_events")


def _articles(megabytes: float) -> list[Article]:
    found = []
    for record in varied_corpus(int(megabytes * 1_000_000)):
        raw = RawArticle(text=record["text"], input=InputRef(id=record.get("id")), format="jsonl", published=record.get("published"))
        article = prepare_article(raw, ReadOptions(published="2024-06-01"))
        if isinstance(article, Article):
            found.append(article)
    return found


def _words_per_second(analyzer: Analyzer, articles: list[Article], words: int) -> float:
    started = time.process_time()
    for _ in analyzer.analyze_many(articles):
        pass
    return words / (time.process_time() - started)


def _component_words_per_second(analyzer: Analyzer, articles: list[Article], words: int) -> float:
    """The actor component alone, on documents the rest of the pipeline has parsed."""
    nlp = analyzer.nlp
    later = [name for name in nlp.pipe_names[nlp.pipe_names.index("newsgraph_actors") :]]
    with nlp.select_pipes(disable=later):
        docs = list(nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=32))
    component = nlp.get_pipe("newsgraph_actors")
    started = time.process_time()
    for doc in docs:
        component(doc)
    return words / (time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=0.5, help="corpus size in MB of text")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs of each configuration")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "actors.json")
    args = parser.parse_args()

    articles = _articles(args.mb)
    words = sum(len(a.text.split()) for a in articles)
    analyzer = Analyzer()
    list(analyzer.analyze_many(articles[:4]))  # warm up: model and dictionaries loaded
    without = [name for name in ("newsgraph_actors", *_NEEDS_ACTORS) if name in analyzer.nlp.pipe_names]
    with_actors: list[float] = []
    without_actors: list[float] = []
    for _ in range(args.rounds):
        with_actors.append(_words_per_second(analyzer, articles, words))
        with analyzer.nlp.select_pipes(disable=without):
            without_actors.append(_words_per_second(analyzer, articles, words))
    best_with, best_without = max(with_actors), max(without_actors)
    alone = _component_words_per_second(analyzer, articles, words)
    results = {
        "corpus": {"articles": len(articles), "words": words},
        "pipeline": analyzer.nlp.pipe_names,
        "disabled_without_actors": without,
        "with_actors_words_per_s": round(best_with),
        "without_actors_words_per_s": round(best_without),
        "actors_cost_share": round(1 - best_with / best_without, 3),
        "actor_component_alone_words_per_s": round(alone),
        "runs": {"with": [round(v) for v in with_actors], "without": [round(v) for v in without_actors]},
        "dictionary": counts(shipped_dictionary()),
        "machine": {"python": platform.python_version(), "processor": platform.machine(), "spacy": spacy.__version__},
    }
    print(f"corpus: {len(articles)} articles, {words:,} words; best of {args.rounds} alternating runs")
    print(f"{'with actor resolution':<32}{round(best_with):>10,} words/s")
    print(f"{'without actor resolution':<32}{round(best_without):>10,} words/s")
    print(f"{'share of time in actors':<32}{results['actors_cost_share']:>10.1%}")
    print(f"{'actor component alone':<32}{round(alone):>10,} words/s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

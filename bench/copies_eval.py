"""Precision and recall of copy detection on a synthetic corpus (``bench/synthetic_news.py``):
families of an original and its copies (appended bio, trimmed, cut paragraphs, light edits,
promotional header/footer, trim + bio) among unrelated articles on the same topics, a third
of which share a background paragraph with other same-topic articles.

Scores are pairwise: a pair of articles is predicted "same cluster" when copy detection put
them in one cluster, and is truly so when they belong to one family. Also reported: the LSH
candidate recall (true pairs that became candidates), a sweep of the containment threshold,
and how often a copy was linked to its family's original.

    python bench/copies_eval.py [--size 3000] [--out bench/results/copies_eval.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_news import Doc, corpus
from newsgraph.corpus.copies import CopyConfig, _sign_new, candidate_pairs, clusters, confirm, update_copies
from newsgraph.ingest import article_id
from newsgraph.model import Article, InputRef
from newsgraph.store import Store


def articles(docs: list[Doc]) -> list[Article]:
    """The documents as Articles (the id is the hash of the text, as at ingest)."""
    return [
        Article(
            id=article_id(d.text), input=InputRef(path=f"synthetic/{i}.txt"), text=d.text, outlet=f"outlet{i % 40}", published=d.published
        )
        for i, d in enumerate(docs)
    ]


def pairs_of(groups: list[set[str]]) -> set[tuple[str, str]]:
    """Every unordered pair inside each group."""
    return {(min(a, b), max(a, b)) for g in groups for a, b in itertools.combinations(sorted(g), 2)}


def prf(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1."""
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(truth) if truth else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "pairs": len(predicted)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "copies_eval.json")
    args = parser.parse_args()

    docs = corpus(args.size, seed=args.seed)
    arts = articles(docs)
    family_of = {a.id: d.family for a, d in zip(arts, docs, strict=True)}
    kind_of = {a.id: d.kind for a, d in zip(arts, docs, strict=True)}
    families: dict[int, set[str]] = defaultdict(set)
    for a, d in zip(arts, docs, strict=True):
        families[d.family].add(a.id)
    truth = pairs_of([f for f in families.values() if len(f) > 1])
    config = CopyConfig()

    # End to end at the chosen settings.
    with Store.open(":memory:") as store:
        store.write(arts)
        started = time.perf_counter()
        update_copies(store, config)
        elapsed = time.perf_counter() - started
        links = store.query("SELECT copy_id, original_id FROM copies").to_pylist()
    groups: dict[str, set[str]] = defaultdict(set)
    for link in links:
        groups[link["original_id"]] |= {link["original_id"], link["copy_id"]}
    chosen = prf(pairs_of(list(groups.values())), truth)
    # A copy dated the same day as its original can be taken for it: count how often the link is right.
    right_original = sum(
        1 for link in links if kind_of[link["original_id"]] == "original" and family_of[link["original_id"]] == family_of[link["copy_id"]]
    )

    # Sweep: all candidate pairs with their containment, clustered at each threshold.
    with Store.open(":memory:") as store:
        store.write(arts)
        new, _ = _sign_new(store, config)
        raw = candidate_pairs(store, new, replace(config, estimate_margin=1.0))  # every LSH candidate
        candidates = candidate_pairs(store, new, config)  # those whose estimated containment is near the threshold
        scored = confirm(store, raw, replace(config, min_containment=0.0))
    sweep = {}
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        kept = [(r["a_id"], r["b_id"]) for r in scored if r["containment"] >= threshold]
        sweep[str(threshold)] = prf(pairs_of(clusters(kept)), truth)

    per_kind = {}
    for kind in sorted({d.kind for d in docs} - {"original"}):
        members = [i for i in kind_of if kind_of[i] == kind]
        found = {c for link in links for c in (link["copy_id"], link["original_id"])}
        per_kind[kind] = {"copies": len(members), "detected": sum(1 for i in members if i in found)}

    result = {
        "articles": len(arts),
        "distinct_texts": len({a.id for a in arts}),
        "families_with_copies": sum(1 for f in families.values() if len(f) > 1),
        "true_pairs": len(truth),
        "config": config.__dict__,
        "chosen": chosen,
        "lsh_candidate_recall": round(len(raw & truth) / len(truth), 4) if truth else 1.0,
        "lsh_candidates": len(raw),
        "candidate_recall_after_estimate": round(len(candidates & truth) / len(truth), 4) if truth else 1.0,
        "candidates_after_estimate": len(candidates),
        "linked_to_family_original": f"{right_original}/{len(links)}",
        "per_copy_kind": per_kind,
        "sweep_min_containment": sweep,
        "update_copies_seconds": round(elapsed, 2),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

"""Proof that ``newsgraph_attributes`` gives the model's annotations: every token of the
evaluation corpora (../shared/eval) tagged and parsed once, then annotated by the model's
attribute_ruler + lemmatizer and by newsgraph_attributes; tag, POS, morphology, lemma,
dependency and head compared token by token; CPU seconds of each side.

    python bench/attributes.py [--polnear-train] [--examples]

Exits 1 when any token differs.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.pipeline.build import model_name  # also registers newsgraph_attributes

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def corpora(polnear_train: bool, examples: bool) -> Iterator[tuple[str, list[str]]]:
    """(name, texts) of every evaluation corpus that is present."""
    manual = EVAL / "cameo_manual_examples" / "gold.jsonl"
    if manual.is_file():
        yield "cameo_manual_examples", [json.loads(line)["text"] for line in manual.open(encoding="utf-8")]
    petrarch = EVAL / "petrarch2_unittest" / "gold.jsonl"
    if petrarch.is_file():
        yield "petrarch2_unittest", [json.loads(line)["text"] for line in petrarch.open(encoding="utf-8")]
    conflibert = EVAL / "conflibert_cameo" / "cameo_class__train.tsv"
    if conflibert.is_file():
        with conflibert.open(encoding="utf-8") as handle:
            yield "conflibert_cameo", [row[0] for row in csv.reader(handle, delimiter="\t") if row]
    gsr = EVAL / "plover_gsr_cameo" / "PLOVER_GSR_CAMEO.json"
    if gsr.is_file():
        records = json.loads(gsr.read_text(encoding="utf-8"))
        yield "plover_gsr_cameo", [r["eventText"] for r in records if r.get("eventText")]
    dev = EVAL / "polnear" / "derived" / "polnear_dev.jsonl"
    if dev.is_file():
        seen: dict[str, str] = {}
        for line in dev.open(encoding="utf-8"):
            record = json.loads(line)
            seen.setdefault(record["article"], record["text"])
        yield "polnear_dev", list(seen.values())
    train = EVAL / "polnear" / "data" / "train" / "text"
    if polnear_train and train.is_dir():
        yield "polnear_train", [p.read_text(encoding="utf-8") for p in sorted(train.glob("*.txt"))]
    if examples:
        from newsgraph.config import ReadOptions
        from newsgraph.ingest import read_articles
        from newsgraph.model import Article

        found = read_articles([str(ROOT / "examples")], ReadOptions())
        yield "examples", [a.text for a in found if isinstance(a, Article)]


def compare(reference: Doc, ours: Doc) -> list[str]:
    """The tokens whose annotations differ, described."""
    differences = []
    for a, b in zip(reference, ours, strict=True):
        left = (a.tag_, a.pos_, str(a.morph), a.lemma_, a.dep_, a.head.i)
        right = (b.tag_, b.pos_, str(b.morph), b.lemma_, b.dep_, b.head.i)
        if left != right:
            differences.append(f"{a.text!r}: {left} ≠ {right}")
    return differences


def annotate(nlp: Language, names: list[str], docs: list[Doc]) -> float:
    """Run some components over copies of the docs; return CPU seconds."""
    started = time.process_time()
    for name in names:
        component = nlp.get_pipe(name)
        for doc in docs:
            component(doc)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear-train", action="store_true", help="also the 840 PolNeAR training articles (slow)")
    parser.add_argument("--examples", action="store_true", help="also the bundled example articles")
    args = parser.parse_args()
    nlp = spacy.load(model_name(), exclude=["ner", "senter"])
    nlp.add_pipe("newsgraph_attributes", last=True)
    parse = [name for name in nlp.pipe_names if name in ("tok2vec", "tagger", "parser")]
    total_tokens = total_differences = 0
    seconds = {"attribute_ruler + lemmatizer": 0.0, "newsgraph_attributes": 0.0}
    for corpus, texts in corpora(args.polnear_train, args.examples):
        with nlp.select_pipes(enable=parse):
            parsed = list(nlp.pipe(texts, batch_size=32))
        reference = [doc.copy() for doc in parsed]
        ours = [doc.copy() for doc in parsed]
        seconds["attribute_ruler + lemmatizer"] += annotate(nlp, ["attribute_ruler", "lemmatizer"], reference)
        seconds["newsgraph_attributes"] += annotate(nlp, ["newsgraph_attributes"], ours)
        differences = [d for a, b in zip(reference, ours, strict=True) for d in compare(a, b)]
        tokens = sum(len(doc) for doc in parsed)
        total_tokens += tokens
        total_differences += len(differences)
        print(f"{corpus:<24}{len(texts):>7} texts{tokens:>10,} tokens{len(differences):>6} differing", flush=True)
        for line in differences[:10]:
            print("   ", line)
    print(f"{'all':<24}{'':>13}{total_tokens:>10,} tokens{total_differences:>6} differing")
    for name, value in seconds.items():
        print(f"CPU seconds, {name}: {value:.2f} ({1e6 * value / max(1, total_tokens):.1f} µs/token)")
    sys.exit(1 if total_differences else 0)


if __name__ == "__main__":
    main()

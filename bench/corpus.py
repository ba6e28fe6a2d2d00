"""Build a benchmark corpus from the bundled examples, varied so that no article repeats
verbatim (repeated text flatters caches): paragraphs are recombined across articles, country
and city names are swapped for others (consistently within an article), and numbers and
weekdays are changed (the stream itself is ``tests/support/varied.py``).

    python bench/corpus.py OUT.jsonl [--mb 2.5]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article
from tests.support.varied import iter_varied


def varied_corpus(target_bytes: int, seed: int = 7) -> list[dict[str, str]]:
    """JSON-ready records whose texts add up to about ``target_bytes`` of UTF-8."""
    records: list[dict[str, str]] = []
    size = 0
    for record in iter_varied(seed):
        if size >= target_bytes:
            break
        records.append(record)
        size += len(record["text"].encode("utf-8"))
    return records


def write_corpus(path: Path, target_bytes: int, seed: int = 7) -> int:
    """Write the corpus as JSON Lines; return the number of articles."""
    records = varied_corpus(target_bytes, seed)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def prepared_articles(path: Path) -> list[Article]:
    """The articles of a corpus file, read and prepared as ingest does."""
    return [a for a in read_articles([str(path)], ReadOptions()) if isinstance(a, Article) and a.status == "analysed"]


def corpus_articles(megabytes: float, seed: int = 7) -> list[Article]:
    """A fresh varied corpus of about ``megabytes`` of text, prepared."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_corpus(path, int(megabytes * 1_000_000), seed)
        return prepared_articles(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=2.5, help="MB of article text")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"wrote {write_corpus(args.out, int(args.mb * 1_000_000), args.seed)} articles to {args.out}")


if __name__ == "__main__":
    main()

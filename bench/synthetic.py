"""A synthetic, coded news corpus: wire-style articles about European security built from
sentence templates, each with its actors, places, quotes and CAMEO events already coded and
every offset computed as the text is assembled. It stands in for extractor output where a
store with many dated events is needed — the worked analysis in docs/analysis.md and the
export benchmark — and is clearly synthetic: the reports and quotations are invented. The
generator lives in ``tests/support/synthetic.py`` (the docs tests use it too).

    python bench/synthetic.py OUT.duckdb [--articles 800] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.synthetic import write_demo_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="DuckDB store to create")
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    events = write_demo_store(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles, {events} events to {args.out}")


if __name__ == "__main__":
    main()

"""Generate a synthetic store with many events (default 1,000,000) for the API benchmark:
articles from eight outlets over four years, events with CAMEO codes, QuadClass, Goldstein
scores, modalities and actors from forty countries, all made with SQL inside DuckDB.

    python bench/events_store.py OUT.duckdb [--events 1000000] [--per-article 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsgraph.store import Store

OUTLETS = ["Eastern Wire", "TASS", "Rhine Post", "Baltic Ledger", "Kyiv Policy Review", "Bosphorus Daily", "Pacific Wire", "Global Desk"]
COUNTRIES = (
    "RUS UKR CHN USA DEU FRA GBR POL BLR TUR IRN ISR IND PAK JPN KOR PRK SYR IRQ SAU "
    "EGY ITA ESP NLD SWE FIN NOR EST LVA LTU HUN SRB GEO ARM AZE KAZ BRA MEX ZAF NGA"
)
# (code, name, QuadClass, Goldstein) — CAMEO facts.
CODES = [
    ("010", "Make statement", 1, 0.0),
    ("020", "Make an appeal or request", 1, 3.0),
    ("036", "Express intent to meet or negotiate", 1, 4.0),
    ("040", "Consult", 1, 1.0),
    ("042", "Make a visit", 1, 1.9),
    ("043", "Host a visit", 1, 2.8),
    ("051", "Praise or endorse", 1, 3.4),
    ("057", "Sign formal agreement", 1, 8.0),
    ("061", "Cooperate economically", 2, 6.4),
    ("072", "Provide military aid", 2, 8.3),
    ("111", "Criticize or denounce", 3, -2.0),
    ("112", "Accuse", 3, -2.0),
    ("130", "Threaten", 3, -4.4),
    ("138", "Threaten with military force", 3, -7.0),
    ("163", "Impose embargo, boycott, or sanctions", 4, -8.0),
    ("172", "Impose administrative sanctions", 4, -5.0),
    ("174", "Expel or deport individuals", 4, -5.0),
    ("190", "Use conventional military force", 4, -10.0),
    ("195", "Employ aerial weapons", 4, -10.0),
]


def build(path: Path, events: int, per_article: int) -> None:
    """Write the synthetic store at ``path`` (replacing it)."""
    path.unlink(missing_ok=True)
    n_articles = max(events // per_article, 1)
    with Store.open(path) as store:
        con = store.con
        con.execute("CREATE TEMP TABLE codes (k INTEGER, cameo VARCHAR, name VARCHAR, quad INTEGER, goldstein DOUBLE)")
        con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?)", [(i, *c) for i, c in enumerate(CODES)])
        con.execute(
            """INSERT INTO articles
               SELECT printf('%016x', i), NULL, 'synthetic.jsonl', i::INTEGER, 'Synthetic report ' || i, NULL,
                      list_extract(?, (i % 8)::INTEGER + 1), DATE '2021-01-01' + (i % 1460)::INTEGER, 'en', 'analysed', 'jsonl',
                      NULL, NULL, 400, round((hash(i) % 1000) / 100.0 - 5, 2), 'synthetic text ' || i, '{}', now()::TIMESTAMP
               FROM range(?) t(i)""",
            [OUTLETS, n_articles],
        )
        countries = COUNTRIES.split()
        con.execute(
            """INSERT INTO events
               WITH base AS (
                   SELECT i, (i // ?) AS a, hash(i) AS h, hash(i * 7 + 3) AS h2 FROM range(?) t(i)
               )
               SELECT printf('e%015x', i), printf('%016x', a), c.cameo, substr(c.cameo, 1, 2), c.name, c.quad, c.goldstein,
                      NULL, NULL,
                      'country:' || s.iso, s.name, s.iso, s.iso, NULL,
                      'country:' || t.iso, t.name, t.iso, t.iso, NULL,
                      (h % 50) = 0,
                      list_extract(['asserted', 'asserted', 'asserted', 'reported', 'future', 'hypothetical'], (h2 % 6)::INTEGER + 1),
                      NULL, DATE '2021-01-01' + ((a % 1460) - (h2 % 3))::INTEGER, NULL, NULL, NULL, NULL, NULL,
                      ((i % ?) * 40)::INTEGER, ((i % ?) * 40 + 6)::INTEGER, 'trigger',
                      ((i % ?) * 40)::INTEGER, ((i % ?) * 40 + 30)::INTEGER
               FROM base
               JOIN codes c ON c.k = (h % ?)
               JOIN (SELECT unnest(?) AS iso, unnest(?) AS name, generate_subscripts(?, 1) - 1 AS k) s ON s.k = (h2 % 40)
               JOIN (SELECT unnest(?) AS iso, unnest(?) AS name, generate_subscripts(?, 1) - 1 AS k) t
                 ON t.k = ((h2 // 40 + 1 + h2 % 40) % 40)""",
            [
                per_article,
                events,
                per_article,
                per_article,
                per_article,
                per_article,
                len(CODES),
                countries,
                countries,
                countries,
                countries,
                countries,
                countries,
            ],
        )
        con.execute("CHECKPOINT")
        counts = store.counts()
    print(f"{path}: {counts['articles']:,} articles, {counts['events']:,} events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.out, args.events, args.per_article)
    print(f"built in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

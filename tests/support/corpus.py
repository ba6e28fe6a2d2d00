"""A small JSON Lines corpus made from the English example articles, each varied so that every
article has its own id, with publication dates in several months."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article

FOLLOW_UPS = (
    "Diplomats in Geneva said a further round of consultations was pencilled in for {month}.",
    "A spokesperson for the foreign ministry said on {day} that contacts would continue.",
    "Officials in Brussels declined to comment on the talks when asked on {day}.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "March", "May", "September")


def write_corpus(examples_dir: Path, path: Path, copies: int) -> int:
    """Write ``copies`` variants of every English example article; return how many."""
    bases = [a for a in read_articles([str(examples_dir)], ReadOptions()) if isinstance(a, Article) and a.status == "analysed"]
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            for k, base in enumerate(bases):
                follow_up = FOLLOW_UPS[(n + k) % len(FOLLOW_UPS)].format(month=MONTHS[n % len(MONTHS)], day=DAYS[(n + k) % len(DAYS)])
                record = {
                    "id": f"{base.id}-{n}",
                    "text": f"{base.text}\n\n{follow_up} Round {n + 1} was described as constructive.",
                    "outlet": base.outlet,
                    "published": f"2024-{1 + (n + k) % 4 * 3:02d}-{10 + n % 15}",
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count

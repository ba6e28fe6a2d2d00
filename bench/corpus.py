"""Build a benchmark corpus from the bundled examples, varied so that no article repeats
verbatim (repeated text flatters caches): paragraphs are recombined across articles of the
same format and numbers and weekdays are changed."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from newsgraph.config import ReadOptions
from newsgraph.ingest import read_articles
from newsgraph.model import Article

ROOT = Path(__file__).resolve().parent.parent
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def example_articles() -> list[Article]:
    """The English example articles, prepared."""
    items = read_articles([str(ROOT / "examples")], ReadOptions(published="2024-06-01"))
    return [a for a in items if isinstance(a, Article) and a.status == "analysed"]


def varied_corpus(target_bytes: int, seed: int = 7) -> list[dict[str, str]]:
    """JSON-ready records whose texts add up to about ``target_bytes`` of UTF-8."""
    rng = random.Random(seed)
    bases = example_articles()
    paragraphs = [p for a in bases for p in a.text.split("\n\n")]
    records: list[dict[str, str]] = []
    size = 0
    n = 0
    while size < target_bytes:
        base = bases[n % len(bases)]
        own = base.text.split("\n\n")
        borrowed = rng.sample(paragraphs, k=min(2, len(paragraphs)))
        body = own[:1] + rng.sample(own[1:], k=len(own) - 1) + borrowed
        text = "\n\n".join(body)
        text = re.sub(r"\b\d{1,2}\b", lambda m, shift=n: str((int(m.group()) + shift) % 28 + 1), text)
        text = re.sub("|".join(_WEEKDAYS), lambda m: rng.choice(_WEEKDAYS), text)
        month = n % 12 + 1
        records.append({"id": f"bench-{n}", "text": text, "outlet": base.outlet or "Example", "published": f"2024-{month:02d}-15"})
        size += len(text.encode("utf-8"))
        n += 1
    return records


def write_corpus(path: Path, target_bytes: int, seed: int = 7) -> int:
    """Write the corpus as JSON Lines; return the number of articles."""
    records = varied_corpus(target_bytes, seed)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)

"""Republished copies and near-duplicates.

Each article's cleaned body is cut into word 5-gram shingles. A MinHash signature of the
shingles (datasketch) goes into an LSH index tuned for a low Jaccard similarity, which finds
candidate pairs cheaply; a candidate is confirmed when the shingles of the shorter text are
mostly contained in the longer one — a copy with an appended author bio, or with
paragraphs cut, still contains most of the other's shingles even though their Jaccard
similarity is low. Confirmed pairs form clusters; each copy is linked to the earliest
version in its cluster with a score and the differing spans (:mod:`newsgraph.corpus.diff`).

Work is incremental: only articles without a stored signature are shingled, and the
signatures of the others are read back to fill the index.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsgraph.corpus.diff import diff_copy
from newsgraph.store.db import Store

_WORD = re.compile(r"\w+")
_SCHEME = "affine32"  # shingle hashes are CRC-32 values; signatures are stored as uint32


@dataclass(frozen=True)
class CopyConfig:
    """Copy detection settings.

    ``lsh_threshold`` is the Jaccard similarity the LSH index is tuned for (kept low so
    that a trimmed copy, whose Jaccard with the original is about the share kept, is still a
    candidate); ``min_containment`` is the share of the shorter text's shingles that must be
    found in the longer one; ``min_shingles`` keeps very short texts (a one-line brief) out;
    candidates whose containment estimated from the signatures falls more than
    ``estimate_margin`` below ``min_containment`` are not checked exactly.
    """

    shingle_words: int = 5
    num_perm: int = 128
    seed: int = 7
    lsh_threshold: float = 0.2
    min_containment: float = 0.7
    min_shingles: int = 20
    estimate_margin: float = 0.25


@dataclass
class CopyReport:
    """What an update did."""

    signed: int = 0
    candidates: int = 0
    confirmed: int = 0
    copies: int = 0


def _identity(value: int) -> int:
    return value


def shingles(text: str, size: int = 5) -> np.ndarray:
    """The sorted, distinct CRC-32 hashes of the word ``size``-grams of ``text`` (case-folded)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return np.zeros(0, dtype=np.uint32)
    grams = (" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32))


def signature(hashes: np.ndarray, config: CopyConfig) -> MinHash:
    """The MinHash of a shingle set."""
    minhash = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=_identity, scheme=_SCHEME)
    if len(hashes):
        minhash.update_batch(hashes.tolist())
    return minhash


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Containment of the smaller shingle set in the larger, and Jaccard similarity."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / min(len(a), len(b)), common / (len(a) + len(b) - common)


def _texts(store: Store, ids: Iterable[str]) -> dict[str, str]:
    table = store.query("SELECT id, text FROM articles WHERE list_contains(?, id)", [sorted(set(ids))])
    return dict(zip(table.column("id").to_pylist(), table.column("text").to_pylist(), strict=True))


Signed = dict[str, tuple[np.ndarray, int]]  # article id → (MinHash values, number of shingles)


def _sign_new(store: Store, config: CopyConfig) -> Signed:
    """Shingle and sign every analysed article that has no signature yet; store the signatures."""
    table = store.query(
        "SELECT id, text FROM articles a WHERE status = 'analysed' "
        "AND NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.article_id = a.id) ORDER BY id"
    )
    signed: Signed = {}
    for batch in table.to_batches(max_chunksize=500):
        rows: list[dict[str, Any]] = []
        for article_id, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
            hashes = shingles(text, config.shingle_words)
            blob = None
            if len(hashes) >= config.min_shingles:
                values = signature(hashes, config).hashvalues
                signed[article_id] = (values, len(hashes))
                blob = values.tobytes()
            rows.append({"article_id": article_id, "shingles": len(hashes), "signature": blob})
        store.update_tables(insert={"minhashes": rows})
    return signed


def _stored_signatures(store: Store, exclude: Signed) -> Iterator[tuple[str, np.ndarray, int]]:
    table = store.query("SELECT article_id, signature, shingles FROM minhashes WHERE signature IS NOT NULL")
    for batch in table.to_batches(max_chunksize=2000):
        columns = (batch.column(0).to_pylist(), batch.column(1).to_pylist(), batch.column(2).to_pylist())
        for article_id, blob, count in zip(*columns, strict=True):
            if article_id not in exclude:
                yield article_id, np.frombuffer(blob, dtype=np.uint32), count


def candidate_pairs(store: Store, new: Signed, config: CopyConfig) -> set[tuple[str, str]]:
    """Pairs (a, b), a < b, involving a new article, that share an LSH band and whose
    containment estimated from the signatures comes near ``min_containment``."""
    if not new:
        return set()
    lsh = MinHashLSH(threshold=config.lsh_threshold, num_perm=config.num_perm)
    signatures: Signed = dict(new)

    def minhash(values: np.ndarray) -> MinHash:
        return MinHash(seed=config.seed, hashfunc=_identity, scheme=_SCHEME, hashvalues=values)

    with lsh.insertion_session() as session:
        for article_id, values, count in _stored_signatures(store, new):
            signatures[article_id] = (values, count)
            session.insert(article_id, minhash(values), check_duplication=False)
        for article_id, (values, _) in new.items():
            session.insert(article_id, minhash(values), check_duplication=False)
    # Articles on one topic share stock phrases, so LSH tuned for low similarity returns many
    # pairs; the signatures estimate each pair's Jaccard similarity J, and with the shingle
    # counts its containment J·(|A|+|B|) / ((1+J)·min(|A|,|B|)): only pairs whose estimate
    # comes within ``estimate_margin`` of the threshold are checked exactly.
    index = {article_id: i for i, article_id in enumerate(signatures)}
    ids = list(signatures)
    matrix = np.stack([values for values, _ in signatures.values()])
    sizes = np.array([count for _, count in signatures.values()], dtype=np.float64)
    pairs: set[tuple[str, str]] = set()
    for article_id, (values, count) in new.items():
        others = np.array([index[o] for o in lsh.query(minhash(values)) if o != article_id], dtype=np.int64)
        if not len(others):
            continue
        jaccard = (matrix[others] == values).mean(axis=1)
        containment = jaccard * (sizes[others] + count) / ((1 + jaccard) * np.minimum(sizes[others], count))
        for other in others[containment >= config.min_containment - config.estimate_margin]:
            pairs.add((min(article_id, ids[other]), max(article_id, ids[other])))
    return pairs


def confirm(store: Store, pairs: set[tuple[str, str]], config: CopyConfig) -> list[dict[str, Any]]:
    """The candidate pairs whose shorter text is contained in the longer one."""
    texts = _texts(store, (x for pair in pairs for x in pair))
    cache: dict[str, np.ndarray] = {}

    def hashes(article_id: str) -> np.ndarray:
        if article_id not in cache:
            cache[article_id] = shingles(texts[article_id], config.shingle_words)
        return cache[article_id]

    confirmed = []
    for a, b in sorted(pairs):
        containment, jaccard = overlap(hashes(a), hashes(b))
        if containment >= config.min_containment:
            confirmed.append({"a_id": a, "b_id": b, "containment": round(containment, 4), "jaccard": round(jaccard, 4)})
    return confirmed


def clusters(pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected components of the confirmed pairs (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), set()).add(x)
    return sorted(groups.values(), key=min)


def _earliest_first(store: Store, groups: list[set[str]]) -> list[list[str]]:
    # The original is the earliest published version; ingest time, then id, break ties.
    members = sorted({x for group in groups for x in group})
    table = store.query("SELECT id, published, ingested_at FROM articles WHERE list_contains(?, id)", [members])
    order = {r["id"]: (r["published"] or dt.date.max, r["ingested_at"] or dt.datetime.max, r["id"]) for r in table.to_pylist()}
    return [sorted(group, key=order.__getitem__) for group in groups]


def _records(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    table = store.query("SELECT id, record FROM articles WHERE list_contains(?, id)", [sorted(set(ids))])
    return {r["id"]: json.loads(r["record"]) for r in table.to_pylist()}


def link_copies(store: Store, config: CopyConfig) -> int:
    """Rebuild the ``copies`` links from all confirmed pairs; returns the number of copies.

    Links whose copy and original have not changed keep their stored diff.
    """
    pair_rows = store.query("SELECT a_id, b_id FROM copy_pairs").to_pylist()
    groups = clusters((r["a_id"], r["b_id"]) for r in pair_rows)
    stored = {r["copy_id"]: r for r in store.query("SELECT * FROM copies").to_pylist()}
    wanted: dict[str, str] = {}
    for original, *others in _earliest_first(store, groups):
        wanted.update({copy_id: original for copy_id in others})
    fresh = {c: o for c, o in wanted.items() if c not in stored or stored[c]["original_id"] != o}
    stale = [c for c in stored if c not in wanted or c in fresh]
    records = _records(store, {*fresh, *fresh.values()})
    rows = []
    for copy_id, original_id in sorted(fresh.items()):
        first, later = records[original_id], records[copy_id]
        containment, jaccard = overlap(shingles(first["text"], config.shingle_words), shingles(later["text"], config.shingle_words))
        diff = diff_copy(first, later)
        rows.append(
            {
                "copy_id": copy_id,
                "original_id": original_id,
                "score": round(containment, 4),
                "jaccard": round(jaccard, 4),
                "added_chars": sum(s["end"] - s["start"] for s in diff["added"]),
                "removed_chars": sum(s["end"] - s["start"] for s in diff["removed"]),
                "diff": json.dumps(diff, ensure_ascii=False),
            }
        )
    if stale or rows:
        store.update_tables(delete={"copies": ("copy_id", stale)}, insert={"copies": rows})
    return len(wanted)


def update_copies(store: Store, config: CopyConfig | None = None) -> CopyReport:
    """Find the copies among newly stored articles and relink every copy cluster."""
    config = config or CopyConfig()
    new = _sign_new(store, config)
    pairs = candidate_pairs(store, new, config)
    confirmed = confirm(store, pairs, config)
    if confirmed:
        store.update_tables(insert={"copy_pairs": confirmed})
    copies = link_copies(store, config) if confirmed else store.query("SELECT count(*) AS n FROM copies").column("n")[0].as_py()
    return CopyReport(signed=len(new), candidates=len(pairs), confirmed=len(confirmed), copies=copies)

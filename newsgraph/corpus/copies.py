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
import functools
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsgraph.corpus.diff import diff_copy
from newsgraph.corpus.event_clusters import drop_clusters_of
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
    relinked: int = 0


def _identity(value: int) -> int:
    return value


def shingles(text: str, size: int = 5) -> np.ndarray:
    """The sorted, distinct CRC-32 hashes of the word ``size``-grams of ``text`` (case-folded)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return np.zeros(0, dtype=np.uint32)
    grams = (" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1)))
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32))


@functools.cache
def _permutations(num_perm: int, seed: int) -> Any:
    # MinHash draws its permutations anew for every instance unless given them (1 ms each).
    return MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, scheme=_SCHEME).permutations


def signature(hashes: np.ndarray, config: CopyConfig) -> MinHash:
    """The MinHash of a shingle set."""
    permutations = _permutations(config.num_perm, config.seed)
    minhash = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=_identity, scheme=_SCHEME, permutations=permutations)
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


def _sign_new(store: Store, config: CopyConfig) -> tuple[Signed, list[dict[str, Any]]]:
    """Shingle and sign every analysed article that has no signature yet; the signatures and
    their ``minhashes`` rows (stored later, with the pairs they lead to)."""
    table = store.query(
        "SELECT id, text FROM articles a WHERE status = 'analysed' "
        "AND NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.article_id = a.id) ORDER BY id"
    )
    signed: Signed = {}
    rows: list[dict[str, Any]] = []
    for batch in table.to_batches(max_chunksize=500):
        for article_id, text in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist(), strict=True):
            hashes = shingles(text, config.shingle_words)
            blob = None
            if len(hashes) >= config.min_shingles:
                values = signature(hashes, config).hashvalues
                signed[article_id] = (values, len(hashes))
                blob = values.tobytes()
            rows.append({"article_id": article_id, "shingles": len(hashes), "signature": blob})
    return signed, rows


def _stored_signatures(store: Store, exclude: Signed) -> Iterator[tuple[str, np.ndarray, int]]:
    table = store.query("SELECT article_id, signature, shingles FROM minhashes WHERE signature IS NOT NULL")
    for batch in table.to_batches(max_chunksize=2000):
        columns = (batch.column(0).to_pylist(), batch.column(1).to_pylist(), batch.column(2).to_pylist())
        for article_id, blob, count in zip(*columns, strict=True):
            if article_id not in exclude:
                yield article_id, np.frombuffer(blob, dtype=np.uint32), count


@functools.cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The number of bands and rows per band datasketch's LSH picks for ``threshold``."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(matrix: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per LSH band of each signature (rows of ``matrix``): equal bands give
    equal keys; two different bands rarely share one, which only adds a candidate."""
    cut = matrix[:, : bands * rows].astype(np.uint64).reshape(len(matrix), bands, rows)
    weights = (np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)) | np.uint64(1)
    return (cut * weights).sum(axis=2, dtype=np.uint64)


def candidate_pairs(store: Store, new: Signed, config: CopyConfig) -> set[tuple[str, str]]:
    """Pairs (a, b), a < b, involving a new article, that share an LSH band and whose
    containment estimated from the signatures comes near ``min_containment``.

    The bands of every signature are compared as arrays (what datasketch's ``MinHashLSH``
    does, without building an index object per signature): a few milliseconds per
    thousand stored articles."""
    if not new:
        return set()
    signatures: Signed = {article_id: (values, count) for article_id, values, count in _stored_signatures(store, new)}
    signatures.update(new)
    ids = list(signatures)
    matrix = np.stack([values for values, _ in signatures.values()])
    sizes = np.array([count for _, count in signatures.values()], dtype=np.float64)
    keys = band_keys(matrix, *lsh_bands(config.lsh_threshold, config.num_perm))
    first_new = len(ids) - len(new)
    # Rows sharing at least one band with some new article, then per new article its own.
    shared = np.zeros(len(ids), dtype=bool)
    for band in range(keys.shape[1]):
        shared |= np.isin(keys[:, band], keys[first_new:, band])
    near = np.flatnonzero(shared)
    # Articles on one topic share stock phrases, so LSH tuned for low similarity returns many
    # pairs; the signatures estimate each pair's Jaccard similarity J, and with the shingle
    # counts its containment J·(|A|+|B|) / ((1+J)·min(|A|,|B|)): only pairs whose estimate
    # comes within ``estimate_margin`` of the threshold are checked exactly.
    pairs: set[tuple[str, str]] = set()
    for row in range(first_new, len(ids)):
        others = near[(keys[near] == keys[row]).any(axis=1) & (near != row)]
        if not len(others):
            continue
        values, count = matrix[row], sizes[row]
        jaccard = (matrix[others] == values).mean(axis=1)
        containment = jaccard * (sizes[others] + count) / ((1 + jaccard) * np.minimum(sizes[others], count))
        for other in others[containment >= config.min_containment - config.estimate_margin]:
            pairs.add((min(ids[row], ids[other]), max(ids[row], ids[other])))
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
    # The original is the earliest published version; the id breaks ties, never the order in
    # which articles happened to be stored (that differs between runs with several workers).
    members = sorted({x for group in groups for x in group})
    table = store.query("SELECT id, published FROM articles WHERE list_contains(?, id)", [members])
    order = {r["id"]: (r["published"] or dt.date.max, r["id"]) for r in table.to_pylist()}
    return [sorted(group, key=order.__getitem__) for group in groups]


def _records(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    table = store.query("SELECT id, record FROM articles WHERE list_contains(?, id)", [sorted(set(ids))])
    return {r["id"]: json.loads(r["record"]) for r in table.to_pylist()}


def _link_row(copy_id: str, original_id: str, records: dict[str, dict[str, Any]], config: CopyConfig) -> dict[str, Any]:
    first, later = records[original_id], records[copy_id]
    containment, jaccard = overlap(shingles(first["text"], config.shingle_words), shingles(later["text"], config.shingle_words))
    diff = diff_copy(first, later)
    return {
        "copy_id": copy_id,
        "original_id": original_id,
        "score": round(containment, 4),
        "jaccard": round(jaccard, 4),
        "added_chars": sum(s["end"] - s["start"] for s in diff["added"]),
        "removed_chars": sum(s["end"] - s["start"] for s in diff["removed"]),
        "diff": json.dumps(diff, ensure_ascii=False),
    }


def wanted_links(store: Store) -> dict[str, str]:
    """Copy id → original id, as the confirmed pairs and the publication dates imply."""
    pair_rows = store.query("SELECT a_id, b_id FROM copy_pairs").to_pylist()
    groups = clusters((r["a_id"], r["b_id"]) for r in pair_rows)
    wanted: dict[str, str] = {}
    for original, *others in _earliest_first(store, groups):
        wanted.update({copy_id: original for copy_id in others})
    return wanted


def link_copies(store: Store, config: CopyConfig) -> tuple[int, int]:
    """Bring the ``copies`` links in line with all confirmed pairs; the number of copies and
    of links changed.

    Links whose copy and original have not changed keep their stored diff. The event
    clusters of every article whose link changes are dropped in the same transaction (a copy
    counts differently in a cluster), so that the cluster stage merges them again."""
    wanted = wanted_links(store)
    stored = {r["copy_id"]: r["original_id"] for r in store.query("SELECT copy_id, original_id FROM copies").to_pylist()}
    fresh = {c: o for c, o in wanted.items() if stored.get(c) != o}
    stale = [c for c in stored if c not in wanted or c in fresh]
    if fresh or stale:
        records = _records(store, {*fresh, *fresh.values()})
        rows = [_link_row(copy_id, original_id, records, config) for copy_id, original_id in sorted(fresh.items())]
        store.update_tables(delete={"copies": ("copy_id", stale), **drop_clusters_of(store, [*fresh, *stale])}, insert={"copies": rows})
    return len(wanted), len(set(fresh) | set(stale))


def update_copies(store: Store, config: CopyConfig | None = None) -> CopyReport:
    """Find the copies among articles stored since the last update, and relink.

    The signatures of the new articles and the pairs they confirm are stored in one
    transaction (a signature is the mark that an article's pairs were looked for), and the
    links are always brought in line with the pairs: a run killed at any point of this stage
    leaves nothing that the next update does not finish."""
    config = config or CopyConfig()
    new, signature_rows = _sign_new(store, config)
    pairs = candidate_pairs(store, new, config)
    confirmed = confirm(store, pairs, config)
    if signature_rows or confirmed:
        store.update_tables(insert={"minhashes": signature_rows, "copy_pairs": confirmed})
    copies, relinked = link_copies(store, config)
    return CopyReport(signed=len(new), candidates=len(pairs), confirmed=len(confirmed), copies=copies, relinked=relinked)

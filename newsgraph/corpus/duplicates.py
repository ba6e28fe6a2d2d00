"""The copy clusters as a listing: every republished copy or near-duplicate next to the
earliest version it copies, with the score and what differs.

Two kinds of copy: ``near`` — a different cleaned text (bio added, paragraphs cut, new
title) linked in the ``copies`` table; ``exact`` — the same cleaned text seen at another
URL, file or outlet (``article_sources``), which is stored as one article."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from newsgraph.corpus.diff import differences, summary
from newsgraph.store.db import Store

_EXACT = """
    WITH ranked AS (
        SELECT s.*, row_number() OVER (
            PARTITION BY s.article_id
            ORDER BY (s.url IS NOT DISTINCT FROM a.url AND s.input_path IS NOT DISTINCT FROM a.input_path
                      AND s.input_line IS NOT DISTINCT FROM a.input_line) DESC, s.published NULLS LAST, s.seen_at, s.source_key
        ) AS rank
        FROM article_sources s JOIN articles a ON a.id = s.article_id
    )
    SELECT article_id, outlet, url, input_path, title, CAST(published AS VARCHAR) AS published, removed
    FROM ranked WHERE rank > 1
"""


def _article(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {f"{prefix}_{k}": row.get(k) for k in ("id", "outlet", "published", "title", "url")}


def copy_clusters(store: Store) -> list[dict[str, Any]]:
    """Every copy with its original: cluster (the original's id), kind, score, summary and diff."""
    articles = {
        r["id"]: r
        for r in store.query("SELECT id, outlet, CAST(published AS VARCHAR) AS published, title, url, input_path FROM articles").to_pylist()
    }
    near = store.query("SELECT * FROM copies").to_pylist()
    originals = {r["copy_id"]: r["original_id"] for r in near}
    rows: list[dict[str, Any]] = []
    for link in near:
        diff = json.loads(link["diff"])
        rows.append(
            {
                "cluster": link["original_id"],
                **_article(articles[link["original_id"]], "original"),
                **_article(articles[link["copy_id"]], "copy"),
                "kind": "near",
                "score": link["score"],
                "jaccard": link["jaccard"],
                "differences": summary(diff),
                "diff": diff,
            }
        )
    for sighting in store.query(_EXACT).to_pylist():
        article_id = sighting["article_id"]
        removed = json.loads(sighting["removed"] or "[]")
        cleaned_away = [r for r in removed if r["reason"] != "navigation"]
        diff = {"added": [], "removed": [], "changed": [], "title": None, "cleaned_away": cleaned_away}
        if sighting["title"] != articles[article_id]["title"]:
            diff["title"] = {"original": articles[article_id]["title"], "copy": sighting["title"]}
        cluster = originals.get(article_id, article_id)
        rows.append(
            {
                "cluster": cluster,
                **_article(articles[cluster], "original"),
                **_article({**sighting, "id": article_id}, "copy"),
                "kind": "exact",
                "score": 1.0,
                "jaccard": 1.0,
                "differences": summary(diff),
                "diff": diff,
            }
        )
    rows.sort(key=lambda r: (r["cluster"], r["copy_published"] or "", r["copy_id"], r["kind"]))
    return rows


def duplicates_table(store: Store) -> pa.Table:
    """The copies for a table or CSV: one row per difference (a copy with none gets one row)."""
    columns = ["cluster", "copy_id", "kind", "score", "original_outlet", "copy_outlet", "copy_published", "difference", "text"]
    rows = []
    for copy in copy_clusters(store):
        base = {c: copy[c] for c in columns[:7]}
        items = differences(copy["diff"]) or [("identical text", "")]
        rows += [{**base, "difference": what, "text": text} for what, text in items]
    if not rows:
        return pa.table({c: pa.array([], pa.string()) for c in columns})
    return pa.Table.from_pylist(rows)

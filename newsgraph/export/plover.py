"""PLOVER/POLECAT-style event records, one JSON object a line.

Each record is one reported event (a sentence in an article) in PLOVER's terms — event type,
mode, contexts, an ``actors`` list and a ``recipients`` list (name, ISO3 country, sector) —
with its date, location, the sentence and trigger as evidence (character offsets into the
article's cleaned text), the source article, and the event cluster it belongs to. Negated
events are left out, as in the GDELT export; others carry their ``modality``.

Contexts are the ones the CAMEO code itself implies (``newsgraph/data/plover_contexts.tsv``:
sanctions are economic, military aid is military); other contexts need the text and are not
guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa

from newsgraph.data import package_tsv
from newsgraph.errors import DataFileError, Errors
from newsgraph.export.clusters import cluster_ctes
from newsgraph.export.stream import BATCH_ROWS, registered, write_lines
from newsgraph.store.db import Store
from newsgraph.store.queries import Filters

SCHEMA = "newsgraph/plover@1"


@dataclass
class PloverExport:
    """What a PLOVER export wrote."""

    events: int
    files: list[Path]


@cache
def context_prefixes() -> dict[str, tuple[str, ...]]:
    """CAMEO code prefix → PLOVER contexts, loaded once per process."""
    prefixes: dict[str, tuple[str, ...]] = {}
    for row in package_tsv("plover_contexts.tsv"):
        prefix, contexts = row.get("prefix") or "", row.get("contexts") or ""
        if not prefix.isdigit() or not contexts:
            raise DataFileError(Errors.E712, line=row.line)
        prefixes[prefix] = tuple(c.strip() for c in contexts.split(",") if c.strip())
    return prefixes


def contexts_for(cameo: str | None) -> list[str]:
    """The contexts implied by a CAMEO code (longest matching prefix), or none."""
    prefixes = context_prefixes()
    code = cameo or ""
    for length in range(len(code), 1, -1):
        if code[:length] in prefixes:
            return list(prefixes[code[:length]])
    return []


def _context_table(store: Store) -> pa.Table:
    codes = [row[0] for row in store.con.execute("SELECT DISTINCT cameo FROM events WHERE cameo IS NOT NULL").fetchall()]
    return pa.table({"cameo": pa.array(codes, pa.string()), "contexts": pa.array([contexts_for(c) for c in codes], pa.list_(pa.string()))})


def _side(prefix: str) -> str:
    """A one-element list describing one side of the event, or an empty list."""
    fields = ", ".join(f"{k} := e.{prefix}_{k}" for k in ("name", "country", "sector", "code"))
    one = f"[struct_pack({fields}, actor_id := e.{prefix}_actor)]"
    return f"CASE WHEN e.{prefix}_name IS NULL AND e.{prefix}_code IS NULL THEN [] ELSE {one} END"


def plover_sql(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """The query behind the export: one JSON text per reported event."""
    ctes, params = cluster_ctes(store, filters)
    record = f"""struct_pack(
        schema := '{SCHEMA}',
        id := e.id,
        date := e.day,
        event_type := e.plover_type,
        mode := e.plover_mode,
        context := coalesce(x.contexts, []),
        cameo := e.cameo,
        cameo_name := e.name,
        quad_class := e.quad_class,
        goldstein := e.goldstein,
        actors := {_side("source")},
        recipients := {_side("target")},
        location := CASE WHEN e.place_name IS NULL THEN NULL ELSE
            struct_pack(name := e.place_name, country := e.place_country, lat := e.place_lat, lon := e.place_lon) END,
        modality := e.modality,
        claimed_by := e.claimed_by,
        date_text := e.date_text,
        sentence := struct_pack(text := substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start),
                                start := e.sentence_start, "end" := e.sentence_end),
        trigger := struct_pack(text := e.trigger_text, start := e.trigger_start, "end" := e.trigger_end),
        source := struct_pack(article_id := e.article_id, url := e.url, outlet := e.outlet, title := e.title,
                              published := e.published),
        cluster := struct_pack(id := e.cluster_id, mentions := c.mentions, articles := c.articles, outlets := c.outlets)
    )"""
    sql = f"""
        WITH {ctes}
        SELECT CAST(to_json({record}) AS VARCHAR) AS line
        FROM members e
        JOIN counts c ON c.cluster_id = e.cluster_id
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN _ng_contexts x ON x.cameo = e.cameo
        ORDER BY e.day NULLS LAST, e.article_id, e.trigger_start"""
    return sql, params


def write_plover(store: Store, out: Path, filters: Filters | None = None, batch_rows: int = BATCH_ROWS) -> PloverExport:
    """Write PLOVER-style JSON Lines to the file ``out``."""
    filters = filters or Filters(limit=None)
    with registered(store, "_ng_contexts", _context_table(store)):
        sql, params = plover_sql(store, filters)
        count = write_lines(store, sql, params, out, batch_rows)
    return PloverExport(count, [out])

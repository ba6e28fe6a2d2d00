"""The actor network: actors as nodes, a directed edge from source to target actor weighted
by how many events link them and by their Goldstein scores (cooperation positive, conflict
negative). Each event cluster counts once, so a happening reported by five outlets is one
event, not five. Written as node and edge tables or as GraphML (via networkx)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from newsgraph.export.clusters import cluster_ctes
from newsgraph.export.stream import atomic_file
from newsgraph.store.db import Store
from newsgraph.store.queries import Filters

# An actor is its resolved id, else its CAMEO code, else its name as written.
_SOURCE = "coalesce(source_actor, source_code, source_name)"
_TARGET = "coalesce(target_actor, target_code, target_name)"


@dataclass
class NetworkExport:
    """What a network export wrote."""

    nodes: int
    edges: int
    files: list[Path]


def _dyads(store: Store, filters: Filters) -> tuple[str, list[object]]:
    ctes, params = cluster_ctes(store, filters)
    sql = f"""
        WITH {ctes},
        dyads AS (
            SELECT {_SOURCE} AS source, {_TARGET} AS target, * FROM reps
            WHERE {_SOURCE} IS NOT NULL AND {_TARGET} IS NOT NULL
        )"""
    return sql, params


def edges_sql(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """Edges: source, target, both names, events, cooperation/conflict counts, mean and summed
    Goldstein, mentions, first and last dates."""
    ctes, params = _dyads(store, filters)
    sql = f"""
        {ctes}
        SELECT d.source, d.target,
               coalesce(any_value(cs.name), mode(d.source_name)) AS source_name,
               coalesce(any_value(ct.name), mode(d.target_name)) AS target_name,
               count(*) AS events,
               count(*) FILTER (WHERE d.quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE d.quad_class IN (3, 4)) AS conflict,
               avg(d.goldstein) AS mean_goldstein, sum(d.goldstein) AS goldstein,
               sum(d.mentions)::BIGINT AS mentions, min(d.day) AS first_date, max(d.day) AS last_date
        FROM dyads d LEFT JOIN actors cs ON cs.id = d.source LEFT JOIN actors ct ON ct.id = d.target
        GROUP BY d.source, d.target
        ORDER BY events DESC, d.source, d.target"""
    return sql, params


def nodes_sql(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """Nodes: id, name, CAMEO code, country and the number of events the actor is in."""
    ctes, params = _dyads(store, filters)
    # A resolved actor takes its name, code and country from the actors table; an
    # unresolved one the most frequent form the events give it.
    sql = f"""
        {ctes}
        SELECT s.id, coalesce(any_value(c.name), mode(s.name)) AS name, any_value(c.type) AS type,
               coalesce(any_value(c.code), mode(s.code)) AS code,
               coalesce(any_value(c.country), mode(s.country)) AS country, count(*) AS events,
               count(*) FILTER (WHERE s.side = 'source') AS as_source, count(*) FILTER (WHERE s.side = 'target') AS as_target
        FROM (
            SELECT source AS id, source_name AS name, source_code AS code, source_country AS country, 'source' AS side FROM dyads
            UNION ALL
            SELECT target, target_name, target_code, target_country, 'target' FROM dyads
        ) s LEFT JOIN actors c ON c.id = s.id
        GROUP BY s.id
        ORDER BY events DESC, s.id"""
    return sql, params


def network_tables(
    store: Store, filters: Filters | None = None, min_events: int = 1, max_edges: int | None = None
) -> tuple[pa.Table, pa.Table]:
    """The node and edge tables of the actor network — the one builder behind ``newsgraph
    network``, ``/api/network``, the network page, ``Dataset.network`` and the GraphML export.

    Edges with fewer than ``min_events`` events are dropped, then all but the ``max_edges``
    heaviest; so are the actors left without an edge."""
    filters = filters or Filters(limit=None)
    nodes, edges = store.query(*nodes_sql(store, filters)), store.query(*edges_sql(store, filters))
    if min_events > 1:
        edges = edges.filter(pc.greater_equal(edges["events"], min_events))
    if max_edges is not None:
        edges = edges.slice(0, max_edges)
    if min_events > 1 or max_edges is not None:
        linked = pa.concat_arrays([edges["source"].combine_chunks(), edges["target"].combine_chunks()])
        nodes = nodes.filter(pc.is_in(nodes["id"], value_set=linked))
    return nodes, edges


def _attributes(row: dict[str, Any]) -> dict[str, Any]:
    # GraphML has no null and no date type: drop nulls, write dates as ISO text.
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items() if v is not None}


def write_graphml(
    store: Store, out: Path, filters: Filters | None = None, min_events: int = 1, max_edges: int | None = None
) -> NetworkExport:
    """Write the actor network as a GraphML file."""
    import networkx as nx

    nodes, edges = network_tables(store, filters, min_events, max_edges)
    graph = nx.DiGraph(name="newsgraph actor network")
    for row in nodes.to_pylist():
        graph.add_node(row.pop("id"), **_attributes(row))
    for row in edges.to_pylist():
        graph.add_edge(row.pop("source"), row.pop("target"), **_attributes(row))
    with atomic_file(out, "wb") as handle:
        nx.write_graphml(graph, handle)
    return NetworkExport(nodes.num_rows, edges.num_rows, [out])

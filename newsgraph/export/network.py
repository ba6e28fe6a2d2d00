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
    """Edges: source, target, events, cooperation/conflict counts, mean and summed Goldstein, dates."""
    ctes, params = _dyads(store, filters)
    sql = f"""
        {ctes}
        SELECT source, target, count(*) AS events,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               avg(goldstein) AS mean_goldstein, sum(goldstein) AS goldstein,
               sum(mentions)::BIGINT AS mentions, min(day) AS first_date, max(day) AS last_date
        FROM dyads GROUP BY source, target
        ORDER BY events DESC, source, target"""
    return sql, params


def nodes_sql(store: Store, filters: Filters) -> tuple[str, list[object]]:
    """Nodes: id, name, CAMEO code, country and the number of events the actor is in."""
    ctes, params = _dyads(store, filters)
    # A resolved actor takes its name, code and country from the actors table; an
    # unresolved one the most frequent form the events give it.
    sql = f"""
        {ctes}
        SELECT s.id, coalesce(any_value(c.name), mode(s.name)) AS name, coalesce(any_value(c.code), mode(s.code)) AS code,
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


def network_tables(store: Store, filters: Filters | None = None, min_events: int = 1) -> tuple[pa.Table, pa.Table]:
    """The node and edge tables of the actor network; edges with fewer than ``min_events``
    events are dropped, and so are the actors left without an edge."""
    filters = filters or Filters(limit=None)
    nodes, edges = store.query(*nodes_sql(store, filters)), store.query(*edges_sql(store, filters))
    if min_events > 1:
        edges = edges.filter(pc.greater_equal(edges["events"], min_events))
        linked = pa.concat_arrays([edges["source"].combine_chunks(), edges["target"].combine_chunks()])
        nodes = nodes.filter(pc.is_in(nodes["id"], value_set=linked))
    return nodes, edges


def edge_list(nodes: pa.Table, edges: pa.Table) -> pa.Table:
    """The edges with both actors' names beside their ids, for a CSV edge list or a listing."""
    names = dict(zip(nodes["id"].to_pylist(), nodes["name"].to_pylist(), strict=True))
    with_names = edges.append_column("source_name", pa.array([names.get(s) for s in edges["source"].to_pylist()], pa.string()))
    with_names = with_names.append_column("target_name", pa.array([names.get(t) for t in edges["target"].to_pylist()], pa.string()))
    first = ["source", "target", "source_name", "target_name"]
    return with_names.select(first + [c for c in edges.column_names if c not in first])


def _attributes(row: dict[str, Any]) -> dict[str, Any]:
    # GraphML has no null and no date type: drop nulls, write dates as ISO text.
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items() if v is not None}


def write_graphml(store: Store, out: Path, filters: Filters | None = None, min_events: int = 1) -> NetworkExport:
    """Write the actor network as a GraphML file."""
    import networkx as nx

    nodes, edges = network_tables(store, filters, min_events)
    graph = nx.DiGraph(name="newsgraph actor network")
    for row in nodes.to_pylist():
        graph.add_node(row.pop("id"), **_attributes(row))
    for row in edges.to_pylist():
        graph.add_edge(row.pop("source"), row.pop("target"), **_attributes(row))
    with atomic_file(out, "wb") as handle:
        nx.write_graphml(graph, handle)
    return NetworkExport(nodes.num_rows, edges.num_rows, [out])

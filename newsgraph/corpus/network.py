"""The actor network: nodes are actors, a directed edge A → B counts the events with A as
source and B as target, with their mean Goldstein score and QuadClass counts. Built with
networkx; exported as GraphML or CSV, or handed to the web UI as node-link data."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx

from newsgraph.corpus.actor_match import node_key, side_matches
from newsgraph.corpus.scope import Scope
from newsgraph.errors import UsageError
from newsgraph.store.db import Store

EDGE_COLUMNS = ("source", "target", "source_name", "target_name", "events", "goldstein", "q1", "q2", "q3", "q4")


def actor_network(store: Store, scope: Scope | None = None, actor: str | None = None, min_events: int = 1) -> nx.DiGraph:
    """The network of events with both sides known (around ``actor`` if given)."""
    scope = scope or Scope()
    condition, params = scope.where("a")
    if actor:
        src, p_src = side_matches("source", actor)
        tgt, p_tgt = side_matches("target", actor)
        condition, params = f"{condition} AND ({src} OR {tgt})", [*params, *p_src, *p_tgt]
    rows = store.query(
        f"""SELECT e.source_actor, e.source_code, e.source_name, e.source_country,
                   e.target_actor, e.target_code, e.target_name, e.target_country, e.goldstein, e.quad_class
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {condition} AND NOT e.negated""",
        params,
    ).to_pylist()
    graph = nx.DiGraph()
    for row in rows:
        ends = []
        for side in ("source", "target"):
            key = node_key(row[f"{side}_actor"], row[f"{side}_code"], row[f"{side}_name"])
            if key is None:
                break
            node = graph.nodes.get(key) or {}
            graph.add_node(
                key,
                name=node.get("name") or row[f"{side}_name"] or key,
                code=node.get("code") or row[f"{side}_code"] or "",
                country=node.get("country") or row[f"{side}_country"] or "",
                events=node.get("events", 0) + 1,
            )
            ends.append(key)
        if len(ends) != 2 or ends[0] == ends[1]:
            continue
        data = graph.get_edge_data(*ends) or {"events": 0, "goldstein_sum": 0.0, "goldstein_n": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0}
        data["events"] += 1
        if row["goldstein"] is not None:
            data["goldstein_sum"] += row["goldstein"]
            data["goldstein_n"] += 1
        if row["quad_class"] in (1, 2, 3, 4):
            data[f"q{row['quad_class']}"] += 1
        graph.add_edge(*ends, **data)
    for _, _, data in graph.edges(data=True):
        data["goldstein"] = round(data.pop("goldstein_sum") / data["goldstein_n"], 2) if data["goldstein_n"] else 0.0
        data.pop("goldstein_n")
    weak = [(a, b) for a, b, d in graph.edges(data=True) if d["events"] < min_events]
    graph.remove_edges_from(weak)
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    return graph


def edge_rows(graph: nx.DiGraph) -> list[dict[str, Any]]:
    """The edges as rows, heaviest first."""
    rows = [
        {
            "source": a,
            "target": b,
            "source_name": graph.nodes[a]["name"],
            "target_name": graph.nodes[b]["name"],
            **{k: d[k] for k in ("events", "goldstein", "q1", "q2", "q3", "q4")},
        }
        for a, b, d in graph.edges(data=True)
    ]
    return sorted(rows, key=lambda r: (-r["events"], r["source"], r["target"]))


def network_data(graph: nx.DiGraph) -> dict[str, Any]:
    """Node-link data for the web UI: ``{"nodes": [...], "links": [...]}``."""
    return dict(nx.node_link_data(graph, edges="links"))


def write_network(graph: nx.DiGraph, path: Path) -> None:
    """Write the network as GraphML (``.graphml``) or an edge list (``.csv``)."""
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(graph, path)
    elif suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=EDGE_COLUMNS)
            writer.writeheader()
            writer.writerows(edge_rows(graph))
    else:
        raise UsageError(f"--out must end in .graphml or .csv, got '{path.name}'")

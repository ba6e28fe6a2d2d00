from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from newsgraph.export import export
from newsgraph.export.network import network_tables
from newsgraph.store import Filters, Store
from tests.export.conftest import hand_coded_articles


def _expected_edges() -> dict[tuple[str, str], list[float]]:
    """Goldstein scores per dyad, one per happening, straight from the hand-coded events:
    negated ones left out, and an event reported by two outlets (same dyad, code and day)
    counted once."""
    happenings: dict[tuple[str, str, str, str | None], float] = {}
    for article in hand_coded_articles():
        for e in article.events:
            if not e.negated and e.source and e.target and e.goldstein is not None:
                happenings[(e.source.actor or "", e.target.actor or "", e.cameo, e.date)] = e.goldstein
    edges: dict[tuple[str, str], list[float]] = {}
    for (source, target, _, _), goldstein in happenings.items():
        edges.setdefault((source, target), []).append(goldstein)
    return edges


def test_edges_count_events_and_weigh_goldstein(coded_store: Path) -> None:
    with Store.open(coded_store, read_only=True) as store:
        nodes, edges = network_tables(store)
    expected = _expected_edges()
    got = {(r["source"], r["target"]): r for r in edges.to_pylist()}
    assert set(got) == set(expected)
    for dyad, scores in expected.items():
        assert got[dyad]["events"] == len(scores)
        assert got[dyad]["goldstein"] == pytest.approx(sum(scores))
        assert got[dyad]["mean_goldstein"] == pytest.approx(sum(scores) / len(scores))
    expulsion = got[("country:POL", "country:RUS")]
    assert (expulsion["events"], expulsion["conflict"], expulsion["mentions"]) == (1, 1, 2)
    assert {r["id"] for r in nodes.to_pylist()} == {actor for dyad in expected for actor in dyad}


def test_graphml_reads_back(coded_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "network.graphml"
    with Store.open(coded_store, read_only=True) as store:
        result = export(store, "graphml", out, Filters(country="RUS", limit=None))
    graph = nx.read_graphml(out)
    assert graph.is_directed() and result.counts == {"actors": graph.number_of_nodes(), "edges": graph.number_of_edges()}
    assert all("country:RUS" in edge for edge in graph.edges)
    edge = graph.edges["igo:european-union", "country:RUS"]
    assert edge["events"] == 1 and edge["goldstein"] == -8.0 and edge["first_date"] == "2024-04-04"
    assert graph.nodes["country:RUS"]["name"] == "Russia"

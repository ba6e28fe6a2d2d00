"""The server's modules depend on each other one way (state ← errors, params, responses ←
routes, pages, ingest ← app): the module-level import graph inside ``newsgraph/server`` has
no cycle, counting imports inside functions too."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.test_architecture import cycles, imported_modules

SERVER = Path(__file__).resolve().parents[2] / "newsgraph" / "server"


def module_graph() -> dict[str, dict[str, list[str]]]:
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(SERVER.glob("*.py")):
        source = f"newsgraph.server.{path.stem}"
        for target in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            if target.startswith("newsgraph.server.") and target != source:
                graph[source][target].append(f"{source} → {target}")
    return graph


def test_server_modules_import_each_other_one_way() -> None:
    graph = module_graph()
    assert "newsgraph.server.state" in graph["newsgraph.server.routes"]  # the graph is real
    assert cycles(graph) == []

"""The layout keeps its promises: data flows one way between the packages of ``newsgraph/``.

The import graph is built from the source (every ``import``, including those inside functions),
one node per package (``newsgraph.server``, ``newsgraph.extract.events``, …; a top-level module
such as ``newsgraph.dataset`` is its own node), and must have no cycle.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newsgraph"
FAMILIES = ("actors", "quotes", "events")  # extract/<family>/ are packages of their own


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def node_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] == "extract" and parts[2] in FAMILIES:
        return ".".join(parts[:3])
    return ".".join(parts[:2])


def existing_module(dotted: str) -> str | None:
    """The longest prefix of ``dotted`` that is a module or package of newsgraph."""
    while dotted:
        path = PACKAGE.parent / dotted.replace(".", "/")
        if path.with_suffix(".py").exists() or (path / "__init__.py").exists():
            return dotted
        dotted = dotted.rpartition(".")[0]
    return None


def imported_modules(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("newsgraph"):
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("newsgraph"))
    return {m for m in map(existing_module, found) if m}


def package_graph() -> dict[str, dict[str, list[str]]]:
    """node → imported node → the module-level imports that make the edge."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        for target in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            a, b = node_of(source), node_of(target)
            if a != b and b != "newsgraph":  # the package's __init__ only re-exports
                graph[a][b].append(f"{source} → {target}")
    return graph


def cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, {}):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(set(graph) | {n for edges in graph.values() for n in edges}):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_built_from_real_imports() -> None:
    graph = package_graph()
    assert "newsgraph.pipeline" in graph["newsgraph.run"]
    assert "newsgraph.extract.events" in graph["newsgraph.pipeline"]


def test_packages_import_each_other_one_way_only() -> None:
    graph = package_graph()
    problems = []
    for component in cycles(graph):
        edges = [f"  {edge}" for a in component for b in component for edge in graph.get(a, {}).get(b, [])[:3]]
        problems.append(" ↔ ".join(component) + "\n" + "\n".join(edges))
    assert not problems, "import cycles between packages:\n" + "\n".join(problems)


def test_a_cycle_is_found_when_there_is_one() -> None:
    graph: dict[str, dict[str, list[str]]] = {"a": {"b": ["a.x → b.y"]}, "b": {"c": ["b → c"]}, "c": {"a": ["c → a"]}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_tests_never_import_the_benchmarks() -> None:
    """Helpers shared by tests and bench live in tests/support; bench imports them, not the reverse."""
    tests = Path(__file__).resolve().parent
    offenders = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in getattr(node, "names", [])]
            if isinstance(node, ast.Import | ast.ImportFrom) and any(n == "bench" or n.startswith("bench.") for n in names):
                offenders.append(f"{path.relative_to(tests.parent)}:{node.lineno}")
    assert not offenders, "tests import bench/: " + ", ".join(offenders)


def test_the_architecture_page_names_only_files_that_exist() -> None:
    """docs/ARCHITECTURE.md says where to change what; every path it names must be there."""
    root = PACKAGE.parent
    page = (root / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z_]+/)+[a-z_.]*\.(?:py|yaml|tsv|cfg|json|md)|(?:[a-z_]+/)+)`", page))
    assert len(named) > 30  # the table is read, not skipped
    missing = []
    for path in sorted(named):
        candidates = [root / path, PACKAGE / path, PACKAGE / "extract" / path]
        if not any(c.exists() for c in candidates):
            missing.append(path)
    assert not missing, f"docs/ARCHITECTURE.md names paths that do not exist: {missing}"


MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 60


def is_declarative(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function whose body (after its docstring) is one literal table or SQL text returned or assigned."""
    body = function.body[1:] if ast.get_docstring(function) else function.body
    literal = (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Constant, ast.JoinedStr)
    return len(body) == 1 and isinstance(body[0], ast.Return | ast.Assign) and isinstance(body[0].value, literal)


def test_no_file_or_function_is_too_long_to_read() -> None:
    """Issue 14's rule: no file over 500 lines, no function over 60 lines except declarative tables."""
    long_files, long_functions = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        where = path.relative_to(PACKAGE.parent)
        if (lines := source.count("\n")) > MAX_FILE_LINES:
            long_files.append(f"{where} ({lines} lines)")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and not is_declarative(node):
                    long_functions.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    assert not long_files, f"files over {MAX_FILE_LINES} lines: {long_files}"
    assert not long_functions, f"functions over {MAX_FUNCTION_LINES} lines: {long_functions}"


def test_a_long_function_is_found_and_a_table_is_not() -> None:
    long_code = "def f():\n" + "    x = 1\n" * 70
    table = "def t():\n    '''A table.'''\n    return {\n" + "        'k': 1,\n" * 70 + "    }\n"
    code, data = (ast.parse(s).body[0] for s in (long_code, table))
    assert isinstance(code, ast.FunctionDef) and isinstance(data, ast.FunctionDef)
    assert not is_declarative(code) and is_declarative(data)

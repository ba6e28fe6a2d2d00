"""The actor network drawn as SVG: a deterministic layout where no two nodes and no two
labels overlap, computed here and drawn by ``templates/network.html`` (which escapes every
label); ``static/app.js`` adds hover, zoom and pan.

Each connected component is laid out on its own (Kamada–Kawai for small ones, springs for
big ones) and the components are packed in rows, biggest first, so that unconnected pairs sit
apart instead of drifting to the edges. Every node then gets a box holding its circle and its
label (label widths estimated on the generous side), and overlapping boxes are pushed apart
until none overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

WIDTH = 960
FONT_PX = 12.0
CHAR_PX = 0.68 * FONT_PX  # wider than the average glyph of a sans-serif font at 12px
LABEL_H = FONT_PX + 6.0  # the glyphs and the white halo around them
GAP = 6.0  # space kept between two boxes
MARGIN = 24.0

Point = tuple[float, float]


@dataclass
class Node:
    """A drawn actor: centre, radius, label (and its baseline), link and hover text."""

    id: str
    x: float
    y: float
    r: float
    label: str
    label_y: float
    href: str | None
    title: str
    cls: str


@dataclass
class Edge:
    """A drawn source → target edge between two node borders: an SVG path, curved when the
    reverse edge exists too so that the two stay apart."""

    source: str
    target: str
    path: str
    width: float
    cls: str
    title: str
    href: str


@dataclass
class NetworkChart:
    """An actor network ready to draw."""

    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


def label_width(label: str) -> float:
    """How wide a label may be drawn, in pixels (an estimate that errs on the wide side)."""
    return len(label) * CHAR_PX + 6.0


def tone(goldstein: float | None) -> str:
    """An edge's colour class from its mean Goldstein score."""
    if goldstein is None:
        return "neutral"
    return "conflict" if goldstein < -1 else "cooperation" if goldstein > 1 else "neutral"


def _component_layout(graph: Any) -> dict[str, Point]:
    """Positions in −1…1 for one connected component."""
    import networkx as nx

    nodes = sorted(graph.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-1.0, 0.0), nodes[1]: (1.0, 0.0)}
    # Kamada–Kawai spreads small components evenly; it is cubic, so big ones get springs.
    layout = nx.kamada_kawai_layout(graph) if len(nodes) <= 60 else nx.spring_layout(graph, seed=7)
    xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max((max(xs) - min(xs)) / 2, (max(ys) - min(ys)) / 2) or 1.0
    return {n: ((p[0] - cx) / half, (p[1] - cy) / half) for n, p in layout.items()}


def pack_layout(graph: Any, width: float, height: float) -> dict[str, Point]:
    """Each connected component laid out on its own, packed in rows (biggest first)."""
    import networkx as nx

    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    sides = [math.sqrt(len(c)) for c in components]
    total = sum(s * s for s in sides)
    row_width = max(math.sqrt(total * width / height), max(sides, default=1.0))
    positions: dict[str, Point] = {}
    x = y = row_height = 0.0
    unit = width / row_width
    for component, side in zip(components, sides, strict=True):
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _component_layout(graph.subgraph(component))
        cx, cy = (x + side / 2) * unit, (y + side / 2) * unit
        for node, (px, py) in local.items():
            positions[node] = (cx + px * side * unit * 0.45, cy + py * side * unit * 0.45)
        x += side
        row_height = max(row_height, side)
    return positions


def separate(centres: list[Point], sizes: list[Point], rounds: int = 400) -> list[Point]:
    """Move boxes (centre, half width and height) apart until no two overlap: each round
    pushes every overlapping pair apart along the axis where they overlap least."""
    import numpy as np

    n = len(centres)
    if n < 2:
        return centres
    xy = np.array(centres, dtype=float)
    half = np.array(sizes, dtype=float) + GAP / 2
    order = np.arange(n)
    upper = order[:, None] < order[None, :]
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        overlap = half[:, None, :] + half[None, :, :] - np.abs(delta)
        clash = (overlap[..., 0] > 0) & (overlap[..., 1] > 0) & upper
        if not clash.any():
            break
        i, j = np.nonzero(clash)
        axis = (overlap[i, j, 1] < overlap[i, j, 0]).astype(int)  # 0: push along x, 1: along y
        sign = np.sign(delta[i, j, axis])
        sign[sign == 0] = 1.0  # two boxes on the same spot: the first goes right/down
        push = (overlap[i, j, axis] / 2 + 0.5) * sign
        move = np.zeros_like(xy)
        np.add.at(move, (i, axis), push)
        np.add.at(move, (j, axis), -push)
        xy += move
    return [(float(a), float(b)) for a, b in xy]


def network_chart(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], height: int = 560) -> NetworkChart:
    """Lay the network out (deterministic: the same data gives the same picture); node size
    follows events, edge width event count, edge colour the mean Goldstein score."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((e["source"], e["target"]) for e in edges if e["source"] != e["target"])
    start = pack_layout(graph, WIDTH - 2 * MARGIN, height - 2 * MARGIN)
    most = max((n["events"] for n in nodes), default=1) or 1
    radii = [6 + 14 * math.sqrt(n["events"] / most) for n in nodes]
    labels = [n.get("name") or n["id"] for n in nodes]
    # A node's box holds its circle and, below it, its label.
    sizes = [(max(r, label_width(label) / 2), (2 * r + LABEL_H) / 2) for r, label in zip(radii, labels, strict=True)]
    centres = separate([(start[n["id"]][0], start[n["id"]][1] + LABEL_H / 2) for n in nodes], sizes)
    left = min((x - w for (x, _), (w, _) in zip(centres, sizes, strict=True)), default=0.0)
    top = min((y - h for (_, y), (_, h) in zip(centres, sizes, strict=True)), default=0.0)
    right = max((x + w for (x, _), (w, _) in zip(centres, sizes, strict=True)), default=WIDTH)
    bottom = max((y + h for (_, y), (_, h) in zip(centres, sizes, strict=True)), default=height)
    dx, dy = MARGIN - left, MARGIN - top
    drawn: dict[str, Node] = {}
    for n, r, label, (x, y), (_, h) in zip(nodes, radii, labels, centres, sizes, strict=True):
        cx, cy = x + dx, y + dy - h + r  # the circle sits at the top of its box
        href = f"/actors/{quote(n['id'], safe=':')}" if n.get("type") else None
        title = f"{label}: {n['as_source']} events as source, {n['as_target']} as target"
        drawn[n["id"]] = Node(n["id"], cx, cy, r, label, cy + r + FONT_PX + 1, href, title, n.get("type") or "unknown")
    width = max(WIDTH, math.ceil(right - left + 2 * MARGIN))
    return NetworkChart(width, math.ceil(bottom - top + 2 * MARGIN), list(drawn.values()), _edges(drawn, edges))


def _edges(drawn: dict[str, Node], edges: list[dict[str, Any]]) -> list[Edge]:
    pairs = {(e["source"], e["target"]) for e in edges}
    heaviest = max((e["events"] for e in edges), default=1) or 1
    lines: list[Edge] = []
    for e in edges:
        a, b = drawn.get(e["source"]), drawn.get(e["target"])
        if a is None or b is None or a is b:
            continue
        dist = math.hypot(b.x - a.x, b.y - a.y) or 1.0
        # A bend to the right of the direction of travel keeps A→B and B→A apart.
        bend = 0.18 * dist if (e["target"], e["source"]) in pairs else 0.0
        cx = (a.x + b.x) / 2 - (b.y - a.y) / dist * bend
        cy = (a.y + b.y) / 2 + (b.x - a.x) / dist * bend
        start = _towards((a.x, a.y), (cx, cy), a.r)
        end = _towards((b.x, b.y), (cx, cy), b.r + 2)
        path = f"M {start[0]:.1f} {start[1]:.1f} Q {cx:.1f} {cy:.1f} {end[0]:.1f} {end[1]:.1f}"
        mean = e.get("mean_goldstein")
        shown = "n/a" if mean is None else f"{mean:.2f}"
        title = f"{a.label} → {b.label}: {e['events']} events, mean Goldstein {shown}"
        href = f"/events?{urlencode({'source': e['source'], 'target': e['target']})}"
        lines.append(Edge(e["source"], e["target"], path, 1 + 4 * e["events"] / heaviest, tone(mean), title, href))
    return lines


def _towards(origin: Point, toward: Point, distance: float) -> Point:
    """The point ``distance`` from ``origin`` in the direction of ``toward``."""
    dx, dy = toward[0] - origin[0], toward[1] - origin[1]
    length = math.hypot(dx, dy) or 1.0
    return origin[0] + dx / length * distance, origin[1] + dy / length * distance

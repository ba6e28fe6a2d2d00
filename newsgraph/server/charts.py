"""Chart geometry for the pages: bar charts over periods and the actor network, computed
here and drawn as SVG by the templates (which escape every label). No JavaScript library."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

WIDTH = 960


@dataclass
class Bar:
    """One rectangle: position, size, CSS class and hover text."""

    x: float
    y: float
    w: float
    h: float
    cls: str
    title: str


@dataclass
class Tick:
    """An axis tick: position and label."""

    pos: float
    label: str


@dataclass
class Series:
    """A named series of values, one per period, drawn with CSS class ``cls``."""

    name: str
    cls: str
    values: Sequence[float]


@dataclass
class BarChart:
    """A bar chart ready to draw."""

    width: int
    height: int
    left: float
    top: float
    plot_w: float
    plot_h: float
    bars: list[Bar] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    legend: list[Series] = field(default_factory=list)
    line: list[tuple[float, float, str]] = field(default_factory=list)
    line_ticks: list[Tick] = field(default_factory=list)

    @property
    def line_points(self) -> str:
        """The line's points for an SVG polyline."""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.line)


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2, 5 × 10^n) that splits ``0..top`` into about ``ticks`` parts."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if raw <= mult * power:
            return max(mult * power, 1.0)
    return 10 * power


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    stacked: bool = True,
    line: Sequence[float | None] | None = None,
    line_name: str = "",
    height: int = 320,
) -> BarChart:
    """Bars per label (stacked or side by side) and an optional line on a −10…10 scale
    (mean Goldstein score) on the right axis."""
    left, right, top, bottom = 48.0, 48.0 if line is not None else 16.0, 16.0, 56.0
    chart = BarChart(WIDTH, height, left, top, WIDTH - left - right, height - top - bottom, legend=list(series))
    n = max(len(labels), 1)
    totals = [sum(s.values[i] for s in series) if stacked else max((s.values[i] for s in series), default=0) for i in range(len(labels))]
    step = nice_step(max(totals, default=0))
    y_max = step * max(math.ceil(max(totals, default=0) / step), 1)

    def y_of(value: float) -> float:
        return top + chart.plot_h * (1 - value / y_max)

    slot = chart.plot_w / n
    width = max(min(slot * 0.8, 60.0), 1.0)
    for i, label in enumerate(labels):
        x0 = left + slot * i + (slot - width) / 2
        base = 0.0
        for j, s in enumerate(series):
            value = s.values[i]
            if value <= 0:
                continue
            if stacked:
                y, h = y_of(base + value), chart.plot_h * value / y_max
                chart.bars.append(Bar(x0, y, width, h, s.cls, f"{label}: {s.name} {value:g}"))
                base += value
            else:
                w = width / len(series)
                y, h = y_of(value), chart.plot_h * value / y_max
                chart.bars.append(Bar(x0 + j * w, y, w, h, s.cls, f"{label}: {s.name} {value:g}"))
    chart.y_ticks = [Tick(y_of(v), f"{v:g}") for v in _frange(0, y_max, step)]
    every = max(1, math.ceil(n / 16))
    chart.x_ticks = [Tick(left + slot * i + slot / 2, label) for i, label in enumerate(labels) if i % every == 0]
    if line is not None:
        for i, score in enumerate(line):
            if score is not None:
                y = top + chart.plot_h * (10 - score) / 20
                chart.line.append((left + slot * i + slot / 2, y, f"{labels[i]}: {line_name} {score:g}"))
        chart.line_ticks = [Tick(top + chart.plot_h * (10 - v) / 20, f"{v:+g}" if v else "0") for v in (-10, -5, 0, 5, 10)]
    return chart


def _frange(start: float, stop: float, step: float) -> list[float]:
    values, v = [], start
    while v <= stop + step / 1000:
        values.append(round(v, 6))
        v += step
    return values


@dataclass
class Node:
    """A drawn actor: centre, radius, label, link and hover text."""

    id: str
    x: float
    y: float
    r: float
    label: str
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


def _tone(goldstein: float | None) -> str:
    if goldstein is None:
        return "neutral"
    return "conflict" if goldstein < -1 else "cooperation" if goldstein > 1 else "neutral"


Point = tuple[float, float]


def _component_layout(graph: Any, seed: int) -> dict[str, Point]:
    """Positions in −1…1 for one connected component."""
    import networkx as nx

    nodes = list(graph.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-1.0, 0.0), nodes[1]: (1.0, 0.0)}
    # Kamada–Kawai spreads small components evenly; it is cubic, so big ones get springs.
    layout = nx.kamada_kawai_layout(graph) if len(nodes) <= 60 else nx.spring_layout(graph, seed=seed)
    xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half_x, half_y = (max(xs) - min(xs)) / 2 or 1.0, (max(ys) - min(ys)) / 2 or 1.0
    # Fill the box, but stretch one axis at most 3 times the other (a chain stays a chain).
    half_x, half_y = max(half_x, half_y / 3), max(half_y, half_x / 3)
    return {n: ((p[0] - cx) / half_x, (p[1] - cy) / half_y) for n, p in layout.items()}


def pack_layout(graph: Any, width: float, height: float, seed: int = 7) -> dict[str, Point]:
    """Lay out each connected component on its own and pack them in rows (biggest first), so
    that small components do not drift to the edges of one global layout."""
    import networkx as nx  # only the network page needs it

    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    sides = [math.sqrt(len(c)) for c in components]
    total = sum(s * s for s in sides)
    row_width = max(math.sqrt(total * width / height), max(sides, default=1.0))
    placed: list[tuple[set[str], float, float, float]] = []  # component, left, top, side
    x = y = row_height = 0.0
    for component, side in zip(components, sides, strict=True):
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        placed.append((component, x, y, side))
        x += side
        row_height = max(row_height, side)
    used_w = max((left + side for _, left, _, side in placed), default=1.0)
    used_h = max((top + side for _, _, top, side in placed), default=1.0)
    # Fill the canvas: the packing is stretched to its shape (at most 1.8 times wider than tall).
    scale_y = height / used_h
    scale_x = min(width / used_w, scale_y * 1.8)
    offset_x = (width - used_w * scale_x) / 2
    positions: dict[str, Point] = {}
    for component, left, top, side in placed:
        local = _component_layout(graph.subgraph(component), seed)
        shrink = 0.45 if len(component) > 1 else 0.0
        cx, cy = offset_x + (left + side / 2) * scale_x, (top + side / 2) * scale_y
        for node, (px, py) in local.items():
            positions[node] = (cx + px * side * scale_x * shrink, cy + py * side * scale_y * shrink)
    return positions


def network_chart(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], height: int = 560, seed: int = 7) -> NetworkChart:
    """Lay the network out (per component, deterministic: the same data gives the same
    picture); node size follows events, edge width event count, edge colour the mean
    Goldstein score (conflict red, cooperation green)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((e["source"], e["target"]) for e in edges if e["source"] != e["target"])
    margin = 40.0
    positions = pack_layout(graph, WIDTH - 2 * margin, height - 2 * margin, seed)
    most = max((n["events"] for n in nodes), default=1) or 1
    drawn: dict[str, Node] = {}
    for n in nodes:
        px, py = positions[n["id"]]
        r = 6 + 14 * math.sqrt(n["events"] / most)
        href = f"/actors/{n['id']}" if n.get("type") else None
        label = n.get("name") or n["id"]
        title = f"{label}: {n['as_source']} events as source, {n['as_target']} as target"
        drawn[n["id"]] = Node(n["id"], margin + px, margin + py, r, label, href, title, n.get("type") or "unknown")
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
        title = f"{a.label} → {b.label}: {e['events']} events, mean Goldstein {e['goldstein']}"
        href = f"/events?{urlencode({'source': e['source'], 'target': e['target']})}"
        lines.append(Edge(e["source"], e["target"], path, 1 + 4 * e["events"] / heaviest, _tone(e["goldstein"]), title, href))
    return NetworkChart(WIDTH, height, list(drawn.values()), lines)


def _towards(origin: Point, toward: Point, distance: float) -> Point:
    """The point ``distance`` from ``origin`` in the direction of ``toward``."""
    dx, dy = toward[0] - origin[0], toward[1] - origin[1]
    length = math.hypot(dx, dy) or 1.0
    return origin[0] + dx / length * distance, origin[1] + dy / length * distance

"""Bar charts over periods for the pages, computed here and drawn as SVG by the templates
(which escape every label). No JavaScript library. The actor network is in ``network``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

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

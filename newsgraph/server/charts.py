"""Bar charts over periods for the pages, computed here and drawn as SVG by the templates
(which escape every label). No JavaScript library. The actor network is in ``network``.

The x axis is time to scale: every period from the first to the last is a slot of its own
(``time_axis``), so a gap shows as empty slots and the Goldstein line breaks over it, and the
ticks fall every k periods (k from a round set per interval), evenly spaced in time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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
    """An axis tick: position, label, and the start date of its period (x axis of time)."""

    pos: float
    label: str
    period: str = ""


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
    segments: list[list[tuple[float, float]]] = field(default_factory=list)

    @property
    def line_paths(self) -> list[str]:
        """The line's unbroken stretches, as points of SVG polylines (a period without a
        value breaks the line rather than drawing across the gap)."""
        return [" ".join(f"{x:.1f},{y:.1f}" for x, y in segment) for segment in self.segments]


# Tick steps, in periods, per interval: round numbers of days, weeks, months or years.
TICK_STEPS: dict[str, tuple[int, ...]] = {
    "day": (1, 2, 7, 14, 28, 91, 182, 364, 728),
    "week": (1, 2, 4, 8, 13, 26, 52, 104, 260),
    "month": (1, 2, 3, 6, 12, 24, 60, 120),
    "year": (1, 2, 5, 10, 20, 50, 100),
}
MAX_TICKS = 12
MAX_PERIODS = 5000  # a chart wider than this many slots draws only the periods with data


@dataclass
class TimeAxis:
    """Every period from the first to the last of some rows: its label, its row (None in a
    gap) and the indices of the periods that get a tick."""

    periods: list[dt.date]
    labels: list[str]
    rows: list[dict[str, Any] | None]
    ticks: list[int]

    def values(self, key: str) -> list[float]:
        """One number per period (0 in a gap)."""
        return [(row[key] or 0) if row else 0 for row in self.rows]

    def optional(self, key: str) -> list[float | None]:
        """One value per period, None in a gap (the Goldstein line breaks there)."""
        return [row[key] if row else None for row in self.rows]


def next_period(day: dt.date, interval: str) -> dt.date:
    """The start of the period after the one starting on ``day``."""
    if interval == "day":
        return day + dt.timedelta(days=1)
    if interval == "week":
        return day + dt.timedelta(days=7)
    if interval == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def period_label(day: dt.date, interval: str) -> str:
    """How a period is written on the axis: 2024-03-04 (day, week), 2024-03, 2024."""
    return day.isoformat() if interval in ("day", "week") else day.strftime("%Y-%m") if interval == "month" else str(day.year)


def _tick_start(periods: list[dt.date], interval: str, step: int) -> int:
    """The first period on a round boundary (months: a multiple of ``step`` months into the
    year; years: a multiple of ``step``), else the first period."""
    for i, day in enumerate(periods[:step]):
        if (interval == "month" and (day.month - 1) % step == 0) or (interval == "year" and day.year % step == 0):
            return i
    return 0


def time_axis(rows: Sequence[dict[str, Any]], interval: str, key: str = "period") -> TimeAxis:
    """The time axis of ``rows`` (each with a period start date under ``key``; undated
    rows are left out): all periods between the first and the last, gaps included."""
    dated = {row[key]: row for row in rows if row[key] is not None}
    periods: list[dt.date] = []
    if dated:
        day, last = min(dated), max(dated)
        while day <= last and len(periods) <= MAX_PERIODS:
            periods.append(day)
            day = next_period(day, interval)
        if len(periods) > MAX_PERIODS:
            periods = sorted(dated)
    n = len(periods)
    step = next((k for k in TICK_STEPS[interval] if math.ceil(n / k) <= MAX_TICKS), max(1, math.ceil(n / MAX_TICKS)))
    ticks = list(range(_tick_start(periods, interval, step), n, step))
    return TimeAxis(periods, [period_label(p, interval) for p in periods], [dated.get(p) for p in periods], ticks)


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
    ticks: Sequence[int] | None = None,
    periods: Sequence[dt.date] | None = None,
) -> BarChart:
    """Bars per label (stacked or side by side) and an optional line on a −10…10 scale
    (mean Goldstein score) on the right axis; x ticks at the label indices ``ticks``
    (default: about 16 evenly spaced)."""
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
    if ticks is None:
        ticks = range(0, len(labels), max(1, math.ceil(n / 16)))
    chart.x_ticks = [Tick(left + slot * i + slot / 2, labels[i], periods[i].isoformat() if periods else "") for i in ticks]
    if line is not None:
        segment: list[tuple[float, float]] = []
        for i, score in enumerate(line):
            if score is None:
                segment = []
                continue
            point = (left + slot * i + slot / 2, top + chart.plot_h * (10 - score) / 20)
            if not segment:
                chart.segments.append(segment)
            segment.append(point)
            chart.line.append((*point, f"{labels[i]}: {line_name} {score:g}"))
        chart.line_ticks = [Tick(top + chart.plot_h * (10 - v) / 20, f"{v:+g}" if v else "0") for v in (-10, -5, 0, 5, 10)]
    return chart


def _frange(start: float, stop: float, step: float) -> list[float]:
    values, v = [], start
    while v <= stop + step / 1000:
        values.append(round(v, 6))
        v += step
    return values

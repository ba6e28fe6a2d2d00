"""The time axis of the charts: every period between the first and the last, gaps kept
empty, the Goldstein line broken over them, ticks every k periods."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from newsgraph.server.charts import bar_chart, next_period, time_axis


def _row(day: dt.date, events: int, goldstein: float | None) -> dict[str, object]:
    return {"period": day, "events": events, "goldstein": goldstein}


def test_a_gap_between_two_years_is_kept_as_empty_months_and_breaks_the_line() -> None:
    rows = [
        _row(dt.date(2022, 11, 1), 3, -2.0),
        _row(dt.date(2022, 12, 1), 1, 1.5),
        _row(dt.date(2024, 2, 1), 4, -6.0),
        _row(None, 2, None),
    ]  # type: ignore[arg-type]
    axis = time_axis(rows, "month")
    assert axis.labels[0] == "2022-11" and axis.labels[-1] == "2024-02" and len(axis.periods) == 16
    assert all(next_period(a, "month") == b for a, b in pairwise(axis.periods))
    assert axis.values("events") == [3, 1] + [0] * 13 + [4]
    chart = bar_chart(axis.labels, [], line=axis.optional("goldstein"), ticks=axis.ticks, periods=axis.periods)
    assert [len(s) for s in chart.segments] == [2, 1]  # no line drawn across 2023
    # Ticks fall on round months (a multiple of the step into the year), evenly spaced.
    months = [dt.date.fromisoformat(t.period) for t in chart.x_ticks]
    steps = {(b.year - a.year) * 12 + b.month - a.month for a, b in pairwise(months)}
    gaps = {round(b.pos - a.pos, 6) for a, b in pairwise(chart.x_ticks)}
    assert steps == {2} and len(gaps) == 1 and (months[0].month - 1) % 2 == 0


def test_weeks_and_days_step_in_whole_weeks_and_days() -> None:
    weeks = time_axis([_row(dt.date(2024, 1, 1), 1, 0.0), _row(dt.date(2024, 12, 30), 1, 0.0)], "week")
    assert len(weeks.periods) == 53 and {(b - a).days for a, b in pairwise(weeks.periods)} == {7}
    assert len(weeks.ticks) <= 12 and len({b - a for a, b in pairwise(weeks.ticks)}) == 1
    days = time_axis([_row(dt.date(2024, 2, 27), 1, 0.0), _row(dt.date(2024, 3, 2), 1, 0.0)], "day")
    assert days.labels == ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"] and days.ticks == [0, 1, 2, 3, 4]
    assert time_axis([_row(dt.date(2020, 1, 1), 1, 0.0), _row(dt.date(2024, 1, 1), 1, 0.0)], "year").labels == [
        str(y) for y in range(2020, 2025)
    ]

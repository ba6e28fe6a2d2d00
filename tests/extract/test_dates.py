from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.extract.dates import resolve_date

BASE = dt.date(2021, 2, 8)  # a Monday


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("February 5", "2021-02-05", "day"),
        ("On February 5", "2021-02-05", "day"),
        ("23 January", "2021-01-23", "day"),
        ("5 March 2019", "2019-03-05", "day"),
        ("Dec. 30", "2020-12-30", "day"),  # well after publication → previous year
        ("yesterday", "2021-02-07", "day"),
        ("Friday", "2021-02-05", "day"),
        ("last week", "2021-02-01", "week"),
        ("in June 2021", "2021-06-01", "month"),
        ("the end of March", "2021-03-01", "month"),
        ("this fall", "2021-09-01", "season"),
        ("the summer of 2020", "2020-06-01", "season"),
        ("2017", "2017-01-01", "year"),
        ("two days", None, None),
        ("more than three minutes", None, None),
        ("every five to six years", None, None),
    ],
)
def test_resolve_date(text: str, value: str | None, granularity: str | None) -> None:
    assert resolve_date(text, BASE) == (value, granularity)


@pytest.mark.parametrize(
    ("text", "base", "value"),
    [
        # Winter spans the turn of the year: in June the coming one starts in December.
        ("next winter", dt.date(2024, 6, 12), "2024-12-01"),
        ("this winter", dt.date(2024, 6, 12), "2024-12-01"),
        ("last winter", dt.date(2024, 6, 12), "2023-12-01"),
        ("next winter", dt.date(2024, 1, 10), "2024-12-01"),
        ("last winter", dt.date(2024, 1, 10), "2022-12-01"),
        ("last summer", dt.date(2024, 7, 2), "2023-06-01"),
        ("next spring", dt.date(2024, 6, 12), "2025-03-01"),
        # "this summer" written in November is the summer just gone; "this winter" the coming one.
        ("this summer", dt.date(2024, 11, 26), "2024-06-01"),
        ("this winter", dt.date(2024, 11, 26), "2024-12-01"),
        ("this winter", dt.date(2024, 1, 10), "2023-12-01"),
    ],
)
def test_relative_seasons_count_from_the_current_season(text: str, base: dt.date, value: str) -> None:
    assert resolve_date(text, base) == (value, "season")


def test_last_weekday_written_on_that_weekday_is_a_week_before() -> None:
    friday = dt.date(2024, 11, 29)
    assert resolve_date("last Friday", friday) == ("2024-11-22", "day")
    assert resolve_date("on Friday", friday) == ("2024-11-29", "day")
    assert resolve_date("last Thursday", friday) == ("2024-11-28", "day")


def test_an_article_duration_is_not_a_date() -> None:
    assert resolve_date("in a year", BASE) == (None, None)
    assert resolve_date("a year ago", BASE) == ("2020-02-08", "day")


def test_without_publication_date_only_explicit_years_resolve() -> None:
    assert resolve_date("February 5", None) == (None, None)
    assert resolve_date("5 February 2021", None) == ("2021-02-05", "day")


def test_unusual_expression_falls_back_to_dateparser() -> None:
    value, granularity = resolve_date("2 weeks ago", BASE)
    assert (value, granularity) == ("2021-01-25", "day")

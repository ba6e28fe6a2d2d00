"""Temporal expressions: spaCy DATE entities resolved against the publication date.

Common wire forms ("February 5", "5 February 2021", "on Monday", "yesterday", "last week",
"in June 2021", "this fall") are resolved by rules, which is much faster than dateparser;
anything else falls back to dateparser. Durations ("three minutes", "two days") get no value.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.model import Article, DateRef

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], start=1
    )
}
_MONTH_ABBR = {name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9}
_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_LEAD = r"^(?:(?:on|in|since|by|from|until|till|at|of|as of|early|late|mid|the end of|the beginning of|the start of)\s+)*(?:the\s+)?"
_DAY_MONTH = re.compile(_LEAD + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH_RE + r"(?:,?\s+(?P<year>\d{4}))?$")
_MONTH_DAY = re.compile(_LEAD + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?$")
_MONTH_YEAR = re.compile(_LEAD + _MONTH_RE + r"(?:\s+of)?(?:,?\s+(?P<year>\d{4}))?$")
_SEASON_YEAR = re.compile(_LEAD + r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+of)?,?\s+(?P<year>\d{4})$")
_YEAR = re.compile(_LEAD + r"(?P<year>(?:19|20)\d{2})$")
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_WEEKDAY = re.compile(_LEAD + r"(?:(?P<rel>last|this|next)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)$")
_RELATIVE = re.compile(_LEAD + r"(?P<rel>last|this|next|past|coming)\s+(?P<unit>week|month|year|spring|summer|fall|autumn|winter)$")
_DURATION = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|many"
    r"|more than|less than|about|some|recent|every|each)\b.*\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"
)

Resolution = tuple[str | None, str | None]  # (ISO value, granularity)


def _closest_year(month: int, day: int, base: dt.date) -> dt.date | None:
    """Month/day without a year: this year's date unless that lies well after publication."""
    try:
        candidate = dt.date(base.year, month, day)
        if candidate > base + dt.timedelta(days=60):
            candidate = dt.date(base.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def _relative_season(start_month: int, shift: int, base: dt.date) -> dt.date:
    """The start of the season that "last" (-1), "this" (0) or "next" (1) names, counted from
    the season ``base`` falls in: in June "next winter" and "this winter" are the coming
    December, "last winter" the December before last spring, "last summer" a year ago; in
    November "this summer" is the one just gone."""
    # Seasons start in March, June, September and December; January and February belong to
    # the winter that began the December before.
    current = dt.date(base.year - (base.month < 3), ((base.month - 3) % 12) // 3 * 3 + 3, 1)
    starts = [dt.date(year, start_month, 1) for year in range(base.year - 2, base.year + 3)]
    if shift < 0:
        return max(d for d in starts if d < current)
    if shift == 0 and start_month != 12:
        # "this summer" is this year's, gone or to come: written in November, the one just past.
        return dt.date(base.year, start_month, 1)
    if shift == 0:
        return min(d for d in starts if d >= current)
    return min(d for d in starts if d > current)


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTHS.get(name) or _MONTH_ABBR[name[:4] if name.startswith("sept") else name[:3]]


def resolve_by_rules(text: str, base: dt.date) -> Resolution | None:
    """Resolve a date expression with the fast rules; None when no rule applies."""
    t = " ".join(text.lower().split())
    if t in ("today", "this day"):
        return base.isoformat(), "day"
    if t == "yesterday":
        return (base - dt.timedelta(days=1)).isoformat(), "day"
    if t == "tomorrow":
        return (base + dt.timedelta(days=1)).isoformat(), "day"
    if m := _ISO.match(t):
        try:
            return dt.date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat(), "day"
        except ValueError:
            return None, None
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        if m := pattern.match(t):
            month, day = _month_number(m["month"]), int(m["day"])
            try:
                date = dt.date(int(m["year"]), month, day) if m["year"] else _closest_year(month, day, base)
            except ValueError:
                date = None
            return (date.isoformat(), "day") if date else (None, None)
    if m := _MONTH_YEAR.match(t):
        month = _month_number(m["month"])
        year = int(m["year"]) if m["year"] else (base.year if month <= base.month + 2 else base.year - 1)
        return dt.date(year, month, 1).isoformat(), "month"
    if m := _SEASON_YEAR.match(t):
        return dt.date(int(m["year"]), _SEASONS[m["season"]], 1).isoformat(), "season"
    if m := _YEAR.match(t):
        return f"{m['year']}-01-01", "year"
    if m := _WEEKDAY.match(t):
        delta = (base.weekday() - _WEEKDAYS[m["weekday"]]) % 7
        if m["rel"] == "next":
            return (base + dt.timedelta(days=(7 - delta) or 7)).isoformat(), "day"
        if m["rel"] == "last" and delta == 0:  # "last Friday" written on a Friday: a week ago
            delta = 7
        return (base - dt.timedelta(days=delta)).isoformat(), "day"
    if m := _RELATIVE.match(t):
        shift = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[m["rel"]]
        unit = m["unit"]
        if unit == "week":
            return (base + dt.timedelta(weeks=shift)).isoformat(), "week"
        if unit == "month":
            month_index = base.year * 12 + base.month - 1 + shift
            return dt.date(month_index // 12, month_index % 12 + 1, 1).isoformat(), "month"
        if unit == "year":
            return f"{base.year + shift}-01-01", "year"
        return _relative_season(_SEASONS[unit], shift, base).isoformat(), "season"
    if _DURATION.search(t) and not re.search(r"\b(ago|last|next|past|earlier|later)\b", t):
        return None, None
    return None


@lru_cache(maxsize=4096)
def _resolve_with_dateparser(text: str, base: dt.date) -> Resolution:
    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["month"],
    }
    import dateparser  # only for the forms the rules leave: its import costs a quarter second

    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return (parsed.date().isoformat(), "day") if parsed else (None, None)


def resolve_date(text: str, base: dt.date | None) -> Resolution:
    """Resolve a date expression against ``base`` (the publication date): (value, granularity)."""
    if base is None:
        # Without a publication date only expressions carrying their own year can resolve.
        if not re.search(r"\b\d{4}\b", text):
            return None, None
        ruled = resolve_by_rules(text, dt.date(2000, 1, 1))
        return ruled if ruled is not None else (None, None)
    ruled = resolve_by_rules(text, base)
    if ruled is not None:
        return ruled
    return _resolve_with_dateparser(text, base)


def published_date(article: Article | None) -> dt.date | None:
    """The article's publication date as a ``date``, if it has one."""
    if article is None or not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published)
    except ValueError:
        return None


def find_dates(doc: Doc) -> list[DateRef]:
    """Every DATE entity with its resolved value and granularity."""
    base = published_date(doc._.ng_article)
    dates: list[DateRef] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value, granularity = resolve_date(ent.text, base)
        dates.append(DateRef(text=ent.text, start=ent.start_char, end=ent.end_char, value=value, granularity=granularity))
    return dates


@Language.factory("newsgraph_dates", assigns=["doc._.ng_dates"], requires=["doc.ents"])
def make_dates(nlp: Language, name: str) -> DateFinder:
    """spaCy factory for the date finder."""
    return DateFinder()


class DateFinder:
    """Component: sets ``doc._.ng_dates``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_dates = find_dates(doc)
        return doc

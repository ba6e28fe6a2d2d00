"""Wire datelines at the start of an article: ``MOSCOW, March 29. /TASS/.``,
``KYIV, Feb 3 (Reuters) -``, ``WASHINGTON (AP) —``, ``BRUSSELS —``."""

from __future__ import annotations

import re

from newsgraph.model import Dateline

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATELINE = re.compile(
    rf"""^
    (?P<place>[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+){{0,3}})
    (?:,\s*(?:(?P<month1>{_MONTH})\.?\s+(?P<day1>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))\.?)?
    \s*(?:/(?P<outlet1>[A-Za-z][^/\n]{{1,20}})/\.?|\((?P<outlet2>[A-Za-z][^)\n]{{1,20}})\))?
    \s*(?P<dash>(?:--|[-–—])\s*)?
    """,
    re.VERBOSE,
)


def _title_case(place: str) -> str:
    return " ".join(part.capitalize() if part.isupper() else part for part in place.split(" "))


def parse_dateline(text: str) -> Dateline | None:
    """Find a dateline at the very start of ``text`` (its offsets are into ``text``)."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    month_name = match.group("month1") or match.group("month2")
    day = match.group("day1") or match.group("day2")
    outlet = match.group("outlet1") or match.group("outlet2")
    if not (month_name or outlet or match.group("dash")):
        return None
    end = match.end()
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return Dateline(
        text=text[:end],
        start=0,
        end=end,
        place=_title_case(match.group("place").strip(" .")),
        month=_MONTHS[month_name[:3].lower()] if month_name else None,
        day=int(day) if day else None,
        outlet=outlet.strip() if outlet else None,
    )

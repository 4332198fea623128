"""The publication date an article's URL carries, where it carries one.

Outlets put the date in the path in a handful of shapes: ``/2016/08/25/slug``,
``/2024/mar/12/slug``, ``/2024-05-06/``, ``slug-2024-05-06``, ``/20240506/``, ``slug-20240506``
or ``/2025/0730/`` (RTÉ's year, then month and day).
Only a complete, valid calendar date counts: ``/2024/03/`` (a month), an eight-digit article id
that is not a date, or a year in the future is not a publication date.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import unquote, urlsplit

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# The earliest year a URL date is believed: older "dates" in paths are archive ids, not dates.
EARLIEST_YEAR = 1990

_SEP = r"[/_.-]"
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
# Each pattern is anchored on separators (or the ends of the path) so that digits inside a longer
# number never count: ``/a123420160825/`` carries no date.
_PATTERNS = (
    re.compile(
        rf"(?:^|{_SEP})(?P<year>(?:19|20)\d\d){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<day>\d{{1,2}})"
        rf"(?={_SEP}|$)"
    ),
    re.compile(
        rf"(?:^|{_SEP})(?P<year>(?:19|20)\d\d){_SEP}(?P<month_name>{_MONTH_NAME}){_SEP}"
        rf"(?P<day>\d{{1,2}})(?={_SEP}|$)",
        re.IGNORECASE,
    ),
    re.compile(r"(?:^|[/_.-])(?P<year>(?:19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)(?=[/_.-]|$)"),
    re.compile(
        rf"(?:^|{_SEP})(?P<year>(?:19|20)\d\d){_SEP}(?P<month>\d\d)(?P<day>\d\d)(?={_SEP}|$)"
    ),
)


def date_from_url(url: str, *, today: date | None = None) -> date | None:
    """The first complete, valid date in ``url``'s path, or None; never a date after ``today``."""
    latest = today or date.today()
    path = unquote(urlsplit(url).path)
    for pattern in _PATTERNS:
        for match in pattern.finditer(path):
            found = _to_date(match)
            if found is not None and found.year >= EARLIEST_YEAR and found <= latest:
                return found
    return None


def _to_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = MONTHS[parts["month_name"].lower()] if parts.get("month_name") else int(parts["month"])
    try:
        return date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None

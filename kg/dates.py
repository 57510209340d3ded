"""Dates as kg stores them: an ISO value at its stated precision, and the period it covers.

A facts document gives dates as ``YYYY-MM-DD``, ``YYYY-Www`` (ISO week), ``YYYY-MM`` or ``YYYY``.
In RDF every date is kept three ways so that SPARQL comparisons never mix datatypes: the value as
stated (a plain string), the first and last day it can mean (both ``xsd:date``) and its precision.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import NamedTuple

from kg.errors import BadDate

PRECISIONS = ("day", "week", "month", "year")

_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-W(\d{2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
)


class Period(NamedTuple):
    """The days an ISO date value can mean: ``start`` and ``end`` inclusive, and its precision."""

    value: str
    start: _dt.date
    end: _dt.date
    precision: str


def period(value: str) -> Period:
    """The period an ISO date value covers; raises BadDate when it is not one.

    >>> period("2025-W11")
    Period(value='2025-W11', start=datetime.date(2025, 3, 10), end=datetime.date(2025, 3, 16), precision='week')
    >>> period("2025-02").end
    datetime.date(2025, 2, 28)
    """
    text = str(value).strip() if value is not None else ""
    for pattern, precision in _PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                start, end = _bounds(precision, *map(int, match.groups()))
            except ValueError:
                break
            return Period(text, start, end, precision)
    raise BadDate(f"{value!r} is not a date (use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY)")


def is_date(value: object) -> bool:
    """True when ``value`` is an ISO date value kg accepts.

    >>> is_date("2025-13-45"), is_date("2025-03-13")
    (False, True)
    """
    try:
        period(value)  # type: ignore[arg-type]
    except BadDate:
        return False
    return True


def _bounds(precision: str, year: int, a: int = 1, b: int = 1) -> tuple[_dt.date, _dt.date]:
    if precision == "day":
        day = _dt.date(year, a, b)
        return day, day
    if precision == "week":
        start = _dt.date.fromisocalendar(year, a, 1)
        return start, start + _dt.timedelta(days=6)
    if precision == "month":
        return _dt.date(year, a, 1), _dt.date(year, a, calendar.monthrange(year, a)[1])
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31)


def resolve(expression: str, anchor: _dt.date, context: str | None = None) -> str | None:
    """The ISO value a time expression names, read against the publication date ``anchor``.

    ``context`` is the sentence around the expression: its tense decides whether a bare weekday or
    a month without a year lies before or after the anchor. Returns ``YYYY-MM-DD``, ``YYYY-Www``,
    ``YYYY-MM`` or ``YYYY``, or None when the expression names no such period (``recently``,
    ``the 1990s``, durations). Raises BadDate only when ``anchor`` is not a date.

    >>> import datetime
    >>> saturday = datetime.date(2025, 3, 15)
    >>> resolve("late on Thursday", saturday, "Putin met Witkoff late on Thursday.")
    '2025-03-13'
    >>> resolve("Friday", saturday, "The talks will resume on Friday.")
    '2025-03-21'
    >>> resolve("last week", saturday), resolve("Nov. 16", saturday), resolve("recently", saturday)
    ('2025-W10', '2024-11-16', None)
    """
    if isinstance(anchor, _dt.datetime):
        anchor = anchor.date()
    if not isinstance(anchor, _dt.date):
        raise BadDate(f"anchor {anchor!r} is not a date")
    if not isinstance(expression, str) or not expression.strip():
        return None
    from kg._timex import resolve_expression  # keeps importing kg.dates cheap

    try:
        value = resolve_expression(expression, anchor, context if isinstance(context, str) else "")
    except (ValueError, OverflowError):
        return None  # a shift past year 1 or 9999: no date kg can store
    return value if value and is_date(value) else None

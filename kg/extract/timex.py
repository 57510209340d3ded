"""Time expressions to ISO values, through kg.dates.resolve when it exists, else a small rule set.

The rule set follows the annotation guidelines: a weekday in a past clause is the most recent such
day on or before the anchor, in a future clause the next one; "last <weekday>" is that day of the
previous week; a day without a year takes the anchor's year unless a past event would land in the
future.
"""
from __future__ import annotations

import datetime as _dt
import re

import kg.dates

_MONTHS = {m: n for n, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: n for m, n in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_FUTURE = re.compile(r"\b(will|shall|'ll|going to|is to|are to|scheduled|planned|expects?|next|"
                     r"upcoming|later this)\b", re.I)
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))


def resolve(expression: str, anchor: _dt.date | None, context: str | None = None) -> str | None:
    """The ISO value of a time expression against the publication date, or None.

    Uses kg.dates.resolve when the project provides it.

    >>> resolve("late on Thursday", _dt.date(2025, 3, 15), "Putin met Witkoff late on Thursday")
    '2025-03-13'
    """
    if anchor is None or not expression:
        return None
    context = _without_possessives(context)
    # 'earlier in the week' is a part of this week, as 'earlier this week' is
    expression = re.sub(r"\b(earlier|later) in the (week|month|year)\b", r"this \2", expression, flags=re.I)
    shared = getattr(kg.dates, "resolve", None)
    if shared is not None:
        try:
            return shared(expression, anchor, context)
        except Exception:  # a date we cannot read is a missing date, not a failed article
            return None
    return _fallback(expression, anchor, context or "")


def _without_possessives(context: str | None) -> str | None:
    """'China's top diplomat': a possessive is no present-tense 'is' for the tense of the sentence."""
    if not context:
        return context
    return re.sub(r"\b(?!(?:It|He|She|That|There|What|Who|Here|Where)\b)([A-Z][\w.-]*)['’]s\b", r"\1", context)


def _fallback(expression: str, anchor: _dt.date, context: str) -> str | None:
    text = expression.lower().replace(".", " ").strip()
    future = bool(_FUTURE.search(context))
    for rule in (_relative_day, _relative_period, _weekday, _month_day, _month_year, _year):
        value = rule(text, anchor, future)
        if value:
            return value
    return None


def _relative_day(text: str, anchor: _dt.date, future: bool) -> str | None:
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", text):
        return anchor.isoformat()
    if "yesterday" in text:
        return (anchor - _dt.timedelta(days=1)).isoformat()
    if "tomorrow" in text:
        return (anchor + _dt.timedelta(days=1)).isoformat()
    match = re.search(r"\bthe (\d{1,2})(st|nd|rd|th)\b", text)
    if match:
        return _safe_day(anchor.year, anchor.month, int(match.group(1)))
    return None


def _relative_period(text: str, anchor: _dt.date, future: bool) -> str | None:
    shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
    match = re.search(r"\b(last|past|previous|this|next|coming) (week|weekend|month|year)\b", text)
    if not match:
        return None
    step, unit = shift[match.group(1)], match.group(2)
    if unit in ("week", "weekend"):
        year, week, _ = (anchor + _dt.timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        month = anchor.month + step
        year = anchor.year + (month - 1) // 12
        return f"{year}-{(month - 1) % 12 + 1:02d}"
    return str(anchor.year + step)


def _weekday(text: str, anchor: _dt.date, future: bool) -> str | None:
    match = re.search(r"\b(last |next |this )?(" + "|".join(_WEEKDAYS) + r")\b", text)
    if not match:
        return None
    target = _WEEKDAYS.index(match.group(2))
    which = (match.group(1) or "").strip()
    if which == "last":
        monday = anchor - _dt.timedelta(days=anchor.weekday() + 7)
        return (monday + _dt.timedelta(days=target)).isoformat()
    if which == "next" or (future and which != "this"):
        return (anchor + _dt.timedelta(days=(target - anchor.weekday()) % 7)).isoformat()
    return (anchor - _dt.timedelta(days=(anchor.weekday() - target) % 7)).isoformat()


def _month_day(text: str, anchor: _dt.date, future: bool) -> str | None:
    match = (re.search(rf"\b({_MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}}))?", text)
             or re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH_RE})\b(?:,? (\d{{4}}))?", text))
    if not match:
        return None
    a, b, year = match.groups()
    month, day = (_MONTHS[a], int(b)) if a in _MONTHS else (_MONTHS[b], int(a))
    if year:
        return _safe_day(int(year), month, day)
    year = anchor.year - (1 if "last year" in text else 0)
    value = _safe_day(year, month, day)
    if value and not future and "last year" not in text and value > anchor.isoformat():
        value = _safe_day(year - 1, month, day)
    return value


def _month_year(text: str, anchor: _dt.date, future: bool) -> str | None:
    match = re.search(rf"\b(last )?({_MONTH_RE})\b(?: (\d{{4}}))?", text)
    if not match or (match.group(2) == "may" and not re.search(r"\bin may\b|may \d{4}", text)):
        return None
    month = _MONTHS[match.group(2)]
    if match.group(3):
        return f"{match.group(3)}-{month:02d}"
    year = anchor.year
    if (match.group(1) or not future) and (year, month) > (anchor.year, anchor.month):
        year -= 1
    if match.group(1) and (year, month) == (anchor.year, anchor.month):
        year -= 1
    return f"{year}-{month:02d}"


def _year(text: str, anchor: _dt.date, future: bool) -> str | None:
    match = re.fullmatch(r"(in |the year )?(\d{4})", text)
    return match.group(2) if match and 1900 < int(match.group(2)) < 2100 else None


def _safe_day(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None

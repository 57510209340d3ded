"""Rules that turn a time expression from a news article into an ISO value (see ``kg.dates.resolve``).

Each rule takes the normalised expression, the anchor (publication date) and whether the sentence
is past, present or future, and returns an ISO value, ``VAGUE`` (the expression is a date but names no
period kg can store: ``recently``, ``the 1990s``), or None (the rule does not apply). The first rule
that applies wins; dateparser is the last resort for numeric forms the rules do not know.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable

VAGUE = ""
_ONE_DAY = _dt.timedelta(days=1)
_MAX_EXPRESSION = 120

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "tues": 1, "wednesday": 2, "thursday": 3, "thurs": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_WEEKDAYS_SHORT = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")

_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b")
_WEEKDAY_SHORT_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS_SHORT) + r")\b[.,]")
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?|gmt|utc|[a-z]{3}\b)?|\b\d{1,2}\s*[ap]\.?m\b\.?"
)
_NUMBER = re.compile(r"(?<![\d'])(\d{1,4})(?:st|nd|rd|th)?\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_DECADE = re.compile(r"(?:\b\d{2,3}0|'\d0|\b[1-9]0)'?s\b")
_YEAR = re.compile(r"^(?:(?:a|the|in|of|year|early|late|mid|since|by)\s+)*(\d{4})$")

_WORDS_TO_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_AGO = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(day|week|month|year)s?\s+ago\b"
)
_FROM_EVENT = re.compile(r"\b(?:day|week|month|year)s? (?:before|earlier|after|later)\b")
_UNIT = re.compile(
    r"\b(last|past|previous|this|current|next|coming|following)\s+(day|week|weekend|month|year)\b"
)
_SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
          "following": 1}

_FUTURE_CUE = re.compile(
    r"\b(?:will|wo|shall|'ll|going to|plans? to|planning to|(?:is|are|was|were) (?:scheduled|"
    r"expected|due|set|slated|poised) to|(?:scheduled|set|slated|planned|due|postponed|adjourned|"
    r"delayed|penciled in|pencilled in) (?:for|until)|to be held|until|deadline|due to|next|upcoming|"
    r"tomorrow|would)\b"
)
# Present tense, passives included ("is sentenced", "date is"): the date lies on either side.
_PRESENT_CUE = re.compile(r"\b(?:is|are|am|'s|'re)(?:\s+[a-z]+ed)?\b")
_PAST_CUE = re.compile(
    r"\b(?:said|says|told|was|were|had|did|been|ago|last|yesterday|earlier|"
    r"(?!(?:schedul|expect|plann|propos|slat|intend|need)ed\b)[a-z]+ed)\b"
)
_VAGUE_WORDS = re.compile(
    r"\b(?:recent(?:ly)?|days|weeks|months|years|hours?|minutes?|seconds?|past|time|times|once|"
    r"soon|later|future|era|"
    r"period|decades?|centur(?:y|ies)|while|moment|one day|a day|the day|that day|same day|"
    r"this day|day after|next day|following day)\b"
)


def resolve_expression(expression: str, anchor: _dt.date, context: str) -> str | None:
    """The ISO value of ``expression`` read against ``anchor``, or None when it names no period."""
    text = normalise(expression)
    if not text or len(text) > _MAX_EXPRESSION:
        return None
    tense = tense_of(context, expression)
    for rule in _RULES:
        value = rule(text, anchor, tense)
        if value is not None:
            return value or None
    return _by_dateparser(text, anchor)


def normalise(expression: str) -> str:
    """Lower case, straight apostrophes, no possessive, brackets and commas as spaces."""
    text = expression.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"(\d0)'s\b", r"\1s", text)  # "the 1940's" is a decade, not a possessive
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[()\[\],;]", " ", text)
    return " ".join(text.split())


def _lower(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def tense_of(context: str, expression: str) -> str:
    """``past``, ``present`` or ``future``: the tense cue nearest the expression in its sentence.

    News narrates the past, so a sentence with no cue at all counts as past.
    """
    sentence = _lower(context or "")
    target = _lower(expression)
    at = sentence.find(target) if target else -1
    end = at + len(target)
    if at < 0:
        at, end = 0, len(sentence)
    best: tuple[int, int, str] | None = None
    for rank, (pattern, tense) in enumerate(_CUES):
        for match in pattern.finditer(sentence):
            if at <= match.start() < end:
                continue  # the expression's own words ("last Friday") are the rules' business
            distance = max(at - match.end(), match.start() - end, 0)
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, tense)
    return best[2] if best else "past"


_CUES = ((_FUTURE_CUE, "future"), (_PRESENT_CUE, "present"), (_PAST_CUE, "past"))


# --- rules --------------------------------------------------------------------------------------------


def _iso(text: str, anchor: _dt.date, tense: str) -> str | None:
    match = _ISO.search(text)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def _calendar(text: str, anchor: _dt.date, tense: str) -> str | None:
    """A date naming its month: ``Nov. 16``, ``8 October 2011``, ``April last year``, ``June``."""
    month_match = _MONTH_RE.search(text)
    if not month_match:
        return None
    month = _MONTHS[month_match.group(1)]
    rest = _CLOCK.sub(" ", text[: month_match.start()] + " " + text[month_match.end():])
    day, year = _day_and_year(rest, anchor)
    year = year or _year_from_words(rest, anchor)
    if day is not None:
        return _month_day(year, month, day, anchor, tense)
    if year is None:
        year = _infer_year(month, 1, anchor, tense, month_only=True)
    return f"{year:04d}-{month:02d}"


def _day_and_year(rest: str, anchor: _dt.date) -> tuple[int | None, int | None]:
    day = year = None
    for match in _NUMBER.finditer(rest):
        number, digits = int(match.group(1)), len(match.group(1))
        if digits == 4 and year is None:
            year = number
        elif digits <= 2 and day is None and 1 <= number <= 31:
            day = number
        elif digits == 2 and year is None:
            year = _two_digit_year(number, anchor)
    return day, year


def _two_digit_year(number: int, anchor: _dt.date) -> int:
    year = 2000 + number
    return year if year <= anchor.year + 1 else 1900 + number


def _year_from_words(rest: str, anchor: _dt.date) -> int | None:
    match = re.search(r"\b(last|this|next|previous)\s+year\b", rest)
    return anchor.year + _SHIFT[match.group(1)] if match else None


def _month_day(year: int | None, month: int, day: int, anchor: _dt.date, tense: str) -> str | None:
    year = year or _infer_year(month, day, anchor, tense)
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return VAGUE


def _infer_year(month: int, day: int, anchor: _dt.date, tense: str, month_only: bool = False) -> int:
    """The anchor's year, unless that puts a past event after the anchor or a future one before it.

    In a present-tense sentence ("the hearing is May 7") the year that puts the date nearest wins.
    """
    stated = (month, 0 if month_only else day)
    now = (anchor.month, 0 if month_only else anchor.day)
    if tense == "present":
        return _nearest_year(month, 15 if month_only else day, anchor)
    if tense == "past" and stated > now:
        return anchor.year - 1
    if tense == "future" and stated < now:
        return anchor.year + 1
    return anchor.year


def _nearest_year(month: int, day: int, anchor: _dt.date) -> int:
    def gap(year: int) -> int:
        return abs((_dt.date(year, month, min(day, 28)) - anchor).days)

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=gap)


def _decade(text: str, anchor: _dt.date, tense: str) -> str | None:
    return VAGUE if _DECADE.search(text) else None


def _ago(text: str, anchor: _dt.date, tense: str) -> str | None:
    """``two days ago``, ``a month ago`` counted back from the anchor (``before`` counts from an event)."""
    match = _AGO.search(text)
    if not match:
        return VAGUE if _FROM_EVENT.search(text) else None
    count = _WORDS_TO_NUMBERS.get(match.group(1)) or int(match.group(1))
    return _shift(match.group(2), -count, anchor)


def _relative_unit(text: str, anchor: _dt.date, tense: str) -> str | None:
    """``last week``, ``this month``, ``next year``, ``the weekend`` as the period holding that time."""
    match = _UNIT.search(text)
    if match and _WEEKDAY_RE.search(text) is None:
        unit = "week" if match.group(2) == "weekend" else match.group(2)
        shift = _SHIFT[match.group(1)]
        if unit == "week" and shift < 0 and anchor.weekday() == 6:
            shift = 0  # on a Sunday the week just ending is "last week" (weeks start on Sunday in US usage)
        return _shift(unit, shift, anchor)
    if re.search(r"\bweekend\b", text) and _WEEKDAY_RE.search(text) is None:
        # A bare "the weekend" is the one around the anchor, the last one when the anchor is a weekday.
        shift = 0 if anchor.weekday() >= 5 or tense == "future" else -1
        return _shift("week", shift, anchor)
    return None


def _shift(unit: str, count: int, anchor: _dt.date) -> str:
    if unit == "day":
        return (anchor + count * _ONE_DAY).isoformat()
    if unit == "week":
        year, week, _ = (anchor + _dt.timedelta(weeks=count)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{anchor.year + count:04d}"


def _deictic_day(text: str, anchor: _dt.date, tense: str) -> str | None:
    """``today``, ``yesterday``, ``tomorrow``, ``now``, ``the day before``: days counted from the anchor."""
    words = set(text.split())
    if words & {"yesterday"} or re.search(r"\b(?:day before|previous day|night before)\b", text):
        return (anchor - _ONE_DAY).isoformat()
    if words & {"tomorrow"}:
        return (anchor + _ONE_DAY).isoformat()
    if words & {"today", "tonight", "now", "currently"} or re.search(
        r"\b(?:this|earlier this|later this) (?:morning|afternoon|evening)\b|\b(?:earlier|later) in the day\b"
        r"|\bcourse of the day\b",
        text,
    ):
        return anchor.isoformat()
    return None


def _weekday(text: str, anchor: _dt.date, tense: str) -> str | None:
    """A weekday: the last one on or before the anchor in a past sentence, the next one after it else."""
    match = _WEEKDAY_RE.search(text)
    target = _WEEKDAYS[match.group(1)] if match else None
    if target is None:
        short = _WEEKDAY_SHORT_RE.search(text)
        target = _WEEKDAYS_SHORT[short.group(1)] if short else None
    if target is None:
        return None
    week = re.search(r"\b(last|this|next|previous|following)\s+week\b", text)
    if week:
        monday = anchor - anchor.weekday() * _ONE_DAY
        return (monday + _dt.timedelta(weeks=_SHIFT[week.group(1)], days=target)).isoformat()
    before = (anchor.weekday() - target) % 7
    after = (target - anchor.weekday()) % 7 or 7
    if re.search(r"\b(?:last|previous)\b", text):
        # "last Thursday" names the Thursday of last week: said on a Friday, it is eight days back.
        monday = anchor - anchor.weekday() * _ONE_DAY
        return (monday - _dt.timedelta(weeks=1) + target * _ONE_DAY).isoformat()
    if re.search(r"\bpast\b", text):
        return (anchor - (before or 7) * _ONE_DAY).isoformat()
    if re.search(r"\b(?:next|coming)\b", text) or tense == "future":
        return (anchor + after * _ONE_DAY).isoformat()
    if tense == "present" and after < before:
        return (anchor + after * _ONE_DAY).isoformat()  # headlines and timetables: the nearest one
    return (anchor - before * _ONE_DAY).isoformat()


def _year(text: str, anchor: _dt.date, tense: str) -> str | None:
    match = _YEAR.match(text)
    return match.group(1) if match else None


def _year_words(text: str, anchor: _dt.date, tense: str) -> str | None:
    match = re.search(r"\b(last|this|next|previous|current)\s+(summer|spring|autumn|fall|winter)\b", text)
    if match and match.group(1) in {"this", "current"}:
        return f"{anchor.year:04d}"  # a season is not a kg precision; its year is the finest true value
    return None


def _vague(text: str, anchor: _dt.date, tense: str) -> str | None:
    if _VAGUE_WORDS.search(text) or any(season in text.split() for season in _SEASONS):
        return VAGUE
    return None


_RULES: tuple[Callable[[str, _dt.date, str], str | None], ...] = (
    _iso, _decade, _calendar, _deictic_day, _ago, _relative_unit, _weekday, _year, _year_words, _vague,
)


# --- dateparser, for numeric forms the rules do not cover ------------------------------------------------


def _by_dateparser(text: str, anchor: _dt.date) -> str | None:
    if not re.search(r"\d", text):
        return None
    try:
        data = _parser(anchor).get_date_data(text)
    except Exception:  # dateparser raises assorted internal errors on odd input; it is only a fallback
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    return {
        "day": day.isoformat(), "time": day.isoformat(), "month": f"{day.year:04d}-{day.month:02d}",
        "year": f"{day.year:04d}", "week": "{0:04d}-W{1:02d}".format(*day.isocalendar()[:2]),
    }.get(data.period or "day")


@functools.lru_cache(maxsize=32)
def _parser(anchor: _dt.date):
    from dateparser.date import DateDataParser  # slow to import: only load it when a rule falls short

    base = _dt.datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base})

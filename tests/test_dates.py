"""kg.dates.resolve: time expressions read against a publication date (a Saturday, 2025-03-15)."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.dates import is_date, resolve
from kg.errors import BadDate, KgError
from corpus_paths import ESL

SATURDAY = dt.date(2025, 3, 15)
# Measured 0.829 with bench/dates.py; the floor leaves room for small trade-offs, not for regressions.
ESL_FLOOR = 0.80


@pytest.mark.parametrize(
    "expression, context, expected",
    [
        # a weekday in a past-tense sentence: the last such day on or before the anchor
        ("late on Thursday", "Putin met Witkoff in Moscow late on Thursday.", "2025-03-13"),
        ("on Friday", "Peskov told reporters on Friday that talks went well.", "2025-03-14"),
        ("Monday", "The envoy arrived Monday.", "2025-03-10"),
        # ... the anchor's own weekday is the anchor itself
        ("on Saturday", "The ministers met on Saturday.", "2025-03-15"),
        # future tense: the next such day after the anchor
        ("Friday", "The talks will resume on Friday.", "2025-03-21"),
        ("Saturday", "They will meet on Saturday.", "2025-03-22"),
        ("Tuesday", "A call is scheduled for Tuesday.", "2025-03-18"),
        ("next Tuesday", "", "2025-03-18"),
        # "last <weekday>" is that day of last week (said on Saturday the 15th: Friday the 7th) ...
        ("last Friday", "", "2025-03-07"),
        ("On last Thursday", "On last Thursday the leaders met.", "2025-03-06"),
        # ... while "past" keeps the most recent one
        ("this past Friday", "", "2025-03-14"),
        # days counted from the anchor
        ("yesterday", "Trump said yesterday that he spoke to Putin.", "2025-03-14"),
        ("today", "", "2025-03-15"),
        ("tomorrow", "", "2025-03-16"),
        ("two days ago", "", "2025-03-13"),
        # weeks, months and years around the anchor
        ("this week", "", "2025-W11"),
        ("last week", "", "2025-W10"),
        ("next week", "", "2025-W12"),
        ("last month", "Rubio met Lavrov last month.", "2025-02"),
        ("this month", "", "2025-03"),
        ("last year", "", "2024"),
        # a month and day without a year: the anchor's year unless a past event lands in the future
        ("February 12", "Trump and Putin spoke on February 12.", "2025-02-12"),
        ("Nov. 16", "The leaders met on Nov. 16.", "2024-11-16"),
        ("Nov. 16", "The summit will open on Nov. 16.", "2025-11-16"),
        ("January 5", "Talks will resume on January 5.", "2026-01-05"),
        ("March 20", "The vote is set for March 20.", "2025-03-20"),
        ("June", "The two sides signed a deal in June.", "2024-06"),
        # stated years
        ("2004", "", "2004"),
        ("November 2004", "", "2004-11"),
        ("Saturday, November 13, 2004", "", "2004-11-13"),
        ("2025-03-13", "", "2025-03-13"),
        # vague expressions and durations name no period
        ("the 1990s", "", None),
        ("recently", "", None),
        ("in recent days", "", None),
        ("three days", "Talks lasted three days.", None),
        ("48 hours", "", None),
        ("", "", None),
    ],
)
def test_resolve(expression, context, expected):
    assert resolve(expression, SATURDAY, context) == expected


def test_resolve_rejects_an_anchor_that_is_not_a_date():
    with pytest.raises(BadDate, match="not a date"):
        resolve("Friday", "2025-03-15")  # type: ignore[arg-type]


def test_importing_kg_dates_leaves_dateparser_unloaded():
    code = "import sys, kg.dates; print('dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(not ESL.exists(), reason="the ESL time corpus is not here")
def test_accuracy_on_esl_date_expressions():
    rows = [json.loads(line) for line in ESL.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row["type"] == "DATE"]
    hits = sum(
        resolve(row["text"], dt.date.fromisoformat(row["dct"][:10]), row["sentence"]) == row["value"]
        for row in rows
    )
    assert hits / len(rows) >= ESL_FLOOR


_WORDS = ["Friday", "Nov.", "31", "9999", "0", "last", "next", "year", "week", "ago", "two", "1990s",
          "today", "12/31/99", "the", "'s", "2025-02-30", "will", "weekend", "summer", "10:30", "am"]


@settings(max_examples=300, deadline=None)
@given(
    expression=st.text(max_size=60)
    | st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join),
    anchor=st.dates(),
    context=st.none() | st.text(max_size=80),
)
def test_resolve_returns_a_date_value_or_none(expression, anchor, context):
    try:
        value = resolve(expression, anchor, context)
    except KgError:
        return  # kg's own errors are allowed; anything else fails the test
    assert value is None or is_date(value)

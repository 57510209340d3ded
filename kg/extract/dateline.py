"""Wire datelines: 'BEIJING, May 4 (Xinhua) --', 'WASHINGTON (Reuters) -', 'MOSCOW, October 13. /TASS/.'.

A dateline says where and when a report was filed. Left inside the first sentence it becomes that
sentence's subject in the parse ('BEIJING ... held talks'), so it is cut off as a sentence of its own
and its words are never read as participants.
"""
from __future__ import annotations

import re

_UP = "A-ZÀ-ÖØ-Þ"
_CAPS_CITY = rf"[{_UP}][{_UP}'’.\-]+(?:[ \t]+[{_UP}][{_UP}'’.\-]+)*"
_TITLE_CITY = r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"
_DETAIL = r"(?:,[ \t]*[A-Za-z][\w.]*(?:[ \t]+[\w.]+){0,3})?"
_AGENCY = r"\([^()\n]{1,40}\)"
_DASH = r"(?:--|[-–—:])"
_DATELINE = re.compile(
    rf"(?:^|(?<=\n))[ \t]*(?:"
    rf"{_CAPS_CITY}{_DETAIL}[ \t]*(?:{_AGENCY}[ \t]*)?{_DASH}"  # BEIJING, May 4 (Xinhua) --
    rf"|{_CAPS_CITY}{_DETAIL}[ \t]*/[^/\n]{{1,20}}/\.?"          # MOSCOW, October 13. /TASS/.
    rf"|{_TITLE_CITY}{_DETAIL}[ \t]*{_AGENCY}[ \t]*{_DASH}"      # Addis Ababa (Reuters) -
    rf")[ \t]+(?=\S)")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the datelines opening paragraphs of text.

    >>> text = "BEIJING, May 4 (Xinhua) -- Qin met Bilawal."
    >>> [text[a:b] for a, b in dateline_spans(text)]
    ['BEIJING, May 4 (Xinhua) -- ']
    >>> dateline_spans("Qin met Bilawal - a first.")
    []
    """
    return [(m.start(), m.end()) for m in _DATELINE.finditer(text) if _has_caps_word(m.group())]


def _has_caps_word(found: str) -> bool:
    # 'US - ...' or 'A -' is not a dateline: a filing place has a word of three or more letters.
    return bool(re.search(r"[^\W\d_]{3,}", found))

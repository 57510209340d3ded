"""Reading news articles: plain text, HTML, JSON and JSON Lines records, and folders of them."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article, cleaned, as kg extracts from it.

    ``text`` is the article body after the header and scraping debris are removed; every character
    offset kg stores (evidence spans, mentions) counts code points into this exact string.
    ``key`` identifies the article across runs (its URL when known, else its file name): re-ingesting
    an article with the same key replaces its graph.
    """

    text: str
    key: str
    file: str | None = None
    date: _dt.date | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    warnings: tuple[str, ...] = field(default=())

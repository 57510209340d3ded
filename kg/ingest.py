"""Ingest: articles in, facts extracted, graphs stored; bad articles reported, the rest go on."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.articles import DEFAULT_MAX_BYTES, Article, iter_articles
from kg.errors import KgError
from kg.load import to_payload
from kg.store import LoadReport, Store

BATCH_ARTICLES = 64


@dataclass
class IngestReport:
    """What an ingest did: the store's load report and one (source, reason) per failed article."""

    load: LoadReport = field(default_factory=LoadReport)
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0


def ingest(store: Store, paths: Iterable[Path | str], *, date: _dt.date | None = None,
           model: str | None = None, workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
           on_article: Callable[[str, KgError | None], None] | None = None) -> IngestReport:
    """Extract every article under ``paths`` and store its graph, in batches.

    ``on_article(source, error_or_None)`` is called once per article as it is done. An article
    that cannot be read or extracted is reported and skipped; stored articles stay whole. An article
    file over ``max_bytes`` is one that cannot be read.
    """
    from kg.extract import extract_many, load_pipeline

    report = IngestReport()
    articles: list[Article] = []
    sources: dict[int, str] = {}
    for source, item in iter_articles(paths, date=date, max_bytes=max_bytes):
        if isinstance(item, KgError):
            _fail(report, source, item, on_article)
        else:
            sources[id(item)] = source
            articles.append(item)
    nlp = load_pipeline(model) if model else load_pipeline()
    batch = []
    for article, facts in extract_many(articles, nlp=nlp, workers=workers):
        source = sources.get(id(article), article.key)
        if isinstance(facts, KgError):
            _fail(report, source, facts, on_article)
            continue
        try:
            batch.append(to_payload(store, facts, article.text))
        except KgError as exc:
            _fail(report, source, exc, on_article)
            continue
        report.articles += 1
        if on_article:
            on_article(source, None)
        if len(batch) >= BATCH_ARTICLES:
            report.load.merge(store.load(batch))
            batch = []
    if batch:
        report.load.merge(store.load(batch))
    return report


def _fail(report: IngestReport, source: str, error: KgError, on_article) -> None:
    report.failed.append((source, str(error)))
    if on_article:
        on_article(source, error)

"""Ingest: articles in, facts extracted, graphs stored; bad articles reported, the rest go on."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.articles import DEFAULT_MAX_BYTES, Article, iter_articles
from kg.errors import KgError
from kg.load import to_payload, to_payloads
from kg.store import GraphPayload, LoadReport, Store

BATCH_ARTICLES = 64


@dataclass
class IngestReport:
    """What an ingest did: the store's load report and one (source, reason) per failed article."""

    load: LoadReport = field(default_factory=LoadReport)
    failed: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0


def ingest(store: Store, paths: Iterable[Path | str], *, date: _dt.date | None = None,
           model: str | None = None, workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
           on_article: Callable[[str, KgError | None], None] | None = None,
           on_start: Callable[[int], None] | None = None) -> IngestReport:
    """Extract every article under ``paths`` and store its graph, in batches.

    ``on_article(source, error_or_None)`` is called once per article as it is done. An article
    that cannot be read or extracted is reported and skipped; stored articles stay whole. An article
    file over ``max_bytes`` is one that cannot be read. ``on_start(n)`` is told how many articles
    were read, before extraction starts.
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
    if on_start:
        on_start(len(articles))
    # worker processes load the model by name; only a single-process run needs it loaded here
    nlp = (load_pipeline(model) if model else load_pipeline()) if workers == 1 else None
    pending: list[tuple[str, dict, str]] = []
    for article, facts in extract_many(articles, nlp=nlp, workers=workers, model=model):
        source = sources.get(id(article), article.key)
        if isinstance(facts, KgError):
            _fail(report, source, facts, on_article)
            continue
        pending.append((source, facts, article.text))
        if len(pending) >= BATCH_ARTICLES:
            _store_batch(store, pending, report, on_article)
            pending = []
    if pending:
        _store_batch(store, pending, report, on_article)
    return report


def _store_batch(store: Store, pending: list[tuple[str, dict, str]], report: IngestReport,
                 on_article) -> None:
    """Match and store one batch under one hold of the store: the lock is let go between batches,
    so readers get in during a long ingest, and two ingests never match against a half-stored batch."""
    with store.session(write=True):
        payloads = _payloads(store, pending, report, on_article)
        report.load.merge(store.load(payloads))


def _payloads(store: Store, pending, report: IngestReport, on_article) -> list[GraphPayload]:
    try:
        payloads, done = to_payloads(store, [(facts, text) for _, facts, text in pending]), pending
    except KgError:
        # One document the mapping refuses: map them one by one, so that only it fails.
        payloads, done = [], []
        for item in pending:
            try:
                payloads.append(to_payload(store, item[1], item[2]))
                done.append(item)
            except KgError as exc:
                _fail(report, item[0], exc, on_article)
    report.articles += len(done)
    for source, _, _ in done:
        if on_article:
            on_article(source, None)
    return payloads


def _fail(report: IngestReport, source: str, error: KgError, on_article) -> None:
    report.failed.append((source, str(error)))
    if on_article:
        on_article(source, error)

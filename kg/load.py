"""Facts into the store: validate every document first, map each to its article graph, store them.

Nothing is written until every document has been read and mapped, so a bad file leaves the store as
it was; each article's graph is then stored atomically and idempotently (see ``Store.load``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from kg.articles import read_article
from kg.errors import KgError
from kg.facts import article_text_path, read_facts, validate
from kg.identity import resolve_many
from kg.rdf import facts_to_quads
from kg.store import LoadReport, Store, payload
from kg.store.base import GraphPayload


def load_files(store: Store, paths: Iterable[Path | str]) -> LoadReport:
    """Load facts files (JSON or YAML) into ``store``; the article text is read from beside each file."""
    docs = []
    for path in paths:
        facts = read_facts(path)
        _key_by_file_name(facts)
        docs.append((facts, _text_beside(facts, path)))
    return _store_documents(store, docs)


def load_documents(store: Store, docs: Iterable[tuple[dict, str | None]]) -> LoadReport:
    """Load (facts, article text or None) pairs; every document is validated before anything is written."""
    docs = list(docs)
    for facts, _ in docs:
        validate(facts, source=(facts.get("article") or {}).get("file") or "<facts>")
    return _store_documents(store, docs)


def _store_documents(store: Store, docs: list[tuple[dict, str | None]]) -> LoadReport:
    """Map validated documents and store them, holding the store open from the first identity
    lookup to the last write (opening it for each lookup cost more than the lookup)."""
    with store.session(write=True):
        return store.load(to_payloads(store, docs))


def to_payload(store: Store | None, facts: dict, text: str | None) -> GraphPayload:
    """One validated facts document as the payload a store loads, actors matched to known ones."""
    return to_payloads(store, [(facts, text)])[0]


def to_payloads(store: Store | None, docs: list[tuple[dict, str | None]]) -> list[GraphPayload]:
    """Validated (facts, text) pairs as payloads, persons matched to stored ones (and to those of
    the documents before them) with one store lookup for the lot."""
    iris = resolve_many(store, [facts for facts, _ in docs])
    out = []
    for (facts, text), actor_iris in zip(docs, iris):
        mapped = facts_to_quads(facts, text=text, actor_iris=actor_iris)
        out.append(payload(str(mapped.graph), mapped.triples))
    return out


def _key_by_file_name(facts: dict) -> None:
    """A facts file may name its article by a relative path; the article is known by its file name."""
    article = facts["article"]
    if not article.get("key") and not article.get("url") and article.get("file"):
        article["key"] = Path(article["file"]).name


def _text_beside(facts: dict, facts_path: Path | str) -> str | None:
    path = article_text_path(facts, facts_path)
    if path is None:
        return None
    try:
        return read_article(path).text
    except KgError:
        return None

"""Evidence for a standing link the facts gave no quote for: the article sentence that states it.

Curated facts often list a role (``spokesman`` of the Kremlin) without an evidence quote. A path
through that role still has to say how we know, so the sentence of the role's article that names
both the holder (by any of their names) and the title is shown, marked as found in the text.
"""
from __future__ import annotations

import re

from kg.nquads import quoted
from kg.store import Store

# A full stop after an initial (V.), inside an abbreviation (U.S.) or after a title (Mr.) ends no sentence.
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z]\.)(?<!\b(?:Mr|Dr|Ms|St)\.)(?<!Mrs\.)(?<=[.!?…])[”\"’)]?\s+|\n\s*\n")
_PREFIXES = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""


def sentences(text: str) -> list[str]:
    """The text cut into sentences (roughly: after . ! ? and at blank lines).

    >>> sentences("Vladimir V. Putin met Mr. Witkoff of the U.S. on Friday. Then he left!  Fine")
    ['Vladimir V. Putin met Mr. Witkoff of the U.S. on Friday.', 'Then he left!', 'Fine']
    """
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def role_sentence(store: Store, holder: str, title: str, article_key: str | None) -> str | None:
    """The first sentence of the article that names ``holder`` and contains ``title``; None if none."""
    if not article_key or not title:
        return None
    text = _article_text(store, article_key)
    names = _names(store, holder)
    if not text or not names:
        return None
    wanted = re.compile(r"(?<!\w)" + re.escape(title) + r"(?!\w)", re.IGNORECASE)
    named = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return next((s for s in sentences(text) if wanted.search(s) and named.search(s)), None)


def _article_text(store: Store, key: str) -> str | None:
    rows = store.select(_PREFIXES + f'SELECT ?t WHERE {{ ?a kg:articleKey {quoted(key)} ; nif:isString ?t }} LIMIT 1').rows
    return rows[0][0] if rows else None


def _names(store: Store, actor: str) -> list[str]:
    rows = store.select(_PREFIXES + f"SELECT DISTINCT ?n WHERE {{ <{actor}> schema:name|skos:altLabel ?n }}").rows
    return sorted({n for (n,) in rows if n}, key=len, reverse=True)


def fill_role_quotes(store: Store, paths) -> None:
    """Give each role hop of ``paths`` without a quote the sentence that states the role, if found.

    The hop's edge is replaced by a copy (the projection is shared); ``quote_source`` says
    "article text" for a found sentence.
    """
    for path in paths:
        for hop in path.hops:
            edge = hop.edge
            if edge.get("type") != "role" or edge.get("quote"):
                continue
            holder = _holder(hop)
            found = role_sentence(store, holder, edge.get("title") or "", edge.get("article"))
            if found:
                hop.edge = {**edge, "quote": found, "quote_source": "article text"}


def _holder(hop) -> str:
    """The person end of a role hop (roles join a person to an organisation, state or person)."""
    return hop.source if "/person/" in hop.source else hop.target

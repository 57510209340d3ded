"""The same person across articles: match a document's actors to actors already in the store.

Actor IRIs are slugs of names, so an actor named the same way in two articles already shares an IRI.
A person named more fully or more briefly elsewhere (``Vladimir Putin`` / ``Vladimir V. Putin``)
is matched when one name's words contain the other's, the surnames agree, and no given name
conflicts; two people who share a surname but whose full names differ are never merged.
"""
from __future__ import annotations

from kg.names import name_key
from kg.rdf import actor_iri
from kg.store import Store

_KG = "https://w3id.org/kg-news/ontology#"


def resolve_identities(store: Store | None, facts: dict) -> dict[str, str]:
    """Map each Person id in ``facts`` to the IRI of the one stored person it is, when there is one."""
    persons = [a for a in facts.get("actors", []) if a.get("type") == "Person"]
    if store is None or not persons:
        return {}
    surnames = {name_key(a["name"]).split()[-1] for a in persons if name_key(a["name"])}
    known = _stored_persons(store, surnames)
    out = {}
    for actor in persons:
        own = str(actor_iri(actor))
        if own in known:
            continue
        match = _match(name_key(actor["name"]), known)
        if match:
            out[actor["id"]] = match
    return out


def compatible(a: str, b: str) -> bool:
    """True when two person name keys can name the same person.

    >>> compatible("vladimir putin", "vladimir v putin"), compatible("putin", "vladimir v putin")
    (True, True)
    >>> compatible("joe biden", "hunter biden"), compatible("v putin", "vladimir putin")
    (False, True)
    """
    wa, wb = a.split(), b.split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    short, long_ = sorted((wa[:-1], wb[:-1]), key=len)
    rest = list(long_)
    for word in short:
        hit = next((w for w in rest if w == word or (len(word) == 1 and w.startswith(word))
                    or (len(w) == 1 and word.startswith(w))), None)
        if hit is None:
            return False
        rest.remove(hit)
    return True


def _stored_persons(store: Store, surnames: set[str]) -> dict[str, set[str]]:
    """Stored persons whose names end in one of ``surnames``: IRI -> their full-name keys."""
    if not surnames:
        return {}
    values = " ".join(f'"{s}"' for s in sorted(surnames) if '"' not in s and "\\" not in s)
    # Inside GRAPH, with VALUES first, Oxigraph looks the keys up in its index; over the union
    # default graph it scanned every name key (0.2 s a document at 100k triples, growing with the store).
    sparql = (f"PREFIX kg: <{_KG}> PREFIX schema: <http://schema.org/> "
              f"SELECT DISTINCT ?a ?n WHERE {{ GRAPH ?g {{ VALUES ?s {{ {values} }} "
              f"?a kg:nameKey ?s ; a kg:Person ; schema:name ?n }} }}")
    known: dict[str, set[str]] = {}
    for iri, name in store.select(sparql).rows:
        known.setdefault(iri, set()).add(name_key(name))
    return known


def _match(key: str, known: dict[str, set[str]]) -> str | None:
    hits = [iri for iri, names in known.items() if any(compatible(key, n) for n in names)]
    # Full names that conflict with one another make the brief name ambiguous: leave it alone.
    return hits[0] if len(hits) == 1 else None

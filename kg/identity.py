"""The same person across articles: match a document's actors to actors already in the store.

Actor IRIs are slugs of names, so an actor named the same way in two articles already shares an IRI.
A person named more fully or more briefly elsewhere (``Vladimir Putin`` / ``Vladimir V. Putin``)
is matched when one name's words contain the other's, the surnames agree, and no given name
conflicts; two people who share a surname but whose full names differ are never merged.
"""
from __future__ import annotations

from kg.names import name_key
from kg.nquads import quoted
from kg.rdf import actor_iri
from kg.store import Store

_KG = "https://w3id.org/kg-news/ontology#"
_PERSON = _KG + "Person"


def resolve_identities(store: Store | None, facts: dict) -> dict[str, str]:
    """Map each Person id in ``facts`` to the IRI of the one stored person it is, when there is one."""
    return resolve_many(store, [facts])[0]


def resolve_many(store: Store | None, docs: list[dict]) -> list[dict[str, str]]:
    """``resolve_identities`` for several documents with one store lookup; a document's persons are
    also matched against the persons of the documents before it in ``docs``.

    A person's triples are repeated in every article graph that names it, so a lookup costs in
    proportion to the articles that name the persons: one lookup per batch, not per document, and
    names are read only for the stored persons a new name must be compared with.
    """
    if store is None:
        return [{} for _ in docs]
    persons_of = [[a for a in facts.get("actors", []) if a.get("type") == "Person" and _surname(a)]
                  for facts in docs]
    known = _stored_persons(store, [a for persons in persons_of for a in persons])
    found = []
    for persons in persons_of:
        found.append(_resolve(persons, known))
        for actor in persons:
            iri = found[-1].get(actor["id"]) or str(actor_iri(actor))
            known.setdefault(_surname(actor), {}).setdefault(iri, set()).add(name_key(actor["name"]))
    return found


def _surname(actor: dict) -> str:
    words = name_key(actor["name"]).split()
    return words[-1] if words else ""


def _resolve(persons: list[dict], known: dict[str, dict[str, set[str]]]) -> dict[str, str]:
    out = {}
    for actor in persons:
        same_surname = known.get(_surname(actor), {})
        if str(actor_iri(actor)) in same_surname:
            continue
        match = _match(name_key(actor["name"]), same_surname)
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


def _stored_persons(store: Store, persons: list[dict]) -> dict[str, dict[str, set[str]]]:
    """Stored actors known by the surname of one of ``persons``: surname -> IRI -> full-name keys.

    Names are read only for stored persons sharing a surname with a person not stored under its
    own IRI; the others keep an empty set (they are there, and need no comparing).
    """
    by_surname = _stored_keys(store, {_surname(a) for a in persons})
    unmatched = {_surname(a) for a in persons if str(actor_iri(a)) not in by_surname.get(_surname(a), ())}
    names = _person_names(store, {iri for s in unmatched for iri in by_surname.get(s, ())})
    return {s: {iri: names.get(iri, set()) for iri in iris} for s, iris in by_surname.items()}


def _stored_keys(store: Store, surnames: set[str]) -> dict[str, set[str]]:
    """Surname -> the IRIs of the stored actors that have it as a name key."""
    values = " ".join(quoted(s) for s in sorted(surnames))
    if not values:
        return {}
    # Inside GRAPH with VALUES first Oxigraph walks its name-key index (over the union default
    # graph it scanned every key); joining more patterns here made it 10-100x slower.
    rows = store.select(f"PREFIX kg: <{_KG}> SELECT DISTINCT ?s ?a WHERE {{ GRAPH ?g {{ "
                        f"VALUES ?s {{ {values} }} ?a kg:nameKey ?s }} }}").rows
    found: dict[str, set[str]] = {}
    for surname, iri in rows:
        found.setdefault(surname, set()).add(iri)
    return found


def _person_names(store: Store, iris: set[str]) -> dict[str, set[str]]:
    """IRI -> full-name keys, for those of ``iris`` that are persons."""
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in sorted(iris))
    # The class is read as a variable and checked here: a constant kg:Person made Oxigraph join
    # the wrong way round (7 s instead of 0.7 s for 2,000 names at 1M triples).
    rows = store.select(f"PREFIX schema: <http://schema.org/> SELECT DISTINCT ?a ?c ?n WHERE {{ GRAPH ?g {{ "
                        f"VALUES ?a {{ {values} }} ?a a ?c ; schema:name ?n }} }}").rows
    names: dict[str, set[str]] = {}
    for iri, kind, name in rows:
        if kind == _PERSON:
            names.setdefault(iri, set()).add(name_key(name))
    return names


def _match(key: str, known: dict[str, set[str]]) -> str | None:
    hits = [iri for iri, names in known.items() if any(compatible(key, n) for n in names)]
    # Full names that conflict with one another make the brief name ambiguous: leave it alone.
    return hits[0] if len(hits) == 1 else None

"""Naming actors: any name or alias, case- and accent-insensitively, with a suggestion on a miss."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from kg.errors import AmbiguousActor, UnknownActor
from kg.names import name_key
from kg.nquads import quoted
from kg.store import Store

_KG = "https://w3id.org/kg-news/ontology#"
_PREFIXES = f"PREFIX kg: <{_KG}>\nPREFIX schema: <http://schema.org/>\n"
# Every pattern that joins several triples of one actor sits in GRAPH ?g: the actor's triples repeat
# in each article that names it, and a join over the union would multiply them.


@dataclass(frozen=True)
class Actor:
    """An actor in the store: its IRI, a display name and its kind (Person, State, Organization, Place)."""

    iri: str
    name: str
    kind: str


def resolve_actor(store: Store, name: str) -> Actor:
    """The one actor known by ``name`` (a name or alias; also a unique part of a full name).

    Raises UnknownActor with the closest known name, or AmbiguousActor listing the candidates.
    """
    key = name_key(name)
    if not key:
        raise UnknownActor(f"unknown actor {name!r}; give a name")
    found = _by_key(store, key)
    if not found:
        found = _by_words(store, key)
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{a.name} ({a.kind})" for a in found[:10])
        raise AmbiguousActor(f"{name!r} could be {len(found)} actors: {listed}; give a fuller name")
    raise UnknownActor(_unknown_message(store, name, key))


def _by_key(store: Store, key: str) -> list[Actor]:
    sparql = _PREFIXES + (
        "SELECT ?a (SAMPLE(?n) AS ?name) (SAMPLE(?c) AS ?class) WHERE { "
        f'GRAPH ?g {{ ?a kg:nameKey {quoted(key)} ; schema:name ?n ; a ?c }} '
        "FILTER (STRSTARTS(STR(?c), STR(kg:))) } GROUP BY ?a ORDER BY ?name")
    return [Actor(a, n, c.rsplit("#", 1)[-1]) for a, n, c in store.select(sparql).rows]


def _all_keys(store: Store) -> list[tuple[str, str]]:
    rows = store.select(_PREFIXES + "SELECT DISTINCT ?a ?k WHERE { ?a kg:nameKey ?k }").rows
    return [(a, k) for a, k in rows]


def _by_words(store: Store, key: str) -> list[Actor]:
    """Actors one of whose names contains every word of ``key`` (``Vladimir Putin`` finds
    ``Vladimir V. Putin``)."""
    words = set(key.split())
    iris = sorted({a for a, k in _all_keys(store) if words <= set(k.split())})
    found = []
    for iri in iris[:20]:
        rows = store.select(_PREFIXES + f"SELECT (SAMPLE(?n) AS ?name) (SAMPLE(?c) AS ?class) WHERE {{ "
                            f"GRAPH ?g {{ <{iri}> schema:name ?n ; a ?c }} "
                            "FILTER (STRSTARTS(STR(?c), STR(kg:))) }").rows
        if rows and rows[0][0]:
            found.append(Actor(iri, rows[0][0], rows[0][1].rsplit("#", 1)[-1]))
    return found


def _unknown_message(store: Store, name: str, key: str) -> str:
    keys = _all_keys(store)
    if not keys:
        return f"unknown actor {name!r}; the store has no actors yet (load or ingest articles first)"
    close = difflib.get_close_matches(key, [k for _, k in keys], n=1, cutoff=0.6)
    if not close:
        return f"unknown actor {name!r}; `kg query actors` lists the known ones"
    iri = next(a for a, k in keys if k == close[0])
    rows = store.select(_PREFIXES + f"SELECT (SAMPLE(?n) AS ?name) WHERE {{ <{iri}> schema:name ?n }}").rows
    return f"unknown actor {name!r}; did you mean {rows[0][0]!r}?"

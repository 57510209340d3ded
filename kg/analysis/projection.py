"""The actor projection: actors as nodes, one edge per pair of participants of each contact.

``build_projection(store)`` reads the store with one SPARQL query per need (contact edges, actors,
articles, posts, and for ``via_roles`` the part-of links), and returns a ``networkx.MultiGraph``
whose edge keys are event IRIs. Every edge carries its evidence (quote, article), so a path over the
projection can say, hop by hop, how we know.

Roles (``via_roles=True``). A post is a standing relation, not an event: its edge has type "role",
the post's ``title``, no date, and the tenure's article and quote when the facts gave one.

- A person holding a post in an organisation or state is joined to it (Peskov -- Kremlin, spokesman).
- The holder of a post in a *state* is also joined to each organisation recorded as part of that
  state (``kg:partOf``): the state's organs speak and act for its office-holders, so Putin (President
  of Russia) -- Kremlin, with ``via`` "Kremlin is part of Russia". The reverse is not done (a
  Kremlin spokesman is not joined to Russia itself), so a path through an organ reads
  Peskov -> Kremlin -> Putin, never through the state as well.
- Each organisation is joined to the state it is part of by an edge of type "part_of".
- A post "of" a person (an adviser to someone) joins the two persons.

The projection is cached on disk (beside an embedded store, else under ``$XDG_CACHE_HOME/kg``), keyed
by the set of article-graph digests and the options: any load or removal changes the key.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable

from kg.dates import period
from kg.store import Store
from kg.vocab import CONTACT_TYPES

CACHE_VERSION = "3"
_PREFIXES = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
_KG = "https://w3id.org/kg-news/ontology#"
_STATUS_NAMES = {"Occurred": "occurred", "Planned": "planned", "Negated": "negated"}
_KINDS = ("Person", "State", "Organization", "Place")
EDGE_ATTRS = ("type", "date", "start", "end", "precision", "place", "status", "article",
              "article_title", "article_date", "publisher", "quote", "event")


def build_projection(store: Store, types: Iterable[str] = CONTACT_TYPES, include_planned: bool = False,
                     since: str | None = None, until: str | None = None, via_roles: bool = False,
                     cache: bool = True):
    """The actor graph of ``store``: a ``networkx.MultiGraph`` keyed by actor IRI.

    Nodes carry ``name``, ``kind`` (Person, State, Organization, Place) and ``posts`` ("title, of-name").
    Each edge (key: the event IRI) carries ``type``, ``date`` (ISO as stated, or None), ``start`` /
    ``end`` (earliest / latest day, ISO), ``precision``, ``place`` (name), ``status``, ``article``
    (key), ``article_title``, ``article_date``, ``publisher``, ``quote`` and ``event``.

    ``types``: the interaction types that make edges (default meeting, call, contact);
    ``include_planned``: also planned contacts (negated ones never count); ``since`` / ``until``: ISO
    dates (any precision) bounding the edges kept, by overlap of periods — undated contacts are then
    dropped; ``via_roles``: add role and part-of edges (see the module notes). Raises BadDate.

    >>> from kg.store import open_store
    >>> build_projection(open_store(":memory:")).number_of_nodes()
    0
    """
    options = _Options(tuple(sorted(set(types))), include_planned, _bound(since, "start"),
                       _bound(until, "end"), via_roles)
    if not cache:
        return _build(store, options)
    path = _cache_path(store, options)
    if path is not None and path.exists():
        found = _read_cache(path)
        if found is not None:
            return found
    graph = _build(store, options)
    if path is not None:
        _write_cache(path, graph)
    return graph


class _Options:
    """What a projection was built with; its ``key`` names the cache entry."""

    def __init__(self, types: tuple[str, ...], planned: bool, since: str | None, until: str | None,
                 roles: bool):
        self.types, self.planned, self.since, self.until, self.roles = types, planned, since, until, roles

    def key(self) -> str:
        text = json.dumps([CACHE_VERSION, self.types, self.planned, self.since, self.until, self.roles])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _bound(value: str | None, end: str) -> str | None:
    """The first (``start``) or last (``end``) day an ISO date value of any precision can mean."""
    if value is None or value == "":
        return None
    return getattr(period(str(value).strip()), end).isoformat()


# -- building -----------------------------------------------------------------------------------

def _build(store: Store, options: _Options):
    import networkx as nx

    graph = nx.MultiGraph()
    names = _add_actors(graph, store)
    articles = _articles(store)
    _add_posts(graph, store, names)
    _add_contacts(graph, store, options, names, articles)
    if options.roles:
        _add_roles(graph, store, names, articles)
    return graph


def _add_actors(graph, store: Store) -> dict[str, str]:
    """Add every actor as a node; returns IRI -> display name (the name most articles give)."""
    # Per graph: over the union, an actor named in k articles would match k x k times.
    rows = store.select(_PREFIXES + """SELECT ?a ?n ?c WHERE { GRAPH ?g {
      VALUES ?c { kg:Person kg:State kg:Organization kg:Place } ?a a ?c ; schema:name ?n } }""").rows
    votes: dict[str, dict[tuple[str, str], int]] = {}
    for iri, name, cls in rows:
        counts = votes.setdefault(iri, {})
        pair = (name, cls.rsplit("#", 1)[-1])
        counts[pair] = counts.get(pair, 0) + 1
    names = {}
    for iri, counts in votes.items():
        # Most articles' spelling wins; then the fuller name; then the alphabet, for a stable choice.
        name, kind = max(counts, key=lambda p: (counts[p], len(p[0]), p[0], p[1]))
        graph.add_node(iri, name=name, kind=kind, posts=[])
        names[iri] = name
    return names


def _articles(store: Store) -> dict[str, tuple]:
    """Article IRI -> (key, title, date, publisher)."""
    rows = store.select(_PREFIXES + """SELECT ?art ?key ?title ?date ?pub WHERE { GRAPH ?g {
      ?art a schema:NewsArticle ; kg:articleKey ?key .
      OPTIONAL { ?art schema:headline ?title } OPTIONAL { ?art schema:datePublished ?date }
      OPTIONAL { ?art schema:publisher/schema:name ?pub } } }""").rows
    return {art: (key, title, date, pub) for art, key, title, date, pub in rows}


def _contacts_query(options: _Options) -> str:
    types = " ".join(json.dumps(t) for t in options.types)
    statuses = "kg:Occurred kg:Planned" if options.planned else "kg:Occurred"
    bounds = ""
    if options.since:
        bounds += f' FILTER (?end >= "{options.since}"^^xsd:date)'
    if options.until:
        bounds += f' FILTER (?start <= "{options.until}"^^xsd:date)'
    dates = "?e kg:dateValue ?value ; kg:dateStart ?start ; kg:dateEnd ?end ; kg:datePrecision ?prec ."
    if not bounds:
        dates = "OPTIONAL { " + dates + " }"
    # Everything about an event is in its article's graph; matching per graph is faster than the union.
    return _PREFIXES + f"""SELECT ?e ?a ?b ?type ?st ?value ?start ?end ?prec ?place ?art ?quote WHERE {{ GRAPH ?g {{
      VALUES ?type {{ {types} }} VALUES ?st {{ {statuses} }}
      ?e kg:interactionType ?type ; kg:status ?st ; kg:reportedIn ?art ; sem:hasActor ?a, ?b .
      FILTER (STR(?a) < STR(?b))
      {dates}{bounds}
      OPTIONAL {{ ?e sem:hasPlace ?place }}
      OPTIONAL {{ ?e prov:wasDerivedFrom ?span . ?span nif:anchorOf ?quote }} }} }}"""


def _add_contacts(graph, store: Store, options: _Options, names: dict, articles: dict) -> None:
    if not options.types:
        return
    rows = store.select(_contacts_query(options)).rows
    no_article = (None, None, None, None)
    add = graph.add_edge
    for e, a, b, kind, st, value, start, end, prec, place, art, quote in rows:
        key, title, published, publisher = articles.get(art, no_article)
        add(a, b, key=e, type=kind, date=value, start=start, end=end,
            precision=prec.rsplit("#", 1)[-1].lower() if prec else None,
            place=names.get(place), status=_STATUS_NAMES.get(st.rsplit("#", 1)[-1]), article=key,
            article_title=title, article_date=published, publisher=publisher, quote=quote, event=e)
    # Counted once here so a time-respecting search can say how many contacts it could not place.
    graph.graph["undated_contacts"] = sum(1 for row in rows if row[6] is None)
    _name_unknown_nodes(graph)


def _name_unknown_nodes(graph) -> None:
    """A participant the store gives no name or class still needs the node attributes."""
    for iri, data in graph.nodes(data=True):
        if "name" not in data:
            data.update(name=iri.rsplit("/", 1)[-1], kind=None, posts=[])


def _tenures(store: Store) -> list[tuple]:
    # A tenure's IRI is the same in every article that reports it: match within each article's graph.
    return store.select(_PREFIXES + """SELECT ?t ?p ?title ?org ?of ?art ?quote WHERE { GRAPH ?g {
      ?t a kg:Tenure ; org:member ?p ; kg:post ?post ; kg:reportedIn ?art . ?post kg:title ?title .
      OPTIONAL { ?post org:postIn ?org } OPTIONAL { ?post kg:postOf ?of }
      OPTIONAL { ?t prov:wasDerivedFrom ?span . ?span nif:anchorOf ?quote } } }
      ORDER BY ?t ?art""").rows


def _add_posts(graph, store: Store, names: dict) -> None:
    """Each person's posts as "title, of-name" strings, in a stable order."""
    seen: dict[str, set] = {}
    for _, person, title, org, of, _, _ in _tenures(store):
        if person not in graph:
            continue
        target = org or of
        text = f"{title}, {names.get(target, '?')}" if target else title
        if text not in seen.setdefault(person, set()):
            seen[person].add(text)
            graph.nodes[person]["posts"].append(text)


def _role_edge(kind: str, key: str, title: str | None, article: tuple, quote: str | None,
               via: str | None = None) -> dict:
    art_key, art_title, published, publisher = article
    return dict(type=kind, title=title, via=via, date=None, start=None, end=None, precision=None,
                place=None, status="occurred", article=art_key, article_title=art_title,
                article_date=published, publisher=publisher, quote=quote, event=key)


def _add_roles(graph, store: Store, names: dict, articles: dict) -> None:
    """Role edges person -- organisation/state (and state organs), part-of edges organ -- state."""
    parts = store.select(_PREFIXES + "SELECT DISTINCT ?o ?s WHERE { GRAPH ?g { ?o kg:partOf ?s } }").rows
    organs: dict[str, list[str]] = {}
    for organ, state in parts:
        organs.setdefault(state, []).append(organ)
        graph.add_edge(organ, state, key=f"{organ} part_of {state}",
                       **_role_edge("part_of", f"{organ} part_of {state}", "part of",
                                    (None, None, None, None), None))
    no_article = (None, None, None, None)
    done: set[tuple[str, str]] = set()
    for tenure, person, title, org, of, art, quote in _tenures(store):
        target = org or of
        if target is None or (tenure, target) in done:
            continue
        done.add((tenure, target))
        article = articles.get(art, no_article)
        graph.add_edge(person, target, key=tenure, **_role_edge("role", tenure, title, article, quote))
        for organ in organs.get(target, ()) if graph.nodes[target].get("kind") == "State" else ():
            via = f"{names.get(organ, organ)} is part of {names.get(target, target)}"
            key = f"{tenure} via {organ}"
            graph.add_edge(person, organ, key=key, **_role_edge("role", key, title, article, quote, via))
    _name_unknown_nodes(graph)


# -- caching ------------------------------------------------------------------------------------

def store_state(store: Store) -> str:
    """A hash of the store's article graphs and their content digests: it changes with any load."""
    rows = store.select(f"SELECT ?g ?d WHERE {{ GRAPH ?g {{ ?g <{_KG}contentDigest> ?d }} }}").rows
    text = "\n".join(sorted(f"{g} {d}" for g, d in rows))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def cache_folder(store: Store) -> Path | None:
    """Where projections of ``store`` are cached; None for an in-memory store (nothing to reuse)."""
    folder = getattr(store, "folder", None)
    if folder is not None:
        return Path(folder) / "cache"
    location = getattr(store, "location", "") or ""
    if location.startswith(("http://", "https://")):
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "kg" / "projection" / hashlib.sha256(location.encode()).hexdigest()[:16]
    return None


def _cache_path(store: Store, options: _Options) -> Path | None:
    folder = cache_folder(store)
    if folder is None:
        return None
    return folder / f"projection-{options.key()}-{store_state(store)}.pickle"


def _read_cache(path: Path):
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # unpickling garbage can raise almost anything: rebuild rather than trust it
        return None


def _write_cache(path: Path, graph) -> None:
    """Write atomically, then drop the stale entries built with the same options."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        prefix = path.name.rsplit("-", 1)[0] + "-"
        for old in path.parent.glob(prefix + "*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time


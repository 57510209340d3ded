"""The actor projection: actors as nodes, one edge per pair of participants of each contact.

``build_projection(store)`` reads the store with one SPARQL query per need (actors, articles, posts,
contact events, their participants, and for ``via_roles`` the part-of links), each answered by the
store as CSV and split in bulk, and returns a ``networkx.MultiGraph`` whose edge keys are event IRIs.
Events and participants are read apart and paired in Python: Oxigraph answers the two in about three
quarters of the time of one query joining each event to every pair of its participants. Every edge carries its evidence (quote, article), so a path over the
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
by the set of article-graph digests and the options: any load or removal changes the key. The cached
projection carries the contact index of ``kg.analysis.paths`` that time-respecting searches read.
"""
from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable

from kg.analysis.paths import contact_index
from kg.dates import period
from kg.errors import QueryError, StoreError
from kg.store import Store
from kg.vocab import CONTACT_TYPES

CACHE_VERSION = "4"
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
    # Built now so the cached projection carries it: every later time-respecting search reads it.
    contact_index(graph)
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
    # One open store (and one hold of its lock) for all the queries of a build.
    with store.session():
        names = _add_actors(graph, store)
        articles = _articles(store)
        posts = _posts(store)
        _add_posts(graph, posts, names)
        _add_contacts(graph, store, options, names, articles)
        if options.roles:
            _add_roles(graph, store, _tenures(store, posts), names, articles)
    return graph


def _table(store: Store, sparql: str) -> list[list[str]]:
    """The rows of a SELECT as lists of strings, "" where unbound.

    The store serialises the results as CSV and the csv module splits them in bulk, which is several
    times faster than building a Python value per term; a server that will not give CSV is asked
    through ``select``.
    """
    try:
        data = store.query_raw(sparql, "csv")
    except (QueryError, StoreError):
        return [["" if v is None else str(v) for v in row] for row in store.select(sparql).rows]
    rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(rows, None)  # the header
    return list(rows)


def _add_actors(graph, store: Store) -> dict[str, str]:
    """Add every actor as a node; returns IRI -> display name (the name most articles give)."""
    # Per graph: over the union, an actor named in k articles would match k x k times. The store
    # counts the articles per spelling: far fewer rows than one per article and actor.
    rows = _table(store, _PREFIXES + """SELECT ?a ?n ?c (COUNT(*) AS ?k) WHERE { GRAPH ?g {
      VALUES ?c { kg:Person kg:State kg:Organization kg:Place } ?a a ?c ; schema:name ?n } }
      GROUP BY ?a ?n ?c""")
    best: dict[str, tuple] = {}
    for iri, name, cls, count in rows:
        # Most articles' spelling wins; then the fuller name; then the alphabet, for a stable choice.
        rank = (int(count), len(name), name, cls.rsplit("#", 1)[-1])
        if iri not in best or rank > best[iri]:
            best[iri] = rank
    graph.add_nodes_from((iri, {"name": r[2], "kind": r[3], "posts": []}) for iri, r in best.items())
    return {iri: r[2] for iri, r in best.items()}


def _articles(store: Store) -> dict[str, tuple]:
    """Article IRI -> (key, title, date, publisher)."""
    rows = _table(store, _PREFIXES + """SELECT ?art ?key ?title ?date ?pub WHERE { GRAPH ?g {
      ?art a schema:NewsArticle ; kg:articleKey ?key .
      OPTIONAL { ?art schema:headline ?title } OPTIONAL { ?art schema:datePublished ?date }
      OPTIONAL { ?art schema:publisher/schema:name ?pub } } }""")
    return {art: (key, title or None, date or None, pub or None) for art, key, title, date, pub in rows}


def _events_query(options: _Options) -> str:
    """One row per contact event of the wanted types with its attributes (participants apart)."""
    types = " ".join(json.dumps(t) for t in options.types)
    dates, bounds = _date_patterns(options)
    # Everything about an event is in its article's graph; matching per graph is faster than the
    # union. The status is filtered in Python: a constant there makes Oxigraph start from every
    # event of that status, which is slower than following the type.
    return _PREFIXES + f"""SELECT ?e ?type ?st ?value ?start ?end ?prec ?place ?art ?quote WHERE {{ GRAPH ?g {{
      VALUES ?type {{ {types} }}
      ?e kg:interactionType ?type ; kg:status ?st ; kg:reportedIn ?art .
      {dates}{bounds}
      OPTIONAL {{ ?e sem:hasPlace ?place }}
      OPTIONAL {{ ?e prov:wasDerivedFrom ?span . ?span nif:anchorOf ?quote }} }} }}"""


def _date_patterns(options: _Options) -> tuple[str, str]:
    """The event's date pattern and the filters of --since/--until; undated events stay only
    when no bound is given."""
    bounds = ""
    if options.since:
        bounds += f' FILTER (?end >= "{options.since}"^^xsd:date)'
    if options.until:
        bounds += f' FILTER (?start <= "{options.until}"^^xsd:date)'
    dates = "?e kg:dateValue ?value ; kg:dateStart ?start ; kg:dateEnd ?end ; kg:datePrecision ?prec ."
    return (dates if bounds else "OPTIONAL { " + dates + " }"), bounds


def _participants_query(options: _Options) -> str:
    """One row per (event of the wanted types, participant)."""
    types = " ".join(json.dumps(t) for t in options.types)
    return _PREFIXES + f"""SELECT ?e ?a WHERE {{ GRAPH ?g {{
      VALUES ?type {{ {types} }} ?e kg:interactionType ?type ; sem:hasActor ?a }} }}"""


def _contacts_query(options: _Options) -> str:
    """The contact edges in one query, a row per pair of participants with the event's attributes.

    This is the yardstick the build is measured against (bench/paths.py). The build itself reads
    events and participants apart and pairs them in Python: Oxigraph answers those two queries in
    about three quarters of the time of this self-join.
    """
    types = " ".join(json.dumps(t) for t in options.types)
    statuses = "kg:Occurred kg:Planned" if options.planned else "kg:Occurred"
    dates, bounds = _date_patterns(options)
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
    wanted = {_KG + "Occurred", _KG + "Planned"} if options.planned else {_KG + "Occurred"}
    events = {}
    for e, kind, st, value, start, end, prec, place, art, quote in _table(store, _events_query(options)):
        if st in wanted:
            events[e] = (kind, st, value, start, end, prec, place, art, quote)
    members: dict[str, list[str]] = {}
    for e, actor in _table(store, _participants_query(options)):
        if e in events:
            members.setdefault(e, []).append(actor)
    graph.add_edges_from(_contact_edges(events, members, names, articles))
    # Counted once here so a time-respecting search can say how many contacts it could not place.
    graph.graph["undated_contacts"] = sum(1 for *_, data in graph.edges(data=True) if data["start"] is None)
    _name_unknown_nodes(graph)


def _contact_edges(events: dict, members: dict, names: dict, articles: dict):
    """(a, b, event, attributes) for each pair of participants of each event, a before b."""
    no_article = (None, None, None, None)
    for e, actors in members.items():
        kind, st, value, start, end, prec, place, art, quote = events[e]
        key, title, published, publisher = articles.get(art, no_article)
        data = dict(type=kind, date=value or None, start=start or None, end=end or None,
                    precision=prec.rsplit("#", 1)[-1].lower() if prec else None,
                    place=names.get(place), status=_STATUS_NAMES.get(st.rsplit("#", 1)[-1]),
                    article=key, article_title=title, article_date=published, publisher=publisher,
                    quote=quote or None, event=e)
        for a, b in itertools.combinations(sorted(set(actors)), 2):
            yield a, b, e, data


def _name_unknown_nodes(graph) -> None:
    """A participant the store gives no name or class still needs the node attributes."""
    for iri, data in graph.nodes(data=True):
        if "name" not in data:
            data.update(name=iri.rsplit("/", 1)[-1], kind=None, posts=[])


def _posts(store: Store) -> list[tuple]:
    """(tenure, person, title, org, of) rows, one per tenure, sorted by tenure for a stable order."""
    # A tenure's IRI is the same in every article that reports it: DISTINCT keeps one row.
    rows = _table(store, _PREFIXES + """SELECT DISTINCT ?t ?p ?title ?org ?of WHERE { GRAPH ?g {
      ?t org:member ?p ; kg:post ?post . ?post kg:title ?title .
      OPTIONAL { ?post org:postIn ?org } OPTIONAL { ?post kg:postOf ?of } } }""")
    # Sorted here rather than by ORDER BY: the store would sort the whole solution set first.
    rows.sort()
    return [tuple(v or None for v in row) for row in rows]


def _tenures(store: Store, posts: list[tuple]) -> list[tuple]:
    """(tenure, person, title, org, of, article, quote) rows, one per tenure and article reporting it,
    sorted by tenure and article."""
    held = {row[0]: row for row in posts}
    rows = _table(store, _PREFIXES + """SELECT ?t ?art ?quote WHERE { GRAPH ?g {
      ?t a kg:Tenure ; kg:reportedIn ?art .
      OPTIONAL { ?t prov:wasDerivedFrom ?span . ?span nif:anchorOf ?quote } } }""")
    rows.sort()
    return [(*held[t], art, quote or None) for t, art, quote in rows if t in held]


def _add_posts(graph, posts: list[tuple], names: dict) -> None:
    """Each person's posts as "title, of-name" strings, in a stable order."""
    seen: dict[str, set] = {}
    for _, person, title, org, of in posts:
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


def _add_roles(graph, store: Store, tenures: list[tuple], names: dict, articles: dict) -> None:
    """Role edges person -- organisation/state (and state organs), part-of edges organ -- state."""
    parts = _table(store, _PREFIXES + "SELECT DISTINCT ?o ?s WHERE { GRAPH ?g { ?o kg:partOf ?s } }")
    organs: dict[str, list[str]] = {}
    for organ, state in sorted(parts):
        organs.setdefault(state, []).append(organ)
        graph.add_edge(organ, state, key=f"{organ} part_of {state}",
                       **_role_edge("part_of", f"{organ} part_of {state}", "part of",
                                    (None, None, None, None), None))
    no_article = (None, None, None, None)
    done: set[tuple[str, str]] = set()
    for tenure, person, title, org, of, art, quote in tenures:
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


"""Who met an actor, an actor's timeline, centrality and communities of the projection.

Measures are chosen from a registry (``MEASURES``); they see the projection collapsed to a simple
graph of actors, so two actors who met ten times are one tie, and standing links (roles, part-of)
count only when the projection was built with them.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.dates import period
from kg.errors import KgError, UnknownFormat
from kg.store import Store

DEFAULT_BETWEENNESS_SAMPLES = 500
SEED = 42


@dataclass
class Score:
    """An actor's score under a measure."""

    actor: str
    name: str
    kind: str | None
    score: float


def who_met(graph, actor: str) -> list[dict]:
    """Every direct contact of ``actor`` in the projection, newest first (undated last).

    Each item is the contact's edge attributes plus ``actor`` / ``name`` of the other party.
    """
    found = []
    if actor not in graph:
        return found
    for other, edges in graph.adj[actor].items():
        for edge in edges.values():
            if edge.get("type") in ("role", "part_of"):
                continue
            found.append({**edge, "with": other, "with_name": graph.nodes[other].get("name")})
    found.sort(key=lambda c: (c.get("with_name") or "", c["event"]))
    found.sort(key=lambda c: c.get("start") or "", reverse=True)
    return found


_TIMELINE = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <http://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
# Within each article's graph: over the union, names given in many articles would multiply the rows.
SELECT ?event ?type ?st ?date ?start ?end ?place ?quote ?article (GROUP_CONCAT(DISTINCT ?n; SEPARATOR="; ") AS ?with)
WHERE { GRAPH ?g {
  ?event sem:hasActor <ACTOR> ; kg:interactionType ?type ; kg:status ?st ; kg:reportedIn ?art .
  OPTIONAL { ?event sem:hasActor ?o . FILTER (?o != <ACTOR>) ?o schema:name ?n }
  OPTIONAL { ?event kg:dateValue ?date ; kg:dateStart ?start ; kg:dateEnd ?end }
  OPTIONAL { ?event sem:hasPlace/schema:name ?place }
  OPTIONAL { ?event prov:wasDerivedFrom/nif:anchorOf ?quote }
  OPTIONAL { ?art kg:articleKey ?article }
} }
GROUP BY ?event ?type ?st ?date ?start ?end ?place ?quote ?article"""


def timeline(store: Store, actor: str, since: str | None = None, until: str | None = None) -> list[dict]:
    """Every interaction of ``actor`` (any type, any status) in date order, undated ones last.

    With ``since`` / ``until`` (ISO dates of any precision) only dated interactions overlapping the
    bounds are kept. Each item: event, type, status, date, start, end, place, quote, article, with.
    """
    low = period(since).start.isoformat() if since else None
    high = period(until).end.isoformat() if until else None
    rows = store.select(_TIMELINE.replace("ACTOR", actor)).dicts()
    items = {}
    for row in rows:
        # Names differ per article: one row per event, whichever came first.
        row["status"] = row.pop("st").rsplit("#", 1)[-1].lower()
        items.setdefault(row["event"], row)
    kept = [i for i in items.values() if _overlaps(i, low, high)]
    return sorted(kept, key=lambda i: (not i.get("start"), i.get("start") or "", i["type"], i["event"]))


def _overlaps(item: dict, low: str | None, high: str | None) -> bool:
    if low is None and high is None:
        return True
    if not item.get("start"):
        return False
    return (low is None or item["end"] >= low) and (high is None or item["start"] <= high)


def simple_graph(graph):
    """The projection as a simple graph: one tie per pair of actors, ``weight`` = their contacts."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for a, b in graph.edges():
        if a == b:
            continue
        if simple.has_edge(a, b):
            simple[a][b]["weight"] += 1
        else:
            simple.add_edge(a, b, weight=1)
    return simple


def _degree(simple, samples: int | None):
    import networkx as nx

    return nx.degree_centrality(simple)


def _betweenness(simple, samples: int | None):
    import networkx as nx

    k = samples or DEFAULT_BETWEENNESS_SAMPLES
    k = k if k < simple.number_of_nodes() else None
    return nx.betweenness_centrality(simple, k=k, seed=SEED)


def _eigenvector(simple, samples: int | None):
    import networkx as nx

    try:
        return nx.eigenvector_centrality(simple, max_iter=1000, tol=1e-6)
    except nx.PowerIterationFailedConvergence:
        raise KgError("eigenvector centrality did not converge on this graph; try degree or betweenness") from None


MEASURES = {"degree": _degree, "betweenness": _betweenness, "eigenvector": _eigenvector}


def centrality(graph, measure: str = "degree", top: int = 20, samples: int | None = None) -> list[Score]:
    """The ``top`` actors by ``measure`` (a name in MEASURES), highest first.

    ``samples``: for betweenness, the number of source actors sampled (seeded), default 500;
    exact when the graph has no more actors than that.
    """
    if measure not in MEASURES:
        raise UnknownFormat(f"no such measure: {measure} (choose from {', '.join(MEASURES)})")
    simple = simple_graph(graph)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_nodes() == 0:
        return []
    scores = MEASURES[measure](simple, samples)
    ranked = sorted(scores.items(), key=lambda s: (-s[1], simple.nodes[s[0]].get("name") or s[0]))
    return [Score(n, simple.nodes[n].get("name") or n, simple.nodes[n].get("kind"), float(v))
            for n, v in ranked[:top]]


def communities(graph, seed: int = SEED, resolution: float = 1.0) -> list[list[str]]:
    """Groups of actors found by Louvain modularity (seeded, so runs agree), largest first.

    Actors with no contacts are left out; each group is sorted by name.
    """
    import networkx as nx

    simple = simple_graph(graph)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed, resolution=resolution)

    def name(n):
        return simple.nodes[n].get("name") or n

    groups = [sorted(group, key=name) for group in found]
    return sorted(groups, key=lambda g: (-len(g), name(g[0])))

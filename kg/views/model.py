"""A relationship map's content: actors, the links between them and the interactions on each link.

``build_view`` turns a projection (a networkx MultiGraph of actors with one edge per interaction, as
``kg.analysis.projection.build_projection`` makes it) into a ``View``: plain tables the page reads.
Every interaction is stored once; a link (one per pair of actors) refers to its interactions by index,
so several meetings of the same two people make one line that lists them all.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import UnknownActor

# Above this many actors the page gets positions computed here and no physics, so it draws at once.
LAYOUT_THRESHOLD = 500

INTERACTION_FIELDS = ("type", "date", "start", "end", "precision", "place", "status", "quote", "article",
                      "title", "via", "event")
ARTICLE_FIELDS = ("iri", "title", "date", "publisher")
NODE_FIELDS = ("iri", "label", "kind", "posts", "degree")


@dataclass
class View:
    """What a map shows: the rows of its tables, in the order of ``*_FIELDS`` above.

    ``links`` rows are ``[source node index, target node index, [interaction indices]]``;
    an interaction row's ``article`` is an index into ``articles``. ``positions`` is empty when the
    browser lays the graph out itself (small graphs), else one ``[x, y]`` per node.
    """

    title: str
    nodes: list[list] = field(default_factory=list)
    links: list[list] = field(default_factory=list)
    interactions: list[list] = field(default_factory=list)
    articles: list[list] = field(default_factory=list)
    positions: list[list[int]] = field(default_factory=list)
    focus: int | None = None

    @property
    def physics(self) -> bool:
        """Whether the browser runs the force simulation (only when no positions were computed)."""
        return not self.positions


def build_view(graph, focus: str | None = None, hops: int | None = None, title: str = "kg relationship map",
               layout_threshold: int = LAYOUT_THRESHOLD) -> View:
    """The map of ``graph``: every actor, one link per pair of actors listing all their interactions.

    ``focus`` (an actor IRI, a node of ``graph``) keeps only the actors within ``hops`` links of it
    (default 2). Graphs with more than ``layout_threshold`` actors get their layout computed here.

    >>> import networkx as nx
    >>> g = nx.MultiGraph()
    >>> g.add_node("a", name="Ann", kind="Person"); g.add_node("b", name="Bo", kind="State")
    >>> _ = g.add_edge("a", "b", key="e1", type="meeting", date="2025-03-13", quote="Ann met Bo")
    >>> _ = g.add_edge("a", "b", key="e2", type="call", date=None, quote="Ann called Bo")
    >>> view = build_view(g)
    >>> len(view.nodes), len(view.links), view.links[0][2]
    (2, 1, [0, 1])
    """
    if hops is not None and hops < 0:
        raise ValueError("hops must be 0 or more")
    if focus is not None:
        graph = _neighbourhood(graph, focus, 2 if hops is None else hops)
    view = View(title=title)
    index = _add_nodes(view, graph)
    _add_links(view, graph, index)
    view.focus = index.get(focus) if focus is not None else None
    if graph.number_of_nodes() > layout_threshold:
        from kg.views.layout import layout

        view.positions = layout(len(view.nodes), [(s, t) for s, t, _ in view.links])
    return view


def _neighbourhood(graph, focus: str, hops: int):
    import networkx as nx

    if focus not in graph:
        raise UnknownActor(f"{focus} has no links in this map; widen the filters (--include-planned, "
                           "--types, --via roles) or pick another actor")
    return nx.ego_graph(graph, focus, radius=hops)


def _add_nodes(view: View, graph) -> dict[str, int]:
    index = {}
    for iri, attrs in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        index[iri] = len(view.nodes)
        neighbours = sum(1 for n in graph.neighbors(iri) if n != iri)
        view.nodes.append([iri, attrs.get("name") or _tail(iri), attrs.get("kind") or "Actor",
                           sorted(attrs.get("posts") or []), neighbours])
    return index


def _add_links(view: View, graph, index: dict[str, int]) -> None:
    articles: dict[str, int] = {}
    pairs: dict[tuple[int, int], list[int]] = {}
    for u, v, attrs in sorted(graph.edges(data=True), key=_edge_order):
        pair = tuple(sorted((index[u], index[v])))
        pairs.setdefault(pair, []).append(len(view.interactions))
        view.interactions.append(_interaction_row(view, graph, attrs, articles))
    view.links = [[a, b, found] for (a, b), found in sorted(pairs.items())]


def _interaction_row(view: View, graph, attrs: dict, articles: dict[str, int]) -> list:
    article = attrs.get("article")
    if article is not None and article not in articles:
        articles[article] = len(view.articles)
        view.articles.append([article, attrs.get("article_title"), _text(attrs.get("article_date")),
                              attrs.get("publisher")])
    place = attrs.get("place")
    if place in graph.nodes:  # an actor IRI: show its name
        place = graph.nodes[place].get("name") or place
    return [attrs.get("type") or "other", _text(attrs.get("date")), _text(attrs.get("start")),
            _text(attrs.get("end")), attrs.get("precision"), place, attrs.get("status") or "occurred",
            attrs.get("quote"), articles.get(article), attrs.get("title"), attrs.get("via"), attrs.get("event")]


def _edge_order(edge) -> tuple:
    """Interactions on a link sorted by date (undated last), so the page lists them in time order."""
    attrs = edge[2]
    return (str(attrs.get("start") or "9999"), str(attrs.get("date") or ""), str(attrs.get("event") or ""))


def _text(value) -> str | None:
    return None if value is None else str(value)


def _tail(iri: str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

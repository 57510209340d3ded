"""Paths between actors over the projection, each hop with the contact that makes it and its evidence.

Static paths count hops. A *time-respecting* path is one whose hops happen in order: each hop's date
is on or after the previous hop's, so news could have passed along it. Among those,
``time_respecting_path`` finds the earliest-arrival one (then the fewest hops). A contact dated to a
week, month or year counts by its earliest possible day (the path notes it); undated contacts cannot
be placed in time and are left out; role and part-of links are standing relations, usable at any time.

The time-respecting search reads a ``ContactIndex`` built once per projection (and cached with it):
each actor's dated contacts sorted by day. It reaches actors in order of arrival day and keeps one
cursor per reached actor on its next contact on or after that day, so contacts dated after the target
is reached are never read and no contact is read twice.
"""
from __future__ import annotations

import bisect
import heapq
import itertools
from dataclasses import dataclass, field

from kg.dates import period
from kg.errors import NoPath

TIMELESS = ("role", "part_of")
INDEX = "_contact_index"  # where contact_index keeps its lists in graph.graph
ALL_PATHS_LIMIT = 100


@dataclass
class Hop:
    """One step of a path: from one actor to the next, by the contact ``edge`` (its attributes)."""

    source: str
    target: str
    key: str
    edge: dict
    others: int = 0  # further contacts between the same two actors, not shown


@dataclass
class ContactPath:
    """A path: the actors in order, the hops between them and notes on how to read it."""

    nodes: list[str]
    hops: list[Hop]
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.hops)


def shortest_contact_path(graph, source: str, target: str) -> ContactPath:
    """The shortest path (fewest hops) from ``source`` to ``target``; raises NoPath saying why.

    >>> import networkx as nx
    >>> g = nx.MultiGraph(); g.add_edge("a", "b", key="e1", type="call", start="2025-01-02")
    'e1'
    >>> shortest_contact_path(g, "a", "b").nodes
    ['a', 'b']
    """
    import networkx as nx

    _check_ends(graph, source, target)
    try:
        nodes = nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        raise NoPath(_no_path_reason(graph, source, target)) from None
    return _static_path(graph, nodes)


def all_shortest_contact_paths(graph, source: str, target: str,
                               limit: int = ALL_PATHS_LIMIT) -> list[ContactPath]:
    """Every shortest path from ``source`` to ``target`` (at most ``limit``); raises NoPath."""
    import networkx as nx

    shortest_contact_path(graph, source, target)
    found = itertools.islice(nx.all_shortest_paths(graph, source, target), limit)
    return [_static_path(graph, nodes) for nodes in sorted(found, key=lambda p: _names(graph, p))]


def k_shortest_contact_paths(graph, source: str, target: str, k: int) -> list[ContactPath]:
    """The ``k`` shortest simple paths, shortest first; raises NoPath when there is none."""
    import networkx as nx

    if k < 1:
        raise ValueError("k must be at least 1")
    shortest_contact_path(graph, source, target)
    simple = nx.Graph(graph.subgraph(nx.node_connected_component(graph, source)))
    found = itertools.islice(nx.shortest_simple_paths(simple, source, target), k)
    return [_static_path(graph, nodes) for nodes in found]


def time_respecting_path(graph, source: str, target: str, start: str | None = None) -> ContactPath:
    """The earliest-arrival path whose hop dates never go back in time, starting on or after
    ``start`` (an ISO date of any precision; its first day counts). Raises NoPath saying why.
    """
    _check_ends(graph, source, target)
    index = contact_index(graph)
    begin = _day(period(start).start.isoformat()) if start else 0
    first, last = index.ids[source], index.ids[target]
    # Actors in different groups need no search to know there is no path.
    same_group = index.component.get(source) == index.component.get(target)
    previous = _earliest_arrival(index, first, last, begin) if same_group else {}
    if last not in previous:
        raise NoPath(_no_timed_path_reason(graph, source, target, start))
    hops = []
    node = last
    while node != first:
        before, link = previous[node]
        key = index.keys[before][link] if link >= 0 else index.standing[before][-1 - link][1]
        a, b = index.actors[before], index.actors[node]
        hops.append(Hop(a, b, key, graph.edges[a, b, key], graph.number_of_edges(a, b) - 1))
        node = before
    hops.reverse()
    path = ContactPath([source] + [h.target for h in hops], hops)
    path.notes = _timed_notes(graph, path)
    return path


# -- static paths -------------------------------------------------------------------------------

def _check_ends(graph, source: str, target: str) -> None:
    if source == target:
        raise NoPath(f"{_name(graph, source)} and {_name(graph, target)} are the same actor")
    for node in (source, target):
        if node not in graph or graph.degree(node) == 0:
            raise NoPath(f"no contact path between {_name(graph, source)} and {_name(graph, target)}; "
                         f"{_name(graph, node)} has no recorded contacts")


def _static_path(graph, nodes: list[str]) -> ContactPath:
    hops = []
    for a, b in zip(nodes, nodes[1:]):
        edges = graph.get_edge_data(a, b)
        key = min(edges, key=lambda k: _preference(edges[k], k))
        hops.append(Hop(a, b, key, edges[key], len(edges) - 1))
    path = ContactPath(list(nodes), hops)
    if any(h.edge.get("precision") not in (None, "day") for h in hops):
        path.notes.append("dates of a week, month or year are shown as stated")
    return path


def _preference(edge: dict, key: str) -> tuple:
    """Which of several contacts between two actors to show: occurred before planned, dated before
    undated, a day before a coarser period, the most recent, then a stable order."""
    occurred = edge.get("status") == "occurred"
    start = edge.get("start") or ""
    return (not occurred, not start, edge.get("precision") not in (None, "day"),
            _descending(start), key)


def _descending(text: str) -> tuple:
    return tuple(-ord(c) for c in text)


def _no_path_reason(graph, source: str, target: str) -> str:
    import networkx as nx

    here = len(nx.node_connected_component(graph, source))
    there = len(nx.node_connected_component(graph, target))
    return (f"no contact path between {_name(graph, source)} and {_name(graph, target)}; they are in "
            f"different groups of connected actors ({_name(graph, source)}'s has {here}, "
            f"{_name(graph, target)}'s has {there})")


# -- time-respecting paths ----------------------------------------------------------------------

INDEX_VERSION = 2  # bumped whenever ContactIndex changes shape: an older cached one is rebuilt
_HOPS_BITS, _SEQ_BITS = 24, 40  # heap entries are ints: day, then hops, then push order
_SEQ_MASK, _HOPS_MASK = (1 << _SEQ_BITS) - 1, (1 << _HOPS_BITS) - 1
_ANY_DAY = 9999_12_31


@dataclass
class ContactIndex:
    """What a time-respecting search reads, built once per projection.

    Actors are numbered (``actors[i]``, ``ids[actor]``) so a search works on ints. Per actor
    number: ``days`` its dated contacts' first days as YYYYMMDD ints, sorted by (day, key), with
    ``others`` the other actor's number and ``keys`` the edge key of each; undated contacts are left
    out, as no search can place them. ``standing``: per actor number, its role and part-of links as
    (other actor's number, key), usable at any time. ``component``: per actor, a number shared by
    the actors connected to it by any link.
    """

    actors: list[str]
    ids: dict[str, int]
    days: list[list[int]]
    others: list[list[int]]
    keys: list[list[str]]
    standing: dict[int, list[tuple[int, str]]]
    component: dict[str, int]
    version: int = INDEX_VERSION

    @property
    def timeline(self) -> dict[str, tuple[list[str], list[str], list[str]]]:
        """Per actor with dated contacts: (ISO days, other actors, edge keys), in day order."""
        return {self.actors[i]: ([_iso(d) for d in days], [self.actors[o] for o in self.others[i]],
                                 list(self.keys[i]))
                for i, days in enumerate(self.days) if days}


def contact_index(graph) -> ContactIndex:
    """The projection's ContactIndex, built on first use and kept in ``graph.graph`` (so the
    projection's cache holds it too)."""
    index = graph.graph.get(INDEX)
    if not isinstance(index, ContactIndex) or getattr(index, "version", 0) != INDEX_VERSION:
        index = graph.graph[INDEX] = _build_index(graph)
    return index


def _build_index(graph) -> ContactIndex:
    import networkx as nx

    actors = list(graph)
    ids = {a: i for i, a in enumerate(actors)}
    days, others, keys = [], [], []
    standing: dict[int, list[tuple[int, str]]] = {}
    for i, (a, neighbours) in enumerate(graph.adj.items()):
        dated = []
        for b, edges in neighbours.items():
            if b == a:
                continue
            # Ties on (day, key) keep the order of the other actor's IRI, as searches always have.
            dated.extend((_day(e["start"]), k, b) for k, e in edges.items()
                         if e.get("type") not in TIMELESS and e.get("start"))
            link = min((k for k, e in edges.items() if e.get("type") in TIMELESS), default=None)
            if link is not None:
                standing.setdefault(i, []).append((ids[b], link))
        dated.sort()
        days.append([d for d, _, _ in dated])
        others.append([ids[b] for _, _, b in dated])
        keys.append([k for _, k, _ in dated])
    component = {n: c for c, group in enumerate(nx.connected_components(graph)) for n in group}
    return ContactIndex(actors, ids, days, others, keys, standing, component)


def _day(iso: str) -> int:
    """An ISO day as a YYYYMMDD int: ints order as the ISO strings do, and compare faster."""
    return int(iso[:4]) * 10000 + int(iso[5:7]) * 100 + int(iso[8:10])


def _iso(day: int) -> str:
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}"


def _last_useful_day(index: ContactIndex, target: int) -> int:
    """The target is reached by one of its own contacts, so nothing dated after its last one can
    matter, unless a standing link (usable at any time) leads to it."""
    if target in index.standing:
        return _ANY_DAY
    days = index.days[target]
    return days[-1] if days else 0


def _earliest_arrival(index: ContactIndex, source: int, target: int,
                      begin: int) -> dict[int, tuple[int, int]]:
    """Earliest arrival, then fewest hops, from actor number ``source`` on day ``begin`` (0 is before
    any day): returns actor number -> (previous actor's number, link) for each actor reached, the
    link being a position in the previous actor's contacts, or ``-1 - j`` for its j-th standing link.

    The heap holds one cursor per reached actor: its next contact on or after the day it was
    reached, with an actor not yet reached. Popping a cursor reaches that contact's other actor and
    moves the cursor on. Contacts dated after the target is reached are never looked at, and a
    contact with an actor already reached is stepped over without touching the heap. A heap entry
    is one int (day, hops, push order: the order of the tuples it replaces) and the cursor it moves
    sits in ``who``/``where``: ints compare several times faster than tuples of strings.
    """
    all_days, all_others, standing = index.days, index.others, index.standing
    last = _last_useful_day(index, target)
    seen = bytearray(len(index.actors))
    previous: dict[int, tuple[int, int]] = {}
    heap: list[int] = []
    who: list[int] = []
    where: list[int] = []
    pop, push, replace, bisect_left = heapq.heappop, heapq.heappush, heapq.heapreplace, bisect.bisect_left
    seq_bits, hops_bits, seq_mask, hops_mask = _SEQ_BITS, _HOPS_BITS, _SEQ_MASK, _HOPS_MASK
    day_shift = seq_bits + hops_bits
    beyond = (last + 1) << day_shift  # the first heap entry dated after ``last``

    # One loop, no helper calls: this runs once per contact read, tens of thousands of times a search.
    node, day, hops = source, begin, 0  # the actor just reached, on which day, in how many hops
    seen[source] = 1
    while True:
        # Start the cursor of ``node`` on its first contact from ``day`` on with an actor not reached.
        hops += 1
        days, others = all_days[node], all_others[node]
        first, end = bisect_left(days, day), len(days)
        while first < end and seen[others[first]]:
            first += 1
        if first < end and days[first] <= last:
            push(heap, (((days[first] << hops_bits) | hops) << seq_bits) | len(who))
            who.append(node)
            where.append(first)
        if node in standing:
            for j, (other, _) in enumerate(standing[node]):
                if not seen[other]:
                    push(heap, (((day << hops_bits) | hops) << seq_bits) | len(who))
                    who.append(node)
                    where.append(-1 - j)
        # Take the earliest cursor, move it on (replacing it in the heap: one sift instead of two),
        # until one reaches an actor not reached yet.
        while True:
            if not heap or heap[0] >= beyond:
                return previous
            entry = heap[0]
            seq = entry & seq_mask
            node, position = who[seq], where[seq]
            hops = (entry >> seq_bits) & hops_mask
            if position < 0:
                pop(heap)
                other = standing[node][-1 - position][0]
            else:
                days, others = all_days[node], all_others[node]
                other = others[position]
                first, end = position + 1, len(days)
                while first < end and seen[others[first]]:
                    first += 1
                if first < end and days[first] <= last:
                    replace(heap, (((days[first] << hops_bits) | hops) << seq_bits) | len(who))
                    who.append(node)
                    where.append(first)
                else:
                    pop(heap)
            if not seen[other]:
                break
        seen[other] = 1
        previous[other] = (node, position)
        if other == target:
            return previous
        node, day = other, entry >> day_shift


def _timed_notes(graph, path: ContactPath) -> list[str]:
    notes = ["hops are in date order: each on or after the one before"]
    coarse = [h for h in path.hops if h.edge.get("precision") not in (None, "day")
              and h.edge.get("type") not in TIMELESS]
    if coarse:
        stated = ", ".join(f"{h.edge['date']} as {h.edge['start']}" for h in coarse)
        notes.append(f"a contact dated to a week, month or year counts from its earliest day ({stated})")
    undated = graph.graph.get("undated_contacts", 0)
    if undated:
        notes.append(f"{undated} undated contact(s) cannot be placed in time and were not used")
    return notes


def _no_timed_path_reason(graph, source: str, target: str, start: str | None) -> str:
    import networkx as nx

    who = f"{_name(graph, source)} and {_name(graph, target)}"
    component = contact_index(graph).component
    if component.get(source) != component.get(target):
        return _no_path_reason(graph, source, target).replace("no contact path", "no time-respecting path", 1)
    after = f" starting on or after {start}" if start else ""
    hops = nx.shortest_path_length(graph, source, target)
    return (f"no time-respecting path between {who}{after}: a {hops}-hop path exists, but every path "
            f"goes back in time or uses an undated contact (run without --time-respecting to see it)")


def _name(graph, node: str) -> str:
    if node in graph:
        return graph.nodes[node].get("name") or node
    return node.rsplit("/", 1)[-1]


def _names(graph, nodes: list[str]) -> list[str]:
    return [_name(graph, n) for n in nodes]

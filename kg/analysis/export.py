"""The projection as a graph file for Gephi, Cytoscape or yEd: GraphML or GEXF, chosen from a registry.

Both formats want plain attribute values, so lists are joined with "; " and missing (None) values are
left out. In GEXF an edge's ``start`` / ``end`` (its earliest and latest day) are the edge's own
``start``/``end`` XML attributes, which Gephi's timeline reads; the interaction type is written as
``interaction`` because GEXF reserves ``type`` for directed/undirected. GraphML keeps every attribute
under its own name, with ``start``/``end`` as ISO date strings.
"""
from __future__ import annotations

import io
from pathlib import Path

from kg.errors import UnknownFormat
from kg.fileio import atomic_write_bytes


def _plain(value):
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return value


def _clean(data: dict, rename: dict[str, str]) -> dict:
    return {rename.get(k, k): _plain(v) for k, v in data.items() if v is not None and v != []}


def serialisable(graph, rename: dict[str, str] | None = None):
    """A copy of the projection whose attributes every graph format can write."""
    import networkx as nx

    rename = rename or {}
    out = nx.MultiGraph()
    # Keys starting with "_" are indexes kept with the projection, not attributes of it.
    out.graph.update(_clean({k: v for k, v in graph.graph.items() if not k.startswith("_")}, {}))
    for node, data in graph.nodes(data=True):
        out.add_node(node, label=data.get("name") or node, **_clean(data, {}))
    for a, b, key, data in graph.edges(keys=True, data=True):
        out.add_edge(a, b, key=key, **_clean(data, rename))
    return out


def _graphml_bytes(graph) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(serialisable(graph), buffer)
    return buffer.getvalue()


def _gexf_bytes(graph) -> bytes:
    import networkx as nx

    out = serialisable(graph, {"type": "interaction"})
    out.graph["mode"] = "dynamic"
    buffer = io.BytesIO()
    nx.write_gexf(out, buffer, version="1.2draft")
    return buffer.getvalue()


GRAPH_FORMATS = {"graphml": _graphml_bytes, "gexf": _gexf_bytes}


def write_graph(graph, fmt: str, path: Path | str) -> None:
    """Write the projection to ``path`` in ``fmt`` (a name in GRAPH_FORMATS).

    The file is written whole or not at all; a path that cannot be written raises KgError.
    """
    if fmt not in GRAPH_FORMATS:
        raise UnknownFormat(f"no such graph format: {fmt} (choose from {', '.join(GRAPH_FORMATS)})")
    atomic_write_bytes(Path(path), GRAPH_FORMATS[fmt](graph))

"""N-Quads text from rdflib terms: the form kg hands to every store, embedded or remote.

rdflib's ``n3()`` writes Turtle (long strings in triple quotes), which N-Quads parsers reject, so kg
writes the few term forms it produces itself.
"""
from __future__ import annotations

from typing import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = str(XSD.string)


def term(node) -> str:
    """One RDF term in N-Triples syntax.

    >>> term(Literal('say "hi"\\nthen'))
    '"say \\\\"hi\\\\"\\\\nthen"'
    >>> term(URIRef("http://a/b"))
    '<http://a/b>'
    """
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        body = f'"{str(node).translate(_ESCAPES)}"'
        if node.language:
            return f"{body}@{node.language}"
        if node.datatype is not None and str(node.datatype) != _XSD_STRING:
            return f"{body}^^<{node.datatype}>"
        return body
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


def quads(graph: URIRef | str, triples: Iterable[tuple]) -> str:
    """The triples as N-Quads lines in ``graph``; IRIs repeat a lot, so their text is cached."""
    g = f"<{graph}>"
    cache: dict = {}
    lines = []
    for s, p, o in triples:
        parts = []
        for node in (s, p, o):
            text = cache.get(node) if isinstance(node, URIRef) else None
            if text is None:
                text = term(node)
                if isinstance(node, URIRef):
                    cache[node] = text
            parts.append(text)
        lines.append(f"{parts[0]} {parts[1]} {parts[2]} {g} .\n")
    return "".join(lines)

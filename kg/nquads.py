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
        return _literal(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


def quoted(text: str) -> str:
    r"""``text`` as a quoted string literal, escaped for N-Triples and SPARQL alike.

    >>> print(quoted('say "hi" \\ now'))
    "say \"hi\" \\ now"
    """
    return f'"{str.translate(text, _ESCAPES)}"'


def _literal(node: Literal) -> str:
    # str.translate on the literal itself: str(node) would copy it first; each property read once.
    body = str.translate(node, _ESCAPES)
    language = node.language
    if language:
        return f'"{body}"@{language}'
    datatype = node.datatype
    if datatype is None or str.__eq__(datatype, _XSD_STRING):
        return f'"{body}"'
    return f'"{body}"^^<{datatype}>'


def quads(graph: URIRef | str, triples: Iterable[tuple]) -> str:
    """The triples as N-Quads lines in ``graph``."""
    return "".join(quad_lines(graph, triples))


def quad_lines(graph: URIRef | str, triples: Iterable[tuple]) -> list[str]:
    """One N-Quads line (newline included) per triple, in ``graph``.

    IRIs repeat a lot (every triple of an article shares a few dozen), so their text is made once;
    this loop is most of the time kg spends turning an article into what the store loads.

    >>> quad_lines("http://g", [(URIRef("http://s"), URIRef("http://p"), Literal("o"))])
    ['<http://s> <http://p> "o" <http://g> .\\n']
    """
    tail = f" <{graph}> .\n"
    iris: dict = {}
    lines = []
    append = lines.append
    for s, p, o in triples:
        ts = iris.get(s)
        if ts is None:
            ts = iris[s] = term(s)
        tp = iris.get(p)
        if tp is None:
            tp = iris[p] = term(p)
        if type(o) is URIRef:
            to = iris.get(o)
            if to is None:
                to = iris[o] = f"<{o}>"
        elif type(o) is Literal:
            to = _literal(o)
        else:
            to = term(o)
        append(f"{ts} {tp} {to}{tail}")
    return lines

"""Whole-store operations: statistics, export and SHACL validation."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from kg.errors import UnknownFormat
from kg.nquads import quoted
from kg.store import Store
from kg.vocab import ontology_dir

EXPORT_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld")
_PREFIXES = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX schema: <http://schema.org/>
"""


@dataclass
class Stats:
    """What the store holds: quads, articles, things per class, and the span of interaction dates."""

    quads: int
    articles: int
    classes: list[tuple[str, int]]
    first_date: str | None
    last_date: str | None


def stats(store: Store) -> Stats:
    """Counts per kg class, the number of articles and the range of interaction dates."""
    classes = store.select(_PREFIXES + """
        SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c . FILTER (STRSTARTS(STR(?c), STR(kg:)))
        BIND (STRAFTER(STR(?c), "#") AS ?class) } GROUP BY ?class ORDER BY DESC(?n) ?class""").rows
    articles = store.select(_PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }").rows
    span = store.select(_PREFIXES + "SELECT (MIN(?s) AS ?first) (MAX(?e) AS ?last) WHERE { "
                        "?x kg:dateStart ?s ; kg:dateEnd ?e }").rows
    first, last = span[0] if span else (None, None)
    return Stats(store.count(), int(articles[0][0]), [(c, int(n)) for c, n in classes], first, last)


def export(store: Store, fmt: str) -> Iterator[bytes]:
    """The store serialised as ``ttl``, ``nt`` (the union of all graphs), ``trig``, ``nq`` or ``jsonld``."""
    if fmt not in EXPORT_FORMATS:
        raise UnknownFormat(f"no such format: {fmt} (choose from {', '.join(EXPORT_FORMATS)})")
    return store.dump(fmt)


@dataclass
class Validation:
    """The outcome of SHACL validation: whether the data conforms, and one line per violation."""

    conforms: bool
    violations: list[str]


def validate_store(store: Store) -> Validation:
    """Validate the union of the store's graphs against ``ontology/shapes.ttl`` with pySHACL."""
    import pyshacl
    from rdflib import Graph

    data = Graph()
    data.parse(data=b"".join(store.dump("nt")).decode("utf-8"), format="nt")
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    return Validation(bool(conforms), _violations(report))


def _violations(report) -> list[str]:
    from rdflib.namespace import SH

    lines = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        where = f"{focus} {path.n3() if path is not None else ''}".strip()
        got = f" (value {value.n3()})" if value is not None else ""
        lines.append(f"{where}: {message}{got}")
    return sorted(lines)


def find_article_graph(store: Store, name: str) -> str:
    """The named graph of the article known by ``name``: its key (file name or URL), or a graph IRI."""
    from kg.errors import KgError

    if name in store.graphs():
        return name
    rows = store.select(_PREFIXES + f'SELECT ?g WHERE {{ GRAPH ?g {{ ?a kg:articleKey ?k . '
                        f'FILTER (?k = {quoted(name)} || STRENDS(?k, {quoted("/" + name)})) }} }}').rows
    graphs = sorted({g for (g,) in rows})
    if len(graphs) == 1:
        return graphs[0]
    if graphs:
        raise KgError(f"{name!r} names {len(graphs)} articles: {', '.join(graphs[:5])}; give the full key")
    raise KgError(f"no article {name!r} in the store (`kg query articles` lists them)")

"""The store interface every backend implements: articles in as named graphs, SPARQL out."""
from __future__ import annotations

import contextlib
import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Iterable, Iterator, NamedTuple

from kg.nquads import quad_lines as _quad_lines

KG = "https://w3id.org/kg-news/ontology#"
DIGEST = f"{KG}contentDigest"

RESULT_FORMATS = ("json", "xml", "csv", "tsv")


class GraphPayload(NamedTuple):
    """One article's graph, ready to store: its IRI, its N-Quads text and a digest of that text."""

    graph: str
    nquads: str
    digest: str


def payload(graph: str, triples: Iterable[tuple]) -> GraphPayload:
    """Serialise one article's triples for storing, with a digest that tells a changed article.

    The digest is kept in the graph (``<graph> kg:contentDigest "..."``) so that loading the same
    article again is recognised without reading the graph back.
    """
    # Lines as written, never split from text: str.splitlines() would split inside quotes at U+2028.
    body = "".join(sorted(_quad_lines(graph, triples)))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return GraphPayload(graph, f'{body}<{graph}> <{DIGEST}> "{digest}" <{graph}> .\n', digest)


@dataclass
class LoadReport:
    """What a load did, article by article."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    triples: int = 0

    def merge(self, other: "LoadReport") -> None:
        """Add another report's counts to this one."""
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.triples += other.triples


@dataclass
class SelectResult:
    """A SELECT result: variable names and rows of plain values (IRI or lexical form; None unbound)."""

    variables: list[str]
    rows: list[tuple]

    def dicts(self) -> list[dict]:
        """The rows as dicts, unbound variables left out."""
        return [{v: x for v, x in zip(self.variables, row) if x is not None} for row in self.rows]


class Store(ABC):
    """A quad store holding one named graph per article, queried with SPARQL over their union."""

    location: str

    @abstractmethod
    def load(self, payloads: Iterable[GraphPayload]) -> LoadReport:
        """Store each article's graph atomically: add it, replace a changed one, skip an unchanged one."""

    @abstractmethod
    def remove(self, graph: str) -> bool:
        """Drop one article's graph; False when it was not there."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The IRIs of the named graphs in the store."""

    @abstractmethod
    def select(self, sparql: str, timeout: float | None = None) -> SelectResult:
        """Run a SELECT (or ASK, as one row with one boolean) over the union of all graphs."""

    @abstractmethod
    def query_raw(self, sparql: str, fmt: str, timeout: float | None = None) -> bytes:
        """Run a query and return its results serialised by the store in ``fmt`` (RESULT_FORMATS,
        or an RDF format for CONSTRUCT/DESCRIBE)."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction."""

    @abstractmethod
    def dump(self, fmt: str) -> Iterator[bytes]:
        """Every quad (or, for triple formats, the union of the graphs) serialised in ``fmt``."""

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[object]:
        """Keep the store open (and, where it has one, its lock held) across several operations."""
        yield self

    def digests(self, graphs: list[str]) -> dict[str, str]:
        """The stored content digest of each of ``graphs`` that is in the store."""
        if not graphs:
            return {}
        values = " ".join(f"<{g}>" for g in graphs)
        sparql = f"SELECT ?g ?d WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g <{DIGEST}> ?d }} }}"
        return {g: d for g, d in self.select(sparql).rows}

    def count(self) -> int:
        """The number of quads in the store."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(rows[0][0]) if rows else 0

    def content_hash(self) -> str:
        """A hash of every quad, independent of order: equal hashes mean equal content."""
        lines = sorted(b"".join(self.dump("nq")).splitlines())
        return hashlib.sha256(b"\n".join(lines)).hexdigest()

    def close(self) -> None:
        """Release what the store holds open."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

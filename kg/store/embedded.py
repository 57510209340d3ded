"""The embedded default: Oxigraph's on-disk store (RocksDB), opened per operation under a lock.

Why Oxigraph: on a 2M-triple actor graph it loaded 10x faster than rdflib in memory and answered
aggregates rdflib could not finish (see README, "Choosing the store"). Each article is one named
graph; queries see the union of all graphs as their default graph.
"""
from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg.errors import QueryError, QueryTimeout, StoreError, one_line
from kg.store.base import GraphPayload, LoadReport, SelectResult, Store
from kg.store.lock import locked

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"trig", "nq", "jsonld"}
RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
           "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
BULK_THRESHOLD = 200_000  # bytes of N-Quads in one batch above which the bulk loader pays off
JOURNAL = "kg.journal"


class EmbeddedStore(Store):
    """kg's on-disk store in a folder; ``":memory:"`` keeps it in memory (tests, one-off runs)."""

    def __init__(self, location: str | Path, on_wait=None):
        self.location = str(location)
        self._memory = ox.Store() if self.location == ":memory:" else None
        self.folder = None if self._memory is not None else Path(location).expanduser()
        self._on_wait = on_wait
        self._open: ox.Store | None = None
        if self.folder is not None and self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"store location {self.folder} is a file, not a folder")

    # -- sessions --------------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[ox.Store]:
        """Hold the lock and an open Oxigraph store for several operations."""
        if self._memory is not None:
            yield self._memory
            return
        if self._open is not None:
            yield self._open
            return
        if not write and (self.folder / JOURNAL).exists():
            self._recover_now()
        with locked(self.folder, write, on_wait=self._on_wait):
            store = self._connect(write)
            self._open = store
            try:
                if write:
                    self._recover(store)
                yield store
            finally:
                self._open = None
                if write:
                    store.flush()
                del store

    def _connect(self, write: bool) -> ox.Store:
        data = self.folder / "oxigraph"
        try:
            if write or not data.exists():
                return ox.Store(str(data)) if write else ox.Store()
            return ox.Store.read_only(str(data))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.folder}: {exc}") from None

    def _recover_now(self) -> None:
        """A reader must not see a bulk load that a crash cut short: drop it first, as a writer."""
        with locked(self.folder, True, on_wait=self._on_wait):
            store = self._connect(True)
            self._recover(store)
            del store

    def _recover(self, store: ox.Store) -> None:
        """Drop the graphs of a bulk load that a crash cut short, so no article stays half there."""
        journal = self.folder / JOURNAL
        if journal.exists():
            for graph in json.loads(journal.read_text() or "[]"):
                store.remove_graph(ox.NamedNode(graph))
            store.flush()
            journal.unlink()

    # -- writing ---------------------------------------------------------------------------------
    def load(self, payloads: Iterable[GraphPayload]) -> LoadReport:
        # One article twice in a batch: the later one wins, as if loaded after the first (two
        # fresh copies would otherwise be merged into one graph with two digests).
        payloads = list({p.graph: p for p in payloads}.values())
        report = LoadReport()
        with self.session(write=True) as store:
            known = self.digests([p.graph for p in payloads])
            fresh = []
            for p in payloads:
                if known.get(p.graph) == p.digest:
                    report.unchanged.append(p.graph)
                elif p.graph in known:
                    self._replace(store, p)
                    report.replaced.append(p.graph)
                else:
                    fresh.append(p)
            self._add(store, fresh)
            report.added += [p.graph for p in fresh]
            report.triples = sum(p.nquads.count("\n") for p in payloads if p.graph not in report.unchanged)
        return report

    def _replace(self, store: ox.Store, p: GraphPayload) -> None:
        # One update is one transaction: a reader never sees the old graph gone and the new one missing.
        body = p.nquads.replace(f" <{p.graph}> .\n", " .\n")
        try:
            store.update(f"DROP SILENT GRAPH <{p.graph}> ; INSERT DATA {{ GRAPH <{p.graph}> {{ {body} }} }}")
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"cannot replace {p.graph}: {exc}") from None

    def _add(self, store: ox.Store, fresh: list[GraphPayload]) -> None:
        if not fresh:
            return
        data = "".join(p.nquads for p in fresh).encode("utf-8")
        try:
            if len(data) < BULK_THRESHOLD or self.folder is None:
                store.load(input=data, format=ox.RdfFormat.N_QUADS)
                return
            self._bulk(store, data, [p.graph for p in fresh])
        except SyntaxError as exc:
            raise StoreError(f"the store refused the data: {exc}") from None

    def _bulk(self, store: ox.Store, data: bytes, graphs: list[str]) -> None:
        """The bulk loader is not transactional; a journal names the graphs until it is done."""
        journal = self.folder / JOURNAL
        tmp = journal.with_suffix(".tmp")
        tmp.write_text(json.dumps(graphs))
        os.replace(tmp, journal)
        store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        journal.unlink()

    def remove(self, graph: str) -> bool:
        with self.session(write=True) as store:
            node = ox.NamedNode(graph)
            if not store.contains_named_graph(node):
                return False
            store.remove_graph(node)
            return True

    def update(self, sparql: str) -> None:
        with self.session(write=True) as store:
            try:
                store.update(sparql)
            except SyntaxError as exc:
                raise QueryError(f"bad SPARQL update: {one_line(exc)}") from None

    def bulk_load_file(self, path: Path, fmt: str = "nq") -> None:
        """The raw bulk loader on a file, with no kg processing: the benchmarks' yardstick."""
        with self.session(write=True) as store:
            store.bulk_load(path=str(path), format=RDF_FORMATS[fmt])

    def optimize(self) -> None:
        """Compact the on-disk data after a large load (faster queries afterwards)."""
        with self.session(write=True) as store:
            store.optimize()

    # -- reading ---------------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        with self.session() as store:
            return sorted(g.value for g in store.named_graphs())

    def select(self, sparql: str, timeout: float | None = None) -> SelectResult:
        with self.session() as store:
            return self._run(store, sparql, timeout, _to_select)

    def query_raw(self, sparql: str, fmt: str, timeout: float | None = None) -> bytes:
        with self.session() as store:
            return self._run(store, sparql, timeout, lambda result: _serialise(result, fmt))

    def _run(self, store: ox.Store, sparql: str, timeout: float | None, consume):
        def run():
            # Reading the solutions is where the work happens, so it runs under the limit too.
            return consume(store.query(sparql, use_default_graph_as_union=True))

        try:
            return _with_timeout(run, timeout) if timeout else run()
        except SyntaxError as exc:
            raise QueryError(f"bad SPARQL: {one_line(exc)}") from None
        except OSError as exc:
            raise QueryError(f"the query failed: {one_line(exc)}") from None

    def dump(self, fmt: str) -> Iterator[bytes]:
        if fmt not in RDF_FORMATS:
            raise QueryError(f"no such export format: {fmt} (choose from {', '.join(RDF_FORMATS)})")
        with self.session() as store:
            if fmt in DATASET_FORMATS:
                yield store.dump(format=RDF_FORMATS[fmt])
                return
            union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            yield union.serialize(format=RDF_FORMATS[fmt])


def _with_timeout(fn, timeout: float):
    """Run ``fn`` in a daemon thread; give up waiting after ``timeout`` seconds.

    Oxigraph cannot cancel a running query, so the thread is left to finish on its own; a CLI
    process exits regardless of it.
    """
    box: dict = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the caller's thread
            # Without its traceback: the frames hold Oxigraph objects that must be freed in this thread.
            box["error"] = exc.with_traceback(None)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"the query ran over the {timeout:g} s time limit (raise it with --timeout)")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _to_select(result) -> SelectResult:
    if isinstance(result, ox.QueryBoolean):
        return SelectResult(["ask"], [(bool(result),)])
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("not a SELECT or ASK query: CONSTRUCT and DESCRIBE give a graph, not a table "
                         "(use kg export, or the endpoint of kg serve)")
    names = [v.value for v in result.variables]
    width = range(len(names))
    return SelectResult(names, [tuple(_value(s[i]) for i in width) for s in result])


_NUMBERS = {"http://www.w3.org/2001/XMLSchema#integer": int, "http://www.w3.org/2001/XMLSchema#decimal": float,
            "http://www.w3.org/2001/XMLSchema#double": float,
            "http://www.w3.org/2001/XMLSchema#boolean": lambda v: v == "true" or v == "1"}


def _value(term):
    """A term as a plain Python value: numbers and booleans typed, everything else its string."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = _NUMBERS.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except ValueError:
                return term.value
    return term.value


def _serialise(result, fmt: str) -> bytes:
    if isinstance(result, ox.QueryTriples):
        if fmt not in RDF_FORMATS or fmt in DATASET_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph: use ttl, nt or xml, not {fmt}")
        return result.serialize(format=RDF_FORMATS[fmt])
    if fmt not in RESULTS:
        raise QueryError(f"a SELECT or ASK result cannot be written as {fmt}: use json, xml, csv or tsv")
    return result.serialize(format=RESULTS[fmt])

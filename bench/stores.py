"""Why Oxigraph: load and "who met X" on the same synthetic corpus in four stores, in memory.

Usage: .venv/bin/python bench/stores.py [--triples 100000] [--runs 5]

Stores: pyoxigraph in memory (``Store.load`` of N-Quads), kg's embedded store on disk (pyoxigraph,
bulk loader), rdflib + oxrdflib (``Dataset(store="Oxigraph")``, Oxigraph parsing) and plain rdflib
in memory (``Dataset``, rdflib parsing). All answer kg's saved ``who-met`` query for the person
with the most interactions over the union of the article graphs. Needs ``oxrdflib==0.5.0`` (bench
only; not a kg dependency).
"""
from __future__ import annotations

import argparse
import collections
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate  # noqa: E402

from kg.load import to_payload  # noqa: E402
from kg.query import saved_queries  # noqa: E402
from kg.rdf import actor_iri  # noqa: E402

PER_ARTICLE = 10
TRIPLES_PER_ARTICLE = 700  # measured: bench/load.py estimates the same figure from a sample


def corpus(triples: int, seed: int) -> tuple[bytes, str]:
    """N-Quads of about ``triples`` triples, and the IRI of the person in the most interactions."""
    articles = max(1, triples // TRIPLES_PER_ARTICLE)
    degree: collections.Counter = collections.Counter()
    parts = []
    for facts, text in generate(max(200, articles * 3), articles * PER_ARTICLE, articles, seed):
        people = {a["id"]: a for a in facts["actors"] if a["type"] == "Person"}
        for it in facts["interactions"]:
            degree.update(str(actor_iri(people[p])) for p in it["participants"] if p in people)
        parts.append(to_payload(None, facts, text).nquads)
    return "".join(parts).encode("utf-8"), degree.most_common(1)[0][0]


def who_met(person: str) -> str:
    """kg's saved who-met query with ?actor bound to ``person``."""
    text = saved_queries()["who-met"].text
    return text.replace("WHERE {", f"WHERE {{ VALUES ?actor {{ <{person}> }}", 1)


def oxigraph_memory(data: bytes, work: Path):
    import pyoxigraph as ox

    store = ox.Store()
    store.load(input=data, format=ox.RdfFormat.N_QUADS)
    return lambda q: len(list(store.query(q, use_default_graph_as_union=True)))


def kg_embedded(data: bytes, work: Path):
    from kg.store.embedded import EmbeddedStore

    (work / "all.nq").write_bytes(data)
    store = EmbeddedStore(work / "embedded")
    store.bulk_load_file(work / "all.nq")
    return lambda q: len(store.select(q).rows)


def rdflib_oxrdflib(data: bytes, work: Path):
    from rdflib import Dataset

    dataset = Dataset(store="Oxigraph", default_union=True)
    dataset.parse(data=data, format="ox-nquads")
    return lambda q: len(list(dataset.query(q)))


def rdflib_memory(data: bytes, work: Path):
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    return lambda q: len(list(dataset.query(q)))


STORES = {
    "pyoxigraph in memory": oxigraph_memory,
    "kg embedded (pyoxigraph on disk, bulk)": kg_embedded,
    "rdflib + oxrdflib (Oxigraph) in memory": rdflib_oxrdflib,
    "rdflib 7.6 in memory": rdflib_memory,
}


def measure(load, data: bytes, sparql: str, runs: int) -> tuple[float, float, int]:
    """Seconds to load, median milliseconds of the query over ``runs``, and its row count."""
    work = Path(tempfile.mkdtemp(prefix="kg-bench-stores-"))
    try:
        began = time.perf_counter()
        run = load(data, work)
        loaded = time.perf_counter() - began
        times, rows = [], 0
        for _ in range(runs):
            began = time.perf_counter()
            rows = run(sparql)
            times.append(time.perf_counter() - began)
        return loaded, statistics.median(times) * 1000, rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    data, person = corpus(args.triples, args.seed)
    quads = data.count(b"\n")
    print(f"{quads} quads; who-met <{person.rsplit('/', 1)[-1]}>, median of {args.runs} runs")
    print(f"{'store':<40} {'load s':>7} {'triples/s':>10} {'who-met ms':>11} {'rows':>5}")
    for name, load in STORES.items():
        loaded, query_ms, rows = measure(load, data, who_met(person), args.runs)
        print(f"{name:<40} {loaded:>7.2f} {quads / loaded:>10.0f} {query_ms:>11.1f} {rows:>5}")


if __name__ == "__main__":
    main()

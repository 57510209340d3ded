"""Who-met-whom at scale: projection build, path latency and betweenness on a synthetic store.

Usage: .venv/bin/python bench/paths.py [--scale 1.0] [--store DIR] [--pairs 200] [--samples 500]
       [--load-only | --paths-only]

``--scale 1`` is 100k actors and 1M interactions (``--scale 0.1``: 10k and 100k). The corpus comes
from bench/synth.py (its articles' texts are left out: the projection never reads them), is mapped the
way ``kg load`` maps it and bulk-loaded into an embedded store (``--store`` keeps it for a rerun).
Then it prints:

- raw: the contact edges read with one SPARQL query (a row per pair of participants, with the
  event's attributes), the store serialising the results (TSV) and no per-row Python work: the
  yardstick; and the same for the two queries the build itself reads edges with (events, then
  participants);
- build: ``build_projection`` with no cache (goal: at most 2x raw), the contact index a
  time-respecting search reads, and reading both from the projection's cache;
- path latency p50/p95 over random pairs of actors with contacts, static and time-respecting
  (goal: p50 under 50 ms once built);
- betweenness with ``--samples`` sampled sources.

``--paths-only`` prints the path latencies alone, on the projection read from its cache (built and
cached first if missing): the quick rerun after a change to the searches.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate  # noqa: E402

from kg.analysis import build_projection  # noqa: E402
from kg.analysis.measures import simple_graph  # noqa: E402
from kg.analysis.paths import contact_index, shortest_contact_path, time_respecting_path  # noqa: E402
from kg.analysis.projection import (  # noqa: E402
    _contacts_query, _events_query, _Options, _participants_query,
)
from kg.errors import NoPath  # noqa: E402
from kg.load import to_payload  # noqa: E402
from kg.store.embedded import EmbeddedStore  # noqa: E402
from kg.vocab import CONTACT_TYPES  # noqa: E402

ACTORS, INTERACTIONS, PER_ARTICLE = 100_000, 1_000_000, 20


def fill(store: EmbeddedStore, actors: int, interactions: int, folder: Path) -> None:
    """Map the synthetic corpus and bulk-load it as one N-Quads file."""
    began = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / "synth.nq"
    with dump.open("w", encoding="utf-8") as out:
        for facts, _ in generate(actors, interactions, max(1, interactions // PER_ARTICLE), seed=7):
            out.write(to_payload(None, facts, None).nquads)
    mapped = time.perf_counter()
    store.bulk_load_file(dump)
    store.optimize()
    dump.unlink()
    print(f"corpus: {actors} actors, {interactions} interactions; mapped in {mapped - began:.1f} s, "
          f"bulk-loaded and optimised in {time.perf_counter() - mapped:.1f} s; {store.count()} quads")


def timed(fn, *args, **kwargs):
    began = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - began


def raw_read(store: EmbeddedStore) -> float:
    """The contact edges in one query, serialised by the store: no Python per row."""
    options = _Options(tuple(sorted(CONTACT_TYPES)), False, None, None, False)
    data, seconds = timed(store.query_raw, _contacts_query(options), "tsv")
    print(f"raw edge query, one query (TSV, {_rows(data)} rows): {seconds:.2f} s")
    events, apart = timed(store.query_raw, _events_query(options), "tsv")
    members, more = timed(store.query_raw, _participants_query(options), "tsv")
    print(f"raw edge queries of the build, events + participants (TSV, {_rows(events)} + "
          f"{_rows(members)} rows): {apart:.2f} + {more:.2f} s")
    return seconds


def _rows(tsv: bytes) -> int:
    return tsv.count(b"\n") - 1


def latency(graph, pairs, finder) -> str:
    times, missing = [], 0
    for a, b in pairs:
        began = time.perf_counter()
        try:
            finder(graph, a, b)
        except NoPath:
            missing += 1
        times.append((time.perf_counter() - began) * 1000)
    q = statistics.quantiles(times, n=20)
    return f"p50 {statistics.median(times):.2f} ms, p95 {q[18]:.2f} ms ({missing}/{len(pairs)} without a path)"


def paths(graph, count: int) -> None:
    """Path latency over ``count`` random pairs of actors with contacts (the same pairs every run)."""
    active = sorted(n for n in graph if graph.degree(n))
    rng = random.Random(1)
    pairs = [tuple(rng.sample(active, 2)) for _ in range(count)]
    print(f"path, static:           {latency(graph, pairs, shortest_contact_path)}")
    print(f"path, time-respecting:  {latency(graph, pairs, time_respecting_path)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 100k actors, 1M interactions")
    parser.add_argument("--store", type=Path, help="keep (or reuse) the store in this folder")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--samples", type=int, default=500, help="betweenness sources (0 skips it)")
    parser.add_argument("--load-only", action="store_true", help="build the store, measure nothing")
    parser.add_argument("--paths-only", action="store_true",
                        help="time the path searches alone, on the cached projection (built if missing)")
    args = parser.parse_args(argv)
    folder = args.store or Path(tempfile.mkdtemp(prefix="kg-bench-paths-"))
    store = EmbeddedStore(folder)
    if not (folder / "oxigraph").exists():
        fill(store, int(ACTORS * args.scale), int(INTERACTIONS * args.scale), folder)
    if args.load_only:
        return
    if args.paths_only:
        graph, took = timed(build_projection, store)
        print(f"projection (from its cache if there was one): {took:.2f} s")
        paths(graph, args.pairs)
        return
    raw = raw_read(store)
    graph, build = timed(build_projection, store, cache=False)
    print(f"projection build: {build:.2f} s = {build / raw:.2f}x raw "
          f"({graph.number_of_nodes()} actors, {graph.number_of_edges()} contact edges)")
    _, indexing = timed(contact_index, graph)
    print(f"contact index for time-respecting paths: {indexing:.2f} s")
    build_projection(store)
    _, cached = timed(build_projection, store)
    print(f"projection and index from their cache: {cached:.2f} s")
    paths(graph, args.pairs)
    if args.samples:
        import networkx as nx

        simple, convert = timed(simple_graph, graph)
        _, seconds = timed(nx.betweenness_centrality, simple, k=min(args.samples, len(simple)), seed=42)
        print(f"betweenness, k={args.samples}: {seconds:.1f} s (+{convert:.1f} s collapsing to a simple graph)")


if __name__ == "__main__":
    main()

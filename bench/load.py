"""Load speed: kg's own load path against Oxigraph's raw bulk loader, on the same synthetic corpus.

Usage: .venv/bin/python bench/load.py [--triples 1000000] [--batch 500] [--repeat 3] [--profile] [--keep DIR]

1. Generates a corpus (bench/synth.py) big enough for ``--triples`` triples, estimating the number
   of articles from a sample mapped the way kg maps it.
2. kg: ``kg.load.load_files`` (what ``kg load`` runs: read, validate, match identities, map, payload,
   store) over the facts files in batches of ``--batch`` articles, into a fresh embedded store.
3. raw: the same quads, dumped from kg's store as one N-Quads file, into another fresh store with
   pyoxigraph's ``Store.bulk_load`` (no parsing of facts, no validation, no mapping).
Prints triples, seconds and triples/s for each (medians of ``--repeat`` rounds, each round loading
kg then raw into fresh stores), and kg's speed as a share of the raw loader's.
``--profile`` also runs kg's path under cProfile and prints the top functions by cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import math
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate, write_corpus  # noqa: E402

from kg.load import load_files, to_payload  # noqa: E402
from kg.store.embedded import EmbeddedStore  # noqa: E402


def articles_for(triples: int, per_article: int, actors: int, seed: int) -> int:
    """How many articles of ``per_article`` interactions give about ``triples`` triples."""
    sample = list(generate(actors, per_article * 30, 30, seed + 1))
    mapped = sum(to_payload(None, facts, text).nquads.count("\n") for facts, text in sample)
    return math.ceil(triples / (mapped / len(sample)))


def load_with_kg(store: EmbeddedStore, paths: list[Path], batch: int) -> float:
    """Seconds to load ``paths`` through kg, ``batch`` files per call."""
    began = time.perf_counter()
    for start in range(0, len(paths), batch):
        load_files(store, paths[start:start + batch])
    return time.perf_counter() - began


def load_raw(folder: Path, nquads: Path) -> float:
    """Seconds for Oxigraph's bulk loader to load one N-Quads file into a fresh store."""
    store = EmbeddedStore(folder)
    began = time.perf_counter()
    store.bulk_load_file(nquads)
    return time.perf_counter() - began


def dump_nquads(store: EmbeddedStore, path: Path) -> None:
    """Write every quad of ``store`` to ``path``."""
    with path.open("wb") as out:
        for chunk in store.dump("nq"):
            out.write(chunk)


def profile_kg(paths: list[Path], batch: int, folder: Path, top: int = 30) -> str:
    """cProfile of kg's load path on ``paths``, the top functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    load_with_kg(EmbeddedStore(folder), paths, batch)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=10, help="interactions per article")
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500, help="articles per load call")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are printed")
    parser.add_argument("--profile", action="store_true", help="also profile kg's path (a third load)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-load-"))
    for name in ("corpus", "kg", "raw", "profiled"):
        shutil.rmtree(work / name, ignore_errors=True)
    try:
        run(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> None:
    articles = articles_for(args.triples, args.per_article, args.actors, args.seed)
    began = time.perf_counter()
    docs, size = write_corpus(work / "corpus", args.actors, articles * args.per_article, articles, args.seed)
    print(f"corpus      {docs} articles, {articles * args.per_article} interactions, {args.actors} actors, "
          f"{size / 1e6:.0f} MB, generated in {time.perf_counter() - began:.1f} s")
    paths = sorted((work / "corpus").glob("*.facts.json"))
    kg_times, raw_times = [], []
    for _ in range(args.repeat):
        # Fresh stores each round; kg and raw back to back so both meet the same machine load.
        for name in ("kg", "raw"):
            shutil.rmtree(work / name, ignore_errors=True)
        kg_store = EmbeddedStore(work / "kg")
        kg_times.append(load_with_kg(kg_store, paths, args.batch))
        triples = kg_store.count()
        dump_nquads(kg_store, work / "all.nq")
        raw_times.append(load_raw(work / "raw", work / "all.nq"))
        raw_triples = EmbeddedStore(work / "raw").count()
    kg_seconds, raw_seconds = statistics.median(kg_times), statistics.median(raw_times)
    runs = f"median of {args.repeat}" if args.repeat > 1 else "1 run"
    print(f"{'loader (' + runs + ')':<34} {'triples':>10} {'seconds':>8} {'triples/s':>10}")
    print(f"{'kg load_files, batch ' + str(args.batch):<34} {triples:>10} {kg_seconds:>8.1f} {triples / kg_seconds:>10.0f}")
    print(f"{'pyoxigraph bulk_load (raw)':<34} {raw_triples:>10} {raw_seconds:>8.1f} {raw_triples / raw_seconds:>10.0f}")
    if args.repeat > 1:
        print(f"rounds: kg {', '.join(f'{t:.1f}' for t in kg_times)} s; raw {', '.join(f'{t:.1f}' for t in raw_times)} s")
    ratio = (triples / kg_seconds) / (raw_triples / raw_seconds)
    print(f"kg / raw speed: {ratio:.2f} (goal >= 0.50)")
    if args.profile:
        print(profile_kg(paths, args.batch, work / "profiled"))


if __name__ == "__main__":
    main()

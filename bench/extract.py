"""Extraction speed: kg's extract_many against raw nlp.pipe on the same texts, and 2 workers vs 1.

Usage: .venv/bin/python bench/extract.py [--repeat 10] [--corpus ../shared/corpus/dev] [--best-of 3]
Prints articles/s and words/s for each (best of N runs), the ratios (goals: kg >= 0.8 of raw nlp.pipe,
2 workers >= 1.6x one) and the load average, since other jobs on the machine skew the figures.
"""
from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from kg.articles import read_article
from kg.extract import extract_many, load_pipeline


def _timed(run, best_of: int) -> float:
    """The best (least) wall-clock time of ``best_of`` runs."""
    times = []
    for _ in range(best_of):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _report(label: str, seconds: float, n: int, words: int) -> None:
    print(f"{label:<28} {seconds:7.2f} s  {n / seconds:7.2f} articles/s  {words / seconds:8.0f} words/s")


def main() -> None:
    """Parse options, time the three runs, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared/corpus/dev")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--best-of", type=int, default=3)
    args = parser.parse_args()

    base = [read_article(p) for p in sorted(args.corpus.glob("*.txt"))]
    articles = base * args.repeat
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    list(nlp.pipe(texts[:4]))  # warm up
    print(f"{len(articles)} articles, {words} words (corpus x{args.repeat})")

    print(f"load average before: {os.getloadavg()[0]:.2f} (cpus: {os.cpu_count()})")
    best = args.best_of
    raw = _timed(lambda: list(nlp.pipe(texts, batch_size=args.batch_size)), best)
    one = _timed(lambda: list(extract_many(articles, nlp=nlp, batch_size=args.batch_size)), best)
    before = _children_cpu()
    two = _timed(lambda: list(extract_many(articles, workers=2, batch_size=args.batch_size)), best)
    workers_cpu = (_children_cpu() - before) / best
    # what starting two workers costs (spawn, import spaCy, load the model), on two short articles
    start_up = _timed(lambda: list(extract_many(articles[:2], workers=2, batch_size=1)), best)
    _report("raw nlp.pipe", raw, len(articles), words)
    _report("kg extract_many workers=1", one, len(articles), words)
    _report("kg extract_many workers=2", two, len(articles), words)
    print(f"kg/raw throughput ratio (workers=1): {raw / one:.2f}")
    print(f"workers=2 / workers=1 speed-up:      {one / two:.2f} (includes worker start-up and model load)")
    print(f"worker start-up:                     {start_up:.2f} s; speed-up without it: {one / (two - start_up):.2f}")
    print(f"workers' CPU per run: {workers_cpu:.2f} s; 2 workers had {workers_cpu / two:.2f} of 2 cores "
          f"on average (below ~1.8 means other jobs took the rest)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

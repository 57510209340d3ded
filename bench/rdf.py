"""Speed of kg.rdf.facts_to_quads: triples per second mapping the dev gold files.

Usage: .venv/bin/python bench/rdf.py [--triples N] [--no-text]

Maps the gold facts of every dev article over and over, each copy under its own article key (so
every copy is a new named graph, as in a bulk load), until N triples (default 1,000,000) are made,
with the article text (offsets and mentions) unless --no-text. Prints the time and the rate.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.articles import read_article  # noqa: E402
from kg.rdf import facts_to_quads  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared/corpus/dev"


def corpus(with_text: bool) -> list[tuple[dict, str | None]]:
    """The dev gold facts with their article texts (or None)."""
    out = []
    for gold in sorted(DEV.glob("*.gold.json")):
        text = read_article(gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")).text
        out.append((json.loads(gold.read_text("utf-8")), text if with_text else None))
    return out


def run(docs: list[tuple[dict, str | None]], target: int) -> tuple[int, int, float]:
    """Map copies of the documents until ``target`` triples: (triples, documents, seconds)."""
    triples = count = 0
    start = time.perf_counter()
    while triples < target:
        facts, text = docs[count % len(docs)]
        copy = dict(facts, article=dict(facts["article"], key=f"bench-{count}"))
        triples += len(facts_to_quads(copy, text).triples)
        count += 1
    return triples, count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--no-text", action="store_true")
    args = parser.parse_args()
    triples, docs, seconds = run(corpus(not args.no_text), args.triples)
    print(f"mapped {docs} documents, {triples} triples in {seconds:.2f} s: "
          f"{triples / seconds:,.0f} triples/s, {seconds / docs * 1000:.2f} ms/document "
          f"({'without' if args.no_text else 'with'} text)")


if __name__ == "__main__":
    main()

"""Generated articles for the crash and concurrency tests: many short, distinct, extractable stories."""
from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

KG = str(Path(sys.executable).with_name("kg"))
DIGEST = "https://w3id.org/kg-news/ontology#contentDigest"

FIRST = ["Anna", "Boris", "Carlos", "Dmitri", "Elena", "Farid", "Greta", "Hans", "Ingrid", "Jorge", "Karim",
         "Lena", "Marco", "Nadia", "Olaf", "Pavel", "Rosa", "Stefan", "Tomas", "Viktor"]
LAST = ["Novak", "Keller", "Moreau", "Rossi", "Lindqvist", "Haddad", "Petrov", "Schmidt", "Okafor", "Tanaka",
        "Fischer", "Duarte", "Kowalski", "Nielsen", "Brennan", "Ivanova", "Sato", "Weber", "Costa", "Meyer"]
CITIES = ["Paris", "Berlin", "Vienna", "Geneva", "Oslo", "Madrid", "Lisbon", "Warsaw", "Prague", "Rome"]
SENTENCES = [
    "{a} met {b} in {city} on Monday.",
    "{a} spoke with {c} by phone on Tuesday.",
    "{b} said the talks with {a} had gone well.",
    "{c} will meet {b} in {city2} next week.",
]


def article_text(i: int, sentences: int = 2) -> str:
    """Article number ``i``: a dated story of ``sentences`` sentences about three generated people."""
    rng = random.Random(i)
    a, b, c = (f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3))
    city, city2 = rng.sample(CITIES, 2)
    body = " ".join(SENTENCES[k % len(SENTENCES)] for k in range(sentences))
    return f"date 2025-03-{1 + i % 28:02d}\n\n" + body.format(a=a, b=b, c=c, city=city, city2=city2) + "\n"


def write_articles(folder: Path, count: int, sentences: int = 2, start: int = 0) -> Path:
    """``count`` article files in ``folder`` (created), named so that they sort in order."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        (folder / f"a{i:05d}.txt").write_text(article_text(i, sentences), "utf-8")
    return folder


def run_kg(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``kg ARGS`` in a real process, as a user's terminal runs it."""
    return subprocess.run([KG, *args], capture_output=True, text=True, env=env, timeout=timeout)


def graph_digests(nquads: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """(stored digest, digest recomputed from the content) of every graph in an N-Quads dump.

    A graph is whole when the two agree: the digest is written with the graph (see ``kg.store.payload``).
    """
    lines: dict[str, list[str]] = defaultdict(list)
    stored: dict[str, str] = {}
    for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        graph = q.graph_name.value
        if q.predicate.value == DIGEST and q.subject.value == graph:
            stored[graph] = q.object.value
        else:
            lines[graph].append(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n")
    computed = {g: hashlib.sha256("".join(sorted(ls)).encode("utf-8")).hexdigest() for g, ls in lines.items()}
    return stored, computed


def article_keys(store) -> set[str]:
    """The keys of the articles stored."""
    rows = store.select("PREFIX kg: <https://w3id.org/kg-news/ontology#> "
                        "SELECT ?k WHERE { ?a kg:articleKey ?k }").rows
    return {k for (k,) in rows}


def jsonl(path: Path, records: list[dict]) -> Path:
    """Write ``records`` as JSON Lines."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path

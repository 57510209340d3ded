"""Bulk ingest at scale: synthetic articles extracted once, then stored in the embedded store and in
an Oxigraph server; the raw bulk loaders on the same N-Quads alongside, in the same run.

    .venv/bin/python bench/ingest.py                    # 10,000 articles
    .venv/bin/python bench/ingest.py --articles 500 --workers 2
    .venv/bin/python bench/ingest.py --end-to-end       # also kg.ingest.ingest per store

Phases: (1) extraction with ``kg.extract.extract_many`` (spaCy; the slow part, timed on its own);
(2) kg's load into each store the way ``kg ingest`` does it (actors matched against the store, 64
articles per ``Store.load``, unchanged articles skipped): articles/s and triples/s; (3) the store's
content dumped as N-Quads and bulk-loaded into a fresh store: ``EmbeddedStore.bulk_load_file`` and
the server's ``POST /store?no_transaction``: the yardstick for phase 2.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from kg.articles import iter_articles  # noqa: E402
from kg.load import to_payloads  # noqa: E402
from kg.store import open_store  # noqa: E402
from kg.store.embedded import EmbeddedStore  # noqa: E402
from store_fixtures import OXIGRAPH, free_port, stop, wait_for  # noqa: E402

BATCH = 64  # articles per Store.load, as kg ingest does
LEADERS = [("President", "Elena Marsh", "Norland"), ("Prime Minister", "Tomas Reyes", "Castavia"),
           ("Chancellor", "Ingrid Vogel", "Austerland"), ("President", "Kwame Mensah", "Goldcoast"),
           ("Prime Minister", "Aiko Tanaka", "Eastmere"), ("President", "Luis Ortega", "Valdoria"),
           ("King", "Harald Stein", "Fjordheim"), ("President", "Amara Diallo", "Sahelia"),
           ("Prime Minister", "Rajiv Menon", "Indara"), ("President", "Olga Petrenko", "Dniprova")]
ENVOYS = ["Mark Ellison", "Sofia Brandt", "Yusuf Karim", "Claire Dubois", "Pavel Novak", "Nadia Farouk"]
CITIES = ["Geneva", "Vienna", "Oslo", "Doha", "Istanbul", "Singapore", "Nairobi", "Brasilia"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = ["a ceasefire", "trade tariffs", "energy supplies", "a prisoner exchange", "border security",
          "grain exports", "a peace plan", "sanctions relief"]
FILLER = ["Officials on both sides described the talks as frank and useful, though no agreement was signed.",
          "Analysts said the meeting reflected growing pressure at home to show progress abroad.",
          "Markets in the region rose modestly after news of the talks spread on Tuesday morning.",
          "The two governments have disagreed for years over the terms of a regional security pact.",
          "Diplomats cautioned that any deal would need the approval of parliament before taking effect.",
          "Opposition leaders criticised the talks, saying they had not been consulted in advance."]


def article(number: int, rng: random.Random) -> dict:
    """One synthetic news article (a JSON Lines record) of a few hundred words."""
    (t1, a, s1), (t2, b, s2) = rng.sample(LEADERS, 2)
    envoy, city, day, topic = rng.choice(ENVOYS), rng.choice(CITIES), rng.choice(DAYS), rng.choice(TOPICS)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    paragraphs = [
        f"{t1} {a} of {s1} met {t2} {b} of {s2} in {city} on {day} to discuss {topic}.",
        f"{a} and {b} spoke for two hours, according to a statement from the government of {s1}.",
        f"Earlier, {a} spoke by phone with {envoy}, a special envoy, about {topic}.",
        f"{envoy} met {b} last month in {rng.choice(CITIES)}, officials said.",
        f"{a} said the talks with {b} had been constructive and promised to meet again next month.",
    ]
    paragraphs += rng.sample(FILLER, 4) + [" ".join(rng.sample(FILLER, 3)) for _ in range(4)]
    return {"text": "\n\n".join(paragraphs), "title": f"{a} meets {b} in {city}",
            "date": date.isoformat(), "url": f"https://news.example.org/{date:%Y/%m}/{number}",
            "publisher": "Synthetic News"}


def write_corpus(path: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` articles as JSON Lines; return the number of words."""
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = article(i, rng)
            words += len(record["text"].split())
            out.write(json.dumps(record) + "\n")
    return words


def extract(corpus: Path, workers: int) -> list[tuple]:
    """(article, facts) for every article that extracts; prints the rate."""
    from kg.extract import extract_many

    articles = [item for _, item in iter_articles([corpus]) if not isinstance(item, Exception)]
    started = time.perf_counter()
    done = [(a, f) for a, f in extract_many(articles, workers=workers) if isinstance(f, dict)]
    seconds = time.perf_counter() - started
    print(f"extract      {len(done)} articles in {seconds:.1f} s: {len(done) / seconds:.1f} articles/s "
          f"({workers} worker(s); {len(articles) - len(done)} failed)", flush=True)
    return done


def load_like_ingest(store, extracted: list[tuple]) -> tuple[float, int]:
    """Payloads built against ``store`` and loaded 64 articles at a time, each batch matched and
    stored under one hold of the store, as ``kg ingest`` does; (seconds, triples)."""
    started = time.perf_counter()
    triples = 0
    for start in range(0, len(extracted), BATCH):
        with store.session(write=True):
            batch = to_payloads(store, [(facts, a.text) for a, facts in extracted[start:start + BATCH]])
            triples += store.load(batch).triples
    return time.perf_counter() - started, triples


def rate(label: str, seconds: float, articles: int | None, triples: int) -> None:
    """Print one line of figures."""
    per_article = f"{articles / seconds:8.1f} articles/s  " if articles else " " * 23
    print(f"{label:<34} {seconds:7.1f} s  {per_article}{triples / seconds:10.0f} triples/s", flush=True)


def start_oxigraph(folder: Path):
    """An Oxigraph server on a free port; returns (process, base URL)."""
    port = free_port()
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/query", process)
    return process, url


def bench_embedded(work: Path, extracted: list[tuple]) -> Path:
    """kg's load into the embedded store, then the raw bulk loader on its dump; returns the dump."""
    store = open_store(str(work / "embedded"))
    seconds, triples = load_like_ingest(store, extracted)
    rate("embedded: kg load", seconds, len(extracted), triples)
    dump = work / "all.nq"
    dump.write_bytes(b"".join(store.dump("nq")))
    quads = store.count()
    started = time.perf_counter()
    EmbeddedStore(work / "embedded-bulk").bulk_load_file(dump)
    rate("embedded: raw bulk_load_file", time.perf_counter() - started, None, quads)
    return dump


def bench_server(work: Path, extracted: list[tuple], dump: Path) -> None:
    """kg's load into an Oxigraph server, then a raw N-Quads POST of the dump into a fresh server."""
    for name in ("server", "server-bulk"):
        process, url = start_oxigraph(work / name)
        try:
            if name == "server":
                with open_store(url) as store:
                    seconds, triples = load_like_ingest(store, extracted)
                rate("server: kg load (Graph Store PUT)", seconds, len(extracted), triples)
            else:
                started = time.perf_counter()
                response = httpx.post(url + "/store?no_transaction", content=dump.read_bytes(),
                                      headers={"Content-Type": "application/n-quads"}, timeout=None)
                response.raise_for_status()
                with open_store(url) as store:
                    quads = store.count()
                rate("server: raw POST /store", time.perf_counter() - started, None, quads)
        finally:
            stop(process)


def end_to_end(work: Path, corpus: Path, workers: int, oxigraph_url: str | None = None) -> None:
    """``kg.ingest.ingest`` (extraction included) into a fresh embedded store and a fresh server."""
    from kg.ingest import ingest

    targets = [("embedded", lambda: open_store(str(work / "e2e")))]
    for label, make in targets:
        started = time.perf_counter()
        report = ingest(make(), [corpus], workers=workers)
        rate(f"{label}: kg.ingest end to end", time.perf_counter() - started, report.articles, report.load.triples)
    process, url = start_oxigraph(work / "e2e-server")
    try:
        started = time.perf_counter()
        with open_store(url) as store:
            report = ingest(store, [corpus], workers=workers)
        rate("server: kg.ingest end to end", time.perf_counter() - started, report.articles, report.load.triples)
    finally:
        stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description="kg ingest into the embedded store and an Oxigraph server")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--end-to-end", action="store_true", help="also run kg.ingest.ingest into each store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus = work / "articles.jsonl"
        words = write_corpus(corpus, args.articles)
        print(f"corpus       {args.articles} articles, {words} words ({words // max(args.articles, 1)} per article)",
              flush=True)
        extracted = extract(corpus, args.workers)
        dump = bench_embedded(work, extracted)
        bench_server(work, extracted, dump)
        if args.end_to_end:
            end_to_end(work, corpus, args.workers)


if __name__ == "__main__":
    main()

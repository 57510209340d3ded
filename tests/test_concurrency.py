"""Concurrency on the embedded store: writers take turns, readers never see half an article.

``kg.store.lock`` gives a store folder a readers-writer lock (flock on ``kg.lock``): a writer holds it
exclusively for one batch (``kg.ingest`` stores 64 articles per hold), readers share it. A process
that has to wait says so once on stderr, and gives up after ``KG_LOCK_TIMEOUT`` seconds.
"""
from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from kg.store import open_store
from kg.store.lock import locked
from trust_fixtures import KG, article_keys, graph_digests, run_kg, write_articles

pytestmark = pytest.mark.slow

BATCH = 64  # kg.ingest.BATCH_ARTICLES


def start_kg(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([KG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def assert_whole(store: Path) -> set[str]:
    """Every graph matches its stored digest; the article keys stored."""
    found = open_store(str(store))
    stored, computed = graph_digests(b"".join(found.dump("nq")))
    assert stored == computed
    return article_keys(found)


def test_two_ingests_at_once_both_complete_whole(tmp_path):
    store = tmp_path / "store"
    first = write_articles(tmp_path / "first", BATCH + 8, sentences=2)
    second = write_articles(tmp_path / "second", BATCH + 8, sentences=2, start=BATCH + 8)
    a = start_kg("ingest", "--store", str(store), str(first))
    b = start_kg("ingest", "--store", str(store), str(second))
    out_a, err_a = a.communicate(timeout=180)
    out_b, err_b = b.communicate(timeout=180)

    assert (a.returncode, b.returncode) == (0, 0), err_a + err_b
    assert f"ingested {BATCH + 8} article(s): {BATCH + 8} new" in out_a
    assert f"ingested {BATCH + 8} article(s): {BATCH + 8} new" in out_b
    assert "Traceback" not in err_a + err_b
    assert assert_whole(store) == {f"a{i:05d}.txt" for i in range(2 * BATCH + 16)}
    # Whoever had to wait said who held the store.
    for err, other in ((err_a, b.pid), (err_b, a.pid)):
        for line in err.splitlines():
            assert line == f"store is in use by process {other}; waiting for it", line


def test_a_writer_waits_for_the_lock_and_says_who_holds_it(tmp_path):
    store = tmp_path / "store"
    articles = write_articles(tmp_path / "articles", 3, sentences=1)
    with locked(store, write=True):  # this test process is the other writer
        writer = start_kg("ingest", "--store", str(store), str(articles), env={"KG_LOCK_TIMEOUT": "120"})
        # The first thing the writer says, once it has extracted the articles and wants the store:
        said = writer.stderr.readline()
        assert writer.poll() is None, "the writer did not wait for the lock"
    out, err = writer.communicate(timeout=120)
    assert said == f"store is in use by process {os.getpid()}; waiting for it\n"
    assert writer.returncode == 0, err
    assert "ingested 3 article(s): 3 new" in out
    assert len(assert_whole(store)) == 3


def test_a_busy_store_fails_cleanly_after_the_lock_timeout(tmp_path):
    store = tmp_path / "store"
    run_kg("load", "--store", str(store), str(Path(__file__).parents[1] / "examples/facts/2025-03-15-putin-witkoff.facts.json"))
    before = open_store(str(store)).content_hash()
    with locked(store, write=True):
        started = time.monotonic()
        done = run_kg("query", "--store", str(store), "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                      env={**os.environ, "KG_LOCK_TIMEOUT": "1"})
        waited = time.monotonic() - started
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"store is in use by process {os.getpid()}; waiting for it",
        f"Error: store is in use by process {os.getpid()} (gave up after 1 s)",
    ]
    assert waited >= 1
    assert open_store(str(store)).content_hash() == before


def test_readers_get_in_between_batches_and_see_whole_batches(tmp_path):
    store = tmp_path / "store"
    total = 3 * BATCH
    articles = write_articles(tmp_path / "articles", total, sentences=2)
    writer = start_kg("ingest", "--store", str(store), str(articles))
    seen: list[int] = []
    broken: list[str] = []

    def read_while_writing():
        reader = open_store(str(store))
        while writer.poll() is None:
            if (store / "oxigraph").exists():
                stored, computed = graph_digests(b"".join(reader.dump("nq")))
                broken.extend(g for g in stored if stored[g] != computed[g])
                seen.append(len(stored))
            time.sleep(0.05)  # leave the writer gaps to take its lock

    thread = threading.Thread(target=read_while_writing)
    thread.start()
    out, err = writer.communicate(timeout=180)
    thread.join(60)

    assert writer.returncode == 0, err
    assert not broken, f"a reader saw {len(broken)} graph(s) cut short"
    # Each batch is stored in one hold of the lock: readers see whole batches, never part of one.
    assert all(n % BATCH == 0 for n in seen), sorted(set(seen))
    assert {n for n in seen if 0 < n < total}, f"no reader got in between batches: {sorted(set(seen))}"
    assert assert_whole(store) == {f"a{i:05d}.txt" for i in range(total)}


def test_cli_readers_during_an_ingest_answer_cleanly(tmp_path):
    store = tmp_path / "store"
    run_kg("load", "--store", str(store), str(Path(__file__).parents[1] / "examples/facts/2025-03-15-putin-witkoff.facts.json"))
    articles = write_articles(tmp_path / "articles", 2 * BATCH, sentences=2)
    writer = start_kg("ingest", "--store", str(store), str(articles))
    answers = []
    while writer.poll() is None:
        count = run_kg("query", "--store", str(store), "-f", "csv",
                       "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <http://schema.org/NewsArticle> }")
        path = run_kg("path", "--store", str(store), "Putin", "Witkoff")
        answers.append((count, path))
        time.sleep(0.3)  # readers in a row would leave the writer little of the two CPUs
    writer.communicate(timeout=120)

    assert writer.returncode == 0
    assert answers, "the ingest ended before any reader ran"
    for count, path in answers:
        assert count.returncode == 0, count.stderr
        assert (int(count.stdout.split()[1]) - 1) % BATCH == 0, count.stdout  # the founding article + whole batches
        assert path.returncode == 0, path.stderr
        assert "Witkoff" in path.stdout
        assert all(line.startswith("store is in use by process") for line in path.stderr.splitlines())

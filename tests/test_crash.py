"""Crash safety: a writer killed with SIGKILL mid-load leaves every article whole or absent.

The embedded store takes two paths (``kg.store.embedded``): a batch of new graphs over
``BULK_THRESHOLD`` bytes goes through Oxigraph's bulk loader, which is not transactional, under a
journal naming its graphs; a smaller batch, and every replaced graph, is one transaction. Each test
kills a real process while it holds the store's write lock on one of those paths, then reopens
the store and checks every graph against the digest stored with it.
"""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.store import open_store
from kg.store.embedded import BULK_THRESHOLD, JOURNAL
from trust_fixtures import KG, article_keys, graph_digests, run_kg, write_articles

pytestmark = pytest.mark.slow

BATCH = 64  # kg.ingest.BATCH_ARTICLES
ARTICLES = 3 * BATCH


def writer_holds_lock(store: Path) -> bool:
    """Whether some process holds the store's exclusive (write) lock right now."""
    try:
        fd = os.open(store / "kg.lock", os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the shared lock the probe may have taken


def kill_when(process: subprocess.Popen, ready, seconds: float = 90.0) -> None:
    """SIGKILL ``process`` the moment ``ready()`` is true; fail if it ends first."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, f"the writer finished before it could be killed: {process.stderr.read()}"
        assert time.monotonic() < deadline, "the writer never reached the point to kill it at"
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait(10)


def assert_whole(store_path: Path) -> set[str]:
    """Every graph in the store matches its stored digest; returns the article keys stored."""
    store = open_store(str(store_path))
    stored, computed = graph_digests(b"".join(store.dump("nq")))
    assert stored.keys() == computed.keys(), "a graph without its digest, or a digest without its graph"
    broken = [g for g in stored if stored[g] != computed[g]]
    assert not broken, f"{len(broken)} graph(s) cut short, e.g. {broken[0]}"
    assert not (store_path / JOURNAL).exists(), "the journal of the cut-short bulk load was not cleared"
    return article_keys(store)


def test_kill_during_bulk_ingest_leaves_whole_articles_and_ingest_completes(tmp_path):
    # Three sentences make each 64-article batch some 1 MB of N-Quads: the bulk path.
    articles = write_articles(tmp_path / "articles", ARTICLES, sentences=3)
    store = tmp_path / "store"
    seen = {"journals": 0, "in": False}

    def second_bulk_load() -> bool:
        # The journal exists exactly while a bulk load runs: count them, kill inside the second.
        present = (store / JOURNAL).exists()
        if present and not seen["in"]:
            seen["journals"] += 1
        seen["in"] = present
        return present and seen["journals"] >= 2

    writer = subprocess.Popen([KG, "ingest", "--store", str(store), str(articles)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kill_when(writer, second_bulk_load)
    assert writer.returncode == -signal.SIGKILL
    assert (store / JOURNAL).exists(), "killed outside the bulk load: the test proves nothing"

    keys = assert_whole(store)
    # The batch before the killed one is there, and nothing of the killed one.
    assert keys == {f"a{i:05d}.txt" for i in range(BATCH)}

    checked = run_kg("validate", "--store", str(store))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "conforms" in checked.stdout

    again = run_kg("ingest", "--store", str(store), str(articles))
    assert again.returncode == 0, again.stderr
    assert f"{ARTICLES} article(s): {ARTICLES - BATCH} new, 0 replaced, {BATCH} unchanged" in again.stdout
    assert assert_whole(store) == {f"a{i:05d}.txt" for i in range(ARTICLES)}


# A writer that stores small batches of graphs, each one Oxigraph transaction (under BULK_THRESHOLD),
# built without spaCy so that hundreds of them take a few seconds. "new" adds five new graphs per
# batch; "replace" stores the same five graphs again and again, each time with other content.
WRITER = textwrap.dedent("""
    import sys
    from rdflib import Literal, URIRef
    from kg.store import open_store, payload

    store = open_store(sys.argv[1])
    for batch in range(10_000):
        graphs = []
        for k in range(5):
            g = f"https://example.org/graph/{batch if sys.argv[2] == 'new' else 0}-{k}"
            triples = [(URIRef(f"{g}/s{i}"), URIRef("https://example.org/p"), Literal(f"{batch} {i} " * 20))
                       for i in range(100)]
            graphs.append(payload(g, triples))
        report = store.load(graphs)
        assert len(report.added) + len(report.replaced) == 5
""")


@pytest.mark.parametrize("mode", ["new", "replace"])
def test_kill_during_transactional_loads_leaves_whole_graphs(tmp_path, mode):
    store = tmp_path / "store"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store), mode],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    # Let some batches land, then kill while one is being written.
    kill_when(writer, lambda: time.monotonic() - started > 2 and writer_holds_lock(store))
    assert not (store / JOURNAL).exists(), "a small batch took the bulk path: the test proves nothing"

    found = open_store(str(store))
    stored, computed = graph_digests(b"".join(found.dump("nq")))
    assert stored == computed
    if mode == "new":
        assert len(stored) >= 5 and len(stored) % 5 == 0, "a batch is one transaction: all five graphs or none"
    else:
        assert len(stored) == 5, "a replaced graph went missing"


def test_small_batches_stay_under_the_bulk_threshold():
    # The transactional test above relies on its batches being small: 5 graphs of 100 short quads.
    sample = 5 * 100 * len('<https://example.org/graph/9999-1/s99> <https://example.org/p> "' + "9999 99 " * 20)
    assert sample < BULK_THRESHOLD

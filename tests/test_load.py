"""Loading facts: idempotent, atomic per run, replacing changed articles, matching persons across
articles, and recovering from a bulk load cut short."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from kg.errors import BadFacts
from kg.load import load_documents, load_files
from kg.rdf import graph_iri
from kg.store import open_store
from kg.store.embedded import BULK_THRESHOLD, JOURNAL

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synth import generate  # noqa: E402
from corpus_paths import DEV

SEED_TEXT = Path(__file__).resolve().parents[1] / "examples" / "articles" / "2025-03-15-putin-witkoff.txt"
PERSON = "https://w3id.org/kg-news/id/person/"


def _copy_seed(folder: Path, change=None) -> Path:
    """The seed facts (changed by ``change``) and its article, laid out as in examples/."""
    facts = json.loads((SEED_TEXT.parents[1] / "facts" / "2025-03-15-putin-witkoff.facts.json").read_text())
    if change:
        change(facts)
    (folder / "facts").mkdir(parents=True, exist_ok=True)
    (folder / "articles").mkdir(exist_ok=True)
    shutil.copy(SEED_TEXT, folder / "articles" / SEED_TEXT.name)
    path = folder / "facts" / "seed.facts.json"
    path.write_text(json.dumps(facts), "utf-8")
    return path


def _doc(key: str, *names: str, kind: str = "meeting") -> dict:
    """A small facts document in which the named persons meet."""
    actors = [{"id": f"p{i}", "type": "Person", "name": n, "aliases": []} for i, n in enumerate(names)]
    return {"article": {"key": key, "date": "2025-01-10"}, "actors": actors,
            "interactions": [{"type": kind, "participants": [a["id"] for a in actors], "status": "occurred"}]}


def _persons(store) -> set[str]:
    rows = store.select("SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/kg-news/ontology#Person> }").rows
    return {p for (p,) in rows}


def test_reload_changes_nothing(seed_store, seed_facts):
    count, digest = seed_store.count(), seed_store.content_hash()
    report = load_files(seed_store, [seed_facts])
    assert (report.added, report.replaced, len(report.unchanged), report.triples) == ([], [], 1, 0)
    assert seed_store.count() == count
    assert seed_store.content_hash() == digest


def test_a_bad_second_file_leaves_the_store_as_it_was(seed_store, tmp_path):
    good = DEV / "wikinews-001.gold.json"
    bad = _copy_seed(tmp_path, lambda f: f["interactions"][3].update(date="2025-13-45"))
    before = seed_store.content_hash()
    with pytest.raises(BadFacts, match=r"seed\.facts\.json: interactions\[3\]\.date"):
        load_files(seed_store, [good, bad])
    assert seed_store.content_hash() == before
    assert len(seed_store.graphs()) == 1


def test_a_changed_document_replaces_its_graph(seed_store, tmp_path):
    changed = _copy_seed(tmp_path, lambda f: f["interactions"][0].update(date="2025-03-12"))
    report = load_files(seed_store, [changed])
    assert len(report.replaced) == 1 and not report.added
    # The first interaction is the only one with a place: the meeting in Moscow.
    dates = seed_store.select("SELECT ?d WHERE { ?e <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> ?p ; "
                              "<https://w3id.org/kg-news/ontology#dateValue> ?d }").rows
    assert dates == [("2025-03-12",)]
    assert len(seed_store.graphs()) == 1


def test_the_replaced_graph_equals_a_fresh_load(seed_store, tmp_path):
    changed = _copy_seed(tmp_path, lambda f: f["interactions"][0].update(date="2025-03-12"))
    load_files(seed_store, [changed])
    fresh = open_store(str(tmp_path / "fresh"))
    load_files(fresh, [changed])
    assert seed_store.content_hash() == fresh.content_hash()


def test_remove_retracts_one_article_only(seed_store, tmp_path):
    other = DEV / "wikinews-001.gold.json"
    load_files(seed_store, [other])
    alone = open_store(str(tmp_path / "alone"))
    load_files(alone, [other])
    seed_graph = next(g for g in seed_store.graphs() if "putin-witkoff" in g)
    assert seed_store.remove(seed_graph) is True
    assert seed_store.remove(seed_graph) is False
    assert seed_store.content_hash() == alone.content_hash()


def test_a_fuller_or_briefer_name_joins_the_stored_person(seed_store):
    load_documents(seed_store, [(_doc("second", "Vladimir Putin", "Joe Biden"), None)])
    persons = _persons(seed_store)
    assert PERSON + "vladimir-v-putin" in persons
    assert PERSON + "vladimir-putin" not in persons


def test_persons_sharing_a_surname_stay_apart(store):
    load_documents(store, [(_doc("a", "Joe Biden", "Xi Jinping"), None)])
    load_documents(store, [(_doc("b", "Hunter Biden", "Xi Jinping"), None)])
    assert {PERSON + "joe-biden", PERSON + "hunter-biden"} <= _persons(store)


def test_a_bare_surname_shared_by_two_people_stays_apart(store):
    load_documents(store, [(_doc("a", "Joe Biden"), None), (_doc("b", "Hunter Biden"), None)])
    load_documents(store, [(_doc("c", "Biden", "Xi Jinping"), None)])
    assert PERSON + "biden" in _persons(store)


def test_documents_of_one_load_match_each_other(store):
    load_documents(store, [(_doc("a", "Vladimir V. Putin"), None), (_doc("b", "Vladimir Putin"), None)])
    assert PERSON + "vladimir-putin" not in _persons(store)


def test_a_crash_in_a_bulk_load_is_rolled_back_on_the_next_write(seed_store):
    other = open_store(seed_store.location)
    load_documents(other, [(_doc("kept", "Ann Lee", "Bo Chan"), None)])
    seed_graph = next(g for g in seed_store.graphs() if "putin-witkoff" in g)
    # What a bulk load leaves when the process dies half way: the journal naming its graphs.
    (Path(seed_store.location) / JOURNAL).write_text(json.dumps([seed_graph]))
    load_documents(seed_store, [])
    assert seed_graph not in seed_store.graphs()
    assert len(seed_store.graphs()) == 1
    assert not (Path(seed_store.location) / JOURNAL).exists()


def test_a_big_load_goes_through_the_bulk_loader_and_leaves_no_journal(store, monkeypatch):
    docs = list(generate(200, 300, 30, seed=7))
    calls = []
    import pyoxigraph

    real = pyoxigraph.Store.bulk_load
    monkeypatch.setattr(pyoxigraph.Store, "bulk_load", lambda self, **kw: calls.append(1) or real(self, **kw))
    report = load_documents(store, docs)
    assert calls, f"the bulk loader was not used for {report.triples} triples (threshold {BULK_THRESHOLD} bytes)"
    assert len(report.added) == 30 and store.count() == report.triples
    assert not (Path(store.location) / JOURNAL).exists()
    assert load_documents(store, docs).unchanged == report.added


def test_graph_iri_is_the_article_key(store):
    load_documents(store, [(_doc("some-key", "Ann Lee"), None)])
    assert store.graphs() == [str(graph_iri({"article": {"key": "some-key"}}))]


def test_one_article_twice_in_a_load_keeps_the_later_document(store, seed_facts):
    first = json.loads(seed_facts.read_text())
    later = json.loads(seed_facts.read_text())
    later["interactions"][0]["date"] = "2025-03-12"
    report = load_documents(store, [(first, None), (later, None)])
    assert len(report.added) == 1
    digests = store.select("SELECT ?d WHERE { ?g <https://w3id.org/kg-news/ontology#contentDigest> ?d }").rows
    assert len(digests) == 1
    alone = open_store(":memory:")
    load_documents(alone, [(later, None)])
    assert store.content_hash() == alone.content_hash()

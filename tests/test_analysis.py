"""The actor projection, paths with evidence, chronology, timelines and measures."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis import build_projection
from kg.analysis import projection as projection_module
from kg.errors import BadDate
from kg.load import load_documents
from kg.store import open_store
from analysis_fixtures import (
    CHRONO, KREMLIN, PESKOV, PUTIN, TRUMP, WITKOFF, contacts_doc, founding_store, person, store_with,
)


# -- projection ---------------------------------------------------------------------------------

def test_projection_of_the_founding_article(tmp_path):
    graph = build_projection(founding_store(tmp_path))
    assert graph.nodes[PUTIN]["name"] == "Vladimir V. Putin"
    assert graph.nodes[PUTIN]["kind"] == "Person"
    assert graph.nodes[PESKOV]["posts"] == ["spokesman, Kremlin"]
    # Two meetings Putin-Witkoff and one call Putin-Trump; the planned ones are left out.
    assert graph.number_of_edges(PUTIN, WITKOFF) == 2
    assert graph.number_of_edges(PUTIN, TRUMP) == 1
    (call,) = graph.get_edge_data(PUTIN, TRUMP).values()
    assert call["type"] == "call" and call["date"] == "2025-02-12" and call["status"] == "occurred"
    assert call["quote"] == "They last known to have spoken on February 12."
    assert call["article"] == "2025-03-15-putin-witkoff.txt"
    assert call["publisher"] == "New York Times News Service" and call["article_date"] == "2025-03-15"
    meeting = next(d for d in graph.get_edge_data(PUTIN, WITKOFF).values() if d["place"])
    assert meeting["place"] == "Moscow" and meeting["precision"] == "day"
    month = next(d for d in graph.get_edge_data(PUTIN, WITKOFF).values() if d["date"] == "2025-02")
    assert (month["start"], month["end"], month["precision"]) == ("2025-02-01", "2025-02-28", "month")


def test_edge_keys_are_event_iris(tmp_path):
    graph = build_projection(founding_store(tmp_path))
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert key == data["event"] and key.startswith("https://w3id.org/kg-news/id/event/")


def test_planned_contacts_on_request(tmp_path):
    graph = build_projection(founding_store(tmp_path), include_planned=True)
    statuses = sorted(d["status"] for d in graph.get_edge_data(PUTIN, TRUMP).values())
    assert statuses == ["occurred", "planned"]
    assert graph.has_edge(WITKOFF, TRUMP)


def test_types_choose_the_edges(tmp_path):
    graph = build_projection(founding_store(tmp_path), types=["call"])
    assert {d["type"] for _, _, d in graph.edges(data=True)} == {"call"}
    statements = build_projection(founding_store(tmp_path), types=["proposal"])
    # A three-party proposal makes an edge per pair.
    assert statements.number_of_edges() == 3


@pytest.mark.parametrize("since, until, expected", [
    ("2025-03-01", None, {"2025-03-13"}),         # the February meeting and call are before
    (None, "2025-02-12", {"2025-02", "2025-02-12"}),  # the month overlaps the bound
    ("2025-02-13", "2025-02-20", {"2025-02"}),    # only the month-long meeting overlaps
    ("2025", None, {"2025-02", "2025-02-12", "2025-03-13"}),  # a year as a bound means its first day
])
def test_since_until_keep_overlapping_dated_edges(tmp_path, since, until, expected):
    graph = build_projection(founding_store(tmp_path), since=since, until=until, include_planned=True)
    assert {d["date"] for _, _, d in graph.edges(data=True)} == expected


def test_bad_bound_is_a_bad_date(tmp_path):
    with pytest.raises(BadDate):
        build_projection(open_store(":memory:"), since="last tuesday")


def test_roles_join_peskov_to_trump_through_the_kremlin(tmp_path):
    graph = build_projection(founding_store(tmp_path), via_roles=True)
    assert nx.shortest_path(graph, PESKOV, TRUMP) == [PESKOV, KREMLIN, PUTIN, TRUMP]
    (role,) = graph.get_edge_data(PESKOV, KREMLIN).values()
    assert role["type"] == "role" and role["title"] == "spokesman"
    (organ,) = graph.get_edge_data(PUTIN, KREMLIN).values()
    assert organ["title"] == "President" and organ["via"] == "Kremlin is part of Russia"
    russia = "https://w3id.org/kg-news/id/state/russia"
    assert graph.get_edge_data(KREMLIN, russia)[f"{KREMLIN} part_of {russia}"]["type"] == "part_of"
    # No role edges without the option.
    assert not build_projection(founding_store(tmp_path)).has_edge(PESKOV, KREMLIN)


def test_multi_participant_contact_gives_an_edge_per_pair(tmp_path):
    store = store_with(tmp_path, contacts_doc("three", [("meeting", ["Ann", "Bob", "Cy"], "2025-01-02")]))
    graph = build_projection(store)
    assert sorted(graph.nodes[n]["name"] for n in graph) == ["Ann", "Bob", "Cy"]
    assert graph.number_of_edges() == 3 and len({k for _, _, k in graph.edges(keys=True)}) == 1


# -- the cache ----------------------------------------------------------------------------------

def test_cache_reused_while_the_store_is_unchanged(tmp_path, monkeypatch):
    store = store_with(tmp_path, contacts_doc("one", CHRONO))
    first = build_projection(store)
    calls = []
    monkeypatch.setattr(projection_module, "_build", lambda *a: calls.append(a))
    again = build_projection(store)
    assert calls == [] and sorted(again.edges(keys=True)) == sorted(first.edges(keys=True))


def test_cache_invalidated_by_a_load(tmp_path):
    store = store_with(tmp_path, contacts_doc("one", CHRONO))
    before = build_projection(store)
    assert not before.has_node(person("zulu"))
    load_documents(store, [(contacts_doc("two", [("call", ["Alpha", "Zulu"], "2025-04-01")]), None)])
    after = build_projection(store)
    assert after.has_edge(person("alpha"), person("zulu"))
    assert after.number_of_edges() == before.number_of_edges() + 1
    store.remove(next(g for g in store.graphs() if "two" in g))
    assert not build_projection(store).has_node(person("zulu"))


def test_cache_keyed_by_options(tmp_path):
    store = founding_store(tmp_path)
    assert build_projection(store).number_of_edges() == 3
    assert build_projection(store, include_planned=True).number_of_edges() == 5
    assert build_projection(store).number_of_edges() == 3


def test_damaged_cache_is_rebuilt(tmp_path):
    store = store_with(tmp_path, contacts_doc("one", CHRONO))
    build_projection(store)
    for path in (tmp_path / "store" / "cache").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    assert build_projection(store).number_of_edges() == 5

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


# -- paths --------------------------------------------------------------------------------------

from kg.analysis.paths import (  # noqa: E402  (grouped with the tests that use them)
    all_shortest_contact_paths, k_shortest_contact_paths, shortest_contact_path, time_respecting_path,
)
from kg.errors import NoPath  # noqa: E402

ALPHA, BRAVO, CHARLIE, DELTA = (person(n) for n in ("alpha", "bravo", "charlie", "delta"))


@pytest.fixture
def chrono(tmp_path):
    return build_projection(store_with(tmp_path, contacts_doc("chrono", CHRONO)))


def test_shortest_path_carries_the_evidence(tmp_path):
    path = shortest_contact_path(build_projection(founding_store(tmp_path)), PUTIN, TRUMP)
    assert path.nodes == [PUTIN, TRUMP]
    (hop,) = path.hops
    assert hop.edge["type"] == "call" and hop.edge["date"] == "2025-02-12"
    assert hop.edge["quote"] == "They last known to have spoken on February 12."


def test_static_shortest_path_ignores_chronology(chrono):
    assert shortest_contact_path(chrono, ALPHA, DELTA).nodes == [ALPHA, BRAVO, DELTA]


def test_time_respecting_path_takes_the_longer_chronological_route(chrono):
    path = time_respecting_path(chrono, ALPHA, DELTA)
    assert path.nodes == [ALPHA, BRAVO, CHARLIE, DELTA]
    assert [h.edge["date"] for h in path.hops] == ["2025-03-10", "2025-03-12", "2025-03-20"]
    assert any("undated" in note for note in path.notes)


def test_time_respecting_path_from_a_start_date(chrono):
    # Alpha met Bravo on 10 March: starting later, nothing leaves Alpha.
    with pytest.raises(NoPath, match="no time-respecting path between Alpha and Delta starting on or after 2025-03-11"):
        time_respecting_path(chrono, ALPHA, DELTA, start="2025-03-11")


def test_no_time_respecting_path_when_every_route_goes_back_in_time(tmp_path):
    store = store_with(tmp_path, contacts_doc("back", [("meeting", ["Alpha", "Bravo"], "2025-03-10"),
                                                       ("call", ["Bravo", "Delta"], "2025-03-01")]))
    graph = build_projection(store)
    assert shortest_contact_path(graph, ALPHA, DELTA).nodes == [ALPHA, BRAVO, DELTA]
    with pytest.raises(NoPath, match="a 2-hop path exists, but every path goes back in time"):
        time_respecting_path(graph, ALPHA, DELTA)
    # Read the other way round the dates are in order.
    assert time_respecting_path(graph, DELTA, ALPHA).nodes == [DELTA, BRAVO, ALPHA]


def test_time_respecting_path_counts_a_month_from_its_first_day(tmp_path):
    store = store_with(tmp_path, contacts_doc("month", [("meeting", ["Alpha", "Bravo"], "2025-03"),
                                                        ("call", ["Bravo", "Delta"], "2025-03-02")]))
    path = time_respecting_path(build_projection(store), ALPHA, DELTA)
    assert path.nodes == [ALPHA, BRAVO, DELTA]
    assert any("2025-03 as 2025-03-01" in note for note in path.notes)


def test_undated_contacts_cannot_be_used_in_time(chrono):
    echo, foxtrot = person("echo"), person("foxtrot")
    assert shortest_contact_path(chrono, echo, foxtrot).nodes == [echo, foxtrot]
    with pytest.raises(NoPath, match="uses an undated contact"):
        time_respecting_path(chrono, echo, foxtrot)


@pytest.mark.parametrize("a, b, message", [
    # Zelensky is in the store but took part in no contact.
    ("zelensky", WITKOFF, "no contact path between Zelensky and Steve Witkoff; Zelensky has no recorded contacts"),
    # The same actor twice.
    (PUTIN, PUTIN, "are the same actor"),
])
def test_no_path_says_why(tmp_path, a, b, message):
    graph = build_projection(founding_store(tmp_path))
    a = person(a) if "/" not in a else a
    with pytest.raises(NoPath, match=message):
        shortest_contact_path(graph, a, b)


def test_no_path_between_components_gives_their_sizes(chrono):
    with pytest.raises(NoPath, match=r"different groups of connected actors \(Alpha's has 4, Echo's has 2\)"):
        shortest_contact_path(chrono, ALPHA, person("echo"))


def test_all_and_k_shortest_paths(tmp_path):
    square = [("meeting", ["Alpha", "Bravo"], "2025-01-01"), ("meeting", ["Bravo", "Delta"], "2025-01-02"),
              ("call", ["Alpha", "Charlie"], "2025-01-03"), ("call", ["Charlie", "Delta"], "2025-01-04"),
              ("call", ["Alpha", "Echo"], "2025-01-05"), ("call", ["Echo", "Foxtrot"], "2025-01-06"),
              ("call", ["Foxtrot", "Delta"], "2025-01-07")]
    graph = build_projection(store_with(tmp_path, contacts_doc("square", square)))
    every = all_shortest_contact_paths(graph, ALPHA, DELTA)
    assert [p.nodes for p in every] == [[ALPHA, BRAVO, DELTA], [ALPHA, CHARLIE, DELTA]]
    three = k_shortest_contact_paths(graph, ALPHA, DELTA, 3)
    assert [len(p) for p in three] == [2, 2, 3]
    assert three[2].nodes == [ALPHA, person("echo"), person("foxtrot"), DELTA]


def test_hop_shows_the_best_of_several_contacts(tmp_path):
    doc = contacts_doc("many", [("meeting", ["Alpha", "Bravo"], "2025-01"),
                                ("call", ["Alpha", "Bravo"], "2025-01-05"),
                                ("call", ["Alpha", "Bravo"], "2024-12-30"),
                                ("meeting", ["Alpha", "Bravo"], "2025-02-01", "planned")])
    graph = build_projection(store_with(tmp_path, doc), include_planned=True)
    (hop,) = shortest_contact_path(graph, ALPHA, BRAVO).hops
    # Occurred, to the day, the most recent; three others not shown.
    assert hop.edge["date"] == "2025-01-05" and hop.others == 3


# -- who met, timeline, measures, export --------------------------------------------------------

from kg.analysis.export import write_graph  # noqa: E402
from kg.analysis.measures import centrality, communities, timeline, who_met  # noqa: E402
from kg.errors import UnknownFormat  # noqa: E402


def test_who_met_newest_first(tmp_path):
    contacts = who_met(build_projection(founding_store(tmp_path)), PUTIN)
    assert [(c["with_name"], c["date"]) for c in contacts] == [
        ("Steve Witkoff", "2025-03-13"), ("Donald Trump", "2025-02-12"), ("Steve Witkoff", "2025-02")]


def test_timeline_lists_every_interaction_in_date_order(tmp_path):
    items = timeline(founding_store(tmp_path), PUTIN)
    assert [(i["date"] if "date" in i else None, i["type"], i["status"]) for i in items] == [
        ("2025-02", "meeting", "occurred"), ("2025-02-12", "call", "occurred"),
        ("2025-03-13", "meeting", "occurred"), ("2025-03-13", "statement", "occurred"),
        (None, "call", "planned")]
    assert items[1]["with"] == "Donald Trump"
    assert [i["type"] for i in timeline(founding_store(tmp_path), PUTIN, since="2025-03")] == ["meeting", "statement"]


def test_centrality_measures(chrono):
    top = centrality(chrono, "degree", top=2)
    assert [s.name for s in top] == ["Bravo", "Charlie"]
    assert centrality(chrono, "betweenness", top=1)[0].name == "Bravo"
    assert {s.name for s in centrality(chrono, "eigenvector", top=6)} == {
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"}
    with pytest.raises(UnknownFormat, match="no such measure: pagerank"):
        centrality(chrono, "pagerank")


def test_communities_are_seeded_and_split_components(chrono):
    groups = communities(chrono)
    assert groups == communities(chrono)
    assert sorted(len(g) for g in groups)[0] == 2
    assert {person("echo"), person("foxtrot")} in [set(g) for g in groups]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_reads_back(tmp_path, fmt):
    graph = build_projection(founding_store(tmp_path), via_roles=True)
    target = tmp_path / f"g.{fmt}"
    write_graph(graph, fmt, target)
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(str(target))
    assert back.nodes[PESKOV]["posts"] == "spokesman, Kremlin"
    edge = back.get_edge_data(PUTIN, TRUMP)
    edge = next(iter(edge.values())) if back.is_multigraph() else edge
    assert edge["start"] == "2025-02-12" and edge["quote"].startswith("They last known")
    assert edge["interaction" if fmt == "gexf" else "type"] == "call"
    if fmt == "gexf":
        assert 'timeformat="date"' in target.read_text() and 'start="2025-02-12"' in target.read_text()


def test_export_unknown_format(tmp_path):
    with pytest.raises(UnknownFormat, match="no such graph format: dot"):
        write_graph(build_projection(open_store(":memory:")), "dot", tmp_path / "x")


# -- the projection at scale: CSV reading, the contact index, the earliest-arrival search ----------

import random  # noqa: E402

from kg.analysis.paths import ContactIndex, contact_index  # noqa: E402


def test_names_and_quotes_with_commas_quotes_and_newlines_survive_the_csv(tmp_path):
    doc = contacts_doc("csv", [("meeting", ["Ann", "Bob"], "2025-01-02")])
    doc["actors"][0]["name"] = 'Ann "the, Envoy" O\'Neil'
    doc["interactions"][0]["evidence"] = 'Ann met Bob, "at last";\nthen left'
    graph = build_projection(store_with(tmp_path, doc))
    (ann,) = [n for n in graph if n != person("bob")]
    assert graph.nodes[ann]["name"] == 'Ann "the, Envoy" O\'Neil'
    (edge,) = graph.get_edge_data(ann, person("bob")).values()
    assert edge["quote"] == 'Ann met Bob, "at last";\nthen left'


def test_the_cache_carries_the_contact_index(tmp_path):
    store = store_with(tmp_path, contacts_doc("one", CHRONO))
    build_projection(store)
    cached = build_projection(store)
    index = cached.graph["_contact_index"]
    assert isinstance(index, ContactIndex)
    # Bravo's dated contacts in day order; the undated Echo-Foxtrot meeting is not in it.
    assert index.timeline[BRAVO][0] == ["2025-03-01", "2025-03-10", "2025-03-12"]
    assert person("echo") not in index.timeline
    assert index.component[ALPHA] == index.component[DELTA] != index.component[person("echo")]


def _random_contacts(rng: random.Random, actors: int, contacts: int) -> nx.MultiGraph:
    """A small projection-like graph: dated, undated and standing links among numbered actors."""
    graph = nx.MultiGraph()
    graph.add_nodes_from((f"n{i}", {"name": f"n{i}"}) for i in range(actors))
    for i in range(contacts):
        a, b = rng.sample(range(actors), 2)
        kind = rng.choice(["meeting", "call", "meeting", "role"])
        day = None if kind == "role" or rng.random() < 0.1 else f"2025-01-{rng.randint(1, 9):02d}"
        graph.add_edge(f"n{a}", f"n{b}", key=f"e{i}", type=kind, start=day, precision="day", date=day)
    return graph


def _earliest_arrivals(graph, source: str, begin: str) -> dict[str, str]:
    """Earliest arrival day at every reachable actor, by relaxing every link until nothing changes."""
    arrival = {source: begin}
    changed = True
    while changed:
        changed = False
        for a, b, data in graph.edges(data=True):
            for u, v in ((a, b), (b, a)):
                if u not in arrival:
                    continue
                if data["type"] == "role":
                    day = arrival[u]
                elif data["start"] and data["start"] >= arrival[u]:
                    day = data["start"]
                else:
                    continue
                if v not in arrival or day < arrival[v]:
                    arrival[v], changed = day, True
    return arrival


@pytest.mark.parametrize("seed", range(8))
def test_time_respecting_paths_arrive_as_early_as_possible(seed):
    rng = random.Random(seed)
    graph = _random_contacts(rng, 12, 22)
    for source in graph:
        begin = rng.choice(["", "2025-01-04"])
        arrival = _earliest_arrivals(graph, source, begin)
        for target in graph:
            if target == source or not graph.degree(target) or not graph.degree(source):
                continue
            try:
                path = time_respecting_path(graph, source, target, begin or None)
            except NoPath:
                assert target not in arrival
                continue
            days = [begin] + [h.edge["start"] or "" for h in path.hops]
            reached = max(days)
            # Hops in date order, each dated one on or after the start, arriving at the earliest day.
            dated = [d for d in days[1:] if d]
            assert dated == sorted(dated) and all(d >= begin for d in dated)
            assert reached == arrival[target]

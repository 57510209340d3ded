"""kg.views without a browser: the map's tables, escaping, offline pages, size, layout and `kg view`."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kg.cli import cli
from kg.errors import UnknownActor
from kg.views import build_view, render_html, write_html
from kg.views.html import script_json
from kg.views.layout import layout
from kg.views.model import INTERACTION_FIELDS, NODE_FIELDS
from views_fixtures import (FOUNDING, IMG_PAYLOAD, SCRIPT_BREAK, edge, embedded_data, hostile_projection,
                            small_projection)

REMOTE_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?(?:https?:)?//""",
                              re.I)
ITYPE, IQUOTE, ISTART = (INTERACTION_FIELDS.index(f) for f in ("type", "quote", "start"))


def random_projection(nodes: int, seed: int = 3) -> nx.MultiGraph:
    """A connected projection of ``nodes`` actors, about 1.5 interactions each."""
    skeleton = nx.gnm_random_graph(nodes, nodes * 3 // 2, seed=seed)
    graph = nx.MultiGraph()
    graph.add_nodes_from((f"urn:{n}", {"name": f"Actor {n}", "kind": "Person", "posts": []}) for n in skeleton)
    for i, (a, b) in enumerate(skeleton.edges()):
        graph.add_edge(f"urn:{a}", f"urn:{b}", key=f"e{i}",
                       **edge(quote=f"Actor {a} met Actor {b} to talk about the border and the truce", event=i))
    return graph


# -- the view's tables ----------------------------------------------------------------------------

def test_one_link_per_pair_lists_every_interaction_in_date_order():
    view = build_view(small_projection())
    names = [row[NODE_FIELDS.index("label")] for row in view.nodes]
    ann_bo = next(link for link in view.links if {names[link[0]], names[link[1]]} == {"Ann", "Bo"})
    assert [view.interactions[i][IQUOTE] for i in ann_bo[2]] == ["Ann met Bo first", "Ann met Bo again"]
    assert len(view.nodes) == 5 and len(view.links) == 3 and len(view.interactions) == 4


def test_every_interaction_is_on_exactly_one_link():
    view = build_view(random_projection(200))
    listed = sorted(i for link in view.links for i in link[2])
    assert listed == list(range(len(view.interactions)))


def test_articles_are_stored_once_and_referenced_by_index():
    view = build_view(small_projection())
    assert len(view.articles) == 1
    assert {row[INTERACTION_FIELDS.index("article")] for row in view.interactions} == {0}


def test_degree_counts_distinct_neighbours_not_interactions():
    view = build_view(small_projection())
    degree = {row[1]: row[NODE_FIELDS.index("degree")] for row in view.nodes}
    assert degree == {"Ann": 1, "Bo": 2, "Cy": 2, "Dee": 0, "Ecuador": 1}


def test_focus_keeps_the_neighbourhood_within_hops():
    one = build_view(small_projection(), focus="urn:ann", hops=1)
    two = build_view(small_projection(), focus="urn:ann", hops=2)
    assert sorted(row[1] for row in one.nodes) == ["Ann", "Bo"]
    assert sorted(row[1] for row in two.nodes) == ["Ann", "Bo", "Cy"]
    assert two.nodes[two.focus][1] == "Ann"


@pytest.mark.parametrize("focus, hops, error, match", [
    ("urn:dee-is-not-here", 2, UnknownActor, "no links in this map"),  # an actor outside the projection
    ("urn:ann", -1, ValueError, "hops"),  # a negative radius is a caller's bug
])
def test_focus_errors(focus, hops, error, match):
    with pytest.raises(error, match=match):
        build_view(small_projection(), focus=focus, hops=hops)


def test_small_maps_leave_layout_to_the_browser_big_ones_get_positions():
    assert build_view(small_projection()).physics is True
    big = build_view(random_projection(60), layout_threshold=50)
    assert big.physics is False and len(big.positions) == 60


# -- escaping -------------------------------------------------------------------------------------

def test_script_json_escapes_what_could_end_the_script():
    text = script_json({"q": SCRIPT_BREAK + "<!-- & \u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text)["q"] == SCRIPT_BREAK + "<!-- & \u2028\u2029"


@given(st.text())
def test_script_json_round_trips_any_text(text):
    encoded = script_json([text])
    assert "</" not in encoded and "<!--" not in encoded
    assert json.loads(encoded) == [text]


def test_hostile_names_and_quotes_are_data_not_markup():
    page = render_html(build_view(hostile_projection(), title=f"Map {IMG_PAYLOAD}"))
    assert SCRIPT_BREAK not in page and IMG_PAYLOAD not in page and "<svg" not in page
    assert page.count("</script>") == 3  # the data block, vis-network and kg's script: nothing closes early
    data = embedded_data(page)
    assert data["interactions"][0][IQUOTE].startswith("Putin met " + IMG_PAYLOAD)
    assert "&lt;img src=x" in page  # the title, escaped as HTML


def test_the_page_script_never_writes_html():
    script = (Path(__file__).resolve().parents[1] / "kg" / "views" / "static" / "view.js").read_text("utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)


def test_only_the_pages_own_scripts_may_run():
    page = render_html(build_view(small_projection()))
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    digests = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in inline}
    assert len(inline) == 2
    assert set(re.findall(r"'sha256-([^']+)'", policy)) == digests
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in policy


# -- offline and small ----------------------------------------------------------------------------

def test_the_page_references_nothing_remote():
    page = render_html(build_view(random_projection(50)))
    assert not REMOTE_REFERENCE.search(page)
    assert "<link" not in page


def test_the_page_carries_vis_network_9_1_2():
    page = render_html(build_view(small_projection()))
    assert "@version 9.1.2" in page


def test_vendored_vis_network_is_the_pyvis_wheels_copy():
    import pyvis

    ours = Path(__file__).resolve().parents[1] / "kg" / "views" / "static" / "vis-network.min.js"
    theirs = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    assert hashlib.sha256(ours.read_bytes()).hexdigest() == hashlib.sha256(theirs.read_bytes()).hexdigest()


def test_counts_are_embedded():
    graph = random_projection(120)
    data = embedded_data(render_html(build_view(graph)))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["interactions"]) == graph.number_of_edges()
    assert sum(len(link[2]) for link in data["links"]) == graph.number_of_edges()


def test_page_size_grows_with_the_data_not_per_edge_copies():
    small = len(render_html(build_view(random_projection(10))).encode())
    big = len(render_html(build_view(random_projection(1000))).encode())
    interactions = random_projection(1000).number_of_edges()
    assert small < 520_000  # vis-network is ~470 kB of it
    assert (big - small) / interactions < 250  # bytes per interaction: the quote plus a few numbers


def test_write_html_writes_a_readable_file(tmp_path):
    path = write_html(build_view(small_projection()), tmp_path / "map.html")
    assert path.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert path.stat().st_mode & 0o044  # others may read a page made to be shared


# -- layout ---------------------------------------------------------------------------------------

def test_layout_is_deterministic_and_spreads_nodes():
    edges = list(nx.gnm_random_graph(300, 450, seed=1).edges())
    first, second = layout(300, edges), layout(300, edges)
    assert first == second
    assert len({tuple(p) for p in first}) == 300


def test_layout_puts_linked_nodes_closer_than_strangers():
    import numpy as np

    graph = nx.connected_caveman_graph(20, 8)
    pos = np.array(layout(graph.number_of_nodes(), list(graph.edges())))
    linked = np.mean([np.hypot(*(pos[a] - pos[b])) for a, b in graph.edges()])
    rng = np.random.default_rng(0)
    pairs = rng.integers(0, len(pos), size=(500, 2))
    strangers = np.mean([np.hypot(*(pos[a] - pos[b])) for a, b in pairs])
    assert linked < strangers / 2


def test_layout_of_nothing():
    assert layout(0, []) == []


# -- the command ----------------------------------------------------------------------------------

@pytest.fixture
def loaded_store(tmp_path):
    location = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["load", str(FOUNDING), "--store", location])
    assert result.exit_code == 0, result.output
    return location


def test_kg_view_writes_the_whole_map(loaded_store, tmp_path):
    out = tmp_path / "graphs" / "demo.html"
    result = CliRunner().invoke(cli, ["view", "-o", str(out), "--store", loaded_store])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 11 actors, 2 links, 3 interactions" in result.output
    data = embedded_data(out.read_text("utf-8"))
    assert {data["interactions"][i][ITYPE] for i in range(3)} == {"meeting", "call"}


def test_kg_view_focus_adds_roles_and_reaches_the_states(loaded_store, tmp_path):
    out = tmp_path / "putin.html"
    result = CliRunner().invoke(cli, ["view", "--focus", "Putin", "--hops", "2", "-o", str(out),
                                      "--store", loaded_store])
    assert result.exit_code == 0, result.output
    data = embedded_data(out.read_text("utf-8"))
    names = {row[1] for row in data["nodes"]}
    assert {"Vladimir V. Putin", "Steve Witkoff", "Donald Trump", "Russia", "United States"} <= names
    assert "Zelensky" not in names  # three links away, through Ukraine


def test_kg_view_planned_contacts_are_opt_in(loaded_store, tmp_path):
    out = tmp_path / "planned.html"
    result = CliRunner().invoke(cli, ["view", "--include-planned", "-o", str(out), "--store", loaded_store])
    assert result.exit_code == 0, result.output
    statuses = {row[INTERACTION_FIELDS.index("status")] for row in embedded_data(out.read_text())["interactions"]}
    assert statuses == {"occurred", "planned"}


@pytest.mark.parametrize("args, code, message", [
    (["--focus", "Nobody Known"], 1, "unknown actor 'Nobody Known'"),  # a name the store does not know
    (["--types", "meeting,hug"], 2, "no such interaction type: hug"),  # a misspelt type is a usage error
    (["--since", "someday"], 1, "Error:"),  # not an ISO date
    (["--hops", "-1", "--focus", "Putin"], 2, "-1"),  # a negative radius
])
def test_kg_view_bad_input(loaded_store, tmp_path, args, code, message):
    result = CliRunner().invoke(cli, ["view", "-o", str(tmp_path / "x.html"), "--store", loaded_store, *args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert not (tmp_path / "x.html").exists()


def test_kg_view_help_has_an_example():
    result = CliRunner().invoke(cli, ["view", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "kg view --focus Putin" in result.output


def test_kg_view_open_hands_the_file_to_the_browser(loaded_store, tmp_path, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    out = tmp_path / "open.html"
    result = CliRunner().invoke(cli, ["view", "--open", "-o", str(out), "--store", loaded_store])
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()]

"""Maps in headless Chromium with every non-file request blocked: they draw, count right, show evidence,
and run nothing that came from an article."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.analysis import build_projection
from kg.views import build_view, write_html
from kg.views.browser import chromium_missing, hover_link, offline_page, open_map
from views_fixtures import IMG_PAYLOAD, SCRIPT_BREAK, founding_store, hostile_projection, hostile_store

pytestmark = [pytest.mark.browser, pytest.mark.skipif(chromium_missing() is not None,
                                                      reason=chromium_missing() or "")]

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
PUTIN = "https://w3id.org/kg-news/id/person/vladimir-v-putin"
WITKOFF = "https://w3id.org/kg-news/id/person/steve-witkoff"


def _screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def _link_between(view, a: str, b: str) -> int:
    index = {row[0]: i for i, row in enumerate(view.nodes)}
    return next(i for i, link in enumerate(view.links) if {link[0], link[1]} == {index[a], index[b]})


@pytest.fixture
def putin_map(tmp_path):
    """The founding article's map around Putin, two hops, with role links (what `kg view --focus` draws)."""
    graph = build_projection(founding_store(tmp_path), via_roles=True, cache=False)
    view = build_view(graph, focus=PUTIN, hops=2, title="Putin, 2 hops")
    return view, write_html(view, tmp_path / "putin.html")


def test_the_focus_map_draws_offline_with_the_projections_counts(putin_map):
    view, path = putin_map
    with offline_page() as (page, log):
        open_map(page, path)
        counts = page.evaluate("[kgView.nodes.length, kgView.edges.length, kgView.data.interactions.length]")
        labels = set(page.evaluate("kgView.nodes.get().map(n => n.label)"))
        _screenshot(page, "views-putin.png")
    assert log.errors == [] and log.blocked == [] and log.dialogs == []
    assert counts == [len(view.nodes), len(view.links), len(view.interactions)]
    assert {"Vladimir V. Putin", "Steve Witkoff", "Donald Trump", "Russia", "United States"} <= labels


def test_hovering_the_witkoff_line_lists_both_meetings_and_their_quotes(putin_map):
    view, path = putin_map
    link = _link_between(view, PUTIN, WITKOFF)
    with offline_page() as (page, log):
        open_map(page, path)
        assert hover_link(page, link) == link
        details = page.inner_text("#kg-details")
        kinds = page.locator("#kg-details li strong").all_inner_texts()
        _screenshot(page, "views-putin-witkoff.png")
    assert "2 of 2 interaction(s) shown" in details
    assert kinds == ["meeting", "meeting"]
    assert "2025-03-13, in Moscow" in details and "2025-02" in details
    assert "met Steve Witkoff, the US special envoy, in Moscow" in details
    assert "spending three hours meeting with Putin last month" in details
    assert "New York Times News Service" in details
    assert log.errors == []


def test_type_and_date_filters_hide_lines(putin_map):
    view, path = putin_map
    with offline_page() as (page, log):
        open_map(page, path)
        shown = "kgView.edges.get({filter: e => !e.hidden}).length"
        everything = page.evaluate(shown)
        page.check("#kg-types input[value='meeting']")
        page.uncheck("#kg-types input[value='meeting']")
        without_meetings = page.evaluate(shown)
        page.check("#kg-types input[value='meeting']")
        page.fill("#kg-from", "2025-03-01")
        page.dispatch_event("#kg-from", "change")
        page.uncheck("#kg-undated")
        from_march = page.evaluate(shown)
        counts = page.inner_text("#kg-counts")
    assert everything == len(view.links)
    assert without_meetings == everything - 1  # Putin -- Witkoff holds only meetings
    # Left: the Witkoff line (its March meeting) and the role lines, which no date range hides.
    assert from_march == everything - 1  # the February call with Trump is hidden
    # Hidden as well: the February meeting on the Witkoff line.
    assert f"{everything - 1} of {everything} links" in counts
    assert f"{len(view.interactions) - 2} of {len(view.interactions)} interactions" in counts
    assert log.errors == []


def test_search_finds_and_selects_an_actor(putin_map):
    _, path = putin_map
    with offline_page() as (page, log):
        open_map(page, path)
        page.fill("#kg-search", "witkoff")
        page.press("#kg-search", "Enter")
        selected = page.evaluate("kgView.network.getSelectedNodes().map(id => kgView.nodes.get(id).label)")
        page.fill("#kg-search", "nobody at all")
        page.press("#kg-search", "Enter")
        missing = page.inner_text("#kg-search-result")
    assert selected == ["Steve Witkoff"]
    assert "no actor named" in missing and log.errors == []


def test_an_article_full_of_markup_runs_nothing(tmp_path):
    graph = build_projection(hostile_store(tmp_path), cache=False)
    view = build_view(graph, title=f"Evil {IMG_PAYLOAD}")
    evil = next(row[0] for row in view.nodes if row[1] == IMG_PAYLOAD)
    path = write_html(view, tmp_path / "hostile.html")
    with offline_page() as (page, log):
        open_map(page, path)
        assert hover_link(page, _link_between(view, PUTIN, evil)) is not None
        details = page.inner_text("#kg-details")
        injected = page.evaluate("document.querySelectorAll('img, svg, iframe, body script:not([id])').length")
        _screenshot(page, "views-hostile.png")
    assert log.dialogs == [] and log.errors == [] and log.blocked == []
    assert injected == 2  # kg's own two scripts, nothing else
    assert IMG_PAYLOAD in details and SCRIPT_BREAK in details and "<i>Evil</i> Times" in details


def test_markup_in_names_posts_and_places_stays_text(tmp_path):
    view = build_view(hostile_projection())
    path = write_html(view, tmp_path / "names.html")
    with offline_page() as (page, log):
        open_map(page, path)
        page.evaluate("kgView.network.selectNodes([0])")
        page.fill("#kg-search", IMG_PAYLOAD)
        page.press("#kg-search", "Enter")
        node_panel = page.inner_text("#kg-details")
        page.evaluate("kgView.showLink(0)")
        link_panel = page.inner_text("#kg-details")
        injected = page.evaluate("document.querySelectorAll('img, svg, iframe').length")
    assert log.dialogs == [] and log.errors == [] and injected == 0
    assert IMG_PAYLOAD in node_panel and SCRIPT_BREAK in node_panel  # the name and the post
    assert "in <svg onload=alert(2)>" in link_panel


@pytest.mark.slow
def test_a_big_map_arrives_laid_out_and_draws(tmp_path):
    import networkx as nx

    from views_fixtures import edge

    skeleton = nx.barabasi_albert_graph(800, 2, seed=5)
    graph = nx.MultiGraph()
    graph.add_nodes_from((f"urn:{n}", {"name": f"Actor {n}", "kind": "Person", "posts": []}) for n in skeleton)
    for i, (a, b) in enumerate(skeleton.edges()):
        graph.add_edge(f"urn:{a}", f"urn:{b}", key=i, **edge(quote=f"Actor {a} met Actor {b}", event=i))
    view = build_view(graph)
    path = write_html(view, tmp_path / "big.html")
    with offline_page() as (page, log):
        open_map(page, path)
        physics = page.evaluate("kgView.network.physics.options.enabled")
        counts = page.evaluate("[kgView.nodes.length, kgView.edges.length]")
        hovered = hover_link(page)
        _screenshot(page, "views-big.png")
    assert view.positions and physics is False
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    assert hovered is not None and log.errors == []

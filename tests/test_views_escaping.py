"""Names with quotes, ampersands and right-to-left text reach the map exactly, as text.

Unit tests read the page's JSON block and HTML; the browser tests (Chromium, network cut) read what
the page shows. Names come through the store, as an ingested article's would.
"""
from __future__ import annotations

import html
import re

import pytest

from kg.analysis import build_projection
from kg.load import load_documents
from kg.store import open_store
from kg.views import build_view, render_html, write_html
from kg.views.browser import chromium_missing, offline_page, open_map
from views_fixtures import embedded_data

QUOTED = "Conor \"The Hammer\" O'Brien"
AMPERSAND = "Ben & Jerry's <Holdings> & Co."
ENTITY = "AT&amp;T &lt;b&gt;"  # already looks escaped: must show as these very characters
ARABIC = "محمد بن سلمان"
HEBREW = "בנימין נתניהו"
OVERRIDE = "Evil \u202egnp.exe\u202c Corp"  # a right-to-left override, as in spoofed file names
ISOLATES = "\u2067ﺍﻟﺮﻳﺎﺽ\u2069 Office"
NAMES = [QUOTED, AMPERSAND, ENTITY, ARABIC, HEBREW, OVERRIDE, ISOLATES]
PLACE = "الرياض & \"Riyadh\""


def names_store(tmp_path):
    """A store with one article: everyone in NAMES met the first of them, in PLACE."""
    actors = [{"id": f"p{i}", "type": "Person" if i % 2 == 0 else "Organization", "name": name, "aliases": []}
              for i, name in enumerate(NAMES)]
    actors.append({"id": "place", "type": "Place", "name": PLACE, "aliases": []})
    text = " ".join(f"{name} met {NAMES[0]}." for name in NAMES[1:])
    interactions = [{"type": "meeting", "participants": ["p0", f"p{i}"], "date": "2025-03-14", "place": "place",
                     "status": "occurred", "evidence": f"{name} met {NAMES[0]}"}
                    for i, name in enumerate(NAMES) if i]
    facts = {"article": {"key": "names.txt", "date": "2025-03-15", "title": f"{QUOTED} & {ARABIC}",
                         "publisher": "Al-Ahram & \"Sons\""},
             "actors": actors, "roles": [], "interactions": interactions}
    store = open_store(str(tmp_path / "store"))
    load_documents(store, [(facts, text)])
    return store


@pytest.fixture
def names_view(tmp_path):
    return build_view(build_projection(names_store(tmp_path), cache=False), title=f"Map of {AMPERSAND}")


def test_names_reach_the_page_data_exactly(names_view):
    data = embedded_data(render_html(names_view))
    labels = {row[1] for row in data["nodes"]}
    assert set(NAMES) <= labels
    strings = {value for row in data["interactions"] for value in row if isinstance(value, str)}
    assert f"{OVERRIDE} met {QUOTED}" in strings  # the quote
    assert any(PLACE in value for value in strings)  # the place


def test_the_title_is_html_escaped_once(names_view):
    page = render_html(names_view)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html.unescape(title) == f"Map of {AMPERSAND}"
    assert "<Holdings>" not in page  # in the title escaped, in the data block as \u003c
    assert "&amp;amp;" not in title


@pytest.mark.browser
@pytest.mark.skipif(chromium_missing() is not None, reason=chromium_missing() or "")
def test_the_map_shows_every_name_as_its_own_characters(names_view, tmp_path):
    path = write_html(names_view, tmp_path / "names.html")
    with offline_page() as (page, log):
        open_map(page, path)
        labels = page.evaluate("kgView.nodes.get().map(n => n.label)")
        title = page.title()
        panels = {}
        for name in NAMES:  # found through the search box, as a user would
            page.fill("#kg-search", name)
            page.press("#kg-search", "Enter")
            panels[name] = page.evaluate("document.querySelector('#kg-details h2').textContent")
        injected = page.evaluate("document.querySelectorAll('img, svg, iframe, b, Holdings').length")
    assert log.errors == [] and log.dialogs == [] and log.blocked == []
    assert set(NAMES) <= set(labels)
    assert title == f"Map of {AMPERSAND}"
    assert injected == 0
    for name in NAMES:
        assert panels[name] == name


@pytest.mark.browser
@pytest.mark.skipif(chromium_missing() is not None, reason=chromium_missing() or "")
def test_right_to_left_names_cannot_reorder_the_text_around_them(names_view, tmp_path):
    path = write_html(names_view, tmp_path / "names.html")
    index = {row[1]: i for i, row in enumerate(names_view.nodes)}
    link = next(i for i, row in enumerate(names_view.links) if {row[0], row[1]} == {index[QUOTED], index[OVERRIDE]})
    with offline_page() as (page, log):
        open_map(page, path)
        page.evaluate(f"kgView.showLink({link})")
        heading = page.evaluate("Array.from(document.querySelectorAll('#kg-details h2 bdi'), b => b.textContent)")
        meta = page.evaluate("Array.from(document.querySelectorAll('#kg-details .kg-meta bdi'), b => b.textContent)")
        source = page.evaluate("Array.from(document.querySelectorAll('#kg-details .kg-source bdi'), b => b.textContent)")
        text = page.inner_text("#kg-details")
    assert log.errors == []
    # each name, place and title in its own isolate: an override inside one stops at its end
    assert sorted(heading) == sorted([QUOTED, OVERRIDE])
    assert f"in {PLACE}" in meta
    assert f"{QUOTED} & {ARABIC}" in source and "Al-Ahram & \"Sons\"" in source
    assert f"{OVERRIDE} met {QUOTED}" in text

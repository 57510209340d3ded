"""Graphs and stores for the map tests: projections built in code, the founding article, hostile text."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import networkx as nx

from kg.load import load_documents, load_files
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = ROOT / "examples" / "facts" / "2025-03-15-putin-witkoff.facts.json"
FOUNDING_TEXT = ROOT / "examples" / "articles" / "2025-03-15-putin-witkoff.txt"
SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
# A line separator inside a literal: the store cannot take it yet (kg.store.base.payload splits
# N-Quads with str.splitlines), so only the projection built in code carries one.
HOSTILE_SENTENCE = f"Putin met {IMG_PAYLOAD} on Friday, said {SCRIPT_BREAK} and more."
HOSTILE_QUOTE = HOSTILE_SENTENCE + "\u2028More after a line separator."


def edge(kind="meeting", date="2025-03-13", quote="A met B", status="occurred", article="a.txt", **extra):
    """The attributes build_projection gives one contact edge."""
    attrs = dict(type=kind, date=date, start=date and date[:10], end=date and date[:10],
                 precision="day" if date else None, place=None, status=status, article=article,
                 article_title=f"Title of {article}", article_date="2025-03-15", publisher="Wire",
                 quote=quote, event=f"urn:event:{quote}")
    attrs.update(extra)
    return attrs


def small_projection() -> nx.MultiGraph:
    """Ann and Bo met twice (one link, two interactions), Bo called Cy; Dee is alone; Ecuador is a state."""
    graph = nx.MultiGraph()
    for iri, name, kind in [("urn:ann", "Ann", "Person"), ("urn:bo", "Bo", "Person"), ("urn:cy", "Cy", "Person"),
                            ("urn:dee", "Dee", "Person"), ("urn:ec", "Ecuador", "State")]:
        graph.add_node(iri, name=name, kind=kind, posts=[])
    graph.add_edge("urn:ann", "urn:bo", key="e2", **edge(date="2025-03-13", quote="Ann met Bo again"))
    graph.add_edge("urn:ann", "urn:bo", key="e1", **edge(date="2025-02", quote="Ann met Bo first"))
    graph.add_edge("urn:bo", "urn:cy", key="e3", **edge(kind="call", date=None, quote="Bo called Cy",
                                                       status="planned"))
    graph.add_edge("urn:cy", "urn:ec", key="t1", **edge(kind="role", date=None, quote=None, title="envoy"))
    graph["urn:ann"]["urn:bo"]["e1"]["start"] = "2025-02-01"
    graph["urn:ann"]["urn:bo"]["e1"]["end"] = "2025-02-28"
    return graph


def hostile_projection() -> nx.MultiGraph:
    """Names and quotes that are markup: they must be shown as text and never run."""
    graph = nx.MultiGraph()
    graph.add_node("urn:x", name=IMG_PAYLOAD, kind="Person", posts=[SCRIPT_BREAK])
    graph.add_node("urn:y", name=SCRIPT_BREAK, kind="Organization", posts=[])
    graph.add_edge("urn:x", "urn:y", key="e", **edge(quote=HOSTILE_QUOTE, article="<b>x</b>.txt",
                                                     place="<svg onload=alert(2)>"))
    return graph


def founding_store(tmp_path: Path):
    """An on-disk store holding the founding article's curated facts."""
    store = open_store(str(tmp_path / "store"))
    load_files(store, [FOUNDING])
    return store


def hostile_store(tmp_path: Path):
    """The founding article plus an article whose actor name and evidence are markup."""
    store = founding_store(tmp_path)
    facts = copy.deepcopy(json.loads(FOUNDING.read_text("utf-8")))
    text = FOUNDING_TEXT.read_text("utf-8") + "\n\n" + HOSTILE_SENTENCE + "\n"
    facts["article"] = {"key": "hostile.txt", "date": "2025-03-16", "publisher": "<i>Evil</i> Times"}
    facts["actors"].append({"id": "evil", "type": "Person", "name": IMG_PAYLOAD, "aliases": []})
    facts["interactions"] = [{"type": "meeting", "participants": ["vladimir-putin", "evil"], "date": "2025-03-14",
                              "status": "occurred", "evidence": HOSTILE_SENTENCE}]
    load_documents(store, [(facts, text)])
    return store


def embedded_data(page: str) -> dict:
    """The map's tables, read back from a page's JSON block."""
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))

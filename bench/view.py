"""How fast a big relationship map opens: a synthetic 5,000-actor projection drawn in headless Chromium.

Usage: .venv/bin/python bench/view.py [--nodes 5000] [--interactions 9000] [--out bench/out]

Builds a random projection with the attributes ``kg.analysis.projection.build_projection`` gives
(a preferential-attachment graph, so a few actors have many contacts, like real news), times
``build_view`` (including the layout) and ``write_html``, then opens the page offline and prints:
the HTML size, the time from navigation until vis-network has drawn the map, and the time of a hover
round trip (mouse onto a line until the side panel lists its interactions). Goals: < 3 s and < 5 MB.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.views import build_view, write_html  # noqa: E402
from kg.views.browser import chromium_missing, hover_link, offline_page, open_map  # noqa: E402

KINDS = ["Person"] * 14 + ["Organization"] * 3 + ["State"] * 2 + ["Place"]
TYPES = ["meeting"] * 5 + ["call"] * 3 + ["contact"] * 2
WORDS = ("talks ceasefire minister envoy summit capital delegation agreement reporters officials "
         "border sanctions trade security council statement visit foreign prisoners").split()


def synthetic_projection(nodes: int, interactions: int, seed: int = 1):
    """A MultiGraph shaped like build_projection's output, ``nodes`` actors and ``interactions`` edges."""
    import networkx as nx

    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(nodes, 1, seed=seed)
    graph = nx.MultiGraph()
    for i in range(nodes):
        graph.add_node(f"urn:actor:{i}", name=f"{rng.choice(WORDS).title()} {i}", kind=rng.choice(KINDS),
                       posts=[f"minister, State {i % 90}"] if i % 7 == 0 else [])
    pairs = list(skeleton.edges())
    while len(pairs) < interactions:  # repeated contacts, and some between random actors
        pairs.append(rng.choice(pairs) if rng.random() < 0.5 else tuple(rng.sample(range(nodes), 2)))
    for n, (a, b) in enumerate(pairs):
        graph.add_edge(f"urn:actor:{a}", f"urn:actor:{b}", key=f"urn:event:{n}", **_interaction(rng, n))
    return graph


def _interaction(rng: random.Random, n: int) -> dict:
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2000))
    article = rng.randrange(3000)
    return dict(type=rng.choice(TYPES), date=day.isoformat(), start=day.isoformat(), end=day.isoformat(),
                precision="day", place=None if n % 3 else "Geneva", status="occurred",
                article=f"article-{article}.txt", article_title=f"Article {article} on {rng.choice(WORDS)}",
                article_date=(day + dt.timedelta(days=1)).isoformat(), publisher="Wire Service",
                quote=" ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 22))), event=f"urn:event:{n}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--interactions", type=int, default=9000)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    graph = synthetic_projection(args.nodes, args.interactions)
    started = time.perf_counter()
    view = build_view(graph, title=f"Synthetic map, {args.nodes} actors")
    built = time.perf_counter() - started
    path = write_html(view, args.out / "view.html")
    size = path.stat().st_size
    print(f"map          {len(view.nodes)} actors, {len(view.links)} links, {len(view.interactions)} interactions")
    print(f"build_view   {built:.2f} s (layout in Python: {'yes' if view.positions else 'no'})")
    print(f"html size    {size / 1e6:.2f} MB  ({path}) goal < 5 MB")
    reason = chromium_missing()
    if reason:
        print(f"browser      skipped: {reason}")
        return 0
    return _browse(path, args.out / "view.png")


def _browse(path: Path, shot: Path) -> int:
    with offline_page() as (page, log):
        drawn_ms = open_map(page, path)
        marks = page.evaluate("window.kgView.marks")
        page.screenshot(path=str(shot))
        started = time.perf_counter()
        link = hover_link(page)
        hover_ms = (time.perf_counter() - started) * 1000
    steps = ", ".join(f"{name} {ms / 1000:.2f}" for name, ms in marks.items())
    print(f"drawn        {drawn_ms / 1000:.2f} s from navigation (vis-network afterDrawing; {steps})")
    print(f"hover        {hover_ms:.0f} ms round trip (mouse onto a line -> the panel lists line {link})")
    print(f"responsive   {(drawn_ms + hover_ms) / 1000:.2f} s after navigation; goal < 3 s")
    print(f"screenshot   {shot}")
    if log.errors or log.blocked or log.dialogs:
        print(f"PROBLEMS     errors={log.errors[:3]} blocked={log.blocked[:3]} dialogs={log.dialogs[:3]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Interactive relationship maps: actors as nodes, their interactions as lines, evidence on every line.

``build_view(graph)`` makes a ``View`` of a projection; ``write_html(view, path)`` writes it as one
self-contained page that opens from ``file://`` with no network.
"""
from kg.views.html import render_html, write_html
from kg.views.model import View, build_view

__all__ = ["View", "build_view", "render_html", "write_html"]

"""Analysis of who met whom: the actor projection of the graph, paths with evidence, chronology,
timelines, centrality and communities.

The flow is store -> ``build_projection`` (a cached networkx MultiGraph of actors joined by their
contacts) -> the algorithms in ``kg.analysis.paths`` and ``kg.analysis.measures``.
"""
from kg.analysis.projection import build_projection

__all__ = ["build_projection"]

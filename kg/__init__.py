"""kg: news articles to an RDF knowledge graph of political actors, their roles and interactions."""
from __future__ import annotations

__version__ = "0.1.0"

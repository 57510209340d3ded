"""``kg serve``: a SPARQL 1.1 Protocol endpoint over kg's store, for the tools a newsroom already uses.

``create_app(Settings(location))`` builds the Starlette application; ``kg serve`` runs it with
uvicorn. Starlette is imported only when the application is built, so ``import kg.server`` is cheap.
"""
from __future__ import annotations


def create_app(settings):
    """The endpoint application for ``settings`` (a ``kg.server.app.Settings``)."""
    from kg.server.app import create_app as build

    return build(settings)

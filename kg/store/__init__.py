"""Stores: where kg keeps its graph. The embedded on-disk store by default, any SPARQL 1.1 server by URL.

>>> store = open_store(":memory:")
>>> store.count()
0
"""
from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import GraphPayload, LoadReport, SelectResult, Store, payload

__all__ = ["GraphPayload", "LoadReport", "SelectResult", "Store", "payload", "open_store",
           "default_location"]


def default_location() -> str:
    """The store used when neither ``--store`` nor ``KG_STORE`` names one: ``$XDG_DATA_HOME/kg/store``
    (``~/.local/share/kg/store``)."""
    env = os.environ.get("KG_STORE")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "kg" / "store")


def open_store(location: str | None = None, on_wait=None) -> Store:
    """Open the store at ``location``: a folder (embedded), ``:memory:``, or an ``http(s)://`` URL."""
    location = location or default_location()
    if location.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore

        return RemoteStore(location)
    from kg.store.embedded import EmbeddedStore

    return EmbeddedStore(location, on_wait=on_wait)

"""Stores for the store-level tests: the embedded one in ``tmp_path`` and a real Oxigraph server.

The server is started once per session (``oxigraph serve --union-default-graph`` on a free port of
127.0.0.1) and emptied with ``DROP ALL`` before each test that uses it.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = ROOT / "examples" / "facts" / "2025-03-15-putin-witkoff.facts.json"
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    """Wait until ``url`` answers HTTP; fail early if the process died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered at {url} within {seconds:g} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a server process started by a fixture."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory):
    """The base URL of an Oxigraph server that queries the union of its named graphs."""
    if not OXIGRAPH.exists() and shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server binary is not installed")
    binary = str(OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph"))
    port = free_port()
    folder = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(folder / "data"),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/query", process)
        yield url
    finally:
        stop(process)


@pytest.fixture
def remote_store(oxigraph_url):
    """A RemoteStore on the session's server, emptied first."""
    store = open_store(oxigraph_url)
    store.update("DROP ALL")
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("remote", marks=pytest.mark.server)])
def store(request, tmp_path):
    """Each store backend in turn: the embedded one on disk, then the Oxigraph server."""
    if request.param == "embedded":
        yield open_store(str(tmp_path / "store"))
        return
    yield request.getfixturevalue("remote_store")

"""A readers-writer lock on a store folder, shared between processes.

Oxigraph's on-disk store may be open read-write by one process at a time, and reading it while
another process writes is undefined, so kg takes an ``flock`` on ``kg.lock`` around every use:
shared to read, exclusive to write. A writer records its pid so that a waiting process can say
who holds the store.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from pathlib import Path
from typing import Callable, Iterator

from kg.errors import StoreBusy

DEFAULT_WAIT = float(os.environ.get("KG_LOCK_TIMEOUT", "600"))


@contextlib.contextmanager
def locked(folder: Path, write: bool, wait: float = DEFAULT_WAIT,
           on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's lock (exclusive when ``write``) for the duration of the block.

    Waits up to ``wait`` seconds, calling ``on_wait`` once with a message; then raises StoreBusy.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kg.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, fcntl.LOCK_EX if write else fcntl.LOCK_SH, wait, on_wait)
        if write:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, mode: int, wait: float, on_wait) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(path)
            if time.monotonic() >= deadline:
                raise StoreBusy(f"store is in use by process {holder} (gave up after {wait:g} s)") from None
            if on_wait and not told:
                on_wait(f"store is in use by process {holder}; waiting for it")
                told = True
            time.sleep(0.05)


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip() or "unknown"
    except OSError:
        return "unknown"

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

from kg.errors import StoreBusy, StoreError

DEFAULT_WAIT = 600.0  # seconds; env KG_LOCK_TIMEOUT sets another


@contextlib.contextmanager
def locked(folder: Path, write: bool, wait: float | None = None,
           on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's lock (exclusive when ``write``) for the duration of the block.

    Waits up to ``wait`` seconds (default: env ``KG_LOCK_TIMEOUT``, else DEFAULT_WAIT), calling
    ``on_wait`` once with a message; then raises StoreBusy.
    """
    wait = lock_timeout() if wait is None else wait
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


def lock_timeout() -> float:
    """How long to wait for another process's lock: env ``KG_LOCK_TIMEOUT`` seconds, else DEFAULT_WAIT."""
    value = os.environ.get("KG_LOCK_TIMEOUT", "").strip()
    if not value:
        return DEFAULT_WAIT
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        raise StoreError(f"KG_LOCK_TIMEOUT={value!r} is not a number of seconds")
    return seconds


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

"""Worker processes that run SPARQL on the embedded store, so that a runaway query can be stopped.

pyoxigraph cannot cancel a query from another thread, so each query runs in a worker process; when
it passes the time limit the worker is killed (which also drops its shared lock on the store) and a
fresh one takes its place. Workers open the store per request, so the lock is held only while a
request runs and writers (``kg load``, ``kg ingest``) get their turn between requests.
"""
from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
from typing import NamedTuple

from kg import errors
from kg.errors import KgError, QueryTimeout, StoreError
from kg.server.engine import Answer, Job, ViewJob
from kg.server.formats import RowLimit

# Errors cross the process boundary by name; anything else is reported as a store failure.
_ERRORS = {name: cls for name, cls in vars(errors).items() if isinstance(cls, type) and issubclass(cls, KgError)}
_ERRORS["RowLimit"] = RowLimit


class _Worker(NamedTuple):
    process: multiprocessing.Process
    conn: object


class QueryPool:
    """``size`` worker processes over the embedded store at ``location``."""

    def __init__(self, location: str, size: int = 2):
        self.location = location
        # forkserver: workers fork from a clean process with kg preloaded, not from the threaded server.
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["kg.server.workers", "kg.store.embedded"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._guard = threading.Lock()
        for _ in range(size):
            self._idle.put(self._start())

    def run(self, job: Job | ViewJob, timeout: float) -> Answer:
        """Run ``job`` in a free worker (waiting for one); QueryTimeout after ``timeout`` seconds."""
        worker = self._idle.get()
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                worker = self._replace(worker)
                raise QueryTimeout(f"the query ran over this endpoint's time limit of {timeout:g} s")
            outcome = worker.conn.recv()
        except (EOFError, OSError) as exc:
            worker = self._replace(worker)
            raise StoreError(f"a query worker stopped unexpectedly ({type(exc).__name__})") from None
        finally:
            self._idle.put(worker)
        if isinstance(outcome, Answer):
            return outcome
        name, message = outcome
        raise _ERRORS.get(name, StoreError)(message)

    def close(self) -> None:
        """Stop every worker."""
        with self._guard:
            workers, self._all = list(self._all), set()
        for worker in workers:
            _kill(worker)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, self.location), daemon=True,
                                        name="kg-query-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._guard:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        with self._guard:
            self._all.discard(worker)
        _kill(worker)
        return self._start()


def _kill(worker: _Worker) -> None:
    worker.process.kill()
    worker.process.join(5)
    worker.conn.close()


def _serve(conn, location: str) -> None:
    """A worker's loop: answer jobs until the pipe closes."""
    from kg.server.engine import answer_embedded
    from kg.store.embedded import EmbeddedStore

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    store = EmbeddedStore(location)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = answer_embedded(store, job)
        except KgError as exc:
            outcome = (type(exc).__name__, str(exc))
        except Exception as exc:  # a bug: report it rather than kill the worker
            outcome = ("StoreError", f"internal error: {type(exc).__name__}: {exc}")
        conn.send(outcome)

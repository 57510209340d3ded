"""The SPARQL 1.1 Protocol endpoint over kg's store, as a Starlette application.

``/sparql`` takes queries by GET or POST (form-encoded or ``application/sparql-query``) and, when
the server allows them, updates by POST with a bearer token; ``/`` is a page to type a query;
``/view`` is the relationship map of ``kg view``. Read-only unless started with updates allowed.
"""
from __future__ import annotations

import contextlib
import hmac
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import (AmbiguousActor, BadDate, KgError, QueryError, QueryTimeout, StoreBusy, UnknownActor,
                       UnknownFormat)
from kg.server.engine import Answer, Job, ViewJob, answer_remote
from kg.server.guard import refuse_outside_access
from kg.server.page import query_page

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
# kg queries the union of the article graphs; a client-chosen dataset would silently mean less.
_DATASET_PARAMS = ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri")
_STATUS = [(QueryTimeout, 503), (StoreBusy, 503), (UnknownFormat, 406), (UnknownActor, 404),
           (AmbiguousActor, 400), (BadDate, 400), (QueryError, 400), (KgError, 500)]


@dataclass
class Settings:
    """How the endpoint behaves: store, limits, and whether updates are allowed (and with what token)."""

    location: str
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = 2
    allow_update: bool = False
    token: str | None = None


class HttpError(Exception):
    """A request the endpoint turns down with ``status`` and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def create_app(settings: Settings) -> Starlette:
    """The endpoint application; its store backend starts with the application and stops with it.

    Raises QueryError for a store only one process can see (``:memory:``) and when updates are
    allowed without a token to check them against.
    """
    if settings.location == ":memory:":
        raise QueryError("kg serve needs a store folder or a SPARQL server URL, not :memory: "
                         "(each worker process would see its own empty store)")
    if settings.allow_update and not settings.token:
        raise QueryError("updates need a token: set KG_SERVE_TOKEN before starting with --allow-update")
    backend = _Backend(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        backend.start()
        try:
            yield
        finally:
            backend.close()

    routes = [Route("/", _page, methods=["GET"]),
              Route("/sparql", _endpoint(settings, backend), methods=["GET", "POST"]),
              Route("/view", _view(backend), methods=["GET"])]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    return app


class _Backend:
    """Runs jobs with the time limit: worker processes for the embedded store, threads for a server."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pool = None
        self._store = None

    def start(self) -> None:
        settings = self.settings
        if settings.location.startswith(("http://", "https://")):
            from kg.store import open_store

            self._store = open_store(settings.location)
        else:
            from kg.server.workers import QueryPool

            self._pool = QueryPool(settings.location, settings.workers)

    async def run(self, job: Job | ViewJob) -> Answer:
        timeout = self.settings.timeout
        if self._pool is not None:
            return await run_in_threadpool(self._pool.run, job, timeout)
        return await run_in_threadpool(answer_remote, self._store, job, timeout)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        if self._store is not None:
            self._store.close()


async def _page(request: Request) -> Response:
    return HTMLResponse(query_page(), headers={"Content-Security-Policy": "default-src 'self'; "
                                               "script-src 'unsafe-inline'; style-src 'unsafe-inline'"})


def _endpoint(settings: Settings, backend: _Backend):
    async def sparql(request: Request) -> Response:
        try:
            kind, text = await _read_operation(request)
            refuse_outside_access(text)
            if kind == "update":
                _authorise(request, settings)
            answer = await backend.run(Job(kind, text, request.headers.get("accept"), settings.max_rows))
        except HttpError as exc:
            return _error(exc.status, str(exc))
        except KgError as exc:
            return _error(_status_of(exc), str(exc))
        except Exception as exc:  # a bug, not bad input: one line for the client, not a bare 500
            return _error(500, f"internal error: {type(exc).__name__}: {exc}")
        if kind == "update":
            return Response(status_code=204)
        return Response(answer.body, media_type=answer.media)

    return sparql


def _view(backend: _Backend):
    async def view(request: Request) -> Response:
        try:
            hops = _hops(request.query_params.get("hops"))
            answer = await backend.run(ViewJob(request.query_params.get("focus") or None, hops))
        except HttpError as exc:
            return _error(exc.status, str(exc))
        except ModuleNotFoundError as exc:
            return _error(501, f"maps need kg.views, which this installation lacks ({exc.name})")
        except KgError as exc:
            return _error(_status_of(exc), str(exc))
        return Response(answer.body, media_type=answer.media)

    return view


async def _read_operation(request: Request) -> tuple[str, str]:
    """("query" | "update", SPARQL text) from a request, by the rules of the SPARQL 1.1 Protocol."""
    params = request.query_params
    if any(name in params for name in _DATASET_PARAMS):
        raise HttpError(400, "this endpoint always queries the union of all article graphs: "
                             "drop default-graph-uri and named-graph-uri")
    if request.method == "GET":
        if "update" in params:
            raise HttpError(400, "updates must be sent by POST")
        if "query" not in params:
            raise HttpError(400, "give the query in the 'query' parameter")
        return "query", params["query"]
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-query":
        return "query", (await request.body()).decode("utf-8", errors="replace")
    if media == "application/sparql-update":
        return "update", (await request.body()).decode("utf-8", errors="replace")
    if media == "application/x-www-form-urlencoded":
        # Parsed here: Starlette's form parser needs python-multipart, which kg does not depend on.
        form = dict(parse_qsl((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True))
        if ("query" in form) == ("update" in form):
            raise HttpError(400, "give exactly one of the 'query' and 'update' parameters")
        return ("query", form["query"]) if "query" in form else ("update", form["update"])
    raise HttpError(415, f"POST bodies must be application/sparql-query, application/sparql-update or "
                         f"form-encoded, not {media or 'untyped'}")


def _authorise(request: Request, settings: Settings) -> None:
    if not settings.allow_update:
        raise HttpError(403, "this endpoint is read-only (start kg serve with --allow-update to take updates)")
    given = request.headers.get("authorization", "")
    expected = f"Bearer {settings.token}"
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HttpError(403, "updates need the server's token: send Authorization: Bearer TOKEN")


def _hops(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit() or not 0 < int(value) <= 6:
        raise HttpError(400, "hops must be a whole number from 1 to 6")
    return int(value)


def _status_of(exc: KgError) -> int:
    return next(status for cls, status in _STATUS if isinstance(exc, cls))


def _error(status: int, message: str) -> Response:
    return PlainTextResponse(f"Error: {message}\n", status_code=status)

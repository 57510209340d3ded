"""Any SPARQL 1.1 server as kg's store: Query and Update protocols, and the Graph Store HTTP Protocol.

Each article is one named graph, written with a Graph Store ``PUT ?graph=G`` (which replaces the graph
in one request); queries are sent as they are and must see the union of the named graphs as their
default graph, which is a server setting (Oxigraph ``--union-default-graph``, Fuseki
``tdb2:unionDefaultGraph true``): see docs/remote.md.

The URL is the server's base; the endpoints default to Oxigraph's ``/query``, ``/update`` and
``/store`` and can be named in the URL fragment (``#query=sparql&update=update&gsp=data``, relative
to the base, ``/``-rooted or absolute; empty for the base itself) or by ``KG_QUERY_URL``, ``KG_UPDATE_URL`` and ``KG_GSP_URL``. Credentials
come from ``KG_STORE_TOKEN`` (a bearer token), ``KG_STORE_USER``/``KG_STORE_PASSWORD`` or a netrc
file, never from the URL.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

import httpx

from kg.errors import QueryError, QueryTimeout, StoreError
from kg.store.base import GraphPayload, LoadReport, SelectResult, Store

DEFAULT_TIMEOUT = float(os.environ.get("KG_STORE_TIMEOUT", "60"))
RETRIES = int(os.environ.get("KG_STORE_RETRIES", "3"))
BACKOFF = 0.2  # seconds before the first retry; doubled each time
PARALLEL = int(os.environ.get("KG_STORE_PARALLEL", "4"))  # graph uploads in flight during a load
DIGEST_BATCH = 500  # graphs asked about per digest query, to keep each request small

RESULT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"ttl": "text/turtle", "nt": "application/n-triples", "xml": "application/rdf+xml"}
DUMP_FORMATS = ("nq", "trig", "jsonld", "ttl", "nt", "xml")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {f"{_XSD}integer": int, f"{_XSD}decimal": float, f"{_XSD}double": float,
            f"{_XSD}boolean": lambda v: v in ("true", "1")}


class Endpoints(NamedTuple):
    """Where a server takes queries, updates and Graph Store requests."""

    query: str
    update: str
    gsp: str


def endpoints(url: str, env: dict | None = None) -> Endpoints:
    """The endpoints of the server at ``url``: Oxigraph's layout unless the fragment or env name others.

    >>> endpoints("http://127.0.0.1:7878", env={})
    Endpoints(query='http://127.0.0.1:7878/query', update='http://127.0.0.1:7878/update', gsp='http://127.0.0.1:7878/store')
    >>> endpoints("http://h:3030/ds#query=sparql&update=update&gsp=data", env={}).gsp
    'http://h:3030/ds/data'
    """
    env = os.environ if env is None else env
    parts = urlsplit(url)
    base = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", "", ""))
    named = dict(parse_qsl(parts.fragment, keep_blank_values=True))
    unknown = set(named) - {"query", "update", "gsp"}
    if unknown:
        raise StoreError(f"unknown endpoint {sorted(unknown)[0]!r} in {url} (use query=, update=, gsp=)")

    def pick(name: str, default: str) -> str:
        given = named.get(name, default)
        # An empty value names the base URL itself (GraphDB and Virtuoso query there).
        return env.get(f"KG_{name.upper()}_URL") or (urljoin(base, given) if given else base.rstrip("/"))

    return Endpoints(pick("query", "query"), pick("update", "update"), pick("gsp", "store"))


class RemoteStore(Store):
    """A SPARQL 1.1 server holding kg's graph: ``RemoteStore("http://127.0.0.1:7878")``."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, retries: int = RETRIES):
        parts = urlsplit(url)
        if parts.username or parts.password:
            raise StoreError("put credentials in KG_STORE_USER/KG_STORE_PASSWORD or KG_STORE_TOKEN, "
                             "not in the store URL")
        self.location = url
        self.endpoints = endpoints(url)
        self.retries = retries
        self._client = httpx.Client(auth=_auth(), timeout=httpx.Timeout(timeout, connect=10.0),
                                    headers={"User-Agent": "kg"}, follow_redirects=True)

    def close(self) -> None:
        self._client.close()

    # -- writing ---------------------------------------------------------------------------------
    def load(self, payloads: Iterable[GraphPayload]) -> LoadReport:
        # One article twice in a batch: the later one wins, as in the embedded store.
        payloads = list({p.graph: p for p in payloads}.values())
        report = LoadReport()
        known = self.digests([p.graph for p in payloads])
        todo = []
        for p in payloads:
            if known.get(p.graph) == p.digest:
                report.unchanged.append(p.graph)
            else:
                (report.replaced if p.graph in known else report.added).append(p.graph)
                todo.append(p)
        self._put_all(todo)
        report.triples = sum(p.nquads.count("\n") for p in todo)
        return report

    def _put_all(self, todo: list[GraphPayload]) -> None:
        if len(todo) < 2 or PARALLEL < 2:
            for p in todo:
                self._put(p)
            return
        with ThreadPoolExecutor(PARALLEL) as pool:
            list(pool.map(self._put, todo))  # list() re-raises the first failure

    def _put(self, p: GraphPayload) -> None:
        # A Graph Store PUT replaces the graph in one request: readers see the old graph or the new one.
        body = p.nquads.replace(f" <{p.graph}> .\n", " .\n").encode("utf-8")
        self._send("PUT", self.endpoints.gsp, params={"graph": p.graph}, content=body,
                   headers={"Content-Type": "application/n-triples"}, idempotent=True)

    def remove(self, graph: str) -> bool:
        response = self._send("DELETE", self.endpoints.gsp, params={"graph": graph}, idempotent=True,
                              allow=(404,))
        return response.status_code != 404

    def update(self, sparql: str) -> None:
        self._send("POST", self.endpoints.update, content=sparql.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update"}, bad="bad SPARQL update")

    # -- reading ---------------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
        return sorted(g for (g,) in rows)

    def digests(self, graphs: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(graphs), DIGEST_BATCH):
            found.update(super().digests(graphs[start:start + DIGEST_BATCH]))
        return found

    def select(self, sparql: str, timeout: float | None = None) -> SelectResult:
        accept = f"{RESULT_TYPES['json']}, {GRAPH_TYPES['nt']};q=0.1"
        response = self._query(sparql, accept, timeout)
        if not _media(response).endswith("json"):
            raise QueryError("not a SELECT or ASK query: CONSTRUCT and DESCRIBE give a graph, not a table "
                             "(use kg export, or the endpoint of kg serve)")
        return _to_select(response.json())

    def query_raw(self, sparql: str, fmt: str, timeout: float | None = None) -> bytes:
        if fmt not in RESULT_TYPES and fmt not in GRAPH_TYPES:
            raise QueryError(f"no such result format: {fmt} (choose from json, xml, csv, tsv, ttl, nt)")
        wanted = RESULT_TYPES.get(fmt) or GRAPH_TYPES[fmt]
        other = GRAPH_TYPES.get(fmt, GRAPH_TYPES["nt"]) if fmt in RESULT_TYPES else RESULT_TYPES["json"]
        response = self._query(sparql, f"{wanted}, {other};q=0.1", timeout)
        media = _media(response)
        if fmt in RESULT_TYPES and media == RESULT_TYPES[fmt] or media == GRAPH_TYPES.get(fmt):
            return response.content
        if media in GRAPH_TYPES.values():
            raise QueryError(f"a CONSTRUCT or DESCRIBE result is a graph: use ttl, nt or xml, not {fmt}")
        if media in RESULT_TYPES.values():
            raise QueryError(f"a SELECT or ASK result cannot be written as {fmt}: use json, xml, csv or tsv")
        raise StoreError(f"the SPARQL server at {self.location} answered {media or 'no type'}, not {wanted}")

    def dump(self, fmt: str) -> Iterator[bytes]:
        if fmt not in DUMP_FORMATS:
            raise QueryError(f"no such export format: {fmt} (choose from {', '.join(DUMP_FORMATS)})")
        if fmt in GRAPH_TYPES:
            yield self.query_raw("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", fmt)
            return
        yield _serialise_quads(self._quads(), fmt)

    def _quads(self) -> list:
        """Every quad, read with a SELECT so that any server can give them (Graph Store has no dataset GET)."""
        import pyoxigraph as ox

        data = self._query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", RESULT_TYPES["json"], None).json()
        return [ox.Quad(*(_ox_term(b[v]) for v in ("s", "p", "o", "g"))) for b in data["results"]["bindings"]]

    def send_query(self, sparql: str, accept: str, timeout: float | None = None) -> tuple[str, bytes]:
        """The server's own answer to ``sparql``: (media type, body), negotiated with ``accept``."""
        response = self._query(sparql, accept, timeout)
        return _media(response), response.content

    # -- HTTP ------------------------------------------------------------------------------------
    def _query(self, sparql: str, accept: str, timeout: float | None) -> httpx.Response:
        return self._send("POST", self.endpoints.query, content=sparql.encode("utf-8"), timeout=timeout,
                          headers={"Content-Type": "application/sparql-query", "Accept": accept},
                          idempotent=True, bad="bad SPARQL")

    def _send(self, method: str, url: str, *, idempotent: bool = False, allow: tuple = (),
              bad: str | None = None, timeout: float | None = None, **kwargs) -> httpx.Response:
        """One request, retried with backoff while the server cannot be reached; errors as StoreError."""
        if timeout is not None:
            kwargs["timeout"] = httpx.Timeout(timeout, connect=10.0)
        for attempt in range(self.retries + 1):
            try:
                response = self._client.request(method, url, **kwargs)
                break
            except httpx.TimeoutException as exc:
                if isinstance(exc, httpx.ConnectTimeout) and attempt < self.retries:
                    time.sleep(BACKOFF * 2 ** attempt)
                    continue
                raise QueryTimeout(f"the SPARQL server at {self.location} did not answer within "
                                   f"{timeout or DEFAULT_TIMEOUT:g} s") from None
            except httpx.TransportError as exc:
                retry = isinstance(exc, httpx.ConnectError) or idempotent
                if retry and attempt < self.retries:
                    time.sleep(BACKOFF * 2 ** attempt)
                    continue
                raise StoreError(f"cannot reach the SPARQL server at {self.location}: {_reason(exc)}") from None
        _check(response, self.location, allow, bad)
        return response


def _check(response: httpx.Response, location: str, allow: tuple, bad: str | None) -> None:
    status = response.status_code
    if status < 400 or status in allow:
        return
    first = next((line.strip() for line in response.text.splitlines() if line.strip()), "")[:300]
    if status == 400 and bad:
        raise QueryError(f"{bad}: {first}")
    if status in (401, 403):
        raise StoreError(f"the SPARQL server at {location} refused access (HTTP {status}): set "
                         "KG_STORE_TOKEN, or KG_STORE_USER and KG_STORE_PASSWORD, or a netrc entry")
    raise StoreError(f"the SPARQL server at {location} refused the request: HTTP {status} {first}".rstrip())


def _reason(exc: httpx.TransportError) -> str:
    text = " ".join(str(exc).split())
    if "refused" in text.lower():
        return "connection refused"
    return text or type(exc).__name__


def _auth() -> httpx.Auth | None:
    """Credentials from the environment, else from a netrc file (``$NETRC`` or ``~/.netrc``)."""
    token = os.environ.get("KG_STORE_TOKEN")
    if token:
        return _Bearer(token)
    user = os.environ.get("KG_STORE_USER")
    if user:
        return httpx.BasicAuth(user, os.environ.get("KG_STORE_PASSWORD", ""))
    netrc = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if netrc.is_file():
        return httpx.NetRCAuth(str(netrc))
    return None


class _Bearer(httpx.Auth):
    def __init__(self, token: str):
        self._header = f"Bearer {token}"

    def auth_flow(self, request):
        request.headers["Authorization"] = self._header
        yield request


def _media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _to_select(data: dict) -> SelectResult:
    if "boolean" in data:
        return SelectResult(["ask"], [(bool(data["boolean"]),)])
    names = data["head"]["vars"]
    return SelectResult(names, [tuple(_value(b.get(v)) for v in names) for b in data["results"]["bindings"]])


def _value(term: dict | None):
    """A SPARQL JSON term as a plain value: numbers and booleans typed, everything else its string."""
    if term is None:
        return None
    convert = _NUMBERS.get(term.get("datatype", "")) if term["type"] in ("literal", "typed-literal") else None
    if convert is not None:
        try:
            return convert(term["value"])
        except ValueError:
            return term["value"]
    return term["value"]


def _ox_term(term: dict):
    import pyoxigraph as ox

    kind = term["type"]
    if kind == "uri":
        return ox.NamedNode(term["value"])
    if kind == "bnode":
        return ox.BlankNode(term["value"])
    if "xml:lang" in term:
        return ox.Literal(term["value"], language=term["xml:lang"])
    datatype = term.get("datatype")
    return ox.Literal(term["value"], datatype=ox.NamedNode(datatype) if datatype else None)


def _serialise_quads(quads: list, fmt: str) -> bytes:
    import pyoxigraph as ox

    formats = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
    return ox.serialize(quads, format=formats[fmt])

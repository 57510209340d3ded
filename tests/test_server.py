"""``kg serve``: the SPARQL endpoint, spoken to by curl-like requests, SPARQLWrapper and rdflib.

Each server is a real ``kg serve`` subprocess on a free port of 127.0.0.1 over an embedded store
holding the founding article.
"""
from __future__ import annotations

import concurrent.futures
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import cli
from kg.errors import QueryError
from kg.load import load_files
from kg.server.guard import refuse_outside_access
from kg.store import open_store
from store_fixtures import FOUNDING, free_port, oxigraph_url, remote_store, stop, wait_for  # noqa: F401

KG = str(Path(sys.executable).with_name("kg"))
TOKEN = "test-token-5e1f"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
INSERT = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }"


def start_serve(store: str, *options: str, env: dict | None = None):
    """A ``kg serve`` subprocess on a free port; returns (process, endpoint URL base)."""
    port = free_port()
    process = subprocess.Popen([KG, "serve", "--store", store, "--port", str(port), *options],
                               env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", process)
    except RuntimeError:
        stop(process)
        raise
    return process, base


def founding_folder(folder: Path) -> str:
    store = open_store(str(folder / "store"))
    load_files(store, [FOUNDING])
    return str(folder / "store")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A read-only endpoint with a 1 s time limit and a 500-row limit."""
    process, base = start_serve(founding_folder(tmp_path_factory.mktemp("ro")), "--timeout", "1",
                                "--max-rows", "500", env={"KG_SERVE_TOKEN": TOKEN})
    yield base
    stop(process)


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    """An endpoint started with --allow-update and a token."""
    process, base = start_serve(founding_folder(tmp_path_factory.mktemp("rw")), "--allow-update",
                                env={"KG_SERVE_TOKEN": TOKEN})
    yield base
    stop(process)


def count(base: str) -> int:
    response = httpx.post(base + "/sparql", data={"query": COUNT},
                          headers={"Accept": "application/sparql-results+json"})
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


pytestmark = pytest.mark.server


# -- the protocol --------------------------------------------------------------------------------
def test_form_post_with_json_accept_like_curl(endpoint):
    assert count(endpoint) == 700


@pytest.mark.parametrize("accept, media, check", [
    ("application/sparql-results+json", "application/sparql-results+json",
     lambda body: len(json.loads(body)["results"]["bindings"]) == 3),
    ("application/sparql-results+xml", "application/sparql-results+xml", lambda body: body.count(b"<result>") == 3),
    ("text/csv", "text/csv", lambda body: len(body.decode().strip().splitlines()) == 4),
    ("text/tab-separated-values", "text/tab-separated-values",
     lambda body: sorted(body.decode().splitlines()[0].split("\t")) == ["?o", "?p", "?s"]),
    (None, "application/sparql-results+json", lambda body: "results" in json.loads(body)),
])
def test_get_negotiates_result_formats(endpoint, accept, media, check):
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(endpoint + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"},
                         headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert check(response.content)


def test_sparql_query_body_and_construct_as_turtle(endpoint):
    response = httpx.post(endpoint + "/sparql", content=b"CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5",
                          headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.content, format="turtle")) == 5


def test_ask(endpoint):
    response = httpx.get(endpoint + "/sparql", params={"query": "ASK { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.json()["boolean"] is True


@pytest.mark.parametrize("request_args, status, message", [
    # no query at all
    ({"method": "GET", "params": {}}, 400, "give the query"),
    # a dataset other than the union of the article graphs
    ({"method": "GET", "params": {"query": COUNT, "default-graph-uri": "http://x"}}, 400, "union"),
    # malformed SPARQL
    ({"method": "GET", "params": {"query": "SELEKT"}}, 400, "bad SPARQL"),
    # a format the endpoint cannot write
    ({"method": "GET", "params": {"query": COUNT}, "headers": {"Accept": "image/png"}}, 406, "image/png"),
    # a body of the wrong type
    ({"method": "POST", "content": b"x", "headers": {"Content-Type": "text/plain"}}, 415, "form-encoded"),
    # federated queries reach other addresses
    ({"method": "GET", "params": {"query": "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}},
     400, "SERVICE"),
    # more rows than the endpoint's limit
    ({"method": "GET", "params": {"query": "SELECT * { ?s ?p ?o }"}}, 400, "more than 500 results"),
])
def test_refused_requests(endpoint, request_args, status, message):
    response = httpx.request(url=endpoint + "/sparql", **request_args)
    assert response.status_code == status
    assert message in response.text
    assert response.text.startswith("Error: ")


def test_a_query_over_the_time_limit_is_stopped_and_the_server_goes_on(endpoint):
    response = httpx.post(endpoint + "/sparql", data={"query": RUNAWAY}, timeout=30)
    assert response.status_code == 503
    assert "time limit of 1 s" in response.text
    assert count(endpoint) == 700


# -- clients -------------------------------------------------------------------------------------
def test_sparqlwrapper(endpoint):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery("PREFIX schema: <http://schema.org/> SELECT DISTINCT ?n WHERE { ?a a "
                    "<https://w3id.org/kg-news/ontology#Person> ; schema:name ?n } ORDER BY ?n")
    client.setReturnFormat(JSON)
    names = [b["n"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert "Steve Witkoff" in names


def test_sparqlwrapper_post(endpoint):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/sparql")
    client.setMethod(POST)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "700"


def test_rdflib_sparqlstore(endpoint):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint + "/sparql"))
    rows = list(graph.query("SELECT ?o WHERE { <https://w3id.org/kg-news/id/person/steve-witkoff> "
                            "<http://schema.org/name> ?o }"))
    assert [str(r[0]) for r in rows][:1] == ["Steve Witkoff"]
    construct = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 4")
    assert len(construct.graph) == 4


# -- updates -------------------------------------------------------------------------------------
def test_update_on_a_read_only_endpoint_is_403_even_with_the_token(endpoint):
    response = httpx.post(endpoint + "/sparql", data={"update": INSERT},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert "read-only" in response.text
    assert count(endpoint) == 700


@pytest.mark.parametrize("headers", [
    {},  # no token
    {"Authorization": "Bearer wrong"},  # the wrong token
    {"Authorization": TOKEN},  # the token without its scheme
])
def test_update_without_the_token_is_403_and_changes_nothing(writable, headers):
    before = count(writable)
    response = httpx.post(writable + "/sparql", data={"update": INSERT}, headers=headers)
    assert response.status_code == 403
    assert "token" in response.text
    assert count(writable) == before


def test_update_with_the_token_works(writable):
    before = count(writable)
    response = httpx.post(writable + "/sparql", content=INSERT.encode(),
                          headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204, response.text
    assert count(writable) == before + 1


def test_load_is_refused_even_with_the_token(writable):
    response = httpx.post(writable + "/sparql", data={"update": "LOAD <http://127.0.0.1:1/data.ttl>"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400
    assert "LOAD is not allowed" in response.text


@pytest.mark.parametrize("arguments, message", [
    (["--allow-update"], "KG_SERVE_TOKEN"),  # updates with no token to check them against
    (["--store", ":memory:"], "not :memory:"),  # each worker would see its own empty store
])
def test_serve_refuses_to_start(monkeypatch, tmp_path, arguments, message):
    monkeypatch.delenv("KG_SERVE_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "store"), *arguments])
    assert result.exit_code == 1
    assert message in result.output


# -- pages ---------------------------------------------------------------------------------------
def test_query_page_has_no_outside_resources(endpoint):
    response = httpx.get(endpoint + "/")
    assert response.status_code == 200
    assert "<textarea" in response.text
    assert "http://" not in response.text.replace("http://schema.org/", "").replace(
        "http://semanticweb.cs.vu.nl/", "")
    assert "https://" not in response.text.replace("https://w3id.org/", "")


def test_view_focused_map(endpoint):
    response = httpx.get(endpoint + "/view", params={"focus": "Putin", "hops": "2"}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "Steve Witkoff" in response.text


@pytest.mark.parametrize("params, status, message", [
    ({"focus": "Nobody Atall"}, 404, "Nobody"),  # no such actor
    ({"focus": "Putin", "hops": "many"}, 400, "hops"),  # not a number
])
def test_view_errors(endpoint, params, status, message):
    response = httpx.get(endpoint + "/view", params=params, timeout=30)
    assert response.status_code == status
    assert message in response.text


# -- load ----------------------------------------------------------------------------------------
def test_ten_clients_for_five_seconds_without_errors(endpoint):
    query = ("PREFIX kg: <https://w3id.org/kg-news/ontology#> SELECT ?type (COUNT(?e) AS ?n) "
             "WHERE { ?e kg:interactionType ?type } GROUP BY ?type")
    deadline = time.monotonic() + 5

    def client() -> tuple[int, int]:
        done = failed = 0
        with httpx.Client() as http:
            while time.monotonic() < deadline:
                response = http.post(endpoint + "/sparql", data={"query": query},
                                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
                ok = response.status_code == 200 and response.json()["results"]["bindings"]
                done, failed = done + 1, failed + (not ok)
        return done, failed

    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        outcomes = list(pool.map(lambda _: client(), range(10)))
    assert sum(d for d, _ in outcomes) > 10
    assert sum(f for _, f in outcomes) == 0


# -- a remote store behind the endpoint ----------------------------------------------------------
def test_serve_over_a_remote_store(remote_store):
    load_files(remote_store, [FOUNDING])
    process, base = start_serve(remote_store.location, "--max-rows", "500")
    try:
        assert count(base) == 700
        response = httpx.get(base + "/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
        assert response.status_code == 400 and "more than 500" in response.text
        graph = httpx.get(base + "/sparql", params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"},
                          headers={"Accept": "text/turtle"})
        assert len(Graph().parse(data=graph.content, format="turtle")) == 3
    finally:
        stop(process)


# -- the guard -----------------------------------------------------------------------------------
@pytest.mark.parametrize("sparql", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x> {}" }',  # the word inside a string
    "SELECT * WHERE { ?s ?p ?o } # then SERVICE <http://x> {}",  # inside a comment
    "PREFIX load: <http://example.org/> SELECT * WHERE { ?s load:x ?service }",  # a prefix and a variable
    "SELECT * WHERE { ?s <http://example.org/SERVICE#LOAD> ?o FILTER(?s < ?o) }",  # inside an IRI
])
def test_guard_lets_mentions_pass(sparql):
    refuse_outside_access(sparql)


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { service<http://x>{ ?s ?p ?o } }",  # lower case, no spaces
    "SELECT * WHERE { ?s ?p ?o .SERVICE <http://x> { } }",  # straight after a triple's dot
    'SELECT * WHERE { ?s ?p "\\u0022 SERVICE <http://x> { } }',  # a quote written as an escape
    "SELECT * WHERE { \\u0053ERVICE <http://x> { } }",  # the keyword written with an escape
    "SELECT * WHERE {#\nSERVICE <http://x> { } }",  # after a comment's end
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b)SERVICE<http://x>{} FILTER(?c>?d) }",  # between comparisons
    "LOAD SILENT <http://x> INTO GRAPH <http://g>",
])
def test_guard_refuses_outside_access(sparql):
    with pytest.raises(QueryError, match="not allowed"):
        refuse_outside_access(sparql)

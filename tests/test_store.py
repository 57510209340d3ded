"""The store contract, run against the embedded store and a real Oxigraph server alike."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.errors import QueryError, QueryTimeout, StoreError
from kg.load import load_files
from kg.query import query_text, saved_queries
from kg.store import open_store, payload
from kg.store.remote import RemoteStore, endpoints
from store_fixtures import FOUNDING, free_port, oxigraph_url, remote_store, store  # noqa: F401 (fixtures)

EX = "http://example.org/"
G1, G2 = f"{EX}graph/1", f"{EX}graph/2"


def triples(n: int, tag: str = "a") -> list[tuple]:
    from rdflib import Literal, URIRef

    return [(URIRef(f"{EX}{tag}{i}"), URIRef(f"{EX}p"), Literal(i)) for i in range(n)]


def test_empty_store(store):
    assert store.count() == 0
    assert store.graphs() == []


def test_load_then_reload_is_unchanged(store):
    first = store.load([payload(G1, triples(3)), payload(G2, triples(2, "b"))])
    assert (sorted(first.added), first.replaced, first.unchanged) == ([G1, G2], [], [])
    again = store.load([payload(G1, triples(3))])
    assert (again.added, again.replaced, again.unchanged, again.triples) == ([], [], [G1], 0)
    assert store.graphs() == [G1, G2]
    assert store.count() == 3 + 1 + 2 + 1  # each graph carries its digest triple


def test_changed_article_replaces_its_graph(store):
    store.load([payload(G1, triples(5))])
    report = store.load([payload(G1, triples(2, "c"))])
    assert report.replaced == [G1]
    rows = store.select(f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s <{EX}p> ?o }} }} ORDER BY ?s").rows
    assert rows == [(f"{EX}c0",), (f"{EX}c1",)]


def test_remove(store):
    store.load([payload(G1, triples(2)), payload(G2, triples(2, "b"))])
    assert store.remove(G1) is True
    assert store.remove(G1) is False
    assert store.graphs() == [G2]


def test_digests(store):
    p = payload(G1, triples(2))
    store.load([p])
    assert store.digests([G1, G2]) == {G1: p.digest}


def test_select_values_are_typed_and_unbound_is_none(store):
    store.load([payload(G1, triples(3))])
    result = store.select(f"SELECT ?o ?missing WHERE {{ <{EX}a2> <{EX}p> ?o OPTIONAL {{ ?o <{EX}q> ?missing }} }}")
    assert result.variables == ["o", "missing"]
    assert result.rows == [(2, None)]
    assert store.select(f"ASK {{ <{EX}a1> ?p ?o }}").rows == [(True,)]


def test_queries_see_the_union_of_graphs(store):
    store.load([payload(G1, triples(2)), payload(G2, triples(3, "b"))])
    assert store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}").rows == [(5,)]


@pytest.mark.parametrize("fmt, read", [
    ("json", lambda b: len(json.loads(b)["results"]["bindings"])),
    ("xml", lambda b: b.count(b"<result>")),
    ("csv", lambda b: len(list(csv.reader(io.StringIO(b.decode())))) - 1),
    ("tsv", lambda b: len(b.decode().strip().splitlines()) - 1),
])
def test_query_raw_result_formats(store, fmt, read):
    store.load([payload(G1, triples(4))])
    assert read(store.query_raw(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}", fmt)) == 4


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml"])
def test_query_raw_construct(store, fmt):
    store.load([payload(G1, triples(3))])
    body = store.query_raw(f"CONSTRUCT {{ ?s <{EX}p> ?o }} WHERE {{ ?s <{EX}p> ?o }}", fmt)
    graph = Graph().parse(data=body, format={"ttl": "turtle", "nt": "nt", "xml": "xml"}[fmt])
    assert len(graph) == 3


@pytest.mark.parametrize("sparql, fmt, message", [
    # a graph cannot be written as a results table
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "csv", "is a graph"),
    # a table cannot be written as Turtle
    ("SELECT * WHERE { ?s ?p ?o }", "ttl", "cannot be written as ttl"),
    # not SPARQL at all
    ("SELEKT nothing", "json", "bad SPARQL"),
])
def test_query_raw_errors(store, sparql, fmt, message):
    with pytest.raises(QueryError, match=message):
        store.query_raw(sparql, fmt)


@pytest.mark.parametrize("sparql, message", [
    ("SELECT ?s WHERE { ?s ?p }", "bad SPARQL"),  # a triple pattern cut short
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "not a SELECT or ASK"),  # select() wants a table
])
def test_select_errors(store, sparql, message):
    with pytest.raises(QueryError, match=message):
        store.select(sparql)


def test_update_and_bad_update(store):
    store.update(f"INSERT DATA {{ GRAPH <{G2}> {{ <{EX}x> <{EX}p> 1 }} }}")
    assert store.count() == 1
    with pytest.raises(QueryError, match="bad SPARQL update"):
        store.update("INSERT NOTHING")
    assert store.count() == 1


@pytest.mark.parametrize("fmt, parse", [
    ("nq", lambda b: len(Dataset().parse(data=b, format="nquads"))),
    ("trig", lambda b: len(Dataset().parse(data=b, format="trig"))),
    ("ttl", lambda b: len(Graph().parse(data=b, format="turtle"))),
    ("nt", lambda b: len(Graph().parse(data=b, format="nt"))),
])
def test_dump(store, fmt, parse):
    store.load([payload(G1, triples(3)), payload(G2, triples(2, "b"))])
    assert parse(b"".join(store.dump(fmt))) == 7


def test_dump_keeps_each_article_graph(store):
    store.load([payload(G1, triples(3)), payload(G2, triples(2, "b"))])
    data = Dataset().parse(data=b"".join(store.dump("nq")), format="nquads")
    sizes = sorted(len(g) for g in data.graphs() if str(g.identifier).startswith(EX))
    assert sizes == [3, 4]


def test_content_hash_tells_content_not_order(store):
    store.load([payload(G1, triples(3)), payload(G2, triples(2, "b"))])
    before = store.content_hash()
    store.remove(G1)
    assert store.content_hash() != before
    store.load([payload(G1, triples(3))])
    assert store.content_hash() == before


def test_a_runaway_query_is_cut_off(store):
    store.load([payload(G1, triples(60))])
    # About 13 million solutions: a few seconds of work, well over the limit.
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?t ?h }"
    with pytest.raises(QueryTimeout):
        store.select(runaway, timeout=0.3)


# -- the same answers from both backends ----------------------------------------------------------
def saved_query_cases() -> list[tuple[str, dict]]:
    """Every saved query, its parameters bound to actors of the founding article."""
    actors = {"actor": "Putin", "a": "Putin", "b": "Witkoff"}
    return [(name, {p: actors[p] for p in q.params}) for name, q in saved_queries().items()]


@pytest.mark.server
def test_saved_queries_answer_alike_on_both_backends(tmp_path, remote_store):
    embedded = open_store(str(tmp_path / "store"))
    for target in (embedded, remote_store):
        load_files(target, [FOUNDING])
    assert remote_store.content_hash() == embedded.content_hash()
    assert remote_store.graphs() == embedded.graphs()
    for name, params in saved_query_cases():
        ours = embedded.select(query_text(name, params, embedded))
        theirs = remote_store.select(query_text(name, params, remote_store))
        assert ours.rows, name
        assert (theirs.variables, sorted(map(repr, theirs.rows))) == (ours.variables, sorted(map(repr, ours.rows))), name


@pytest.mark.server
@pytest.mark.parametrize("command, expected", [
    (["query", "who-met", "-p", "actor=Putin"], "Steve Witkoff"),
    (["path", "Peskov", "Trump", "--via", "roles"], "Trump"),
])
def test_cli_answers_alike_on_both_backends(tmp_path, remote_store, command, expected):
    runner = CliRunner()
    outputs = []
    for location in (str(tmp_path / "store"), remote_store.location):
        loaded = runner.invoke(cli, ["load", str(FOUNDING), "--store", location])
        assert loaded.exit_code == 0, loaded.output
        assert "loaded 1 new" in loaded.output
        asked = runner.invoke(cli, [*command, "--store", location])
        assert asked.exit_code == 0, asked.output
        outputs.append(asked.output)
    assert outputs[0] == outputs[1]
    assert expected in outputs[0]


@pytest.mark.server
def test_remote_export_is_isomorphic_to_embedded(tmp_path, remote_store):
    embedded = open_store(str(tmp_path / "store"))
    for target in (embedded, remote_store):
        load_files(target, [FOUNDING])
    ours = Graph().parse(data=b"".join(embedded.dump("ttl")), format="turtle")
    theirs = Graph().parse(data=b"".join(remote_store.dump("ttl")), format="turtle")
    assert isomorphic(ours, theirs)


# -- remote-only behaviour -----------------------------------------------------------------------
def test_server_down_is_one_clear_store_error():
    url = f"http://127.0.0.1:{free_port()}"
    store = RemoteStore(url, retries=1)
    with pytest.raises(StoreError, match=f"cannot reach the SPARQL server at {url}: connection refused"):
        store.count()


def test_cli_server_down_exits_1_with_the_message():
    url = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["stats", "--store", url])
    assert result.exit_code == 1
    assert f"Error: cannot reach the SPARQL server at {url}: connection refused" in result.output


@pytest.mark.server
def test_a_refusing_server_gives_status_and_first_line(oxigraph_url):
    store = RemoteStore(oxigraph_url + "#gsp=nowhere")
    with pytest.raises(StoreError, match="refused the request: HTTP 404"):
        store.load([payload(G1, triples(1))])


def test_credentials_in_the_url_are_refused():
    with pytest.raises(StoreError, match="KG_STORE_USER"):
        RemoteStore("http://user:secret@127.0.0.1:7878")


@pytest.mark.parametrize("url, env, expected", [
    # Oxigraph's layout by default
    ("http://h:1", {}, ("http://h:1/query", "http://h:1/update", "http://h:1/store")),
    # Fuseki: endpoints relative to the dataset URL
    ("http://h:3030/ds#query=sparql&update=update&gsp=data", {},
     ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data")),
    # GraphDB: an empty value is the base itself, others relative to it
    ("http://h:7200/repositories/r#query=&update=statements&gsp=rdf-graphs/service", {},
     ("http://h:7200/repositories/r", "http://h:7200/repositories/r/statements",
      "http://h:7200/repositories/r/rdf-graphs/service")),
    # Virtuoso: a /-rooted value is taken from the server's root
    ("http://h:8890/sparql#query=&update=&gsp=/sparql-graph-crud", {},
     ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud")),
    # the environment wins over the URL
    ("http://h:1", {"KG_QUERY_URL": "http://q/sparql"}, ("http://q/sparql", "http://h:1/update", "http://h:1/store")),
])
def test_endpoints(url, env, expected):
    assert tuple(endpoints(url, env=env)) == expected


def test_unknown_endpoint_name_is_refused():
    with pytest.raises(StoreError, match="unknown endpoint 'sparql'"):
        endpoints("http://h:1#sparql=x", env={})


@pytest.mark.server
def test_bearer_token_is_sent(oxigraph_url, monkeypatch):
    import httpx

    monkeypatch.setenv("KG_STORE_TOKEN", "s3cret")
    seen = []
    store = RemoteStore(oxigraph_url)
    store._client.event_hooks["request"].append(lambda r: seen.append(r.headers.get("authorization")))
    store.count()
    assert seen == ["Bearer s3cret"]
    assert isinstance(store._client.auth, httpx.Auth)

"""Answering one SPARQL request: run it on the store, negotiate the format, write the bytes.

``answer_embedded`` runs inside a worker process (see ``kg.server.workers``); ``answer_remote``
runs in the server process against a SPARQL server, which enforces its own time limit.
"""
from __future__ import annotations

import json
from typing import NamedTuple

from kg.errors import QueryError, one_line
from kg.server.formats import GRAPH_MEDIA, RESULT_MEDIA, negotiate, take, write_boolean, write_solutions


class Answer(NamedTuple):
    """An HTTP-ready answer: media type and body."""

    media: str
    body: bytes


class Job(NamedTuple):
    """One request for a worker: ``kind`` is "query" or "update"."""

    kind: str
    sparql: str
    accept: str | None
    max_rows: int


class ViewJob(NamedTuple):
    """A relationship map around ``focus`` (an actor name), ``hops`` links deep."""

    focus: str | None
    hops: int | None


def answer_embedded(store, job: Job | ViewJob) -> Answer:
    """Run ``job`` on an EmbeddedStore: the store lock is held only while this query runs."""
    if isinstance(job, ViewJob):
        return render_view(store, job)
    if job.kind == "update":
        store.update(job.sparql)
        return Answer("text/plain", b"")
    with store.session() as oxstore:
        try:
            result = oxstore.query(job.sparql, use_default_graph_as_union=True)
            return _write_ox(result, job)
        except SyntaxError as exc:
            raise QueryError(f"bad SPARQL: {one_line(exc)}") from None
        except OSError as exc:
            raise QueryError(f"the query failed: {one_line(exc)}") from None


def _write_ox(result, job: Job) -> Answer:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryTriples):
        media = negotiate(job.accept, GRAPH_MEDIA)
        triples = take(result, job.max_rows)
        return Answer(media, ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_MEDIA[media])))
    media = negotiate(job.accept, RESULT_MEDIA)
    if isinstance(result, ox.QueryBoolean):
        return Answer(media, write_boolean(bool(result), media))
    names = [v.value for v in result.variables]
    rows = [[_json_term(s[i]) for i in range(len(names))] for s in take(result, job.max_rows)]
    return Answer(media, write_solutions(names, rows, media))


def _json_term(term) -> dict | None:
    """A pyoxigraph term as a SPARQL-JSON term."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    return {"type": "triple", "value": str(term)}


def answer_remote(store, job: Job | ViewJob, timeout: float) -> Answer:
    """Run ``job`` on a RemoteStore, re-writing its answer in the negotiated format under the row limit."""
    import pyoxigraph as ox

    if isinstance(job, ViewJob):
        return render_view(store, job)
    if job.kind == "update":
        store.update(job.sparql)
        return Answer("text/plain", b"")
    kind, body = store.send_query(job.sparql, "application/sparql-results+json, application/n-triples;q=0.5",
                                  timeout)
    if kind == "application/n-triples":
        media = negotiate(job.accept, GRAPH_MEDIA)
        triples = take(ox.parse(body, format=ox.RdfFormat.N_TRIPLES), job.max_rows)
        return Answer(media, ox.serialize(triples, format=getattr(ox.RdfFormat, GRAPH_MEDIA[media])))
    data = json.loads(body)
    media = negotiate(job.accept, RESULT_MEDIA)
    if "boolean" in data:
        return Answer(media, write_boolean(bool(data["boolean"]), media))
    names = data["head"]["vars"]
    rows = [[b.get(v) for v in names] for b in take(data["results"]["bindings"], job.max_rows)]
    return Answer(media, write_solutions(names, rows, media))


def render_view(store, job: ViewJob) -> Answer:
    """The HTML relationship map of ``kg view``, focused as asked (needs ``kg.views``)."""
    from kg.actors import resolve_actor
    from kg.analysis.projection import build_projection
    from kg.views import build_view, render_html

    actor = resolve_actor(store, job.focus) if job.focus else None
    graph = build_projection(store, via_roles=actor is not None)
    title = f"Who met whom: {actor.name}" if actor else "Who met whom"
    page = build_view(graph, focus=actor.iri if actor else None, hops=job.hops, title=title)
    return Answer("text/html; charset=utf-8", render_html(page).encode("utf-8"))

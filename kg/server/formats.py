"""Content negotiation and the SPARQL result formats the endpoint writes.

Solutions are rows of SPARQL-JSON terms (``{"type": "uri", "value": ...}``, None when unbound), so
the same writers serve the embedded store and a remote one. Graphs (CONSTRUCT, DESCRIBE) are
written by Oxigraph's serialiser.
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from kg.errors import QueryError, UnknownFormat

RESULT_MEDIA = {  # media type -> writer name; the first is the default
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {  # media type -> pyoxigraph RdfFormat name; the first is the default
    "text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES", "text/plain": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML", "application/ld+json": "JSON_LD",
}


def negotiate(accept: str | None, offers: dict[str, str]) -> str:
    """The media type in ``offers`` that the Accept header prefers; the first offer for none or ``*/*``.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_MEDIA)
    'application/sparql-results+xml'
    >>> negotiate("text/*", RESULT_MEDIA)
    'text/xml'
    """
    default = next(iter(offers))
    if not accept or not accept.strip():
        return default
    ranges = sorted(_ranges(accept), key=lambda r: (-r[1], r[2]))
    for media, q, _ in ranges:
        if q <= 0:
            continue
        for offer in offers:
            if _matches(media, offer):
                return offer
    raise UnknownFormat(f"none of the requested types ({accept}) can be given; choose from {', '.join(offers)}")


def _ranges(accept: str):
    for order, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        # Specific types before wildcards at equal q, then the client's order.
        yield media.lower(), q, (media.count("*"), order)


def _matches(media: str, offer: str) -> bool:
    if media in ("*/*", "*"):
        return True
    kind, _, sub = media.partition("/")
    return media == offer or (sub == "*" and offer.startswith(kind + "/"))


class RowLimit(QueryError):
    """A result has more rows than the endpoint gives out."""


def take(items, max_rows: int) -> list:
    """The first ``max_rows`` items; RowLimit if there are more."""
    taken = []
    for item in items:
        if len(taken) == max_rows:
            raise RowLimit(f"the query has more than {max_rows} results, this endpoint's limit: add LIMIT")
        taken.append(item)
    return taken


def write_solutions(variables: list[str], rows: list[list], media: str) -> bytes:
    """SELECT results in the format of ``media`` (one of RESULT_MEDIA)."""
    return WRITERS[RESULT_MEDIA[media]](variables, rows)


def write_boolean(value: bool, media: str) -> bytes:
    """An ASK result in the format of ``media``; CSV and TSV carry it as one ``true``/``false`` cell."""
    kind = RESULT_MEDIA[media]
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if kind == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{str(value).lower()}</boolean></sparql>\n").encode()
    return f"_askResult\n{str(value).lower()}\n".encode()


def _json(variables: list[str], rows: list[list]) -> bytes:
    bindings = [{v: t for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode()


def _xml(variables: list[str], rows: list[list]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode()


def _xml_term(term: dict) -> str:
    value = escape(term["value"])
    if term["type"] == "uri":
        return f"<uri>{value}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{value}</bnode>"
    if "xml:lang" in term:
        return f"<literal xml:lang={quoteattr(term['xml:lang'])}>{value}</literal>"
    if "datatype" in term:
        return f"<literal datatype={quoteattr(term['datatype'])}>{value}</literal>"
    return f"<literal>{value}</literal>"


def _csv(variables: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else ("_:" if t["type"] == "bnode" else "") + t["value"] for t in row])
    return out.getvalue().encode()


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def nt_term(term: dict) -> str:
    """A SPARQL-JSON term in N-Triples syntax, as TSV results write it.

    >>> nt_term({"type": "literal", "value": 'a "b"', "xml:lang": "en"})
    '"a \\\\"b\\\\""@en'
    """
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    body = '"' + term["value"].translate(_ESCAPES) + '"'
    if "xml:lang" in term:
        return f"{body}@{term['xml:lang']}"
    if term.get("datatype") and term["datatype"] != "http://www.w3.org/2001/XMLSchema#string":
        return f"{body}^^<{term['datatype']}>"
    return body


def _tsv(variables: list[str], rows: list[list]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else nt_term(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}

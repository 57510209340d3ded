"""What a public endpoint must refuse: SPARQL that reaches out to other addresses (SERVICE, LOAD).

Oxigraph follows ``SERVICE <url>`` and ``LOAD <url>`` over HTTP, which would let anyone who can
query kg make the server fetch any address it can reach. The query is tokenised the way a SPARQL
parser reads it (strings, IRIs and comments first), so the keywords are found where they act and
not where they are only mentioned.
"""
from __future__ import annotations

import re

from kg.errors import QueryError

# SPARQL processes \u and \U escapes before parsing (SPARQL 1.1 section 19.2), and so does
# Oxigraph: "\u0053ERVICE" is SERVICE. Dots split words: "?o .SERVICE" is a triple's end, then
# the keyword (a prefixed name "ex:a.load" is then refused too, which errs on the safe side).
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(r'''
    (?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\')
  | (?P<short>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<word>[?$]?[^\s{}()<>\[\],;."'#=!&|+*/^]+)
  | (?P<other>\S)
''', re.VERBOSE | re.DOTALL)
REFUSED = {"SERVICE": "SERVICE (federated queries)", "LOAD": "LOAD"}


def keywords(sparql: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased, outside strings, IRIs and comments.

    >>> keywords('SELECT ?s WHERE { ?s ?p "SERVICE" } # LOAD')
    ['SELECT', '?S', 'WHERE', '?S', '?P']
    """
    text = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return [m.group("word").upper() for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


def refuse_outside_access(sparql: str, where: str = "on this endpoint") -> None:
    """Raise QueryError if the query or update uses SERVICE or LOAD (``where`` ends the message).

    >>> refuse_outside_access('SELECT * WHERE { SERVICE <http://elsewhere/sparql> { ?s ?p ?o } }')
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: SERVICE (federated queries) is not allowed on this endpoint
    """
    for word in keywords(sparql):
        if word in REFUSED:
            raise QueryError(f"{REFUSED[word]} is not allowed {where}")

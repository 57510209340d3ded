"""SPARQL against the store: saved queries by name, parameters bound to actors, output formats."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from kg.actors import resolve_actor
from kg.errors import QueryError, UnknownFormat
from kg.server.guard import refuse_outside_access
from kg.store import SelectResult, Store
from kg.vocab import ontology_dir

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_ROWS = 100_000
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_PARAMS = re.compile(r"^#\s*params:\s*(.+)$", re.MULTILINE)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
# What an update starts with once its prologue (PREFIX, BASE, comments) is skipped.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)<[^>]*>)*", re.IGNORECASE)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SavedQuery:
    """A query kept in ``ontology/queries/NAME.rq``: its text, first comment line and parameters."""

    name: str
    text: str
    summary: str
    params: tuple[str, ...]


def saved_queries(folder: Path | None = None) -> dict[str, SavedQuery]:
    """The saved queries by name."""
    folder = folder or ontology_dir() / "queries"
    found = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text("utf-8")
        first = text.splitlines()[0].lstrip("# ").strip() if text else ""
        params = _PARAMS.search(text)
        names = params.group(1).split("(")[0].split(",") if params else []
        found[path.stem] = SavedQuery(path.stem, text, first, tuple(n.strip() for n in names if n.strip()))
    return found


def query_text(query: str, params: dict[str, str], store: Store) -> str:
    """The SPARQL to run for ``query`` (a saved query's name or SPARQL text) with ``params`` bound.

    A parameter's value is an actor name, resolved to the actor's IRI; it is bound with a VALUES
    block at the start of every WHERE clause, so saved queries stay valid SPARQL on their own.
    """
    saved = saved_queries()
    if _NAME.match(query.strip()):
        if query.strip() not in saved:
            raise QueryError(f"no saved query {query.strip()!r} (choose from {', '.join(saved)}; or give SPARQL)")
        entry = saved[query.strip()]
        missing = [p for p in entry.params if p not in params]
        if missing:
            raise QueryError(f"query {entry.name!r} needs --param {missing[0]}=NAME")
        text = entry.text
    else:
        text = query
    for name, value in params.items():
        if not re.search(rf"\?{re.escape(name)}\b", text):
            raise QueryError(f"the query has no ?{name} to bind --param {name} to")
        text = _bind(text, name, resolve_actor(store, value).iri)
    return text


def run_select(store: Store, sparql: str, timeout: float = DEFAULT_TIMEOUT,
               max_rows: int = DEFAULT_MAX_ROWS) -> SelectResult:
    """Run a SELECT or ASK query with a time limit; more than ``max_rows`` rows is an error.

    An update (INSERT, DELETE, DROP...) is refused: queries never change the store; so are SERVICE
    and LOAD, which would fetch from the network.
    """
    if is_update(sparql):
        raise QueryError("that is a SPARQL update (INSERT, DELETE, DROP...): kg query only reads; "
                         "change the store with kg load, kg ingest or kg remove")
    refuse_outside_access(sparql, where="in kg query: kg answers from its own store, offline")
    result = store.select(sparql, timeout=timeout)
    if len(result.rows) > max_rows:
        raise QueryError(f"the query returned {len(result.rows)} rows, over the limit of {max_rows} "
                         "(add LIMIT, or raise it with --max-rows)")
    return result


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` is a SPARQL 1.1 Update rather than a query.

    >>> is_update("PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    return bool(_UPDATE.match(sparql, _PROLOGUE.match(sparql).end()))


def format_result(result: SelectResult, fmt: str) -> str:
    """A SELECT result as text: ``table``, ``csv``, ``tsv`` or ``json`` (a list of row objects)."""
    try:
        writer = FORMATTERS[fmt]
    except KeyError:
        raise UnknownFormat(f"no such format: {fmt} (choose from {', '.join(FORMATTERS)})") from None
    return writer(result)


def _bind(text: str, name: str, iri: str) -> str:
    return _WHERE.sub(lambda m: f"{m.group(0)} VALUES ?{name} {{ <{iri}> }}", text)


def _table(result: SelectResult) -> str:
    rows = [[_cell(v) for v in row] for row in result.rows]
    widths = [min(60, max([len(h)] + [len(r[i]) for r in rows])) for i, h in enumerate(result.variables)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(result.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_clip(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _delimited(delimiter: str):
    def write(result: SelectResult) -> str:
        out = io.StringIO()
        w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        w.writerow(result.variables)
        w.writerows([[_cell(v) for v in row] for row in result.rows])
        return out.getvalue()
    return write


def _json(result: SelectResult) -> str:
    return json.dumps(result.dicts(), ensure_ascii=False, indent=1) + "\n"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


FORMATTERS = {"table": _table, "csv": _delimited(","), "tsv": _delimited("\t"), "json": _json}

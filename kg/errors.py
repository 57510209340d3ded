"""kg's exception hierarchy: every error a user can cause is a KgError with a one-line message."""
from __future__ import annotations


def one_line(exc: object, limit: int = 400) -> str:
    """An error's text folded onto one line and cut at ``limit`` characters, for a message.

    >>> one_line(ValueError("bad\\n  thing"))
    'bad thing'
    """
    return " ".join(str(exc).split())[:limit]


class KgError(Exception):
    """Base class of every error kg raises on purpose; the CLI prints it as one line and exits 1."""

    exit_code = 1


class BadFacts(KgError):
    """A facts document does not follow the layout (names the file, the field path and the problem)."""


class BadArticle(KgError):
    """An article file cannot be read as an article (empty, binary, too large, undecodable)."""


class BadDate(KgError):
    """A date given by the user or a document is not an ISO date of a known precision."""


class UnknownActor(KgError):
    """No actor in the store is known by that name."""


class AmbiguousActor(KgError):
    """Several actors are known by that name; the message lists them."""

    exit_code = 2


class QueryError(KgError):
    """A SPARQL query is malformed, unknown, or failed in the store."""


class QueryTimeout(QueryError):
    """A query ran longer than the configured time limit."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class StoreBusy(StoreError):
    """Another process holds the store's write lock."""


class NoPath(KgError):
    """No path joins two actors under the chosen options."""


class UnknownFormat(KgError):
    """A format or backend name is not in its registry."""


class NotConformant(KgError):
    """The data in the store does not conform to kg's SHACL shapes."""


class ExtractionError(KgError):
    """An article could not be turned into facts."""

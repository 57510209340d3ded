"""Name keys and slugs: how kg compares names and mints readable, deterministic IRIs."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_APOSTROPHE_S = re.compile(r"[’'`]s\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def name_key(text: str) -> str:
    """The form two names are compared in: no accents, lower case, no possessive, words only.

    >>> name_key("Zelenskyy’s  Office")
    'zelenskyy office'
    >>> name_key("U.S.")
    'u s'
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _APOSTROPHE_S.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def slug(text: str, limit: int = 60) -> str:
    """A kebab-case slug for IRIs and ids.

    >>> slug("Vladimir V. Putin")
    'vladimir-v-putin'
    """
    return name_key(text).replace(" ", "-")[:limit].strip("-") or "x"


def digest(*parts: object, length: int = 16) -> str:
    """A short stable hash of the parts, for IRIs of things that have no name of their own.

    >>> digest("a", 1) == digest("a", 1)
    True
    """
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]

"""Property-based tests: no input makes kg's readers fail with anything but kg's own errors.

The article readers (random bytes, in tests/test_articles.py) and ``kg.dates.resolve`` (in
tests/test_dates.py) have theirs beside their other tests; these add the facts loader, JSON Lines
batches, ISO date values, names, and the SPARQL update check.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import Article, iter_articles
from kg.dates import is_date, period, resolve
from kg.errors import BadDate, BadFacts, KgError
from kg.facts import read_facts, validate
from kg.load import to_payload
from kg.names import name_key, slug
from kg.query import is_update



def with_tmp(examples: int):
    """Settings for a property test that writes into pytest's tmp_path (reused across examples)."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# JSON values of any shape, with the words of a facts document among the keys and strings so that
# the generated structures reach past the first schema check.
WORDS = ["article", "actors", "roles", "interactions", "id", "type", "name", "aliases", "participants",
         "date", "status", "evidence", "file", "key", "url", "holder", "title", "of", "place", "part_of",
         "Person", "State", "meeting", "call", "occurred", "planned", "2025-03-14", "2025-W11", "2025-13-45",
         "start", "end", "mentions", "a", "b"]
SCALARS = (st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats(allow_nan=True)
           | st.sampled_from(WORDS) | st.text(max_size=20))
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=8), inner, max_size=6),
    max_leaves=30,
)

VALID = {
    "article": {"file": "a.txt", "date": "2025-03-15", "publisher": "Wire"},
    "actors": [
        {"id": "a", "type": "Person", "name": "Ann Example", "aliases": ["Ann"], "mentions": [{"start": 0, "end": 3}]},
        {"id": "b", "type": "State", "name": "Bobland", "aliases": []},
        {"id": "c", "type": "Place", "name": "Capital", "aliases": [], "part_of": "b"},
    ],
    "roles": [{"holder": "a", "title": "minister", "of": "b", "evidence": "Ann, the minister", "start": 0, "end": 17}],
    "interactions": [{"type": "meeting", "participants": ["a", "b"], "date": "2025-03-14", "place": "c",
                      "status": "occurred", "evidence": "Ann met", "start": 0, "end": 7, "confidence": 0.5}],
}
TEXT = "Ann, the minister of Bobland, met officials in Capital."


def _paths(value, prefix=()):
    """Every path into a JSON value (dict keys and list indexes)."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(VALID) if p]


@st.composite
def mutated(draw) -> dict:
    """The valid document with a few of its values replaced by arbitrary JSON or deleted."""
    doc = copy.deepcopy(VALID)
    for path in draw(st.lists(st.sampled_from(ALL_PATHS), min_size=1, max_size=3)):
        parent = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()):
                parent[path[-1]] = draw(JSONISH)
            else:
                del parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or reshaped this path
    return doc


@settings(max_examples=300, deadline=None)
@given(doc=JSONISH)
def test_validate_accepts_or_raises_bad_facts_on_any_json(doc):
    try:
        validate(doc, source="x.json")
    except BadFacts as exc:
        assert str(exc).startswith("x.json: ") and "\n" not in str(exc)


@settings(max_examples=300, deadline=None)
@given(doc=mutated())
def test_a_document_that_validates_maps_to_a_graph(doc):
    # Whatever passes validation must load: mapping it to triples fails only with kg's errors.
    try:
        validate(doc, source="x.json")
    except BadFacts as exc:
        assert "\n" not in str(exc)
        return
    try:
        result = to_payload(None, doc, TEXT)
    except KgError:
        return
    assert result.nquads.endswith(" .\n")


@with_tmp(200)
@given(content=st.binary(max_size=400) | JSONISH.map(lambda v: json.dumps(v).encode()),
       suffix=st.sampled_from([".json", ".yaml", ".yml", ""]))
def test_read_facts_on_any_bytes_gives_a_document_or_bad_facts(tmp_path, content, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(content)
    try:
        doc = read_facts(path)
    except BadFacts as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    assert isinstance(doc, dict) and "actors" in doc


@with_tmp(150)
@given(lines=st.lists(st.binary(max_size=60) | JSONISH.map(lambda v: json.dumps(v).encode())
                      | st.text(max_size=60).map(lambda t: json.dumps({"text": t, "date": "2025-03-03"}).encode()),
                      max_size=6))
def test_json_lines_give_articles_or_errors_line_by_line(tmp_path, lines):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    for source, item in iter_articles([path]):
        assert source == str(path) or re.fullmatch(re.escape(str(path)) + r":\d+", source)
        assert isinstance(item, (Article, KgError))
        if isinstance(item, Article):
            assert item.text.strip()


@settings(max_examples=500, deadline=None)
@given(value=st.text(max_size=14) | st.from_regex(r"-?\d{1,5}(-W?\d{1,3}(-\d{1,3})?)?", fullmatch=True)
       | st.integers() | st.none() | st.dates().map(dt.date.isoformat))
def test_period_gives_a_period_or_bad_date(value):
    accepted = is_date(value)  # never raises
    try:
        found = period(value)
    except BadDate:
        assert not accepted
        return
    assert accepted and found.start <= found.end


@settings(max_examples=100, deadline=None)
@given(anchor=st.none() | st.integers() | st.text(max_size=10) | st.just("2025-03-15"))
def test_resolve_with_an_anchor_that_is_no_date_raises_bad_date(anchor):
    try:
        resolve("last Friday", anchor)
    except BadDate:
        return
    raise AssertionError(f"resolve accepted the anchor {anchor!r}")


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_names_of_any_text(text):
    assert isinstance(name_key(text), str)
    assert re.fullmatch(r"[a-z0-9-]*", slug(text)), slug(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80) | st.sampled_from(["PREFIX p: <x:> INSERT {", "# c\nDROP", "SELECT *", "with"]))
def test_is_update_decides_any_text(text):
    assert is_update(text) in (True, False)

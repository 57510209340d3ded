"""Facts documents: every kind of bad input is one BadFacts naming the file and the field."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from kg.errors import BadFacts
from kg.facts import read_facts, validate
from corpus_paths import DEV



@pytest.fixture
def seed(seed_facts) -> dict:
    return json.loads(seed_facts.read_text("utf-8"))


def _set(doc: dict, path: str, value) -> dict:
    """A copy of ``doc`` with the field at ``a.b[3].c`` set to ``value`` (``...`` deletes it)."""
    doc = copy.deepcopy(doc)
    parts = [int(p) if p.isdigit() else p for p in path.replace("[", ".").replace("]", "").split(".")]
    target = doc
    for part in parts[:-1]:
        target = target[part]
    if value is ...:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return doc


BAD_FIELDS = [
    # A date that does not exist, in the form the brief promises.
    ("interactions[3].date", "2025-13-45", "interactions[3].date: '2025-13-45' is not a date"),
    # A participant no actor of the document has.
    ("interactions[0].participants[1]", "nobody", "interactions[0].participants[1]: unknown actor id 'nobody'"),
    # A role held by an unknown actor.
    ("roles[2].holder", "ghost", "roles[2].holder: unknown actor id 'ghost'"),
    # An interaction type outside the enumeration.
    ("interactions[2].type", "brunch", "interactions[2].type: 'brunch' is not one of meeting, call"),
    # A status outside the enumeration.
    ("interactions[1].status", "rumoured", "interactions[1].status: 'rumoured' is not one of occurred"),
    # An actor type outside the enumeration.
    ("actors[6].type", "Country", "actors[6].type: 'Country' is not one of Person"),
    # A required field left out.
    ("actors[1].name", ..., "actors[1]: 'name' is missing"),
    # Participants that are not a list.
    ("interactions[0].participants", "vladimir-putin", "interactions[0].participants: 'vladimir-putin' is not of type 'array'"),
    # Two actors with one id.
    ("actors[4].id", "vladimir-putin", "actors[4].id: duplicate actor id 'vladimir-putin'"),
    # A publication date that is a month, not a day.
    ("article.date", "2025-03", "article.date: '2025-03' is not a day"),
]


@pytest.mark.parametrize("path, value, message", BAD_FIELDS, ids=[b[0] for b in BAD_FIELDS])
def test_bad_field_names_file_and_field(tmp_path, seed, path, value, message):
    bad = tmp_path / "broken.facts.json"
    bad.write_text(json.dumps(_set(seed, path, value)), "utf-8")
    with pytest.raises(BadFacts) as caught:
        read_facts(bad)
    assert str(caught.value).startswith(f"{bad}: ")
    assert message in str(caught.value)


BAD_FILES = [
    # Truncated JSON.
    ("cut.json", b'{"article": {"file": "a.txt"}, "actors": [', "not valid JSON"),
    # YAML that does not parse.
    ("bad.yaml", b"article: [unclosed\nactors: {", "not valid YAML"),
    # YAML that parses but misses the actors.
    ("noactors.yaml", b"article:\n  file: a.txt\n", "(document): 'actors' is missing"),
    # Nothing at all.
    ("empty.json", b"", "empty file"),
    # Bytes that are no text.
    ("blob.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    # Latin-1 text, not UTF-8.
    ("latin.json", '{"article": {"file": "caf\u00e9"}}'.encode("latin-1"), "not UTF-8 text"),
    # JSON that is not an object.
    ("list.json", b"[1, 2]", "(document): [1, 2] is not of type 'object'"),
]


@pytest.mark.parametrize("name, data, message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_names_the_file(tmp_path, name, data, message):
    bad = tmp_path / name
    bad.write_bytes(data)
    with pytest.raises(BadFacts, match=r"^" + str(bad).replace(".", r"\.") + ": ") as caught:
        read_facts(bad)
    assert message in str(caught.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(BadFacts, match="no such file"):
        read_facts(tmp_path / "absent.json")
    with pytest.raises(BadFacts, match="is a folder"):
        read_facts(tmp_path)


def test_several_problems_are_counted(seed):
    doc = _set(_set(seed, "interactions[3].date", "2025-13-45"), "interactions[4].date", "tomorrow")
    with pytest.raises(BadFacts, match=r"^x\.json: interactions\[3\]\.date: .* \(and 1 more\)$"):
        validate(doc, "x.json")


def test_yaml_facts_read_like_json(tmp_path, seed):
    path = tmp_path / "seed.yaml"
    path.write_text(yaml.safe_dump(seed, allow_unicode=True), "utf-8")
    assert read_facts(path) == seed


def test_the_seed_validates(seed_facts, seed):
    assert read_facts(seed_facts) == seed


@pytest.mark.parametrize("gold", sorted(DEV.glob("*.gold.json")), ids=lambda p: p.name)
def test_every_dev_gold_file_validates(gold):
    doc = read_facts(gold)
    assert doc["interactions"], f"{gold.name} has no interactions"


def _paths(value, prefix=()):
    """Every path into a JSON value, containers included."""
    yield prefix
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, prefix + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from _paths(sub, prefix + (i,))


REPLACEMENTS = [None, 0, -1, 1.5, 2.0, True, "", "x", "Q12", "meeting", "2025-13-45", [], ["x"], {}, {"start": 1}]


def test_the_quick_schema_check_never_passes_what_jsonschema_refuses(seed):
    """kg.facts checks the schema's keywords itself for speed; jsonschema is the reference."""
    import jsonschema

    from kg.facts import _plainly_valid, schema

    reference = jsonschema.Draft202012Validator(schema())
    seed["actors"][0]["mentions"] = [{"start": 0, "end": 3, "text": "Pre"}]
    seed["actors"][0]["wikidata"] = "Q7747"
    seed["interactions"][0]["confidence"] = 0.5
    tried = agreed_valid = 0
    for path in _paths(seed):
        for value in REPLACEMENTS + ([...] if path else []):
            doc = copy.deepcopy(seed)
            if not path:
                doc = value
            else:
                target = doc
                for part in path[:-1]:
                    target = target[part]
                if value is ...:
                    del target[path[-1]]
                else:
                    target[path[-1]] = value
            quick, full = _plainly_valid(doc, schema()), reference.is_valid(doc)
            assert not quick or full, f"quick check passed {path} = {value!r}, jsonschema refuses it"
            tried, agreed_valid = tried + 1, agreed_valid + (quick and full)
    assert tried > 1000 and agreed_valid > 100

"""Facts documents: read, validate and write what one article says (the FORMAT.md layout).

A facts document is JSON or YAML. Validation runs the JSON Schema shipped in ``kg/data`` and then the
checks a schema cannot express (ids unique, every reference to a known actor, dates that exist), and
reports the first problems as ``FILE: interactions[3].date: '2025-13-45' is not a date``.
"""
from __future__ import annotations

import functools
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import yaml

from kg.dates import is_date, period
from kg.errors import BadFacts, one_line

MAX_FACTS_BYTES = 50 * 1024 * 1024  # the default; env KG_MAX_FACTS_BYTES sets another
_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@functools.cache
def schema() -> dict:
    """The JSON Schema of a facts document."""
    return json.loads(resources.files("kg").joinpath("data/facts.schema.json").read_text("utf-8"))


def read_facts(path: Path | str) -> dict:
    """Read and validate a facts document (JSON or YAML) from ``path``; raises BadFacts."""
    path = Path(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
        doc = yaml.safe_load(text) if path.suffix.lower() in (".yaml", ".yml") else json.loads(text)
    except UnicodeDecodeError as exc:
        raise BadFacts(f"{path}: not UTF-8 text (byte at offset {exc.start})") from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise BadFacts(f"{path}: not valid {_kind(path)}: {one_line(exc, 300)}") from None
    validate(doc, source=str(path))
    return doc


def validate(doc: Any, source: str = "<facts>") -> None:
    """Raise BadFacts naming ``source``, the field path and the problem, unless ``doc`` is valid.

    >>> validate({"article": {"file": "a.txt"}, "actors": [], "interactions": [
    ...     {"type": "meeting", "participants": ["x"]}]}, "a.json")
    Traceback (most recent call last):
    kg.errors.BadFacts: a.json: interactions[0].participants[0]: unknown actor id 'x'
    """
    problems = list(problems_of(doc))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise BadFacts(f"{source}: {problems[0]}{more}")


def problems_of(doc: Any) -> Iterator[str]:
    """Every problem of a facts document as ``field.path: message``, schema problems first."""
    if _plainly_valid(doc, schema()):
        yield from _reference_problems(doc)
        return
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        for error in errors:
            yield f"{field_path(error.absolute_path) or '(document)'}: {_schema_message(error)}"
        return
    yield from _reference_problems(doc)


def write_facts(doc: dict, fmt: str = "json") -> str:
    """Serialise a facts document as ``json`` or ``yaml`` text."""
    if fmt == "yaml":
        return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def article_text_path(doc: dict, facts_path: Path | str) -> Path | None:
    """The article file a facts document names, looked up beside the facts file, if it exists."""
    name = (doc.get("article") or {}).get("file")
    if not name:
        return None
    candidate = Path(facts_path).parent / name
    return candidate if candidate.is_file() else None


def field_path(parts) -> str:
    """``['interactions', 3, 'date']`` as ``interactions[3].date``.

    >>> field_path(["interactions", 3, "date"])
    'interactions[3].date'
    """
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# The JSON Schema keywords the facts schema uses, checked directly: jsonschema takes ~3 ms for a
# ten-interaction document, more than mapping it to RDF. A document this check passes is valid;
# anything else (a problem, or a keyword it does not know) goes to jsonschema for its messages.
_ANNOTATIONS = {"$schema", "$id", "title", "description"}
_TYPES = {
    "string": lambda v: isinstance(v, str), "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
}


def _plainly_valid(value: Any, rule: dict, root: dict | None = None) -> bool:
    """True only when ``value`` certainly satisfies ``rule`` (a subset of JSON Schema 2020-12)."""
    root = root or rule
    for keyword, arg in rule.items():
        check = _KEYWORDS.get(keyword)
        if check is None:
            if keyword not in _ANNOTATIONS:
                return False
        elif not check(value, arg, root):
            return False
    return True


def _types_ok(value, arg, root) -> bool:
    names = arg if isinstance(arg, list) else [arg]
    return all(n in _TYPES for n in names) and any(_TYPES[n](value) for n in names)


def _properties_ok(value, arg, root) -> bool:
    return not isinstance(value, dict) or all(
        _plainly_valid(value[k], sub, root) for k, sub in arg.items() if k in value)


def _ref_ok(value, arg, root) -> bool:
    if not arg.startswith("#/$defs/"):
        return False
    return _plainly_valid(value, root["$defs"][arg[len("#/$defs/"):]], root)


_KEYWORDS = {
    "type": _types_ok,
    "enum": lambda v, arg, root: isinstance(v, str) and all(isinstance(e, str) for e in arg) and v in arg,
    "required": lambda v, arg, root: not isinstance(v, dict) or all(k in v for k in arg),
    "properties": _properties_ok,
    "items": lambda v, arg, root: not isinstance(v, list) or all(_plainly_valid(x, arg, root) for x in v),
    "minItems": lambda v, arg, root: not isinstance(v, list) or len(v) >= arg,
    "minLength": lambda v, arg, root: not isinstance(v, str) or len(v) >= arg,
    "maxLength": lambda v, arg, root: not isinstance(v, str) or len(v) <= arg,
    "minimum": lambda v, arg, root: not _TYPES["number"](v) or v >= arg,
    "maximum": lambda v, arg, root: not _TYPES["number"](v) or v <= arg,
    "pattern": lambda v, arg, root: not isinstance(v, str) or re.search(arg, v) is not None,
    "anyOf": lambda v, arg, root: any(_plainly_valid(v, sub, root) for sub in arg),
    "$ref": _ref_ok,
    "$defs": lambda v, arg, root: True,
}


def _reference_problems(doc: dict) -> Iterator[str]:
    ids: set[str] = set()
    for i, actor in enumerate(doc["actors"]):
        if actor["id"] in ids:
            yield f"actors[{i}].id: duplicate actor id {actor['id']!r}"
        ids.add(actor["id"])
    refs = [(f"actors[{i}].part_of", a.get("part_of")) for i, a in enumerate(doc["actors"])]
    for i, role in enumerate(doc.get("roles") or []):
        refs += [(f"roles[{i}].holder", role["holder"]), (f"roles[{i}].of", role.get("of"))]
    for i, inter in enumerate(doc.get("interactions") or []):
        refs += [(f"interactions[{i}].participants[{j}]", p) for j, p in enumerate(inter["participants"])]
        refs.append((f"interactions[{i}].place", inter.get("place")))
    for where, ref in refs:
        if ref is not None and ref not in ids:
            yield f"{where}: unknown actor id {ref!r}"
    dates = [("article.date", doc["article"].get("date"))]
    dates += [(f"interactions[{i}].date", it.get("date")) for i, it in enumerate(doc.get("interactions") or [])]
    for where, value in dates:
        if value is not None and not is_date(value):
            yield f"{where}: {value!r} is not a date"
    published = doc["article"].get("date")
    if published and is_date(published) and period(published).precision != "day":
        yield f"article.date: {published!r} is not a day (use YYYY-MM-DD)"


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    choices = [sub.get("required", [None])[0] for sub in error.validator_value] if error.validator == "anyOf" else []
    if choices and all(choices):
        return f"needs a non-empty {', '.join(choices[:-1])} or {choices[-1]}"
    return one_line(error.message, 300)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise BadFacts(f"{path}: no such file")
    if path.is_dir():
        raise BadFacts(f"{path}: is a folder, not a facts file")
    size = path.stat().st_size
    if size == 0:
        raise BadFacts(f"{path}: empty file")
    limit = max_facts_bytes()
    if size > limit:
        raise BadFacts(f"{path}: {size} bytes is over the {limit} byte limit for a facts file "
                       "(raise it with env KG_MAX_FACTS_BYTES)")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise BadFacts(f"{path}: binary file, not a facts document")
    return raw


def max_facts_bytes() -> int:
    """The largest facts file kg reads: env ``KG_MAX_FACTS_BYTES``, else MAX_FACTS_BYTES."""
    value = os.environ.get("KG_MAX_FACTS_BYTES", "").strip()
    if not value:
        return MAX_FACTS_BYTES
    if not value.isdigit() or int(value) < 1:
        raise BadFacts(f"KG_MAX_FACTS_BYTES={value!r} is not a positive number of bytes")
    return int(value)


def _kind(path: Path) -> str:
    return _SUFFIXES.get(path.suffix.lower(), "json").upper()

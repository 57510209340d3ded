"""The bad input catalogue: whatever a scraper or a user hands kg, it answers with one line and an
exit code, never a traceback, and the store stays as it was.

Every case runs a real ``kg`` command line (CliRunner, and a few in a real process) against a store
holding the founding article, and checks the exit code (0 ok, 1 failed run, 2 usage error or
ambiguous name), the message (naming the input and the problem), that no traceback is shown, and
that the store's content hash is unchanged unless the case stores articles on purpose.
"""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.load import load_files
from kg.store import open_store
from trust_fixtures import KG, article_keys, jsonl

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = ROOT / "examples" / "facts" / "2025-03-15-putin-witkoff.facts.json"

# -- inputs -------------------------------------------------------------------------------------------

GOOD_TEXT = "date 2025-03-03\n\nVladimir Putin met Donald Trump in Helsinki on Monday.\n"
HOSTILE_HTML = """<html><head><title>Summit in Helsinki</title><script>alert("pwned")</script></head>
<body><iframe src="https://evil.example/frame"></iframe><article>
<p>Vladimir Putin met Donald Trump in Helsinki on Monday, officials said.</p>
<p>The two leaders talked for <script>document.write("injected")</script>two hours about trade.</p>
<img src=x onerror="alert('img')"></article></body></html>"""


def base_facts() -> dict:
    """A small valid facts document: two persons who met."""
    return {
        "article": {"file": "base.txt", "date": "2025-03-15"},
        "actors": [{"id": "ann", "type": "Person", "name": "Ann Example", "aliases": []},
                   {"id": "bob", "type": "Person", "name": "Bob Example", "aliases": []}],
        "roles": [{"holder": "ann", "title": "minister", "of": None}],
        "interactions": [{"type": "meeting", "participants": ["ann", "bob"], "date": "2025-03-14",
                          "status": "occurred", "evidence": "Ann met Bob"}],
    }


def facts_with(change) -> bytes:
    """The base document after ``change(doc)``, as JSON bytes."""
    doc = copy.deepcopy(base_facts())
    change(doc)
    return json.dumps(doc).encode()


def _set(path: str, value):
    """A change that sets ``doc[a][b]...`` (dotted path, numbers index lists) to ``value``."""
    def change(doc):
        *head, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target = doc
        for part in head:
            target = target[part]
        target[last] = value
    return change


def _drop(path: str):
    def change(doc):
        *head, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target = doc
        for part in head:
            target = target[part]
        del target[last]
    return change


def _duplicate_actor(doc):
    doc["actors"].append(dict(doc["actors"][0]))


INPUTS: dict[str, bytes] = {
    # articles
    "empty.txt": b"",
    "blank.txt": b"  \n\n \t\n",
    "binary.txt": bytes(range(256)) * 8,
    "truncated.txt": GOOD_TEXT.encode() + "Bö".encode()[:-1],  # cut inside the last character
    "latin1.txt": "date 2025-03-03\n\nThe café talks in Zürich went on.\n".encode("latin-1"),
    "undecodable.txt": b"date 2025-03-03\n\nThe talks \x81\x8d\x8f\x90 went on in Paris.\n",
    "hostile.html": HOSTILE_HTML.encode(),
    "good.txt": GOOD_TEXT.encode(),
    "not-json.json": b'{"text": "Putin met Trump", ',
    "no-text.json": b'{"title": "no body"}',
    "bad-date.json": json.dumps({"text": "Putin met Trump.", "date": "2025-13-45"}).encode(),
    # facts documents
    "facts-bad-date.json": facts_with(_set("interactions.0.date", "2025-13-45")),
    "facts-bad-article-date.json": facts_with(_set("article.date", "yesterday")),
    "facts-unknown-actor.json": facts_with(_set("interactions.0.participants", ["ann", "carl"])),
    "facts-unknown-holder.json": facts_with(_set("roles.0.holder", "zed")),
    "facts-bad-type.json": facts_with(_set("actors.0.type", "Persn")),
    "facts-bad-status.json": facts_with(_set("interactions.0.status", "maybe")),
    "facts-bad-interaction.json": facts_with(_set("interactions.0.type", "dinner")),
    "facts-no-actors.json": facts_with(_drop("actors")),
    "facts-no-name.json": facts_with(_drop("actors.1.name")),
    "facts-no-article-file.json": facts_with(_set("article", {"date": "2025-03-15"})),
    "facts-duplicate-id.json": facts_with(_duplicate_actor),
    "facts-participants-string.json": facts_with(_set("interactions.0.participants", "ann")),
    "facts-aliases-number.json": facts_with(_set("actors.0.aliases", 7)),
    "facts-actors-object.json": facts_with(_set("actors", {"ann": "Ann"})),
    "facts-list.json": b"[]",
    "facts-not-json.json": b'{"article": {"file": "x.txt"}, "actors": [',
    "facts-empty.json": b"",
    "facts-binary.json": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    "facts-latin1.json": '{"article": {"file": "é.txt"}, "actors": []}'.encode("latin-1"),
    "facts-bad.yaml": b"article: {file: x.txt\nactors: [",
    "facts-good.json": facts_with(lambda doc: None),
    # queries
    "query.rq": b"SELECT ?s WHERE { ?s ?p ?o } LIMIT 1",
}


def _read_only(folder: Path) -> bool:
    """Make ``folder`` unwritable, even to root (immutable, where the file system allows it)."""
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() != 0:
        return True
    return subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Every input of the catalogue, written once, plus a 50 MB and a one-megabyte-line article."""
    folder = tmp_path_factory.mktemp("inputs")
    for name, data in INPUTS.items():
        (folder / name).write_bytes(data)
    with open(folder / "huge.txt", "wb") as out:  # 50 MB, over the 10 MB limit
        out.write(b"date 2025-03-03\n\n")
        out.truncate(50 * 1024 * 1024)
    (folder / "long-line.txt").write_text("date 2025-03-03\n\n" + "Putin met Trump in Paris. " * 42_000)
    jsonl(folder / "batch.jsonl", [{"text": "Vladimir Putin met Donald Trump in Paris.", "date": "2025-03-03"}])
    with open(folder / "batch.jsonl", "a") as out:
        out.write('{"text": "Emmanuel Macron met Olaf Scholz", broken\n')
        out.write(json.dumps({"text": "Emmanuel Macron met Olaf Scholz in Berlin.", "date": "2025-03-04"}) + "\n")
    (folder / "no-articles").mkdir()
    (folder / "no-articles" / "notes.md").write_text("not an article")
    (folder / "a-folder").mkdir()
    (folder / "a-file").write_text("x")
    locked = _read_only(folder / "read-only")
    (folder / "read-only-works").write_text("yes" if locked else "")
    yield folder
    if locked and os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder / "read-only")], check=True)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A store holding the founding article and two persons both called Smith."""
    path = tmp_path_factory.mktemp("seeded") / "store"
    store = open_store(str(path))
    load_files(store, [FOUNDING])
    smiths = tmp_path_factory.mktemp("smiths") / "smiths.facts.json"
    doc = base_facts()
    doc["article"]["file"] = "smiths.txt"
    doc["actors"] = [{"id": "john", "type": "Person", "name": "John Smith", "aliases": ["Smith"]},
                     {"id": "jane", "type": "Person", "name": "Jane Smith", "aliases": ["Smith"]}]
    doc["roles"] = []
    doc["interactions"][0]["participants"] = ["john", "jane"]
    smiths.write_text(json.dumps(doc))
    load_files(store, [smiths])
    return path


@pytest.fixture
def store(seeded, tmp_path) -> Path:
    """A fresh copy of the seeded store, for the cases that write to it."""
    path = tmp_path / "store"
    shutil.copytree(seeded, path)
    return path


# -- the catalogue -------------------------------------------------------------------------------------


@dataclass
class Case:
    """One bad input: the command line ({in} is the inputs folder), and what kg must answer."""

    args: list[str]
    code: int
    message: str  # a regular expression the output must match
    env: dict = field(default_factory=dict)
    stores: bool = False  # the run stores good articles on purpose
    absent: tuple[str, ...] = ()  # words that must not appear in the output
    read_only: bool = False  # needs a folder nobody can write into


def case(id_, *args, **kw):
    return pytest.param(Case(list(args[:-2]), args[-2], args[-1], **kw), id=id_)


ARTICLE_CASES = [
    # kg extract on one article file
    case("extract-empty", "extract", "{in}/empty.txt", 1, r"Error: \S*empty\.txt: file is empty"),
    case("extract-blank", "extract", "{in}/blank.txt", 1, r"Error: \S*blank\.txt: file is empty"),
    case("extract-binary", "extract", "{in}/binary.txt", 1, r"Error: \S*binary\.txt: binary file"),
    # a download cut off inside the last character: read, the broken tail dropped, with a warning
    case("extract-truncated-utf8", "extract", "{in}/truncated.txt", 0,
         r"warning: \S*truncated\.txt: ends inside a UTF-8 character .*dropped", absent=("Bö", "Ã")),
    # Latin-1 prose: read as Windows-1252 with a warning
    case("extract-latin1", "extract", "{in}/latin1.txt", 0,
         r"warning: \S*latin1\.txt: not UTF-8 \(byte 0xe9 at offset \d+\): read as Windows-1252"),
    # bytes that are neither UTF-8 nor Windows-1252 text
    case("extract-undecodable", "extract", "{in}/undecodable.txt", 1,
         r"Error: \S*undecodable\.txt: not UTF-8 text \(byte 0x81 at offset \d+\)"),
    case("extract-50mb", "extract", "{in}/huge.txt", 1,
         r"Error: \S*huge\.txt: 52428800 bytes is over the limit of 10485760 bytes \(raise it with --max-bytes"),
    case("extract-max-bytes-option", "extract", "--max-bytes", "20", "{in}/good.txt", 1,
         r"Error: \S*good\.txt: \d+ bytes is over the limit of 20 bytes"),
    case("extract-max-bytes-env", "extract", "{in}/good.txt", 1, r"over the limit of 50 bytes",
         env={"KG_MAX_ARTICLE_BYTES": "50"}),
    case("extract-max-bytes-zero", "extract", "--max-bytes", "0", "{in}/good.txt", 2,
         r"Invalid value for '--max-bytes': 0 is not in the range x>=1"),
    # one line of a megabyte: over spaCy's limit, refused as this article's failure
    case("extract-1mb-line", "extract", "{in}/long-line.txt", 1,
         r"Error: long-line\.txt: \d+ characters is over the extraction limit of 1000000"),
    # scripts, iframes and handlers are dropped; the prose is extracted
    case("extract-hostile-html", "extract", "{in}/hostile.html", 0, r'"name": "Vladimir Putin"',
         absent=("pwned", "injected", "evil.example", "<script", "onerror")),
    case("extract-json-not-json", "extract", "{in}/not-json.json", 1, r"Error: \S*not-json\.json: not JSON"),
    case("extract-json-no-text", "extract", "{in}/no-text.json", 1,
         r"Error: \S*no-text\.json: JSON record has no \"text\" string"),
    case("extract-json-bad-date", "extract", "{in}/bad-date.json", 1,
         r"Error: \S*bad-date\.json: bad date '2025-13-45' \(use YYYY-MM-DD\)"),
    case("extract-missing", "extract", "{in}/missing.txt", 1, r"Error: \S*missing\.txt: no such file"),
    case("extract-folder", "extract", "{in}/a-folder", 1, r"Error: \S*a-folder: is a folder"),
    case("extract-bad-date-option", "extract", "--date", "2025-13-45", "{in}/good.txt", 2,
         r"Invalid value for '--date': '2025-13-45' is not a date \(use YYYY-MM-DD\)"),
    case("extract-bad-format", "extract", "-f", "xml", "{in}/good.txt", 2, r"Invalid value for '--format'"),
    # kg ingest: a bad article is reported on one line and the others go on; exit 1 if any failed
    case("ingest-empty", "ingest", "{in}/empty.txt", 1,
         r"failed: \S*empty\.txt: file is empty\n(.|\n)*0 article\(s\).*1 failed"),
    case("ingest-binary", "ingest", "{in}/binary.txt", 1, r"failed: \S*binary\.txt: binary file"),
    case("ingest-undecodable", "ingest", "{in}/undecodable.txt", 1, r"failed: \S*undecodable\.txt: not UTF-8"),
    case("ingest-50mb", "ingest", "{in}/huge.txt", 1, r"failed: \S*huge\.txt: 52428800 bytes is over the limit"),
    case("ingest-1mb-line", "ingest", "{in}/long-line.txt", 1,
         r"failed: \S*long-line\.txt: long-line\.txt: \d+ characters is over the extraction limit"),
    case("ingest-missing", "ingest", "{in}/missing.txt", 1, r"failed: \S*missing\.txt: no such file"),
    case("ingest-no-articles", "ingest", "{in}/no-articles", 1,
         r"failed: \S*no-articles: folder holds no articles"),
    case("ingest-bad-date-option", "ingest", "--date", "2025-13-45", "{in}/good.txt", 2,
         r"'2025-13-45' is not a date"),
    case("ingest-max-bytes-env", "ingest", "{in}/good.txt", 1, r"failed: \S*good\.txt: \d+ bytes is over the limit of 9",
         env={"KG_MAX_ARTICLE_BYTES": "9"}),
    case("ingest-truncated-utf8", "ingest", "{in}/truncated.txt", 0, r"ingested 1 article\(s\): 1 new", stores=True),
    case("ingest-hostile-html", "ingest", "{in}/hostile.html", 0, r"ingested 1 article\(s\): 1 new", stores=True),
    # JSON Lines: the broken line fails by its number, the lines around it load
    case("ingest-jsonl-broken-line", "ingest", "{in}/batch.jsonl", 1,
         r"failed: \S*batch\.jsonl:2: not JSON(.|\n)*ingested 2 article\(s\): 2 new.*1 failed", stores=True),
    case("ingest-no-paths", "ingest", 2, r"Missing argument 'PATHS...'"),
]

FACTS_CASES = [
    # kg load: every schema violation names the file, the field path and the problem
    case("load-bad-date", "load", "{in}/facts-bad-date.json", 1,
         r"Error: \S*facts-bad-date\.json: interactions\[0\]\.date: '2025-13-45' is not a date"),
    case("load-bad-article-date", "load", "{in}/facts-bad-article-date.json", 1,
         r"Error: \S*facts-bad-article-date\.json: article\.date: 'yesterday' is not a date"),
    case("load-unknown-actor", "load", "{in}/facts-unknown-actor.json", 1,
         r"Error: \S*facts-unknown-actor\.json: interactions\[0\]\.participants\[1\]: unknown actor id 'carl'"),
    case("load-unknown-holder", "load", "{in}/facts-unknown-holder.json", 1,
         r"roles\[0\]\.holder: unknown actor id 'zed'"),
    case("load-bad-actor-type", "load", "{in}/facts-bad-type.json", 1,
         r"Error: \S*facts-bad-type\.json: actors\[0\]\.type: 'Persn' is not one of Person, State"),
    case("load-bad-status", "load", "{in}/facts-bad-status.json", 1,
         r"interactions\[0\]\.status: 'maybe' is not one of occurred, planned, negated"),
    case("load-bad-interaction-type", "load", "{in}/facts-bad-interaction.json", 1,
         r"interactions\[0\]\.type: 'dinner' is not one of meeting"),
    case("load-missing-actors", "load", "{in}/facts-no-actors.json", 1, r"\(document\): 'actors' is missing"),
    case("load-missing-name", "load", "{in}/facts-no-name.json", 1, r"actors\[1\]: 'name' is missing"),
    case("load-missing-article-file", "load", "{in}/facts-no-article-file.json", 1,
         r"Error: \S*facts-no-article-file\.json: article: needs a non-empty file, key or url"),
    case("load-duplicate-id", "load", "{in}/facts-duplicate-id.json", 1,
         r"actors\[2\]\.id: duplicate actor id 'ann'"),
    case("load-participants-string", "load", "{in}/facts-participants-string.json", 1,
         r"interactions\[0\]\.participants: 'ann' is not of type 'array'"),
    case("load-aliases-number", "load", "{in}/facts-aliases-number.json", 1,
         r"actors\[0\]\.aliases: 7 is not of type 'array'"),
    case("load-actors-object", "load", "{in}/facts-actors-object.json", 1, r"actors: .* is not of type 'array'"),
    case("load-list", "load", "{in}/facts-list.json", 1, r"\(document\): \[\] is not of type 'object'"),
    case("load-not-json", "load", "{in}/facts-not-json.json", 1, r"Error: \S*facts-not-json\.json: not valid JSON"),
    case("load-empty", "load", "{in}/facts-empty.json", 1, r"Error: \S*facts-empty\.json: empty file"),
    case("load-binary", "load", "{in}/facts-binary.json", 1, r"Error: \S*facts-binary\.json: binary file"),
    case("load-latin1", "load", "{in}/facts-latin1.json", 1, r"Error: \S*facts-latin1\.json: not UTF-8 text"),
    case("load-bad-yaml", "load", "{in}/facts-bad.yaml", 1, r"Error: \S*facts-bad\.yaml: not valid YAML"),
    case("load-missing", "load", "{in}/missing.json", 1, r"Error: \S*missing\.json: no such file"),
    case("load-folder", "load", "{in}/a-folder", 1, r"Error: \S*a-folder: is a folder"),
    case("load-over-size-limit", "load", "{in}/facts-good.json", 1,
         r"Error: \S*facts-good\.json: \d+ bytes is over the 100 byte limit .*KG_MAX_FACTS_BYTES",
         env={"KG_MAX_FACTS_BYTES": "100"}),
    case("load-bad-size-limit", "load", "{in}/facts-good.json", 1, r"KG_MAX_FACTS_BYTES='lots' is not",
         env={"KG_MAX_FACTS_BYTES": "lots"}),
    # a good file beside a bad one: nothing is written
    case("load-good-and-bad", "load", "{in}/facts-good.json", "{in}/facts-bad-date.json", 1,
         r"facts-bad-date\.json: interactions\[0\]\.date"),
]

QUERY_CASES = [
    case("query-syntax", "query", "SELECT ?x WHERE { ?x ?y", 1, r"Error: bad SPARQL: error at 1:\d+"),
    case("query-garbage", "query", "this is not sparql", 1, r"Error: bad SPARQL"),
    case("query-insert", "query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", 1,
         r"Error: that is a SPARQL update .*kg query only reads"),
    case("query-delete-with-prefix", "query", "PREFIX x: <urn:x#>\n# wipe\nDELETE WHERE { ?s ?p ?o }", 1,
         r"that is a SPARQL update"),
    case("query-drop", "query", "DROP ALL", 1, r"that is a SPARQL update"),
    case("query-load", "query", "LOAD <http://127.0.0.1:9/x.ttl>", 1, r"that is a SPARQL update"),
    # offline: a federated query would fetch from the network
    case("query-service", "query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 1,
         r"Error: SERVICE \(federated queries\) is not allowed in kg query"),
    case("query-construct", "query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 1,
         r"Error: not a SELECT or ASK query", absent=("unsendable", "RuntimeError")),
    case("query-max-rows", "query", "--max-rows", "3", "SELECT * WHERE { ?s ?p ?o }", 1,
         r"Error: the query returned \d+ rows, over the limit of 3 \(add LIMIT, or raise it with --max-rows\)"),
    case("query-zero-timeout", "query", "--timeout", "0", "ASK {}", 2, r"Invalid value for '--timeout'"),
    case("query-unknown-saved", "query", "who-knows", 1, r"Error: no saved query 'who-knows' \(choose from"),
    case("query-missing-param", "query", "who-met", 1, r"Error: query 'who-met' needs --param actor=NAME"),
    case("query-bad-param", "query", "who-met", "-p", "Putin", 2, r"'Putin' is not KEY=VALUE"),
    case("query-unknown-param", "query", "who-met", "-p", "actor=Putin", "-p", "nobody=Putin", 1, r"the query has no \?nobody"),
    case("query-unknown-actor", "query", "who-met", "-p", "actor=Nobody Atall", 1,
         r"Error: unknown actor 'Nobody Atall'"),
    case("query-ambiguous-actor", "query", "who-met", "-p", "actor=Smith", 2, r"Error: 'Smith' could be 2 actors"),
    case("query-missing-file", "query", "@{in}/missing.rq", 2, r"cannot read \S*missing\.rq: No such file"),
    case("query-file", "query", "@{in}/query.rq", 0, r"\(1 row\)"),
]

VALUE_CASES = [
    case("who-met-bad-since", "who-met", "Putin", "--since", "x", 1, r"Error: 'x' is not a date"),
    case("who-met-bad-until", "who-met", "Putin", "--until", "2025-13-45", 1, r"Error: '2025-13-45' is not a date"),
    case("timeline-bad-month", "timeline", "Putin", "--since", "2025-13", 1, r"Error: '2025-13' is not a date"),
    case("who-met-unknown", "who-met", "Nobody Atall", 1, r"Error: unknown actor 'Nobody Atall'"),
    case("who-met-ambiguous", "who-met", "Smith", 2,
         r"Error: 'Smith' could be 2 actors: Jane Smith \(Person\); John Smith \(Person\); give a fuller name"),
    case("path-unknown", "path", "Putin", "Nobody Atall", 1, r"Error: unknown actor 'Nobody Atall'"),
    case("path-bad-start", "path", "Putin", "Trump", "--time-respecting", "--start", "soon", 1,
         r"'soon' is not a date"),
    case("view-unknown-focus", "view", "-o", "{tmp}/v.html", "--focus", "Nobody Atall", 1,
         r"Error: unknown actor 'Nobody Atall'"),
    case("view-bad-since", "view", "-o", "{tmp}/v.html", "--since", "x", 1, r"'x' is not a date"),
    case("remove-unknown", "remove", "nosuch.txt", 1, r"Error: no article 'nosuch.txt' in the store"),
    # limits set in the environment
    case("bad-lock-timeout", "stats", 1, r"Error: KG_LOCK_TIMEOUT='abc' is not a number of seconds",
         env={"KG_LOCK_TIMEOUT": "abc"}),
    case("bad-max-article-bytes", "extract", "{in}/good.txt", 2, r"Invalid value for '--max-bytes': 'lots'",
         env={"KG_MAX_ARTICLE_BYTES": "lots"}),
    case("store-is-a-file", "stats", "--store", "{in}/a-file", 1, r"Error: store location \S*a-file is a file"),
    # output paths that cannot be written
    case("view-proc", "view", "-o", "/proc/x.html", 1, r"Error: cannot write /proc/x\.html"),
    case("export-proc", "export", "-o", "/proc/x.trig", 1, r"Error: cannot write /proc/x\.trig"),
    case("export-graph-proc", "export-graph", "-o", "/proc/x.graphml", 1, r"Error: cannot write /proc/x\.graphml"),
    case("view-under-a-file", "view", "-o", "{in}/a-file/x.html", 1, r"Error: .*a-file"),
    case("export-under-a-file", "export", "-o", "{in}/a-file/x.trig", 1, r"Error: cannot write \S*a-file/x\.trig"),
    case("export-graph-missing-folder", "export-graph", "-o", "{in}/no/such/x.graphml", 1,
         r"Error: cannot write \S*x\.graphml: the folder \S*no/such does not exist"),
    case("view-read-only", "view", "-o", "{in}/read-only/x.html", 1,
         r"Error: cannot write \S*read-only/x\.html: (Permission denied|Operation not permitted)", read_only=True),
    case("export-read-only", "export", "-o", "{in}/read-only/x.trig", 1,
         r"Error: cannot write \S*read-only/x\.trig: (Permission denied|Operation not permitted)", read_only=True),
    # output paths that are folders
    case("view-folder", "view", "-o", "{in}/a-folder", 2, r"Invalid value for '-o' / '--output': .*is a directory"),
    case("export-folder", "export", "-o", "{in}/a-folder", 2, r"Invalid value for '-o' / '--output'"),
    case("export-graph-folder", "export-graph", "-o", "{in}/a-folder", 2, r"Invalid value for '-o' / '--output'"),
    case("unknown-command", "frobnicate", 2, r"No such command 'frobnicate'"),
]


def run(args: list[str], inputs: Path, tmp: Path, store: Path, env: dict | None = None):
    """``kg ARGS`` through CliRunner with the store given by KG_STORE."""
    filled = [a.replace("{in}", str(inputs)).replace("{tmp}", str(tmp)) for a in args]
    return CliRunner().invoke(cli, filled, env={"KG_STORE": str(store), **(env or {})})


@pytest.mark.parametrize("bad", ARTICLE_CASES + FACTS_CASES + QUERY_CASES + VALUE_CASES)
def test_bad_input_is_one_line_and_an_exit_code(bad: Case, inputs, store, tmp_path):
    if bad.read_only and not (inputs / "read-only-works").read_text():
        pytest.skip("cannot make a folder that root cannot write into (chattr +i)")
    before = open_store(str(store)).content_hash()

    result = run(bad.args, inputs, tmp_path, store, bad.env)

    assert result.exit_code == bad.code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert re.search(bad.message, result.output), result.output
    for word in bad.absent:
        assert word not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) <= 1, "one error, one line"
    after = open_store(str(store)).content_hash()
    assert (after != before) == bad.stores



# -- in a real terminal ---------------------------------------------------------------------------------

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"

END_TO_END = [
    # (arguments, exit code, the message on stderr)
    (["load", "{in}/facts-not-json.json"], 1, "facts-not-json.json: not valid JSON"),
    (["extract", "{in}/binary.txt"], 1, "binary.txt: binary file"),
    (["query", "SELECT ?x WHERE {"], 1, "Error: bad SPARQL"),
    # a query that would run for ever is given up after --timeout, in a process that then exits
    (["query", "--timeout", "0.5", FOREVER], 1, "Error: the query ran over the 0.5 s time limit (raise it with --timeout)"),
    (["export-graph", "-o", "/proc/x.graphml"], 1, "Error: cannot write /proc/x.graphml"),
    (["who-met", "Putin", "--since", "x"], 1, "Error: 'x' is not a date"),
]


@pytest.mark.slow
@pytest.mark.parametrize("args, code, message", END_TO_END, ids=[" ".join(a[:2])[:30] for a, _, _ in END_TO_END])
def test_no_traceback_reaches_a_terminal(args, code, message, inputs, store):
    filled = [a.replace("{in}", str(inputs)) for a in args]
    done = subprocess.run([KG, *filled], capture_output=True,
                          text=True, env={**os.environ, "KG_STORE": str(store)}, timeout=60)
    assert done.returncode == code, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


@pytest.mark.slow
def test_debug_shows_the_traceback(inputs, store):
    # the same bad file: one line without --debug (above), the traceback with it
    done = subprocess.run([KG, "--debug", "load", str(inputs / "facts-not-json.json")], capture_output=True,
                          text=True, env={**os.environ, "KG_STORE": str(store)}, timeout=60)
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert "kg.errors.BadFacts" in done.stderr
    assert done.stderr.rstrip().endswith("facts-not-json.json: not valid JSON: Expecting value: line 1 column 43 (char 42)")


def test_every_command_takes_the_global_debug_flag():
    for name in cli.commands:
        result = CliRunner().invoke(cli, ["--debug", name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example:" in result.output, f"kg {name} --help has no example"

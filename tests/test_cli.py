"""The kg command: exit codes and messages of load, query, export, validate, stats and remove."""
from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from rdflib import Dataset, Graph

from kg.cli import cli
from kg.load import load_files

ROOT = Path(__file__).resolve().parents[1]
KG = "https://w3id.org/kg-news/ontology#"


def _kg(runner, store, *args):
    return runner.invoke(cli, [*args, "--store", store.location])


def test_load_twice_changes_nothing(runner, store, seed_facts):
    first = _kg(runner, store, "load", str(seed_facts))
    assert first.exit_code == 0, first.output
    assert first.output == "loaded 1 new, 0 replaced, 0 unchanged article(s); 700 triples written\n"
    count = store.count()
    again = _kg(runner, store, "load", str(seed_facts))
    assert again.exit_code == 0
    assert "loaded 0 new, 0 replaced, 1 unchanged article(s); 0 triples written" in again.output
    assert store.count() == count == 700


def test_load_of_a_bad_date_exits_1_naming_the_field_and_writes_nothing(runner, seed_store, seed_facts, tmp_path):
    doc = json.loads(seed_facts.read_text())
    doc["interactions"][3]["date"] = "2025-13-45"
    bad = tmp_path / "bad.facts.json"
    bad.write_text(json.dumps(doc))
    before = seed_store.content_hash()
    result = _kg(runner, seed_store, "load", str(ROOT / "examples/facts/2025-03-15-putin-witkoff.facts.json"), str(bad))
    assert result.exit_code == 1
    assert f"Error: {bad}: interactions[3].date: '2025-13-45' is not a date" in result.output
    assert "Traceback" not in result.output
    assert seed_store.content_hash() == before


def test_load_of_a_missing_file_exits_1(runner, store, tmp_path):
    result = _kg(runner, store, "load", str(tmp_path / "nope.json"))
    assert result.exit_code == 1
    assert "nope.json: no such file" in result.output


def test_query_who_met(runner, seed_store):
    result = _kg(runner, seed_store, "query", "who-met", "-p", "actor=putin")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2].startswith("Steve Witkoff  meeting  2025-03-13  Moscow  occurred")
    assert result.output.endswith("(4 rows)\n")


@pytest.mark.parametrize("fmt, check", [
    ("json", lambda out: json.loads(out)[0]["contact"] == "Steve Witkoff"),
    ("csv", lambda out: out.splitlines()[1].startswith("Steve Witkoff,meeting,2025-03-13,Moscow,occurred,")),
    ("tsv", lambda out: out.splitlines()[0].split("\t")[:2] == ["contact", "type"]),
])
def test_query_formats(runner, seed_store, fmt, check):
    result = _kg(runner, seed_store, "query", "who-met", "-p", "actor=Putin", "--format", fmt)
    assert result.exit_code == 0 and check(result.output), result.output


def test_query_from_a_file(runner, seed_store, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    result = _kg(runner, seed_store, "query", f"@{path}", "-f", "csv")
    assert result.exit_code == 0 and result.output.splitlines()[0] == "n"


@pytest.mark.parametrize("args, code, message", [
    # A misspelt name gets the closest known one.
    (["who-met", "-p", "actor=Vladimir Putn"], 1, "Error: unknown actor 'Vladimir Putn'; did you mean 'Vladimir V. Putin'?"),
    # Broken SPARQL.
    (["SELECT ?x WHERE { ?x"], 1, "Error: bad SPARQL"),
    # More rows than allowed.
    (["actors", "--max-rows", "2"], 1, "over the limit of 2"),
    # A saved query that does not exist.
    (["who-knew"], 1, "Error: no saved query 'who-knew'"),
    # A parameter without '='.
    (["who-met", "-p", "Putin"], 2, "'Putin' is not KEY=VALUE"),
    # A format click does not know.
    (["actors", "-f", "xls"], 2, "'xls' is not one of"),
])
def test_query_errors(runner, seed_store, args, code, message):
    result = _kg(runner, seed_store, "query", *args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_query_of_an_ambiguous_name_exits_2(runner, seed_store, tmp_path):
    doc = {"article": {"file": "bidens.txt"}, "actors": [
        {"id": "a", "type": "Person", "name": "Joe Biden", "aliases": ["Biden"]},
        {"id": "b", "type": "Person", "name": "Hunter Biden", "aliases": ["Biden"]}]}
    (tmp_path / "bidens.json").write_text(json.dumps(doc))
    assert _kg(runner, seed_store, "load", str(tmp_path / "bidens.json")).exit_code == 0
    result = _kg(runner, seed_store, "query", "who-met", "-p", "actor=Biden")
    assert result.exit_code == 2
    assert "'Biden' could be 2 actors" in result.output


def test_export_nq_holds_every_quad(runner, seed_store):
    result = _kg(runner, seed_store, "export", "-f", "nq")
    assert result.exit_code == 0
    dataset = Dataset()
    dataset.parse(data=result.output, format="nquads")
    assert len(dataset) == seed_store.count() == 700


def test_export_ttl_to_a_file(runner, seed_store, tmp_path):
    out = tmp_path / "kg.ttl"
    result = _kg(runner, seed_store, "export", "-f", "ttl", "-o", str(out))
    assert result.exit_code == 0 and f"wrote {out}" in result.output
    assert len(Graph().parse(out, format="turtle")) > 600


def test_export_into_a_missing_folder_exits_1(runner, seed_store, tmp_path):
    result = _kg(runner, seed_store, "export", "-o", str(tmp_path / "no" / "kg.trig"))
    assert result.exit_code == 1 and "does not exist" in result.output


def test_validate_passes_the_seed_and_fails_a_broken_triple(runner, seed_store):
    result = _kg(runner, seed_store, "validate")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    # A misspelt predicate on an interaction, whose shape is closed.
    seed_store.update(f'PREFIX kg: <{KG}> INSERT {{ GRAPH ?g {{ ?e kg:datestart "2025-03-13" }} }} '
                      f'WHERE {{ GRAPH ?g {{ ?e a kg:Meeting ; kg:dateValue "2025-03-13" }} }}')
    broken = _kg(runner, seed_store, "validate")
    assert broken.exit_code == 1
    assert "datestart" in broken.output
    assert "Error: 1 violation(s) of kg's SHACL shapes" in broken.output


def test_stats(runner, seed_store):
    result = _kg(runner, seed_store, "stats")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "quads      700" in lines and "articles   1" in lines
    assert "dates      2025-02-01 .. 2025-03-16" in lines
    data = json.loads(_kg(runner, seed_store, "stats", "-f", "json").output)
    assert data["articles"] == 1 and dict(data["classes"])["Person"] == 6


def test_stats_of_an_empty_store(runner, store):
    result = _kg(runner, store, "stats")
    assert result.exit_code == 0 and "quads      0" in result.output


def test_remove_by_key(runner, seed_store):
    result = _kg(runner, seed_store, "remove", "2025-03-15-putin-witkoff.txt")
    assert result.exit_code == 0 and result.output == "removed 2025-03-15-putin-witkoff.txt\n"
    assert seed_store.count() == 0


def test_remove_of_an_unknown_article_exits_1_and_removes_nothing(runner, seed_store):
    result = _kg(runner, seed_store, "remove", "2025-03-15-putin-witkoff.txt", "nothing.txt")
    assert result.exit_code == 1
    assert "Error: no article 'nothing.txt' in the store" in result.output
    assert seed_store.count() == 700


def test_a_store_path_that_is_a_file_exits_1(runner, tmp_path):
    path = tmp_path / "file"
    path.write_text("x")
    result = runner.invoke(cli, ["stats", "--store", str(path)])
    assert result.exit_code == 1 and "is a file, not a folder" in result.output


def _commands():
    # Every command, the topic ones (extract, path, view, serve...) included.
    ctx = click.Context(cli)
    return [(name, cli.get_command(ctx, name)) for name in cli.list_commands(ctx)]


@pytest.mark.parametrize("name, command", _commands(), ids=[n for n, _ in _commands()])
def test_every_command_has_help_with_an_example(runner, name, command):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"kg {name} --help has no Example"
    assert isinstance(command, click.Command)


@pytest.mark.parametrize("name", [n for n, _ in _commands()])
def test_every_command_is_in_the_readme(name):
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("no README.md yet")
    assert f"kg {name}" in readme.read_text("utf-8"), f"README.md never mentions `kg {name}`"

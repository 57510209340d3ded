"""The analysis commands: path, who-met, timeline, centrality, communities, export-graph."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from analysis_fixtures import CHRONO, FOUNDING, contacts_doc, store_with
from kg.cli import cli
from kg.cli_analysis import COMMANDS


@pytest.fixture
def founding(tmp_path):
    location = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["load", str(FOUNDING), "--store", location])
    assert result.exit_code == 0, result.output
    return location


@pytest.fixture
def chrono(tmp_path):
    store_with(tmp_path, contacts_doc("chrono", CHRONO), name="chrono")
    return str(tmp_path / "chrono")


def run(location, *args):
    return CliRunner().invoke(cli, [*args, "--store", location])


def test_path_peskov_to_trump_via_roles(founding):
    result = run(founding, "path", "Peskov", "Trump", "--via", "roles")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("Dmitri S. Peskov -> Kremlin (spokesman) -> Vladimir V. Putin (President) "
                        "-> Donald Trump (phone call, 2025-02-12)")
    assert "1. Dmitri S. Peskov -> Kremlin: role: spokesman" in result.output
    assert "2. Kremlin -> Vladimir V. Putin: role: President (Kremlin is part of Russia)" in result.output
    assert "3. Vladimir V. Putin -> Donald Trump: phone call, 2025-02-12" in result.output
    # Every hop has its quote; the roles' are the article sentences that state them.
    assert "“Dmitri S. Peskov, the Kremlin’s spokesman, told reporters on Friday" in result.output
    assert "“President Vladimir V. Putin of Russia met Steve Witkoff" in result.output
    assert "“They last known to have spoken on February 12.”" in result.output
    assert "no quote recorded" not in result.output


def test_path_json_has_every_hop_with_evidence(founding):
    result = run(founding, "path", "Peskov", "Trump", "--via", "roles", "--format", "json")
    assert result.exit_code == 0, result.output
    (path,) = json.loads(result.output)["paths"]
    assert [a["name"] for a in path["actors"]] == ["Dmitri S. Peskov", "Kremlin", "Vladimir V. Putin", "Donald Trump"]
    assert [h["type"] for h in path["hops"]] == ["role", "role", "call"]
    assert all(h["quote"] and h["article"] == "2025-03-15-putin-witkoff.txt" for h in path["hops"])
    assert path["hops"][2]["date"] == "2025-02-12"


def test_path_putin_trump_is_the_call(founding):
    result = run(founding, "path", "Putin", "Trump")
    assert result.exit_code == 0
    assert result.output.startswith("Vladimir V. Putin -> Donald Trump (phone call, 2025-02-12)\n1 hop(s)\n")


@pytest.mark.parametrize("args, code, message", [
    # Zelensky only made a statement: no contact at all.
    (["path", "Zelensky", "Witkoff"], 1,
     "Error: no contact path between Zelensky and Steve Witkoff; Zelensky has no recorded contacts"),
    # A misspelt name gets a suggestion.
    (["path", "Witkof", "Trump"], 1, "did you mean 'Steve Witkoff'?"),
    # who-met resolves names the same way.
    (["who-met", "Pootin"], 1, "did you mean"),
    # Only one way of choosing paths at a time.
    (["path", "Putin", "Trump", "--all", "-k", "2"], 2, "choose one of --all, -k and --time-respecting"),
    (["path", "Putin", "Trump", "--start", "2025-01-01"], 2, "--start goes with --time-respecting"),
    # A bound that is not an ISO date.
    (["centrality", "--since", "yesterday"], 1, "Error:"),
])
def test_errors(founding, args, code, message):
    result = run(founding, *args)
    assert result.exit_code == code, result.output
    assert message in result.output


def test_ambiguous_actor_exits_2(tmp_path):
    doc = contacts_doc("amb", [("meeting", ["Ann", "Bob"], "2025-01-01")])
    doc["actors"] = [{"id": "ann", "type": "Person", "name": "Ann Lee", "aliases": []},
                     {"id": "bob", "type": "Person", "name": "Ann Smith", "aliases": []}]
    store_with(tmp_path, doc, name="amb")
    result = run(str(tmp_path / "amb"), "path", "Ann", "Ann Smith")
    assert result.exit_code == 2 and "could be 2 actors" in result.output


def test_time_respecting_choice_and_failure(chrono):
    static = run(chrono, "path", "Alpha", "Delta")
    assert static.output.startswith("Alpha -> Bravo (meeting, 2025-03-10) -> Delta (phone call, 2025-03-01)")
    timed = run(chrono, "path", "Alpha", "Delta", "--time-respecting")
    assert timed.exit_code == 0
    assert timed.output.startswith("Alpha -> Bravo (meeting, 2025-03-10) -> Charlie (meeting, 2025-03-12) "
                                   "-> Delta (phone call, 2025-03-20)")
    assert "note: hops are in date order" in timed.output
    assert "note: 1 undated contact(s) cannot be placed in time and were not used" in timed.output
    late = run(chrono, "path", "Alpha", "Delta", "--time-respecting", "--start", "2025-03-11")
    assert late.exit_code == 1
    assert "Error: no time-respecting path between Alpha and Delta starting on or after 2025-03-11" in late.output


def test_all_and_k(chrono):
    result = run(chrono, "path", "Alpha", "Delta", "-k", "2", "--format", "json")
    assert [p["length"] for p in json.loads(result.output)["paths"]] == [2, 3]
    assert run(chrono, "path", "Alpha", "Delta", "--all").output.startswith("Alpha -> Bravo")


def test_who_met_newest_first(founding):
    result = run(founding, "who-met", "Putin")
    assert result.exit_code == 0
    lines = [l for l in result.output.splitlines() if l.startswith("  2")]
    assert lines == ["  2025-03-13  meeting with Steve Witkoff, in Moscow",
                     "  2025-02-12  phone call with Donald Trump",
                     "  2025-02     meeting with Steve Witkoff"]
    rows = list(csv.DictReader(io.StringIO(run(founding, "who-met", "Putin", "--include-planned",
                                                "--format", "csv").output)))
    assert [r["status"] for r in rows].count("planned") == 1 and rows[0]["with"] == "Steve Witkoff"


def test_timeline_any_type(founding):
    result = run(founding, "timeline", "Putin", "--format", "json")
    items = json.loads(result.output)
    assert [i["type"] for i in items] == ["meeting", "call", "meeting", "statement", "call"]
    assert items[-1]["status"] == "planned"
    text = run(founding, "timeline", "Zelensky").output
    assert "2025-03-13  statement   occurred" in text


def test_centrality_and_communities(chrono):
    result = run(chrono, "centrality", "--measure", "betweenness", "--top", "1", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)[0]["name"] == "Bravo"
    text = run(chrono, "centrality").output
    assert text.splitlines()[1].endswith("Bravo (Person)")
    groups = json.loads(run(chrono, "communities", "--format", "json").output)
    assert sorted(g["size"] for g in groups)[0] == 2
    assert ["Echo", "Foxtrot"] in [g["members"] for g in groups]


def test_since_until_narrow_the_graph(chrono):
    result = run(chrono, "who-met", "Bravo", "--since", "2025-03-05", "--until", "2025-03-11", "--format", "json")
    assert [c["with_name"] for c in json.loads(result.output)] == ["Alpha"]


@pytest.mark.parametrize("fmt, marker", [("graphml", "<graphml"), ("gexf", 'timeformat="date"')])
def test_export_graph(founding, tmp_path, fmt, marker):
    target = tmp_path / f"out.{fmt}"
    result = run(founding, "export-graph", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0 and "11 actors, 3 links" in result.output
    assert marker in target.read_text()


def test_every_command_has_help_with_an_example():
    for command in COMMANDS:
        result = CliRunner().invoke(cli, [command.name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, command.name

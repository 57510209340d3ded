"""Saved queries on the founding example, parameters bound to actor names, formats and limits."""
from __future__ import annotations

import csv
import io
import json

import pytest

from kg.errors import AmbiguousActor, QueryError, UnknownActor, UnknownFormat
from kg.load import load_documents
from kg.query import format_result, query_text, run_select, saved_queries

ARTICLE = "2025-03-15-putin-witkoff.txt"


def _run(store, name: str, **params) -> list[dict]:
    return run_select(store, query_text(name, params, store)).dicts()


def test_every_saved_query_is_listed_with_a_summary():
    queries = saved_queries()
    assert set(queries) >= {"who-met", "actors", "roles", "between", "timeline", "articles"}
    assert all(q.summary for q in queries.values())
    assert queries["who-met"].params == ("actor",)
    assert queries["between"].params == ("a", "b")


def test_who_met_putin(seed_store):
    rows = [(r["contact"], r["type"], r.get("date"), r.get("place"), r["status"])
            for r in _run(seed_store, "who-met", actor="Putin")]
    assert rows == [
        ("Steve Witkoff", "meeting", "2025-03-13", "Moscow", "occurred"),
        ("Donald Trump", "call", "2025-02-12", None, "occurred"),
        ("Steve Witkoff", "meeting", "2025-02", None, "occurred"),
        ("Donald Trump", "call", None, None, "planned"),
    ]


def test_who_met_gives_the_evidence_and_article(seed_store):
    first = _run(seed_store, "who-met", actor="Putin")[0]
    assert first["quote"].startswith("President Vladimir V. Putin of Russia met Steve Witkoff")
    assert first["article"] == ARTICLE


def test_actors(seed_store):
    rows = {r["name"]: (r["type"], r["interactions"]) for r in _run(seed_store, "actors")}
    assert rows["Vladimir V. Putin"] == ("Person", 5)
    assert rows["Moscow"] == ("Place", 0)
    assert rows["Kremlin"] == ("Organization", 0)
    assert len(rows) == 11


def test_articles_counts_interactions_not_tenures(seed_store):
    assert _run(seed_store, "articles") == [
        {"article": ARTICLE, "date": "2025-03-15", "publisher": "New York Times News Service", "interactions": 11}]


def test_between(seed_store):
    rows = [(r["type"], r.get("date"), r["status"]) for r in _run(seed_store, "between", a="Putin", b="Trump")]
    assert sorted(rows, key=str) == sorted([("call", None, "planned"), ("call", "2025-02-12", "occurred")], key=str)


def test_roles(seed_store):
    rows = _run(seed_store, "roles", actor="Peskov")
    assert [(r["title"], r["of"], r["former"]) for r in rows] == [("spokesman", "Kremlin", False)]


def test_timeline_in_date_order_undated_last(seed_store):
    rows = _run(seed_store, "timeline", actor="Witkoff")
    assert [(r.get("date"), r["type"], r["with"]) for r in rows] == [
        ("2025-02", "meeting", "Vladimir V. Putin"),
        ("2025-03-13", "meeting", "Vladimir V. Putin"),
        (None, "contact", "Donald Trump"),
    ]


@pytest.mark.parametrize("name", ["Putin", "putin", "PUTIN", "Vladimir Putin", "vladimir v. putin",
                                  "Vladimir V. Putin", "Putin’s"])
def test_params_bind_by_name_or_alias_in_any_case(seed_store, name):
    assert len(_run(seed_store, "who-met", actor=name)) == 4


def test_an_unknown_actor_gets_a_suggestion(seed_store):
    with pytest.raises(UnknownActor, match=r"unknown actor 'Vladimir Putn'; did you mean 'Vladimir V\. Putin'\?"):
        query_text("who-met", {"actor": "Vladimir Putn"}, seed_store)


def test_an_unknown_actor_in_an_empty_store(store):
    with pytest.raises(UnknownActor, match="no actors yet"):
        query_text("who-met", {"actor": "Putin"}, store)


def test_an_ambiguous_name_lists_the_candidates(seed_store):
    doc = {"article": {"key": "bidens"}, "actors": [
        {"id": "a", "type": "Person", "name": "Joe Biden", "aliases": ["Biden"]},
        {"id": "b", "type": "Person", "name": "Hunter Biden", "aliases": ["Biden"]}]}
    load_documents(seed_store, [(doc, None)])
    with pytest.raises(AmbiguousActor, match=r"'Biden' could be 2 actors: .*Hunter Biden.*Joe Biden") as caught:
        query_text("who-met", {"actor": "Biden"}, seed_store)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("query, params, message", [
    # A name that is no saved query.
    ("who-knew", {}, "no saved query 'who-knew'"),
    # A saved query's parameter left out.
    ("who-met", {}, "needs --param actor=NAME"),
    # A parameter the query has no variable for.
    ("actors", {"who": "Putin"}, "the query has no ?who"),
])
def test_query_text_errors(seed_store, query, params, message):
    with pytest.raises(QueryError, match=message.replace("?", r"\?")):
        query_text(query, params, seed_store)


def test_bad_sparql_is_a_query_error(seed_store):
    with pytest.raises(QueryError, match="bad SPARQL"):
        run_select(seed_store, "SELECT ?x WHERE { ?x ?y }")


def test_max_rows(seed_store):
    with pytest.raises(QueryError, match=r"returned \d+ rows, over the limit of 3"):
        run_select(seed_store, query_text("actors", {}, seed_store), max_rows=3)
    assert len(run_select(seed_store, query_text("actors", {}, seed_store), max_rows=11).rows) == 11


def test_formats(seed_store):
    result = run_select(seed_store, query_text("who-met", {"actor": "Putin"}, seed_store))
    table = format_result(result, "table")
    assert table.splitlines()[0].split() == ["contact", "type", "date", "place", "status", "quote", "article"]
    assert table.endswith("(4 rows)\n")
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0][:3] == ["contact", "type", "date"] and rows[1][:4] == ["Steve Witkoff", "meeting", "2025-03-13", "Moscow"]
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[4].split("\t")[:5] == ["Donald Trump", "call", "", "", "planned"]
    data = json.loads(format_result(result, "json"))
    assert data[3] == {"contact": "Donald Trump", "type": "call", "status": "planned", "quote": data[3]["quote"],
                       "article": ARTICLE}
    with pytest.raises(UnknownFormat, match="no such format: xls"):
        format_result(result, "xls")

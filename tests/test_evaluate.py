"""kg.evaluate: the same matching and figures as the project scorer."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from kg.errors import BadFacts
from kg.evaluate import evaluate, score_documents
from corpus_paths import DEV


GOLD = {
    "article": {"file": "a.txt"},
    "actors": [
        {"id": "ann-lee", "type": "Person", "name": "Ann Lee", "aliases": ["Lee"]},
        {"id": "bo-kim", "type": "Person", "name": "Bo Kim", "aliases": []},
        {"id": "cy-tan", "type": "Person", "name": "Cy Tan", "aliases": []},
    ],
    "roles": [{"holder": "ann-lee", "title": "Foreign Minister", "of": None},
              {"holder": "bo-kim", "title": "special envoy", "of": None}],
    "interactions": [
        {"type": "meeting", "participants": ["ann-lee", "bo-kim", "cy-tan"], "date": "2025-03-13",
         "status": "occurred"},
        {"type": "call", "participants": ["ann-lee", "bo-kim"], "status": "planned"},
    ],
}


def test_gold_against_itself_scores_one():
    summary = score_documents([("a", GOLD, GOLD)]).summary
    for key in ("contact_f1", "contact_p", "contact_r", "planned_f1", "type_acc", "date_acc",
                "roles_r", "roles_p", "persons_r", "persons_p"):
        assert summary[key] == 1.0, key
    assert summary["articles_failed"] == 0


def test_dev_gold_against_itself_scores_one():
    items = [(p.name, json.loads(p.read_text()), json.loads(p.read_text()))
             for p in sorted(DEV.glob("*.gold.json"))]
    assert items
    summary = score_documents(items).summary
    assert summary["contact_f1"] == 1.0 and summary["roles_r"] == 1.0 and summary["persons_r"] == 1.0


def test_missing_pair_lowers_recall_by_hand():
    pred = copy.deepcopy(GOLD)
    # Only Lee and Kim met: one of the three gold pairs; the prediction names Lee by surname alone.
    pred["actors"][0] = {"id": "x1", "type": "Person", "name": "Lee", "aliases": []}
    pred["interactions"][0]["participants"] = ["x1", "bo-kim"]
    pred["interactions"][1]["participants"] = ["x1", "bo-kim"]
    report = score_documents([("a", GOLD, pred)])
    assert report.summary["contact_r"] == round(1 / 3, 3)
    assert report.summary["contact_p"] == 1.0
    assert report.summary["contact_f1"] == 0.5  # 2 * 1 * (1/3) / (4/3)
    assert report.articles[0].missed == ["ann-lee + cy-tan", "bo-kim + cy-tan"]


def test_roles_match_on_last_title_word():
    pred = copy.deepcopy(GOLD)
    pred["roles"] = [{"holder": "ann-lee", "title": "minister", "of": None},
                     {"holder": "bo-kim", "title": "spokesman", "of": None}]
    summary = score_documents([("a", GOLD, pred)]).summary
    assert summary["roles_r"] == 0.5 and summary["roles_p"] == 0.5


def test_wrong_date_counts_against_date_accuracy():
    pred = copy.deepcopy(GOLD)
    pred["interactions"][0]["date"] = "2025-03-14"
    assert score_documents([("a", GOLD, pred)]).summary["date_acc"] == 0.0


def test_failed_prediction_is_counted_and_scored_empty(tmp_path):
    (tmp_path / "a.gold.json").write_text(json.dumps(GOLD))

    def broken(path):
        raise RuntimeError("no model")

    report = evaluate(tmp_path, broken)
    assert report.failed == 1
    assert report.summary["contact_r"] == 0.0
    assert "no prediction" in report.text()


def test_folder_without_gold_files_is_an_error(tmp_path):
    with pytest.raises(BadFacts, match="no \\*.gold.json"):
        evaluate(tmp_path, lambda path: {})

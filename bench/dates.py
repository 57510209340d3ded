"""Accuracy of kg.dates.resolve on the DATE expressions of the ESL time corpus.

Usage: .venv/bin/python bench/dates.py [--misses] [--data PATH]

For each line with ``type == "DATE"``: the gold span ``text`` resolved against ``dct`` (its date
part) with ``sentence`` as context, compared exactly with the gold ``value``. Gold values that are
not one of kg's four forms (TimeML decades ``195X``, weekends ``2013-W37-WE``, times of day
``2013-05-01TNI``, ``PRESENT_REF``, ``XX``) count as misses; the figure on the reachable lines
(gold value in kg's four forms) is printed as well.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.dates import is_date, resolve  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/corpus/time/esl-timex.jsonl"


def load(path: Path) -> list[dict]:
    """The DATE lines of the corpus."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if row.get("type") == "DATE"]


def score(rows: list[dict]) -> tuple[int, list[tuple[dict, str | None]]]:
    """The number of exact matches and the misses with what resolve gave."""
    hits, misses = 0, []
    for row in rows:
        got = resolve(row["text"], dt.date.fromisoformat(row["dct"][:10]), row["sentence"])
        if got == row["value"]:
            hits += 1
        else:
            misses.append((row, got))
    return hits, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    rows = load(args.data)
    started = time.perf_counter()
    hits, misses = score(rows)
    elapsed = time.perf_counter() - started
    reachable = [row for row in rows if is_date(row["value"])]
    reachable_hits = len(reachable) - sum(1 for row, _ in misses if is_date(row["value"]))
    print(f"accuracy {hits / len(rows):.3f} ({hits}/{len(rows)} DATE expressions, exact match)")
    print(f"reachable {reachable_hits / len(reachable):.3f} ({reachable_hits}/{len(reachable)} "
          f"with a gold value in kg's four forms)")
    print(f"time {elapsed:.2f} s for {len(rows)} expressions, first call included")
    if args.misses:
        for row, got in misses:
            kind = "" if is_date(row["value"]) else "  [gold not in kg's forms]"
            print(f"{row['dct'][:10]} {row['text']!r:40} gold {row['value']:18} got {got}{kind}")
            print(f"    {row['sentence'][:160]}")


if __name__ == "__main__":
    main()

"""Synthetic facts documents (the FORMAT.md layout) with matching article texts, at any size.

Usage: .venv/bin/python bench/synth.py --actors N --interactions M --articles K --out DIR [--seed S]

Writes ``DIR/synth-000001.facts.json`` + ``DIR/synth-000001.txt`` ... (``kg load DIR/*.facts.json``
loads them). Each interaction and role is one sentence of the article and its evidence is that
sentence, so evidence offsets resolve. The world is made of invented names (syllable combinations):
mostly persons, then states, organisations (each part of a state) and places. Who takes part in an
interaction is drawn from a Zipf law over a shuffled ranking, so contact degrees follow a power law;
dates spread over 2005-2025 at day, week, month and year precision (some undated); statuses are
mostly occurred, some planned or negated; persons hold posts of states or organisations.

Importable: ``generate(actors, interactions, articles, seed)`` yields ``(facts, text)`` pairs one
article at a time (only the world of actors is held in memory), so big corpora stream to disk.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr",
           "st", "tr", "sh", "ch", "vl", "gr", "h", "j"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"]
_CODAS = ["", "", "", "n", "r", "s", "l", "v", "k", "m", "sh"]
_GIVEN_ENDS = ["", "a", "o", "ia", "el", "an", "ir", "ina", "us"]
_SURNAME_ENDS = ["ov", "ova", "enko", "ski", "ard", "berg", "ian", "ez", "ani", "escu", "sen", "os"]
_STATE_FORMS = ["{}ia", "{}a", "{}istan", "{}land", "Republic of {}", "{}onia"]
_ORG_FORMS = ["{} Ministry of Defence", "{} Foreign Ministry", "{} Central Bank", "{} Party",
              "{} Energy Agency", "{} Security Council", "{} Trade Union", "{} Development Fund"]
_PLACE_FORMS = ["{}", "{}grad", "{} City", "Port {}", "{}burg", "{}ville"]

# Share of each actor kind in the world, and of each interaction type and status in the articles.
KINDS = {"Person": 0.76, "State": 0.06, "Organization": 0.10, "Place": 0.08}
TYPES = {"meeting": 0.34, "call": 0.20, "contact": 0.14, "statement": 0.13, "proposal": 0.06,
         "agreement": 0.05, "correspondence": 0.03, "visit": 0.03, "exchange": 0.02}
STATUSES = {"occurred": 0.85, "planned": 0.10, "negated": 0.05}
PRECISIONS = {"day": 0.55, "month": 0.15, "week": 0.08, "year": 0.05, None: 0.17}
STATE_TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "special envoy",
                "ambassador", "national security adviser", "Finance Minister", "Interior Minister"]
ORG_TITLES = ["spokesman", "chairman", "director", "secretary general", "deputy head", "governor"]
PUBLISHERS = ["Synthetic Wire Service", "The Daily Ledger", "Global Dispatch", "Evening Courier"]
ZIPF_EXPONENT = 1.1
FIRST_YEAR, LAST_YEAR = 2005, 2025


@dataclass(frozen=True)
class Actor:
    """One invented actor of the synthetic world."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    title: str | None = None
    title_of: str | None = None


class World:
    """The actors, by kind, each with a Zipf weight for being picked as a participant."""

    def __init__(self, size: int, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        counts = _kind_counts(size)
        self.states = [self._state(i) for i in range(counts["State"])]
        self.orgs = [self._org(i) for i in range(counts["Organization"])]
        self.places = [self._place(i) for i in range(counts["Place"])]
        self.persons = [self._person(i) for i in range(counts["Person"])]
        self.by_id = {a.id: a for a in itertools.chain(self.states, self.orgs, self.places, self.persons)}
        self.pick_person = _zipf_picker(self.persons, rng)
        self.pick_state = _zipf_picker(self.states, rng)
        self.pick_org = _zipf_picker(self.orgs, rng)
        self.pick_place = _zipf_picker(self.places, rng)

    def _unique(self, make) -> str:
        while True:
            name = make()
            if name.lower() not in self.used:
                self.used.add(name.lower())
                return name

    def _stem(self, syllables: int) -> str:
        rng = self.rng
        parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)]
        return ("".join(parts) + rng.choice(_CODAS)).capitalize()

    def _state(self, i: int) -> Actor:
        name = self._unique(lambda: self.rng.choice(_STATE_FORMS).format(self._stem(2)))
        return Actor(f"state-{i}", "State", name)

    def _org(self, i: int) -> Actor:
        state = self.rng.choice(self.states)
        stem = state.name.replace("Republic of ", "")
        name = self._unique(lambda: self.rng.choice(_ORG_FORMS).format(f"{stem} {self._stem(1)}"))
        return Actor(f"org-{i}", "Organization", name, part_of=state.id)

    def _place(self, i: int) -> Actor:
        name = self._unique(lambda: self.rng.choice(_PLACE_FORMS).format(self._stem(self.rng.choice((1, 2)))))
        return Actor(f"place-{i}", "Place", name)

    def _person(self, i: int) -> Actor:
        rng = self.rng

        def make():
            given = self._stem(rng.choice((1, 2))) + rng.choice(_GIVEN_ENDS)
            return f"{given.capitalize()} {self._stem(rng.choice((1, 2)))}{rng.choice(_SURNAME_ENDS)}"

        name = self._unique(make)
        if rng.random() < 0.7 or not self.orgs:
            title, of = rng.choice(STATE_TITLES), rng.choice(self.states).id
        else:
            title, of = rng.choice(ORG_TITLES), rng.choice(self.orgs).id
        return Actor(f"person-{i}", "Person", name, (name.split()[-1],), title=title, title_of=of)


def _kind_counts(size: int) -> dict[str, int]:
    """At least one actor of each kind, two persons; the rest in the KINDS proportions."""
    counts = {kind: max(1, round(size * share)) for kind, share in KINDS.items()}
    counts["Person"] = max(2, size - counts["State"] - counts["Organization"] - counts["Place"])
    return counts


def _zipf_picker(actors: list[Actor], rng: random.Random):
    """A function drawing one actor, the k-th most popular (a random ranking) with weight 1/k^s."""
    ranked = list(actors)
    rng.shuffle(ranked)
    cumulative = list(itertools.accumulate(1.0 / (k + 1) ** ZIPF_EXPONENT for k in range(len(ranked))))
    total = cumulative[-1]

    def pick() -> Actor:
        return ranked[min(bisect.bisect(cumulative, rng.random() * total), len(ranked) - 1)]
    return pick


def _weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


# -- articles -------------------------------------------------------------------------------------

class _Article:
    """One article being written: its sentences, and the actors its facts must list."""

    def __init__(self, world: World, number: int, published: dt.date):
        self.world, self.rng = world, world.rng
        self.number, self.published = number, published
        self.sentences: list[str] = []
        self.actor_ids: dict[str, None] = {}
        self.roles: list[dict] = []
        self.interactions: list[dict] = []
        self.roled: set[str] = set()

    def use(self, actor: Actor) -> str:
        self.actor_ids[actor.id] = None
        if actor.part_of:
            self.actor_ids[actor.part_of] = None
        return actor.id

    def add_interaction(self) -> None:
        kind = _weighted(self.rng, TYPES)
        status = _weighted(self.rng, STATUSES)
        participants, place = self._participants(kind)
        date, phrase = self._date(status)
        sentence = _sentence(kind, status, [self.world.by_id[p].name for p in participants],
                             place and self.world.by_id[place].name, phrase)
        self.sentences.append(sentence)
        self.interactions.append({"type": kind, "participants": participants, "date": date,
                                  "place": place, "status": status, "evidence": sentence})
        for pid in participants:
            self._maybe_role(self.world.by_id[pid])

    def _participants(self, kind: str) -> tuple[list[str], str | None]:
        w, rng = self.world, self.rng
        if kind in ("proposal", "agreement", "exchange"):
            pick = w.pick_state if rng.random() < 0.7 else w.pick_org
            return self._distinct(pick, 2 + (rng.random() < 0.15)), None
        if kind == "statement":
            return self._distinct(w.pick_person, 1), None
        if kind == "visit":
            return self._distinct(w.pick_person, 1), self.use(w.pick_place())
        people = self._distinct(w.pick_person, 3 if rng.random() < 0.08 else 2)
        place = self.use(w.pick_place()) if kind == "meeting" and rng.random() < 0.6 else None
        return people, place

    def _distinct(self, pick, n: int) -> list[str]:
        chosen: dict[str, None] = {}
        for _ in range(50 * n):
            chosen[pick().id] = None
            if len(chosen) == n:
                break
        return [self.use(self.world.by_id[i]) for i in chosen]

    def _date(self, status: str) -> tuple[str | None, str]:
        precision = _weighted(self.rng, PRECISIONS)
        if precision is None:
            return None, ""
        shift = self.rng.randint(1, 60)
        day = self.published + dt.timedelta(days=shift if status == "planned" else -shift)
        return _date_value(day, precision), _date_phrase(day, precision)

    def _maybe_role(self, person: Actor) -> None:
        if person.type != "Person" or person.id in self.roled or self.rng.random() < 0.5:
            return
        self.roled.add(person.id)
        of = self.world.by_id[person.title_of]
        self.use(of)
        sentence = f"{person.name} is the {person.title} of {of.name}."
        self.sentences.append(sentence)
        self.roles.append({"holder": person.id, "title": person.title, "of": of.id, "evidence": sentence})

    def facts_and_text(self) -> tuple[dict, str]:
        name = f"synth-{self.number:06d}.txt"
        headline = f"{self.world.by_id[self.interactions[0]['participants'][0]].name} in the news"
        text = headline + "\n\n" + "\n\n".join(self._paragraphs()) + "\n"
        facts = {
            "article": {"file": name, "date": self.published.isoformat(),
                        "publisher": PUBLISHERS[self.number % len(PUBLISHERS)], "title": headline},
            "actors": [_actor_entry(self.world.by_id[i]) for i in self.actor_ids],
            "roles": self.roles,
            "interactions": [{k: v for k, v in it.items() if v is not None or k == "date"}
                             for it in self.interactions],
        }
        return facts, text

    def _paragraphs(self) -> Iterator[str]:
        for start in range(0, len(self.sentences), 3):
            yield " ".join(self.sentences[start:start + 3])


def _actor_entry(actor: Actor) -> dict:
    entry = {"id": actor.id, "type": actor.type, "name": actor.name, "aliases": list(actor.aliases)}
    if actor.part_of:
        entry["part_of"] = actor.part_of
    return entry


def _date_value(day: dt.date, precision: str) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{day.year:04d}"


def _date_phrase(day: dt.date, precision: str) -> str:
    if precision == "day":
        return f"on {day.day} {day:%B} {day.year}"
    if precision == "month":
        return f"in {day:%B} {day.year}"
    if precision == "week":
        return f"in the week of {day - dt.timedelta(days=day.weekday()):%d %B %Y}"
    return f"in {day.year}"


_VERBS = {
    "meeting": ("met", "will meet", "did not meet"),
    "call": ("spoke by phone with", "is expected to call", "refused to take a call from"),
    "contact": ("was in contact with", "plans to brief", "declined to speak with"),
    "correspondence": ("wrote to", "is to send a letter to", "did not answer a letter from"),
    "visit": ("visited", "will visit", "cancelled a visit to"),
}
_GROUP_VERBS = {
    "proposal": ("proposed talks", "are set to propose talks", "dropped a proposal for talks"),
    "agreement": ("signed an agreement", "are to sign an agreement", "failed to reach an agreement"),
    "exchange": ("exchanged prisoners", "plan to exchange prisoners", "called off a prisoner exchange"),
}
_STATUS_INDEX = {"occurred": 0, "planned": 1, "negated": 2}


def _sentence(kind: str, status: str, names: list[str], place: str | None, when: str) -> str:
    """The sentence of the article that states the interaction (its evidence)."""
    i = _STATUS_INDEX[status]
    when = f" {when}" if when else ""
    if kind == "statement":
        verb = ("said", "is expected to speak", "declined to comment")[i]
        return f"{names[0]} {verb}{when} about the talks."
    if kind == "visit":
        return f"{names[0]} {_VERBS['visit'][i]} {place}{when}."
    if kind in _GROUP_VERBS:
        return f"{_join(names)} {_GROUP_VERBS[kind][i]}{when}."
    where = f" in {place}" if place else ""
    return f"{names[0]} {_VERBS[kind][i]} {_join(names[1:])}{where}{when}."


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def generate(actors: int, interactions: int, articles: int, seed: int = 0) -> Iterator[tuple[dict, str]]:
    """Yield ``articles`` (facts, text) pairs sharing ``interactions`` interactions among ``actors`` actors.

    Deterministic for a given seed. Interactions are spread evenly over the articles (at least one
    each); publication dates are in random order over 2005-2025.

    >>> docs = list(generate(50, 30, 3, seed=1))
    >>> len(docs), sum(len(f["interactions"]) for f, _ in docs)
    (3, 30)
    >>> all(it["evidence"] in text for f, text in docs for it in f["interactions"])
    True
    """
    if actors < 5 or articles < 1 or interactions < articles:
        raise ValueError("need at least 5 actors, 1 article and one interaction per article")
    rng = random.Random(seed)
    world = World(actors, rng)
    first, span = dt.date(FIRST_YEAR, 1, 1), (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days
    for number in range(articles):
        published = first + dt.timedelta(days=rng.randrange(span))
        article = _Article(world, number + 1, published)
        share = interactions // articles + (number < interactions % articles)
        for _ in range(share):
            article.add_interaction()
        yield article.facts_and_text()


def write_corpus(out: Path, actors: int, interactions: int, articles: int, seed: int = 0) -> tuple[int, int]:
    """Write the generated documents into ``out``; returns (documents, bytes written)."""
    out.mkdir(parents=True, exist_ok=True)
    count = size = 0
    for facts, text in generate(actors, interactions, articles, seed):
        name = facts["article"]["file"]
        body = json.dumps(facts, ensure_ascii=False, indent=1)
        (out / name).write_text(text, encoding="utf-8")
        (out / name.replace(".txt", ".facts.json")).write_text(body, encoding="utf-8")
        count, size = count + 1, size + len(text) + len(body)
    return count, size


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--interactions", type=int, default=10000)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    try:
        count, size = write_corpus(args.out, args.actors, args.interactions, args.articles, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"wrote {count} facts documents + articles ({size / 1e6:.1f} MB) to {args.out} "
          f"in {time.perf_counter() - began:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

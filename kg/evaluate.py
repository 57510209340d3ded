"""Scoring extracted facts against gold facts files, with the project scorer's matching semantics.

Actors are matched by name: any surface form (name or alias) equal after normalisation, or, for
persons, the same surname when that picks one gold person. Contact pairs are unordered pairs of
participants of meeting, call and contact interactions, per status; roles match on holder and the
last word of the title. Figures are micro-averaged over articles.

>>> gold = {"actors": [{"id": "a", "type": "Person", "name": "Ann Lee"},
...                    {"id": "b", "type": "Person", "name": "Bo Kim"}],
...         "roles": [], "interactions": [{"type": "meeting", "participants": ["a", "b"]}]}
>>> score_documents([("x", gold, gold)]).summary["contact_f1"]
1.0
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from kg.errors import BadFacts

CONTACT = {"meeting", "call", "contact"}
_TITLES = {
    "president", "prime", "minister", "mr", "mrs", "ms", "dr", "king", "queen", "prince", "sheikh",
    "general", "gen", "secretary", "chancellor", "premier", "ambassador", "envoy", "senator", "sen",
    "rep", "speaker", "foreign", "vice", "deputy", "the", "chairman", "leader", "sir", "lord",
}


@dataclass
class ArticleScore:
    """What one article scored: contact pairs found/predicted/gold, and the pairs missed and invented."""

    name: str
    found: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class Report:
    """Per-article scores and the summary figures (the same keys as the project scorer)."""

    articles: list[ArticleScore]
    summary: dict

    @property
    def failed(self) -> int:
        """How many articles produced no prediction."""
        return self.summary["articles_failed"]

    def text(self) -> str:
        """The report as the scorer prints it: per-article lines, then one summary line."""
        lines = []
        for a in self.articles:
            if a.error:
                lines.append(f"{a.name}: no prediction ({a.error})")
            lines.append(f"{a.name}: contact pairs {a.found}/{a.gold} found, {a.predicted - a.found} spurious")
            lines += [f"    missed   {m}" for m in a.missed] + [f"    spurious {s}" for s in a.spurious]
        lines.append(" ".join(f"{k} {v}" for k, v in self.summary.items()))
        return "\n".join(lines) + "\n"


def norm(text: str) -> str:
    """A name as the scorer compares it.

    >>> norm("Trump’s")
    'trump'
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`]s\b", "", text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def _surname(text: str) -> str:
    words = [w for w in norm(text).split() if w not in _TITLES and len(w) > 1]
    return words[-1] if words else ""


def _forms(actor: dict) -> set[str]:
    names = [actor.get("name") or ""] + list(actor.get("aliases") or [])
    return {norm(n) for n in names if norm(n)}


class ActorMatcher:
    """Maps predicted actor ids to gold actor ids by name, then surname for persons."""

    def __init__(self, gold_actors: list[dict], pred_actors: list[dict]):
        self.gold = {a["id"]: a for a in gold_actors}
        self.pred = {a.get("id"): a for a in pred_actors if a.get("id") is not None}
        self.cache: dict = {}

    def __call__(self, pred_id):
        if pred_id not in self.cache:
            self.cache[pred_id] = self._match(pred_id)
        return self.cache[pred_id]

    def _match(self, pred_id):
        actor = self.pred.get(pred_id) or {"name": str(pred_id)}
        pforms = _forms(actor)
        for gid, g in self.gold.items():
            if pforms & _forms(g):
                return gid
        if actor.get("type") not in (None, "Person"):
            return None
        psur = {_surname(f) for f in pforms} - {""}
        hits = [gid for gid, g in self.gold.items()
                if g.get("type") == "Person" and psur & ({_surname(f) for f in _forms(g)} - {""})]
        return hits[0] if len(hits) == 1 else None


def contact_pairs(interactions, status: str, mapper=None) -> dict:
    """{frozenset(pair): {'types': set, 'dates': set}} for contact interactions of one status."""
    out: dict[frozenset, dict] = {}
    for it in interactions or []:
        if it.get("type") not in CONTACT or it.get("status", "occurred") != status:
            continue
        ids = [mapper(p) if mapper else p for p in it.get("participants") or []]
        ids = [i if i is not None else ("?", n) for n, i in enumerate(ids)]
        for a, b in combinations(sorted(set(ids), key=str), 2):
            slot = out.setdefault(frozenset((a, b)), {"types": set(), "dates": set()})
            slot["types"].add(it["type"])
            if it.get("date"):
                slot["dates"].add(str(it["date"]))
    return out


def _title_key(title: str) -> str:
    words = norm(title).split()
    return words[-1] if words else ""


def _score_article(name: str, gold: dict, pred: dict, tally: Counter) -> ArticleScore:
    mapper = ActorMatcher(gold.get("actors", []), pred.get("actors", []))
    row = ArticleScore(name)
    for status in ("occurred", "planned"):
        g = contact_pairs(gold.get("interactions"), status)
        p = contact_pairs(pred.get("interactions"), status, mapper)
        hit = set(g) & set(p)
        tally[f"{status}.tp"] += len(hit)
        tally[f"{status}.pred"] += len(p)
        tally[f"{status}.gold"] += len(g)
        if status == "occurred":
            row.found, row.predicted, row.gold = len(hit), len(p), len(g)
            _tally_pairs(g, p, hit, tally)
            row.missed = sorted(" + ".join(sorted(map(str, k))) for k in set(g) - hit)
            row.spurious = sorted(" + ".join(sorted(map(str, k))) for k in set(p) - hit)
    _tally_roles(gold, pred, mapper, tally)
    _tally_persons(gold, pred, mapper, tally)
    return row


def _tally_pairs(g: dict, p: dict, hit: set, tally: Counter) -> None:
    for pair in hit:
        tally["type.den"] += 1
        tally["type.ok"] += bool(g[pair]["types"] & p[pair]["types"])
        if g[pair]["dates"]:
            tally["date.den"] += 1
            tally["date.ok"] += bool(g[pair]["dates"] & p[pair]["dates"])


def _tally_roles(gold: dict, pred: dict, mapper: ActorMatcher, tally: Counter) -> None:
    groles = {(r["holder"], _title_key(r.get("title", ""))) for r in gold.get("roles", [])}
    proles = {(mapper(r.get("holder")), _title_key(r.get("title", ""))) for r in pred.get("roles", [])}
    tally["roles.tp"] += len(groles & proles)
    tally["roles.gold"] += len(groles)
    tally["roles.pred"] += len(proles)


def _tally_persons(gold: dict, pred: dict, mapper: ActorMatcher, tally: Counter) -> None:
    gpersons = {a["id"] for a in gold.get("actors", []) if a.get("type") == "Person"}
    ppersons = [a for a in pred.get("actors", []) if a.get("type") == "Person"]
    tally["persons.tp"] += len({mapper(a.get("id")) for a in ppersons} & gpersons)
    tally["persons.gold"] += len(gpersons)
    tally["persons.pred"] += len(ppersons)


def _prf(tally: Counter, key: str) -> tuple[float, float, float]:
    tp, pred, gold = tally[f"{key}.tp"], tally[f"{key}.pred"], tally[f"{key}.gold"]
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _summary(tally: Counter, failures: int) -> dict:
    cp, cr, cf = _prf(tally, "occurred")
    _, _, pf = _prf(tally, "planned")
    rp, rr, _ = _prf(tally, "roles")
    ap, ar, _ = _prf(tally, "persons")
    share = lambda num, den: tally[num] / tally[den] if tally[den] else 0.0  # noqa: E731
    return {
        "contact_f1": round(cf, 3), "contact_p": round(cp, 3), "contact_r": round(cr, 3),
        "planned_f1": round(pf, 3), "type_acc": round(share("type.ok", "type.den"), 3),
        "date_acc": round(share("date.ok", "date.den"), 3),
        "roles_r": round(rr, 3), "roles_p": round(rp, 3),
        "persons_r": round(ar, 3), "persons_p": round(ap, 3),
        "articles_failed": failures,
    }


def score_documents(items: Iterable[tuple[str, dict, dict | None]]) -> Report:
    """Score (name, gold, prediction) triples; a None prediction counts as a failed, empty article."""
    tally: Counter = Counter()
    rows, failures = [], 0
    for name, gold, pred in items:
        failures += pred is None
        rows.append(_score_article(name, gold, pred or {}, tally))
    return Report(rows, _summary(tally, failures))


def evaluate(gold_dir: Path, predict: Callable[[Path], dict]) -> Report:
    """Run ``predict`` on the article of every NAME.gold.json in gold_dir and score it.

    ``predict`` gets the article's path and returns a facts document; an exception it raises
    marks that article failed (scored as empty) and evaluation goes on.
    """
    gold_dir = Path(gold_dir)
    paths = sorted(gold_dir.glob("*.gold.json"))
    if not paths:
        raise BadFacts(f"{gold_dir}: no *.gold.json files")
    return _score_all(paths, predict)


def _score_all(paths: list[Path], predict: Callable[[Path], dict]) -> Report:
    tally: Counter = Counter()
    rows, failures = [], 0
    for gpath in paths:
        gold = _read_gold(gpath)
        name = gpath.name[: -len(".gold.json")]
        try:
            pred, error = predict(gpath.parent / gold["article"]["file"]), None
        except Exception as exc:  # a failed article scores as empty output, as the scorer does
            pred, error = {}, f"{type(exc).__name__}: {exc}"
            failures += 1
        row = _score_article(name, gold, pred, tally)
        row.error = error
        rows.append(row)
    return Report(rows, _summary(tally, failures))


def _read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["article"]["file"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadFacts(f"{path}: not a gold facts file ({exc})") from exc
    return gold


def predictor(model: str | None = None) -> Callable[[Path], dict]:
    """A predict function for :func:`evaluate` that reads an article and runs kg's extraction."""
    from kg.articles import read_article
    from kg.extract import DEFAULT_MODEL, extract, load_pipeline

    nlp = load_pipeline(model or DEFAULT_MODEL)

    def predict(path: Path) -> dict:
        return extract(read_article(path), nlp=nlp)

    return predict


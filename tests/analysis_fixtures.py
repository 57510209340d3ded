"""Small stores for the analysis tests: the founding article, and facts documents built in code."""
from __future__ import annotations

from pathlib import Path

from kg.load import load_documents, load_files
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FOUNDING = ROOT / "examples" / "facts" / "2025-03-15-putin-witkoff.facts.json"
PESKOV = "https://w3id.org/kg-news/id/person/dmitri-s-peskov"
PUTIN = "https://w3id.org/kg-news/id/person/vladimir-v-putin"
TRUMP = "https://w3id.org/kg-news/id/person/donald-trump"
WITKOFF = "https://w3id.org/kg-news/id/person/steve-witkoff"
KREMLIN = "https://w3id.org/kg-news/id/organization/kremlin"


def founding_store(tmp_path: Path):
    """An on-disk store holding the founding article's curated facts."""
    store = open_store(str(tmp_path / "store"))
    load_files(store, [FOUNDING])
    return store


def person(iri_name: str) -> str:
    """The IRI kg gives a person of that name."""
    return f"https://w3id.org/kg-news/id/person/{iri_name.lower()}"


def contacts_doc(key: str, contacts: list[tuple], date: str = "2025-06-30") -> dict:
    """A facts document whose actors are persons named by single words and whose interactions are
    ``(type, [names], date or None, status)`` tuples (status defaults to occurred)."""
    names = sorted({n for c in contacts for n in c[1]})
    actors = [{"id": n.lower(), "type": "Person", "name": n, "aliases": []} for n in names]
    interactions = []
    for item in contacts:
        kind, who, when = item[0], item[1], item[2]
        status = item[3] if len(item) > 3 else "occurred"
        interactions.append({"type": kind, "participants": [n.lower() for n in who], "date": when,
                             "status": status, "evidence": f"{' and '.join(who)} {kind} {when or ''}".strip()})
    return {"article": {"key": key, "date": date, "publisher": "Test Wire", "title": f"About {key}"},
            "actors": actors, "roles": [], "interactions": interactions}


def store_with(tmp_path: Path, *docs: dict, name: str = "store"):
    """An on-disk store holding the given facts documents (no article text)."""
    store = open_store(str(tmp_path / name))
    load_documents(store, [(doc, None) for doc in docs])
    return store


# A chain where the static shortest path A-B-D breaks chronology (B met D before A met B), while the
# longer A-B-C-D keeps it.
CHRONO = [
    ("meeting", ["Alpha", "Bravo"], "2025-03-10"),
    ("call", ["Bravo", "Delta"], "2025-03-01"),
    ("meeting", ["Bravo", "Charlie"], "2025-03-12"),
    ("call", ["Charlie", "Delta"], "2025-03-20"),
    ("meeting", ["Echo", "Foxtrot"], None),
]

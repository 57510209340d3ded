"""kg's vocabulary: namespaces, and the tables that turn facts-document words into RDF terms.

The ontology itself is ``ontology/kg.ttl`` (classes, properties, individuals), the PLOVER/CAMEO concept
scheme is ``ontology/plover.ttl`` and the SHACL shapes are ``ontology/shapes.ttl``. The tables here are
the part of them the mapper (``kg.rdf``) needs at run time; ``tests/test_ontology.py`` checks that
every term named here is declared there.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD



class TermNamespace(Namespace):
    """A Namespace whose attribute terms (``KG.status``) are built once and then shared.

    The mapper reads the same few dozen terms for every triple it writes; rdflib's Namespace
    builds a new URIRef on every attribute access.
    """

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        # Kept on the instance, so the next read is a plain attribute hit that never reaches
        # __getattr__ (an lru_cache lookup here cost ~2 us a read, a quarter of mapping time).
        term = self.__dict__[name] = _term(self, name)
        return term


@functools.lru_cache(maxsize=None)
def _term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


KG = TermNamespace("https://w3id.org/kg-news/ontology#")
ID = Namespace("https://w3id.org/kg-news/id/")
PLOVER = TermNamespace("https://w3id.org/kg-news/plover#")
CAMEO = TermNamespace("https://w3id.org/kg-news/cameo#")
# schema.org over http: rdflib's SDO uses https, and the two never match in SPARQL.
SCHEMA = TermNamespace("http://schema.org/")
ORG = TermNamespace("http://www.w3.org/ns/org#")
FOAF = TermNamespace("http://xmlns.com/foaf/0.1/")
SEM = TermNamespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = TermNamespace("http://www.w3.org/ns/prov#")
OA = TermNamespace("http://www.w3.org/ns/oa#")
NIF = TermNamespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
TIME = TermNamespace("http://www.w3.org/2006/time#")
SKOS = TermNamespace("http://www.w3.org/2004/02/skos/core#")
WD = TermNamespace("http://www.wikidata.org/entity/")
DCTERMS = TermNamespace("http://purl.org/dc/terms/")
SH = TermNamespace("http://www.w3.org/ns/shacl#")

PLOVER_SCHEME = URIRef("https://w3id.org/kg-news/plover")
CAMEO_SCHEME = URIRef("https://w3id.org/kg-news/cameo")

PREFIXES: dict[str, Namespace] = {
    "kg": KG, "id": ID, "plover": PLOVER, "cameo": CAMEO, "schema": SCHEMA, "org": ORG,
    "foaf": FOAF, "sem": SEM, "prov": PROV, "oa": OA, "nif": NIF, "time": TIME, "skos": SKOS,
    "wd": WD, "dcterms": DCTERMS, "xsd": Namespace(str(XSD)), "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)), "rdf": Namespace(str(RDF)),
}

# Facts-document actor type -> (kg class, the path segment of its IRIs).
ACTOR_CLASSES: dict[str, tuple[URIRef, str]] = {
    "Person": (KG.Person, "person"),
    "State": (KG.State, "state"),
    "Organization": (KG.Organization, "organization"),
    "Place": (KG.Place, "place"),
}

# Facts-document interaction type -> kg class (each a subclass of kg:Interaction).
INTERACTION_CLASSES: dict[str, URIRef] = {
    "meeting": KG.Meeting,
    "call": KG.PhoneCall,
    "contact": KG.Contact,
    "correspondence": KG.Correspondence,
    "statement": KG.Statement,
    "proposal": KG.Proposal,
    "agreement": KG.Agreement,
    "exchange": KG.Exchange,
    "visit": KG.Visit,
    "other": KG.OtherInteraction,
}

# The interaction types that are edges of who-met-whom.
CONTACT_TYPES = ("meeting", "call", "contact")

STATUSES: dict[str, URIRef] = {
    "occurred": KG.Occurred,
    "planned": KG.Planned,
    "negated": KG.Negated,
}

PRECISIONS: dict[str, URIRef] = {
    "day": KG.Day,
    "week": KG.Week,
    "month": KG.Month,
    "year": KG.Year,
}


class EventCode(NamedTuple):
    """The PLOVER category, PLOVER mode and CAMEO code an interaction is coded as (each may be None)."""

    category: URIRef | None
    mode: URIRef | None
    cameo: URIRef | None


_NONE = EventCode(None, None, None)
# PLOVER codes every future meeting, call or visit, and every offer, as AGREE (CAMEO 036/030).
_INTENT_TO_MEET = EventCode(PLOVER.AGREE, None, CAMEO["036"])

# (interaction type, status) -> codes. A pair not listed has none: a negated event is not coded
# (PLOVER codes what happened or was announced, not what did not), nor is `other`.
EVENT_CODES: dict[tuple[str, str], EventCode] = {
    ("meeting", "occurred"): EventCode(PLOVER.CONSULT, None, CAMEO["040"]),
    ("meeting", "planned"): _INTENT_TO_MEET,
    ("call", "occurred"): EventCode(PLOVER.CONSULT, PLOVER["CONSULT-phone"], CAMEO["041"]),
    ("call", "planned"): _INTENT_TO_MEET,
    ("contact", "occurred"): EventCode(PLOVER.CONSULT, None, CAMEO["040"]),
    ("contact", "planned"): _INTENT_TO_MEET,
    # A letter is a consultation whose mode PLOVER does not name.
    ("correspondence", "occurred"): EventCode(PLOVER.CONSULT, None, CAMEO["040"]),
    ("correspondence", "planned"): _INTENT_TO_MEET,
    # PLOVER drops public statements; CAMEO keeps them as 010, and kg:Statement is kg's own class.
    ("statement", "occurred"): EventCode(None, None, CAMEO["010"]),
    ("statement", "planned"): EventCode(None, None, CAMEO["010"]),
    ("proposal", "occurred"): EventCode(PLOVER.AGREE, None, CAMEO["030"]),
    ("proposal", "planned"): EventCode(PLOVER.AGREE, None, CAMEO["030"]),
    ("agreement", "occurred"): EventCode(PLOVER.SUPPORT, None, CAMEO["057"]),
    ("agreement", "planned"): EventCode(PLOVER.AGREE, None, CAMEO["030"]),
    ("exchange", "occurred"): EventCode(PLOVER.RETREAT, PLOVER["RETREAT-release"], CAMEO["0841"]),
    ("visit", "occurred"): EventCode(PLOVER.CONSULT, PLOVER["CONSULT-visit"], CAMEO["042"]),
    ("visit", "planned"): _INTENT_TO_MEET,
}


def event_code(kind: str, status: str) -> EventCode:
    """The PLOVER/CAMEO coding of an interaction type at a status.

    >>> event_code("call", "occurred").cameo
    rdflib.term.URIRef('https://w3id.org/kg-news/cameo#041')
    >>> event_code("meeting", "negated")
    EventCode(category=None, mode=None, cameo=None)
    """
    return EVENT_CODES.get((kind, status), _NONE)


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl``, ``plover.ttl`` and ``shapes.ttl`` (next to the ``kg`` package)."""
    return Path(__file__).resolve().parents[1] / "ontology"

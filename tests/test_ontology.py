"""The ontology, the PLOVER/CAMEO scheme and the shapes: they parse, declare every kg term the code
uses, keep classes and concepts apart, agree with kg.vocab, and use only standard terms that exist."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from kg import vocab
from kg.rdf import facts_to_quads
from corpus_paths import DEV
from kg.vocab import (
    CAMEO, CAMEO_SCHEME, EVENT_CODES, INTERACTION_CLASSES, KG, PLOVER, PLOVER_SCHEME, SEM, SKOS,
    STATUSES, ontology_dir,
)

KG_DIR = Path(vocab.__file__).parent
FILES = ("kg.ttl", "plover.ttl", "shapes.ttl")
SEED = DEV / "2025-03-15-putin-witkoff.gold.json"

# Terms of the standard vocabularies kg may use, checked against the published vocabularies.
# A term outside this list is most likely a typo (sem:hasTimestamp for sem:hasTimeStamp).
KNOWN = {
    "http://schema.org/": {
        "NewsArticle", "datePublished", "headline", "url", "publisher", "Organization", "name",
        "softwareVersion", "Person", "Country", "Place", "Event", "GovernmentOrganization",
        "OrganizationRole", "roleName"},
    "http://www.w3.org/ns/org#": {
        "FormalOrganization", "subOrganizationOf", "Membership", "member", "organization", "role",
        "Post", "postIn", "holds", "heldBy", "Role"},
    "http://xmlns.com/foaf/0.1/": {"Person"},
    "http://semanticweb.cs.vu.nl/2009/11/sem/": {
        "Event", "hasActor", "hasPlace", "hasTimeStamp", "hasBeginTimeStamp", "hasEndTimeStamp",
        "hasEarliestBeginTimeStamp", "hasLatestBeginTimeStamp", "hasEarliestEndTimeStamp",
        "hasLatestEndTimeStamp"},
    "http://www.w3.org/ns/prov#": {
        "Agent", "Entity", "Activity", "SoftwareAgent", "wasAssociatedWith", "used",
        "wasGeneratedBy", "wasDerivedFrom"},
    "http://www.w3.org/ns/oa#": {"TextPositionSelector"},
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#": {
        "Context", "OffsetBasedString", "isString", "anchorOf", "beginIndex", "endIndex",
        "referenceContext"},
    "http://www.w3.org/2006/time#": {"unitDay", "unitWeek", "unitMonth", "unitYear"},
    "http://www.w3.org/2004/02/skos/core#": {
        "Concept", "ConceptScheme", "prefLabel", "altLabel", "definition", "notation", "inScheme",
        "topConceptOf", "hasTopConcept", "broader", "exactMatch", "closeMatch", "broadMatch"},
    "http://purl.org/dc/terms/": {"license", "source"},
    "http://www.w3.org/2005/11/its/rdf#": {"taIdentRef"},
}
# rdflib knows these vocabularies term by term.
CLOSED = {str(ns): ns for ns in (RDF, RDFS, OWL, XSD, SH)}
WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/[QP][0-9]+$")


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: Graph().parse(ontology_dir() / name, format="turtle") for name in FILES}


@pytest.fixture(scope="module")
def ontology(graphs) -> Graph:
    return graphs["kg.ttl"]


def _declared(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def _kg_terms_in_code() -> set[URIRef]:
    """Every ``KG.term`` and ``KG["term"]`` written in the vocabulary and mapper source."""
    found = set()
    for module in ("vocab.py", "rdf.py"):
        source = (KG_DIR / module).read_text("utf-8")
        found |= {KG[m] for m in re.findall(r"\bKG\.([A-Za-z]\w*)", source)}
        found |= {KG[m] for m in re.findall(r"\bKG\[\"(\w+)\"\]", source)}
    return found


def _iris(graph: Graph) -> set[URIRef]:
    return {t for triple in graph for t in triple if isinstance(t, URIRef)}


def test_ontology_dir_holds_the_files():
    for name in FILES:
        assert (ontology_dir() / name).is_file()


def test_ontology_has_a_version(ontology):
    onto = URIRef("https://w3id.org/kg-news/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) == Literal("0.1.0")


def test_every_kg_term_the_code_uses_is_declared(ontology):
    used = _kg_terms_in_code()
    assert KG.Meeting in used and KG.dateStart in used  # the scan itself works
    assert sorted(used - _declared(ontology)) == []


@pytest.mark.parametrize("name", ["plover.ttl", "shapes.ttl"])
def test_every_kg_term_in_the_other_files_is_declared(graphs, ontology, name):
    used = {i for i in _iris(graphs[name]) if i.startswith(str(KG))}
    assert sorted(used - _declared(ontology)) == []


def test_every_kg_term_written_for_the_seed_is_declared(ontology):
    mapped = facts_to_quads(json.loads(SEED.read_text("utf-8")))
    used = {i for t in mapped.triples for i in t if isinstance(i, URIRef) and i.startswith(str(KG))}
    assert sorted(used - _declared(ontology)) == []


def test_every_declared_term_has_a_label_and_comment(ontology):
    for term in _declared(ontology):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_no_iri_is_both_a_class_and_a_concept(graphs):
    union = graphs["kg.ttl"] + graphs["plover.ttl"]
    classes = set(union.subjects(RDF.type, OWL.Class))
    concepts = set(union.subjects(RDF.type, SKOS.Concept))
    assert concepts and classes
    assert classes & concepts == set()


@pytest.mark.parametrize("name", FILES + ("seed",))
def test_standard_iris_are_known_terms(graphs, name):
    graph = graphs.get(name) or _seed_graph()
    unknown = sorted(i for i in _iris(graph) if not _known(i))
    assert unknown == []


def _seed_graph() -> Graph:
    graph = Graph()
    for triple in facts_to_quads(json.loads(SEED.read_text("utf-8"))).triples:
        graph.add(triple)
    return graph


def _known(iri: URIRef) -> bool:
    text = str(iri)
    if text.startswith("https://w3id.org/kg-news/") or WIKIDATA.match(text):
        return True
    for base, terms in KNOWN.items():
        if text.startswith(base):
            return text[len(base):] in terms
    for base, namespace in CLOSED.items():
        if text.startswith(base):
            return iri in namespace
    return text.startswith("https://opensource.org/") or text.startswith("https://github.com/")


@pytest.mark.parametrize("typo", [
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimestamp",
    "https://schema.org/NewsArticle",
    "http://www.w3.org/ns/prov#wasDerivedfrom",
    "http://www.w3.org/2000/01/rdf-schema#lable",
])
def test_the_known_term_check_catches_typos(typo):
    assert not _known(URIRef(typo))


def test_sem_alignment_uses_the_capital_s(ontology):
    assert (KG.dateStart, RDFS.subPropertyOf, SEM.hasEarliestBeginTimeStamp) in ontology
    assert (KG.dateEnd, RDFS.subPropertyOf, SEM.hasLatestEndTimeStamp) in ontology


def test_interaction_classes_are_interactions(ontology):
    for cls in INTERACTION_CLASSES.values():
        assert (cls, RDFS.subClassOf, KG.Interaction) in ontology
    assert (KG.Interaction, RDFS.subClassOf, SEM.Event) in ontology


def test_status_and_precision_individuals(ontology):
    for individual in STATUSES.values():
        assert (individual, RDF.type, KG.Status) in ontology
    for individual in vocab.PRECISIONS.values():
        assert (individual, RDF.type, KG.DatePrecision) in ontology


def test_coding_rules_in_turtle_match_the_python_table(graphs):
    plover = graphs["plover.ttl"]
    status_word = {iri: word for word, iri in STATUSES.items()}
    table = {}
    for rule in plover.subjects(RDF.type, KG.CodingRule):
        key = (str(plover.value(rule, KG.forType)), status_word[plover.value(rule, KG.forStatus)])
        table[key] = vocab.EventCode(plover.value(rule, KG.ploverCategory),
                                     plover.value(rule, KG.ploverMode), plover.value(rule, KG.cameoCode))
    assert table == EVENT_CODES


def test_every_code_used_is_a_concept_of_its_scheme(graphs):
    plover = graphs["plover.ttl"]
    for code in EVENT_CODES.values():
        for concept, scheme in ((code.category, PLOVER_SCHEME), (code.mode, PLOVER_SCHEME),
                                (code.cameo, CAMEO_SCHEME)):
            if concept is not None:
                assert (concept, RDF.type, SKOS.Concept) in plover, concept
                assert (concept, SKOS.inScheme, scheme) in plover, concept


def test_every_concept_has_a_label_and_a_scheme(graphs):
    plover = graphs["plover.ttl"]
    for concept in plover.subjects(RDF.type, SKOS.Concept):
        assert plover.value(concept, SKOS.prefLabel) is not None, concept
        assert plover.value(concept, SKOS.inScheme) in (PLOVER_SCHEME, CAMEO_SCHEME), concept
        assert str(concept).startswith((str(PLOVER), str(CAMEO)))


def test_shapes_name_only_predicates_kg_writes_or_standard_ones(graphs):
    shapes = graphs["shapes.ttl"]
    paths = {p for p in shapes.objects(None, SH.path) if isinstance(p, URIRef)}
    assert paths and all(_known(p) for p in paths)

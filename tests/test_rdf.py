"""Facts -> RDF: the seed article against its golden TriG, determinism, offsets, dates, SHACL.

The golden file ``tests/data/seed.trig`` is the mapped seed article, reviewed by eye. After a
deliberate change to the mapping, regenerate it with ``.venv/bin/python tests/test_rdf.py`` and
review the diff before committing it.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import sys
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.articles import read_article
from kg.errors import BadFacts
from kg.rdf import Mapped, article_iri, facts_to_quads, graph_iri, to_dataset
from corpus_paths import DEV
from kg.vocab import (
    CAMEO, ID, KG, NIF, ORG, PLOVER, PROV, SCHEMA, SEM, SKOS, WD, ontology_dir,
)

SEED = DEV / "2025-03-15-putin-witkoff"
GOLDEN = Path(__file__).parent / "data" / "seed.trig"
GOLD_FILES = sorted(DEV.glob("*.gold.json"))


def _load(stem: Path) -> tuple[dict, str]:
    facts = json.loads(stem.with_suffix(".gold.json").read_text("utf-8"))
    return facts, read_article(stem.with_suffix(".txt")).text


def _seed_dataset() -> Dataset:
    facts, text = _load(SEED)
    return to_dataset([facts_to_quads(facts, text)])


@pytest.fixture(scope="module")
def seed() -> tuple[dict, str, Mapped]:
    facts, text = _load(SEED)
    return facts, text, facts_to_quads(facts, text)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def _graph(mapped: Mapped | list) -> Graph:
    graph = Graph()
    for triple in mapped.triples if isinstance(mapped, Mapped) else mapped:
        graph.add(triple)
    return graph


def _minimal(**interaction) -> dict:
    """A one-actor, one-interaction facts document, the interaction's fields overridable."""
    event = {"type": "statement", "participants": ["p"], "date": None, "status": "occurred",
             "evidence": "Lee said"} | interaction
    return {"article": {"file": "a.txt", "date": "2025-03-15"},
            "actors": [{"id": "p", "type": "Person", "name": "Ann Lee", "aliases": ["Lee"]}],
            "roles": [], "interactions": [event]}


def _one(graph: Graph, s=None, p=None):
    values = list(graph.objects(s, p)) if s is not None else list(graph.subjects(p, None))
    assert len(values) == 1, f"expected one value of {p}, got {values}"
    return values[0]


# -- the seed against its golden file ----------------------------------------------------------


def test_seed_matches_golden_trig():
    expected = Dataset().parse(GOLDEN, format="trig")
    actual = _seed_dataset()
    exp_graphs = {g.identifier for g in expected.graphs() if len(g)}
    act_graphs = {g.identifier for g in actual.graphs() if len(g)}
    assert act_graphs == exp_graphs
    for name in act_graphs:
        want, got = expected.graph(name), actual.graph(name)
        if not isomorphic(want, got):
            _, only_want, only_got = graph_diff(to_isomorphic(want), to_isomorphic(got))
            pytest.fail(f"graph {name} differs from {GOLDEN.name}\n"
                        f"missing:\n{_sorted_nt(only_want)}\nunexpected:\n{_sorted_nt(only_got)}")


def _sorted_nt(graph: Graph) -> str:
    return "\n".join(sorted(f"  {s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)) or "  (none)"


def test_mapping_twice_gives_the_same_triples(seed):
    facts, text, mapped = seed
    again = facts_to_quads(copy.deepcopy(facts), text)
    assert again == mapped
    assert len(set(mapped.triples)) == len(mapped.triples)


def test_no_blank_nodes_anywhere(seed):
    assert not [t for t in seed[2].triples if any(isinstance(x, BNode) for x in t)]


def test_article_and_graph_iris_share_the_key_slug(seed):
    facts, _, mapped = seed
    assert mapped.graph == graph_iri(facts) == ID["graph/2025-03-15-putin-witkoff-txt-3fcda4dc"]
    assert mapped.article == article_iri(facts) == ID["article/2025-03-15-putin-witkoff-txt-3fcda4dc"]


def test_article_key_prefers_key_then_url():
    by_url = {"article": {"file": "a.txt", "url": "https://example.org/a"}}
    by_key = {"article": {"file": "a.txt", "url": "https://example.org/a", "key": "k1"}}
    assert article_iri(by_url) != article_iri({"article": {"file": "a.txt"}})
    assert str(article_iri(by_key)).startswith(str(ID["article/k1-"]))


# -- offsets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name)
def test_offsets_resolve_in_the_text(gold):
    facts, text = _load(gold.with_name(gold.name.removesuffix(".gold.json")))
    graph = _graph(facts_to_quads(facts, text))
    nodes = set(graph.subjects(RDF.type, KG.EvidenceSpan)) | set(graph.subjects(RDF.type, KG.Mention))
    assert nodes
    for node in nodes:
        begin, end = (_one(graph, node, NIF.beginIndex), _one(graph, node, NIF.endIndex))
        assert text[begin.toPython():end.toPython()] == str(_one(graph, node, NIF.anchorOf))


def test_every_seed_name_is_mentioned(seed):
    facts, _, mapped = seed
    graph = _graph(mapped)
    denoted = set(graph.objects(None, KG.denotes))
    assert denoted == {ID["person/vladimir-v-putin"], ID["person/steve-witkoff"],
                       ID["person/donald-trump"], ID["person/dmitri-s-peskov"],
                       ID["person/michael-waltz"], ID["person/zelensky"], ID["state/russia"],
                       ID["state/united-states"], ID["state/ukraine"], ID["organization/kremlin"],
                       ID["place/moscow"]}


@pytest.mark.parametrize("text, expected", [
    ("Lee spoke.", ["Lee"]),
    ("Leeds and Fleet", []),                       # whole words only
    ("Ann Lee met Lee.", ["Ann Lee", "Lee"]),      # the longer name wins, no overlap
    ("lee was quiet", []),                         # case matters: names are proper nouns
])
def test_mentions_found_by_whole_word(text, expected):
    graph = _graph(facts_to_quads(_minimal(evidence=None), text))
    found = sorted((m.toPython() for m in graph.objects(None, NIF.beginIndex)))
    anchors = [str(_one(graph, s, NIF.anchorOf))
               for s in sorted(graph.subjects(RDF.type, KG.Mention),
                               key=lambda s: _one(graph, s, NIF.beginIndex).toPython())]
    assert anchors == expected
    assert len(found) == len(expected)


def test_listed_mentions_replace_the_search():
    facts = _minimal(evidence=None)
    facts["actors"][0]["mentions"] = [{"start": 0, "end": 3, "text": "Lee"}]
    graph = _graph(facts_to_quads(facts, "Lee and Lee"))
    mentions = list(graph.subjects(RDF.type, KG.Mention))
    assert len(mentions) == 1
    assert _one(graph, mentions[0], NIF.beginIndex) == Literal(0, datatype=XSD.integer)


def test_evidence_not_in_text_keeps_the_quote_without_offsets():
    graph = _graph(facts_to_quads(_minimal(evidence="words not there"), "Lee said hello."))
    span = next(graph.subjects(RDF.type, KG.EvidenceSpan))
    assert str(_one(graph, span, NIF.anchorOf)) == "words not there"
    assert not list(graph.objects(span, NIF.beginIndex))
    assert not list(graph.objects(span, NIF.endIndex))


def test_given_offsets_win_over_the_first_occurrence():
    text = "Lee said no. Lee said yes."
    graph = _graph(facts_to_quads(_minimal(evidence="Lee said", start=13, end=21), text))
    span = next(graph.subjects(RDF.type, KG.EvidenceSpan))
    assert _one(graph, span, NIF.beginIndex).toPython() == 13


def test_without_text_there_are_no_mentions_and_no_offsets():
    graph = _graph(facts_to_quads(_minimal()))
    assert not list(graph.subjects(RDF.type, KG.Mention))
    assert not list(graph.subjects(NIF.beginIndex, None))
    assert not list(graph.objects(None, NIF.isString))
    assert list(graph.subjects(RDF.type, KG.EvidenceSpan))


# -- interactions, dates, coding -----------------------------------------------------------------


@pytest.mark.parametrize("value, start, end, precision", [
    ("2025-W11", dt.date(2025, 3, 10), dt.date(2025, 3, 16), KG.Week),
    ("2025-03-13", dt.date(2025, 3, 13), dt.date(2025, 3, 13), KG.Day),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), KG.Month),
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), KG.Year),
])
def test_dates_are_typed_with_period_and_precision(value, start, end, precision):
    graph = _graph(facts_to_quads(_minimal(date=value)))
    event = _one(graph, None, KG.dateValue)
    assert _one(graph, event, KG.dateValue) == Literal(value)
    assert _one(graph, event, KG.dateStart) == Literal(start.isoformat(), datatype=XSD.date)
    assert _one(graph, event, KG.dateEnd) == Literal(end.isoformat(), datatype=XSD.date)
    assert _one(graph, event, KG.datePrecision) == precision


def test_no_date_writes_no_date_properties():
    graph = _graph(facts_to_quads(_minimal(date=None)))
    for prop in (KG.dateValue, KG.dateStart, KG.dateEnd, KG.datePrecision):
        assert not list(graph.subjects(prop, None))


def test_seed_meeting_is_fully_described(seed):
    graph = _graph(seed[2])
    meetings = [e for e in graph.subjects(RDF.type, KG.Meeting) if (e, SEM.hasPlace, None) in graph]
    assert len(meetings) == 1
    event = meetings[0]
    assert set(graph.objects(event, SEM.hasActor)) == {ID["person/vladimir-v-putin"], ID["person/steve-witkoff"]}
    assert _one(graph, event, SEM.hasPlace) == ID["place/moscow"]
    assert _one(graph, event, KG.status) == KG.Occurred
    assert _one(graph, event, KG.interactionType) == Literal("meeting")
    assert _one(graph, event, KG.reportedIn) == seed[2].article
    assert _one(graph, event, KG.ploverCategory) == PLOVER.CONSULT
    assert _one(graph, event, KG.cameoCode) == CAMEO["040"]
    span = _one(graph, event, PROV.wasDerivedFrom)
    assert str(_one(graph, span, NIF.anchorOf)).startswith("President Vladimir V. Putin of Russia met")


@pytest.mark.parametrize("kind, status, category, mode, cameo", [
    ("call", "occurred", PLOVER.CONSULT, PLOVER["CONSULT-phone"], CAMEO["041"]),
    ("meeting", "planned", PLOVER.AGREE, None, CAMEO["036"]),
    ("agreement", "occurred", PLOVER.SUPPORT, None, CAMEO["057"]),
    ("statement", "occurred", None, None, CAMEO["010"]),
    ("meeting", "negated", None, None, None),  # what did not happen is not coded
])
def test_interactions_are_coded_in_plover_and_cameo(kind, status, category, mode, cameo):
    graph = _graph(facts_to_quads(_minimal(type=kind, status=status)))
    assert list(graph.objects(None, KG.ploverCategory)) == ([category] if category else [])
    assert list(graph.objects(None, KG.ploverMode)) == ([mode] if mode else [])
    assert list(graph.objects(None, KG.cameoCode)) == ([cameo] if cameo else [])


def test_confidence_is_a_decimal():
    graph = _graph(facts_to_quads(_minimal(confidence=0.75)))
    value = next(graph.objects(None, KG.confidence))
    assert value.datatype == XSD.decimal and float(value) == 0.75


def test_event_iri_depends_on_what_identifies_it():
    one = facts_to_quads(_minimal(date="2025-03-13"))
    other = facts_to_quads(_minimal(date="2025-03-14"))
    events = [next(_graph(m).subjects(KG.interactionType, None)) for m in (one, other)]
    assert events[0] != events[1]


# -- actors, roles, provenance -----------------------------------------------------------------


def test_actor_nodes_carry_names_keys_and_links(seed):
    graph = _graph(seed[2])
    putin, kremlin = ID["person/vladimir-v-putin"], ID["organization/kremlin"]
    assert (putin, RDF.type, KG.Person) in graph
    assert _one(graph, putin, SCHEMA.name) == Literal("Vladimir V. Putin")
    assert set(graph.objects(putin, SKOS.altLabel)) == {Literal("Putin"), Literal("Vladimir Putin")}
    assert set(graph.objects(putin, KG.nameKey)) == {
        Literal("vladimir v putin"), Literal("putin"), Literal("vladimir putin")}
    assert _one(graph, kremlin, KG.partOf) == ID["state/russia"]


def test_actor_iris_override_the_default():
    chosen = URIRef("https://w3id.org/kg-news/id/person/ann-b-lee")
    graph = _graph(facts_to_quads(_minimal(), actor_iris={"p": chosen}))
    assert set(graph.objects(None, SEM.hasActor)) == {chosen}
    assert (chosen, RDF.type, KG.Person) in graph


def test_wikidata_and_iso_codes():
    facts = _minimal()
    facts["actors"].append({"id": "ru", "type": "State", "name": "Russia", "iso": "RU",
                            "wikidata": "Q159"})
    graph = _graph(facts_to_quads(facts))
    assert _one(graph, ID["state/russia"], SKOS.exactMatch) == WD.Q159
    assert _one(graph, ID["state/russia"], KG.isoCode) == Literal("RU")


@pytest.mark.parametrize("where", ["participants", "place"])
def test_unknown_actor_is_bad_facts(where):
    facts = _minimal(participants=["nobody"]) if where == "participants" else _minimal(place="nowhere")
    with pytest.raises(BadFacts, match="no actor with id"):
        facts_to_quads(facts)


def test_post_and_tenure(seed):
    graph = _graph(seed[2])
    putin, post = ID["person/vladimir-v-putin"], ID["post/president--russia"]
    assert (putin, ORG.holds, post) in graph
    assert _one(graph, post, RDFS.label) == Literal("President of Russia")
    assert _one(graph, post, ORG.postIn) == ID["state/russia"]
    assert _one(graph, post, ORG.role) == ID["role/president"]
    tenure = next(graph.subjects(ORG.member, putin))
    assert _one(graph, tenure, KG.post) == post
    assert _one(graph, tenure, ORG.organization) == ID["state/russia"]
    assert _one(graph, tenure, KG.attestedOn) == Literal("2025-03-15", datatype=XSD.date)


def test_post_of_a_person_is_not_an_organisation_post():
    facts = _minimal()
    facts["actors"].append({"id": "g", "type": "Person", "name": "Rudy Giuliani", "aliases": []})
    facts["roles"] = [{"holder": "g", "title": "personal lawyer", "of": "p", "former": True,
                       "evidence": "Lee said"}]
    graph = _graph(facts_to_quads(facts, "Lee said so."))
    post = ID["post/personal-lawyer--ann-lee"]
    assert _one(graph, post, KG.postOf) == ID["person/ann-lee"]
    assert not list(graph.objects(post, ORG.postIn))
    tenure = next(graph.subjects(KG.post, post))
    assert _one(graph, tenure, KG.former) == Literal(True)
    assert (_one(graph, tenure, PROV.wasDerivedFrom), RDF.type, KG.EvidenceSpan) in graph


@pytest.mark.parametrize("extractor, model", [
    (None, "curated"),
    ({"model": "en_core_web_sm", "model_version": "3.8.0"}, "en_core_web_sm 3.8.0"),
])
def test_run_and_agent(extractor, model):
    facts = _minimal() | ({"extractor": extractor} if extractor else {})
    mapped = facts_to_quads(facts)
    graph = _graph(mapped)
    run = next(graph.subjects(RDF.type, PROV.Activity))
    agent = _one(graph, run, PROV.wasAssociatedWith)
    assert _one(graph, run, PROV.used) == mapped.article
    assert _one(graph, agent, KG.model) == Literal(model)
    assert set(graph.objects(None, PROV.wasGeneratedBy)) == {run}


def test_to_dataset_puts_each_article_in_its_graph(seed):
    other = facts_to_quads(_minimal())
    dataset = to_dataset([seed[2], other])
    assert len(dataset.graph(seed[2].graph)) == len(seed[2].triples)
    assert len(dataset.graph(other.graph)) == len(other.triples)
    assert dict(dataset.namespaces())["schema"] == URIRef("http://schema.org/")


# -- SHACL ---------------------------------------------------------------------------------------


def _conforms(triples: list, shapes: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(_graph(triples), shacl_graph=shapes,
                                           inference="none", advanced=True)
    return conforms, report


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name)
def test_mapped_gold_conforms_to_the_shapes(gold, shapes):
    facts, text = _load(gold.with_name(gold.name.removesuffix(".gold.json")))
    conforms, report = _conforms(facts_to_quads(facts, text).triples, shapes)
    assert conforms, report.serialize(format="turtle")[:3000]


def test_union_of_all_gold_graphs_conforms(shapes):
    triples = []
    for gold in GOLD_FILES:
        facts, text = _load(gold.with_name(gold.name.removesuffix(".gold.json")))
        triples += facts_to_quads(facts, text).triples
        facts["article"]["key"] = "curated/" + gold.name  # the same facts, loaded without text
        triples += facts_to_quads(facts | {"extractor": {"model": "m"}}).triples
    conforms, report = _conforms(triples, shapes)
    assert conforms, report.serialize(format="turtle")[:3000]


def _nodes(triples, cls):
    return [s for s, p, o in triples if p == RDF.type and o == cls]


def _dated_event(t):
    return next(s for s, p, o in t if p == KG.dateStart)


def _replace(pick, prop, value):
    def edit(t):
        node = pick(t)
        return [x for x in t if not (x[0] == node and x[1] == prop)] + [(node, prop, value)]
    return edit


def _drop(pick, prop):
    def edit(t):
        node = pick(t)
        return [x for x in t if not (x[0] == node and x[1] == prop)]
    return edit


def _add(pick, prop, value):
    return lambda t: t + [(pick(t), prop, value)]


def _event(t):
    return next(s for s, p, o in t if p == KG.interactionType)


def _mention(t):
    return _nodes(t, KG.Mention)[0]


def _span(t):
    return _nodes(t, KG.EvidenceSpan)[0]


def _tenure(t):
    return _nodes(t, KG.Tenure)[0]


BROKEN = [
    # a date that is not a date, as a plain string
    ("bad-date-string", _replace(_dated_event, KG.dateStart, Literal("2025-13-45")), KG.dateStart),
    # a date as a string, not xsd:date: SPARQL comparisons with dates would silently fail
    ("date-as-string", _replace(_dated_event, KG.dateEnd, Literal("2025-03-13")), KG.dateEnd),
    # an interaction with no status
    ("no-status", _drop(_event, KG.status), KG.status),
    # two statuses
    ("two-statuses", _add(_event, KG.status, KG.Negated), KG.status),
    # a status that is a string, not one of the individuals
    ("status-string", _replace(_event, KG.status, Literal("occurred")), KG.status),
    # the SEM typo the ontology warns of: closed shapes reject unknown predicates
    ("sem-typo", _add(_event, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasTimestamp"),
                      Literal("2025-03-13", datatype=XSD.date)), None),
    # two interaction classes on one node
    ("two-classes", _add(_event, RDF.type, KG.PhoneCall), None),
    # a start without the rest of the date
    ("start-only", _drop(_dated_event, KG.datePrecision), None),
    # start after end
    ("start-after-end", _replace(_dated_event, KG.dateStart, Literal("2030-01-01", datatype=XSD.date)),
     KG.dateStart),
    # a participant that is not an actor of the graph
    ("untyped-participant", _add(_event, SEM.hasActor, ID["person/nobody"]), SEM.hasActor),
    # a mention that ends before it begins
    ("mention-backwards", _replace(_mention, NIF.beginIndex,
                                   Literal(10 ** 6, datatype=XSD.integer)), NIF.beginIndex),
    # an offset that is a string: SPARQL would compare it as text
    ("offset-string", _replace(_span, NIF.beginIndex, Literal("3")), NIF.beginIndex),
    # a negative offset
    ("offset-negative", _replace(_span, NIF.beginIndex, Literal(-1)), NIF.beginIndex),
    # a span without its quote
    ("span-no-quote", _drop(_span, NIF.anchorOf), NIF.anchorOf),
    # a tenure with two holders
    ("tenure-two-members", _add(_tenure, ORG.member, ID["person/donald-trump"]), ORG.member),
    # a Wikidata link to the web page instead of the entity
    ("wikidata-page", _add(lambda t: ID["state/russia"], SKOS.exactMatch,
                           URIRef("https://www.wikidata.org/wiki/Q159")), SKOS.exactMatch),
]


@pytest.mark.parametrize("edit, path", [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_triples_do_not_conform(seed, shapes, edit, path):
    conforms, report = _conforms(edit(list(seed[2].triples)), shapes)
    assert not conforms
    if path is not None:
        assert path in set(report.objects(None, SH.resultPath)), report.serialize(format="turtle")[:2000]


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit("usage: python tests/test_rdf.py   (rewrites tests/data/seed.trig)")
    GOLDEN.write_text(_seed_dataset().serialize(format="trig"), "utf-8")
    print(f"wrote {GOLDEN}")

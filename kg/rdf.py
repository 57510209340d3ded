"""Facts -> RDF: one article's facts document as triples in the article's own named graph.

Every node gets a deterministic IRI (a slug of its name, or a digest of what identifies it), so
mapping the same facts twice gives the same triples and reloading adds nothing; there are no blank
nodes and no timestamps. The input is a facts document already validated by ``kg.facts``: required
fields are assumed present and unknown fields are ignored.

>>> facts = {"article": {"file": "a.txt", "date": "2025-03-15"},
...          "actors": [{"id": "p", "type": "Person", "name": "Ann Lee", "aliases": ["Lee"]}],
...          "roles": [], "interactions": [{"type": "statement", "participants": ["p"],
...          "date": "2025-03-14", "status": "occurred", "evidence": "Lee said"}]}
>>> mapped = facts_to_quads(facts, text="On Friday Lee said hello.")
>>> str(mapped.graph)
'https://w3id.org/kg-news/id/graph/a-txt-cfc7b488'
>>> len(to_dataset([mapped]))
41
"""
from __future__ import annotations

import functools
import json
import re
from decimal import Decimal
from typing import Iterable, NamedTuple

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg import __version__
from kg.dates import period
from kg.errors import BadFacts
from kg.names import digest, name_key as _name_key, slug as _slug
from kg.vocab import (
    ACTOR_CLASSES, ID, INTERACTION_CLASSES, KG, NIF, ORG, PRECISIONS, PREFIXES, PROV, SCHEMA,
    SEM, SKOS, STATUSES, WD, event_code,
)

Triple = tuple[URIRef, URIRef, object]

_ORGANISATION_TYPES = ("State", "Organization")
_TRUE = Literal(True)
_TYPE = RDF.type
_CURATED = "curated"
_UNSAFE = re.compile(r"[^\w.+-]")

# Names recur across articles: compute each key and slug once.
name_key = functools.lru_cache(maxsize=1 << 16)(_name_key)
slug = functools.lru_cache(maxsize=1 << 16)(_slug)


class Mapped(NamedTuple):
    """One article's RDF: the named graph it belongs in, the article's IRI and the triples."""

    graph: URIRef
    article: URIRef
    triples: list[Triple]


def article_key(facts: dict) -> str:
    """The string that identifies the article: its ``key``, else its ``url``, else its ``file``.

    >>> article_key({"article": {"file": "a.txt", "url": "https://x.org/a"}})
    'https://x.org/a'
    """
    article = facts.get("article") or {}
    for field in ("key", "url", "file"):
        if article.get(field):
            return str(article[field])
    raise BadFacts("article: needs a key, url or file to identify it")


def _article_slug(facts: dict) -> str:
    key = article_key(facts)
    return f"{slug(key)}-{digest(key, length=8)}"


def article_iri(facts: dict) -> URIRef:
    """The article's IRI, ``id/article/{slug}-{digest}`` of its key.

    >>> article_iri({"article": {"file": "a.txt"}})
    rdflib.term.URIRef('https://w3id.org/kg-news/id/article/a-txt-cfc7b488')
    """
    return ID["article/" + _article_slug(facts)]


def graph_iri(facts: dict) -> URIRef:
    """The IRI of the named graph that holds everything derived from the article.

    >>> graph_iri({"article": {"file": "a.txt"}})
    rdflib.term.URIRef('https://w3id.org/kg-news/id/graph/a-txt-cfc7b488')
    """
    return ID["graph/" + _article_slug(facts)]


def actor_iri(actor: dict) -> URIRef:
    """The default IRI of an actor, ``id/{kind}/{slug(name)}``.

    >>> actor_iri({"type": "State", "name": "Russia"})
    rdflib.term.URIRef('https://w3id.org/kg-news/id/state/russia')
    """
    kind = ACTOR_CLASSES.get(actor.get("type"), (None, "organization"))[1]
    return ID[f"{kind}/{slug(actor['name'])}"]


def agent_iri(version: str = __version__) -> URIRef:
    """The IRI of kg itself as a ``prov:SoftwareAgent`` at a version.

    >>> agent_iri("0.1.0")
    rdflib.term.URIRef('https://w3id.org/kg-news/id/agent/kg-0.1.0')
    """
    return ID["agent/kg-" + _UNSAFE.sub("-", version)]


def facts_to_quads(facts: dict, text: str | None = None,
                   actor_iris: dict[str, URIRef] | None = None) -> Mapped:
    """Map a validated facts document to RDF triples for the article's named graph.

    ``text`` is the article text the facts' offsets and quotes refer to: when given, evidence spans
    and actor mentions get character offsets and the article node gets ``nif:isString``.
    ``actor_iris`` overrides the IRI of actors by their local id (identity resolved across
    articles). Raises BadFacts when a role or interaction names an actor the document lacks.
    """
    if not isinstance(facts, dict) or "article" not in facts:
        raise BadFacts("facts: not a facts document (no 'article')")
    mapper = _Mapper(facts, text, actor_iris or {})
    mapper.run()
    return Mapped(mapper.graph, mapper.article, list(dict.fromkeys(mapper.triples)))


def to_dataset(mapped: Iterable[Mapped]) -> Dataset:
    """An rdflib Dataset holding each mapped article in its named graph, with kg's prefixes bound."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    for one in mapped:
        graph = dataset.graph(one.graph)
        graph.addN((s, p, o, graph) for s, p, o in one.triples)
    return dataset


# Building an rdflib Literal costs microseconds; names, offsets and dates recur across articles.
_plain = functools.lru_cache(maxsize=1 << 16)(Literal)


@functools.lru_cache(maxsize=1 << 14)
def _date(value: object) -> Literal:
    return Literal(str(value), datatype=XSD.date)


@functools.lru_cache(maxsize=1 << 16)
def _offset(value: int) -> Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores derived integer types as
    # xsd:integer, and what kg writes should be what a store gives back (the values are the same).
    return Literal(value, datatype=XSD.integer)


def _whole_words(names: Iterable[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern matching any of the names as whole words, longest first."""
    unique = sorted({n for n in names if n and n.strip()}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, unique)) + r")(?!\w)")


class _Mapper:
    """Builds one article's triples; holds the IRIs already minted so each node is written once."""

    def __init__(self, facts: dict, text: str | None, actor_iris: dict[str, URIRef]):
        self.facts = facts
        self.text = text
        self.article = article_iri(facts)
        self.graph = graph_iri(facts)
        self.triples: list[Triple] = []
        self.add = self.triples.append
        self.actors = {a["id"]: a for a in facts.get("actors") or []}
        self.iris = {aid: URIRef(actor_iris.get(aid) or actor_iri(a)) for aid, a in self.actors.items()}
        self.spans: set[URIRef] = set()
        self.mentioned: set[tuple[int, int]] = set()
        self.run_iri = URIRef("")
        self.date = self._article_date()

    def run(self) -> None:
        self._article_node()
        self._run_node()
        for actor in self.actors.values():
            self._actor(actor)
        self._search_mentions()
        for role in self.facts.get("roles") or []:
            self._role(role)
        for interaction in self.facts.get("interactions") or []:
            self._interaction(interaction)

    def actor(self, local_id: str, where: str) -> URIRef:
        """The IRI of an actor of this document; BadFacts when there is no such actor."""
        try:
            return self.iris[local_id]
        except KeyError:
            raise BadFacts(f"{where}: no actor with id {local_id!r} in the document") from None

    # -- article, run, agent ------------------------------------------------------------------

    def _article_date(self) -> Literal | None:
        value = (self.facts.get("article") or {}).get("date")
        if not value:
            return None
        found = period(value)
        return _date(found.start) if found.precision == "day" else None

    def _article_node(self) -> None:
        art, add, meta = self.article, self.add, self.facts["article"]
        for cls in (SCHEMA.NewsArticle, PROV.Entity, NIF.Context):
            add((art, _TYPE, cls))
        add((art, KG.articleKey, Literal(article_key(self.facts))))
        if self.date is not None:
            add((art, SCHEMA.datePublished, self.date))
        if meta.get("title"):
            add((art, SCHEMA.headline, Literal(meta["title"])))
        if meta.get("url"):
            add((art, SCHEMA.url, Literal(meta["url"], datatype=XSD.anyURI)))
        if meta.get("file"):
            add((art, KG.fileName, Literal(meta["file"])))
        if meta.get("publisher"):
            self._publisher(meta["publisher"])
        if self.text is not None:
            add((art, NIF.isString, Literal(self.text)))

    def _publisher(self, name: str) -> None:
        node = ID["publisher/" + slug(name)]
        self.add((node, _TYPE, SCHEMA.Organization))
        self.add((node, SCHEMA.name, _plain(name)))
        self.add((self.article, SCHEMA.publisher, node))

    def _run_node(self) -> None:
        agent = agent_iri()
        canonical = json.dumps(self.facts, sort_keys=True, ensure_ascii=False,
                               separators=(",", ":"), default=str)
        self.run_iri = ID["run/" + digest(self.article, agent, canonical)]
        add = self.add
        add((self.run_iri, _TYPE, PROV.Activity))
        add((self.run_iri, PROV.wasAssociatedWith, agent))
        add((self.run_iri, PROV.used, self.article))
        add((agent, _TYPE, PROV.SoftwareAgent))
        add((agent, SCHEMA.softwareVersion, Literal(__version__)))
        add((agent, KG.model, Literal(_model_name(self.facts))))

    # -- actors and mentions ------------------------------------------------------------------

    def _actor(self, actor: dict) -> None:
        node, add = self.iris[actor["id"]], self.add
        add((node, _TYPE, ACTOR_CLASSES.get(actor["type"], (KG.Organization,))[0]))
        add((node, SCHEMA.name, _plain(actor["name"])))
        aliases = [a for a in actor.get("aliases") or [] if a and a != actor["name"]]
        for alias in aliases:
            add((node, SKOS.altLabel, _plain(alias)))
        for key in dict.fromkeys(name_key(n) for n in [actor["name"], *aliases]):
            if key:
                add((node, KG.nameKey, _plain(key)))
        if actor.get("part_of"):
            add((node, KG.partOf, self.actor(actor["part_of"], f"actor {actor['id']}: part_of")))
        if actor.get("iso"):
            add((node, KG.isoCode, Literal(str(actor["iso"]))))
        for qid in _as_list(actor.get("wikidata")):
            add((node, SKOS.exactMatch, _wikidata(qid)))
        if actor.get("mentions") is not None:
            for span in (_mention_span(m, self.text) for m in actor["mentions"]):
                if span is not None:
                    self._mention(node, *span)

    def _search_mentions(self) -> None:
        """Mentions of the actors that list none: every whole-word occurrence of a name or alias.

        One pattern for all names, longest first, so "Trump Tower" is not also a mention of Trump;
        a name two actors share goes to the first.
        """
        if self.text is None:
            return
        owner: dict[str, URIRef] = {}
        for actor in self.actors.values():
            if actor.get("mentions") is None:
                for name in [actor["name"], *(actor.get("aliases") or [])]:
                    owner.setdefault(name, self.iris[actor["id"]])
        pattern = _whole_words(owner)
        for match in pattern.finditer(self.text) if pattern else ():
            self._mention(owner[match.group()], match.start(), match.end(), match.group())

    def _mention(self, node: URIRef, start: int, end: int, anchor: str) -> None:
        if (start, end) in self.mentioned:
            return
        self.mentioned.add((start, end))
        mention, add = ID["mention/" + digest(self.article, start, end)], self.add
        add((mention, _TYPE, KG.Mention))
        add((mention, KG.denotes, node))
        add((mention, NIF.anchorOf, _plain(anchor)))
        add((mention, NIF.beginIndex, _offset(start)))
        add((mention, NIF.endIndex, _offset(end)))
        add((mention, NIF.referenceContext, self.article))

    # -- evidence -----------------------------------------------------------------------------

    def span(self, quote: str, start: object = None, end: object = None) -> URIRef:
        """The evidence span node for a quote, with offsets when the text is known."""
        where = self._locate(quote, start, end)
        begin = where[0] if where else None
        node = ID["span/" + digest(self.article, quote, begin)]
        if node in self.spans:
            return node
        self.spans.add(node)
        add = self.add
        add((node, _TYPE, KG.EvidenceSpan))
        add((node, NIF.anchorOf, Literal(quote)))
        add((node, NIF.referenceContext, self.article))
        if where:
            add((node, NIF.beginIndex, _offset(where[0])))
            add((node, NIF.endIndex, _offset(where[1])))
        return node

    def _locate(self, quote: str, start: object, end: object) -> tuple[int, int] | None:
        text = self.text
        if text is None or not quote:
            return None
        if isinstance(start, int) and isinstance(end, int) and text[start:end] == quote:
            return start, end
        found = text.find(quote)
        return (found, found + len(quote)) if found >= 0 else None

    # -- roles --------------------------------------------------------------------------------

    def _role(self, role: dict) -> None:
        where = f"role of {role['holder']}"
        holder = self.actor(role["holder"], where)
        title = role["title"]
        of_id = role.get("of")
        of = self.actor(of_id, where) if of_id else None
        post = ID[f"post/{slug(title)}--{slug(of.rsplit('/', 1)[-1]) if of else 'none'}"]
        role_type = ID["role/" + slug(title)]
        is_org = bool(of_id) and self.actors[of_id].get("type") in _ORGANISATION_TYPES
        self._post(post, role_type, title, of if is_org else None, of_id)
        if of and not is_org:
            self.add((post, KG.postOf, of))
        self._tenure(role, holder, post, role_type, of if is_org else None)

    def _post(self, post: URIRef, role_type: URIRef, title: str, org: URIRef | None,
              of_id: str | None) -> None:
        add = self.add
        label = f"{title} of {self.actors[of_id]['name']}" if of_id else title
        add((post, _TYPE, ORG.Post))
        add((post, KG.title, _plain(title)))
        add((post, RDFS.label, Literal(label)))
        add((post, ORG.role, role_type))
        if org is not None:
            add((post, ORG.postIn, org))
        add((role_type, _TYPE, ORG.Role))
        add((role_type, SKOS.prefLabel, _plain(title)))

    def _tenure(self, role: dict, holder: URIRef, post: URIRef, role_type: URIRef,
                org: URIRef | None) -> None:
        tenure, add = ID["tenure/" + digest(holder, post)], self.add
        add((tenure, _TYPE, KG.Tenure))
        add((tenure, ORG.member, holder))
        add((tenure, ORG.role, role_type))
        add((tenure, KG.post, post))
        add((tenure, KG.reportedIn, self.article))
        add((tenure, PROV.wasGeneratedBy, self.run_iri))
        if org is not None:
            add((tenure, ORG.organization, org))
        if self.date is not None:
            add((tenure, KG.attestedOn, self.date))
        if role.get("former"):
            add((tenure, KG.former, _TRUE))
        if role.get("evidence"):
            span = self.span(role["evidence"], role.get("start"), role.get("end"))
            add((tenure, PROV.wasDerivedFrom, span))
        add((holder, ORG.holds, post))

    # -- interactions -------------------------------------------------------------------------

    def _interaction(self, item: dict) -> None:
        kind, status = item["type"], item.get("status") or "occurred"
        where = f"{kind} interaction"
        actors = [self.actor(p, where) for p in item.get("participants") or []]
        date, evidence = item.get("date"), item.get("evidence")
        event = ID["event/" + digest(self.article, kind, " ".join(sorted(actors)), date, evidence)]
        add = self.add
        add((event, _TYPE, INTERACTION_CLASSES.get(kind, KG.OtherInteraction)))
        add((event, KG.interactionType, _plain(kind)))
        add((event, KG.status, STATUSES[status]))
        add((event, KG.reportedIn, self.article))
        add((event, PROV.wasGeneratedBy, self.run_iri))
        for actor in actors:
            add((event, SEM.hasActor, actor))
        if item.get("place"):
            add((event, SEM.hasPlace, self.actor(item["place"], where + ": place")))
        if date:
            self._event_date(event, date)
        if evidence:
            add((event, PROV.wasDerivedFrom, self.span(evidence, item.get("start"), item.get("end"))))
        if item.get("confidence") is not None:
            add((event, KG.confidence, Literal(Decimal(str(item["confidence"])), datatype=XSD.decimal)))
        self._event_codes(event, kind, status)

    def _event_date(self, event: URIRef, value: str) -> None:
        found = period(value)
        self.add((event, KG.dateValue, _plain(found.value)))
        self.add((event, KG.dateStart, _date(found.start)))
        self.add((event, KG.dateEnd, _date(found.end)))
        self.add((event, KG.datePrecision, PRECISIONS[found.precision]))

    def _event_codes(self, event: URIRef, kind: str, status: str) -> None:
        code = event_code(kind, status)
        if code.category is not None:
            self.add((event, KG.ploverCategory, code.category))
        if code.mode is not None:
            self.add((event, KG.ploverMode, code.mode))
        if code.cameo is not None:
            self.add((event, KG.cameoCode, code.cameo))


def _as_list(value: object) -> list:
    if not value:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _wikidata(value: object) -> URIRef:
    """A Wikidata entity IRI from ``Q159``, ``wd:Q159`` or the full IRI."""
    text = str(value).strip()
    if text.startswith("http"):
        return URIRef(text.replace("https://", "http://", 1))
    return WD[text.rsplit(":", 1)[-1]]


def _mention_span(mention: object, text: str | None) -> tuple[int, int, str] | None:
    """(start, end, surface) of a listed mention ``{"start", "end", "text"?}`` or ``[start, end]``."""
    if isinstance(mention, dict):
        start, end, surface = mention.get("start"), mention.get("end"), mention.get("text")
    elif isinstance(mention, (list, tuple)) and len(mention) >= 2:
        start, end, surface = mention[0], mention[1], None
    else:
        return None
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        return None
    if text is not None:
        surface = text[start:end] if end <= len(text) else None
    return (start, end, surface) if surface else None


def _model_name(facts: dict) -> str:
    """The extraction model as "name version" when the facts say which, else "curated"."""
    extractor = facts.get("extractor")
    if isinstance(extractor, dict):
        parts = [extractor.get("model"), extractor.get("model_version")]
        named = " ".join(str(p) for p in parts if p)
        return named or _CURATED
    return str(extractor) if extractor else _CURATED

"""Actors: find every mention of a person, state, organisation or place and settle who is who.

The model's entity labels are per mention and sometimes wrong (a surname tagged as a place, a
possessive as an organisation), so each actor's type is settled over the whole document: a vote over
its mentions, overruled by name rules (a state name is a state; a surname of a known person is that
person).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract import states
from kg.extract.lexicon import HONORIFICS, TITLE_HEADS
from kg.names import name_key, slug

_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_TYPE_OF_LABEL = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
                  "FAC": "Place", "NORP": "State"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_LEADING = {"the", "a", "an"}
_TRAILING = {"of", "and", "the", "in", "at", "for"}


@dataclass
class Mention:
    """A stretch of the document naming an actor: token span [i, j) and its label."""

    i: int
    j: int
    text: str
    label: str
    start: int
    end: int
    actor: str | None = None


@dataclass
class Actor:
    """One real-world entity of the document and every mention of it."""

    id: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    part_of: str | None = None
    iso: str | None = None
    votes: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        """The actor in the facts layout, with mention offsets."""
        out = {"id": self.id, "type": self.type, "name": self.name,
               "aliases": sorted(a for a in self.aliases if a != self.name)}
        if self.part_of:
            out["part_of"] = self.part_of
        if self.iso:
            out["iso"] = self.iso
        out["mentions"] = [{"start": m.start, "end": m.end, "text": m.text} for m in self.mentions]
        return out


class ActorIndex:
    """The actors of one document, and which actor each token belongs to."""

    def __init__(self, doc: Doc):
        self.doc = doc
        # Doc.text rebuilds the string on every access; evidence slicing needs it often.
        self.text = doc.text
        self.actors: dict[str, Actor] = {}
        self.by_token: list[str | None] = [None] * len(doc)
        self._keys: dict[str, str] = {}

    def at(self, i: int) -> Actor | None:
        """The actor whose mention covers token i, if any."""
        aid = self.by_token[i]
        return self.actors.get(aid) if aid else None

    def get(self, aid: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return self.actors.get(aid) if aid else None

    def add(self, name: str, type_: str, mention: Mention | None, key: str | None = None) -> Actor:
        """Attach a mention to the actor known by key (default: the name key), creating it if new."""
        key = key or f"{type_}:{name_key(name)}"
        actor = self.actors.get(self._keys.get(key, ""))
        if actor is None:
            actor = Actor(self._new_id(name), type_, name)
            self.actors[actor.id] = actor
            self._keys[key] = actor.id
        if mention is not None:
            self.attach(actor, mention)
        return actor

    def attach(self, actor: Actor, mention: Mention) -> None:
        """Record a mention of actor and mark its tokens."""
        mention.actor = actor.id
        actor.mentions.append(mention)
        actor.aliases.add(mention.text)
        actor.votes[mention.label] += 1
        for k in range(mention.i, mention.j):
            self.by_token[k] = actor.id

    def alias_key(self, key: str, actor: Actor) -> None:
        """Make another key find the same actor."""
        self._keys.setdefault(key, actor.id)

    def lookup(self, key: str) -> Actor | None:
        """The actor registered under a key."""
        return self.actors.get(self._keys.get(key, ""))

    def _new_id(self, name: str) -> str:
        base = slug(name)
        aid, n = base, 2
        while aid in self.actors:
            aid, n = f"{base}-{n}", n + 1
        return aid


def find_actors(doc: Doc) -> ActorIndex:
    """Every actor of a parsed document, mentions clustered and types settled.

    Persons are clustered by name: a surname alone joins the nearest full name before it that ends
    with it (or, failing that, the first after it); two different full names are never merged.
    """
    index = ActorIndex(doc)
    mentions = _candidate_mentions(doc)
    lower_words = {t.text for t in doc if t.is_lower}
    persons = [m for m in mentions if _looks_person(m, lower_words)]
    _cluster_persons(index, persons)
    for m in mentions:
        if m.actor is None:
            _place_non_person(index, m)
    _scan_unlabelled(index, doc)
    _titled_names(index, doc)
    _listed_persons(index, doc)
    _drop_title_modifiers(index, doc)
    _settle(index)
    return index


def _candidate_mentions(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _LABELS:
            continue
        if ent.label_ == "PERSON":
            ent = _with_last_name_word(ent)
        else:
            ent = _titled_person(ent) or ent
        for part in _split_hyphenated(ent):
            m = _clean(doc, part.start, part.end, ent.label_)
            if m is not None:
                out.append(m)
    return out


# Titles that, before a capitalised name, make it a person's name whatever label the model gave.
_PERSON_TITLES = {"king", "queen", "prince", "princess", "president", "minister", "chancellor", "premier",
                  "emir", "sheikh", "sultan", "pope", "senator", "governor", "mayor", "ambassador",
                  "envoy", "secretary", "speaker", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"}


def _titled_person(ent: Span) -> Span | None:
    """'King Felipe VI', 'Kazakh President Kassym-Jomart Tokayev' tagged ORG: a title word before a
    capitalised name makes the name a person's; the span returned is the name alone."""
    before = [ent.doc[ent.start - 1]] if ent.start > 0 else []  # the title may lie outside the entity
    titles = [t for t in before + list(ent) if t.lower_.rstrip(".") in _PERSON_TITLES and t.text[:1].isupper()]
    if not titles:
        return None
    name = ent.doc[titles[-1].i + 1:ent.end]
    words = [t for t in name if t.text not in ("-", ".")]
    if not 1 <= len(words) <= 4 or not all(t.text[:1].isupper() and t.is_alpha for t in words):
        return None
    if any(t.lower_ in _ORG_WORDS for t in ent) or states.state_of(name.text) or states.metonym(name.text):
        return None
    return Span(ent.doc, name.start, name.end, label="PERSON")


def _with_last_name_word(ent: Span) -> Span:
    """'Pham Binh [Minh]': the model stops a name short of its head word; the parse knows the head."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
            and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not doc[end].ent_type_:
        end += 1
    return Span(doc, ent.start, end, label=ent.label) if end > ent.end else ent


def _split_hyphenated(ent: Span) -> list[Span]:
    """'Trump-Putin' and 'U.S.-Canada' name two actors; 'Jean-Yves' and 'el-Sisi' name one."""
    doc, parts, start = ent.doc, [], ent.start
    for tok in ent:
        if tok.text in "-–" and tok.i > start and tok.i + 1 < ent.end:
            left, right = doc[start:tok.i], doc[tok.i + 1:ent.end]
            if _names_known_unit(left.text) or _names_known_unit(right.text) or tok.text == "–":
                parts.append(left)
                start = tok.i + 1
    parts.append(doc[start:ent.end])
    return parts


def _names_known_unit(text: str) -> bool:
    return states.state_of(text) is not None or states.metonym(text) is not None


def _clean(doc: Doc, i: int, j: int, label: str) -> Mention | None:
    """Strip determiners, possessives, honorifics and edge punctuation from a span."""
    while i < j and (doc[i].lower_ in _LEADING or doc[i].is_punct):
        i += 1
    while j > i and (doc[j - 1].text in _POSSESSIVE or doc[j - 1].is_punct or doc[j - 1].lower_ in _TRAILING):
        j -= 1
    if label == "PERSON":
        while j - i > 1 and doc[i].lower_.rstrip(".") in HONORIFICS:
            i += 1
        while j - i > 1 and doc[j - 1].lower_ in HONORIFICS:  # 'Brexit Secretary': no name ends in a title
            j -= 1
        if j - i == 1 and doc[i].lower_.rstrip(".") in HONORIFICS:
            return None  # 'Emir Sheikh Tamim' tagged as two persons: 'Sheikh' alone is a title
    if i >= j or not any(t.is_alpha and t.text[0].isupper() for t in doc[i:j]):
        return None
    if _portfolio(doc, i, j):
        return None
    span = doc[i:j]
    return Mention(i, j, span.text, label, span.start_char, span.end_char)


_PORTFOLIOS = {"state", "defense", "defence", "treasury", "commerce", "energy", "justice", "interior",
               "health", "education", "agriculture", "labor", "labour", "transportation", "finance", "trade",
               "foreign affairs", "home affairs", "homeland security", "external affairs", "the treasury"}


def _portfolio(doc: Doc, i: int, j: int) -> bool:
    """'Secretary of State', 'Minister of Foreign Affairs': the portfolio belongs to the title."""
    k = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
    return doc[i:j].text.lower() in _PORTFOLIOS and k >= 1 and doc[k].lower_ == "of" and \
        (doc[k - 1].lower_ in TITLE_HEADS or doc[k - 1].lemma_.lower() in TITLE_HEADS)


def _looks_person(m: Mention, lower_words: set[str]) -> bool:
    """A PERSON mention that is not a state, a metonym, or a common word capitalised ('Lunch was...')."""
    if m.label != "PERSON" or states.state_of(m.text) or states.metonym(m.text) or len(m.text) < 2:
        return False
    return not (m.j - m.i == 1 and m.text.lower() in lower_words)


def _person_words(text: str) -> list[str]:
    return [w for w in name_key(text).split() if w not in HONORIFICS]


def _cluster_persons(index: ActorIndex, persons: list[Mention]) -> None:
    full = [m for m in persons if len(_person_words(m.text)) > 1]
    for m in full:
        _attach_full(index, m)
    for m in persons:
        if m.actor is None:
            _attach_short(index, m, full)
    _attach_relabelled(index)


def _attach_full(index: ActorIndex, m: Mention) -> None:
    words = _person_words(m.text)
    key = f"Person:{words[0]} {words[-1]}"
    actor = index.lookup(key)
    if actor is None:
        actor = index.add(m.text, "Person", m, key=key)
    else:
        index.attach(actor, m)
        if len(m.text) > len(actor.name):
            actor.name = m.text


def _attach_short(index: ActorIndex, m: Mention, full: list[Mention]) -> None:
    """A one-word name joins the nearest preceding full name that contains it, else the next one."""
    word = (_person_words(m.text) or [name_key(m.text)])[0]
    before = [f for f in full if f.i < m.i and word in _person_words(f.text)[1:]]
    after = [f for f in full if f.i > m.i and word in _person_words(f.text)[1:]]
    target = before[-1] if before else (after[0] if after else None)
    if target is not None:
        index.attach(index.actors[target.actor], m)
        return
    index.add(m.text, "Person", m, key=f"Person:{word}")


def _attach_relabelled(index: ActorIndex) -> None:
    """Index every word of known persons' names so mislabelled mentions can find them."""
    for actor in list(index.actors.values()):
        if actor.type != "Person":
            continue
        words = _person_words(actor.name)
        for w in words[1:] if len(words) > 1 else words:
            index.alias_key(f"word:{w}", actor)


def _place_non_person(index: ActorIndex, m: Mention) -> None:
    if _split_known(index, m):
        return
    key = name_key(m.text)
    person = index.lookup(f"word:{key}") if " " not in key else None
    if person is None and m.label != "NORP":
        person = index.lookup(f"Person:{_first_last(key)}")
    if person is not None:
        index.attach(person, m)
        return
    meto = states.metonym(m.text)
    if meto is not None:
        org = index.add(meto[0], "Organization", m, key=f"org:{name_key(meto[0])}")
        org.part_of = _state_actor(index, meto[1]).id
        return
    state = states.country(m.text) or (states.demonym(m.text) if m.label in ("NORP", "GPE") else None)
    if state is not None:
        index.attach(_state_actor(index, state), m)
        return
    _add_named(index, m)


def _split_known(index: ActorIndex, m: Mention) -> bool:
    """'Trump-Putin call': a hyphenated span whose parts are known persons or states."""
    doc = index.doc
    cuts = [t.i for t in doc[m.i:m.j] if t.text in ("-", "–")]
    if not cuts:
        return False
    bounds = list(zip([m.i] + [c + 1 for c in cuts], cuts + [m.j]))
    found = []
    for i, j in bounds:
        span = doc[i:j]
        actor = index.lookup(f"word:{name_key(span.text)}")
        state = states.state_of(span.text)
        if actor is None and state is None:
            return False
        found.append((span, actor or _state_actor(index, state)))
    for span, actor in found:
        index.attach(actor, Mention(span.start, span.end, span.text, m.label, span.start_char,
                                    span.end_char))
    return True


def _first_last(key: str) -> str:
    words = key.split()
    return f"{words[0]} {words[-1]}" if words else key


def _state_actor(index: ActorIndex, state: states.State) -> Actor:
    actor = index.add(state.name, "State", None, key=f"state:{state.iso}")
    actor.iso = state.iso
    actor.aliases.add(state.name)
    return actor


def _add_named(index: ActorIndex, m: Mention) -> None:
    """Organisations and places, joined by name or by acronym ('African Union' ... 'AU')."""
    type_ = _TYPE_OF_LABEL[m.label]
    if m.label == "NORP":
        return
    key = name_key(m.text)
    actor = index.lookup(f"name:{key}") or index.lookup(f"acro:{key}")
    if actor is None:
        actor = index.add(m.text, type_, None, key=f"name:{key}")
        acro = _acronym(m.text)
        if acro:
            index.alias_key(f"acro:{acro}", actor)
    index.attach(actor, m)


def _acronym(text: str) -> str | None:
    letters = [w[0] for w in text.replace("-", " ").split() if w[:1].isupper()]
    return "".join(letters).lower() if len(letters) > 1 else None


def _scan_unlabelled(index: ActorIndex, doc: Doc) -> None:
    """Proper nouns the model left untagged: known surnames, state names and demonyms."""
    for tok in doc:
        if index.by_token[tok.i] is not None or not tok.text[:1].isupper():
            continue
        if tok.pos_ == "PROPN":
            person = index.lookup(f"word:{name_key(tok.text)}")
            if person is not None:
                index.attach(person, Mention(tok.i, tok.i + 1, tok.text, "PERSON", tok.idx,
                                             tok.idx + len(tok.text)))
                continue
        _scan_state(index, doc, tok)


def _titled_names(index: ActorIndex, doc: Doc) -> None:
    """'Presidents Muhammadu Buhari': an untagged run of two or more proper nouns right after a
    title word is a person's name."""
    for tok in doc:
        if tok.pos_ != "PROPN" or index.by_token[tok.i] or tok.dep_ == "compound":
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
                and not index.by_token[start - 1] and doc[start - 1].lower_ not in HONORIFICS:
            start -= 1
        title = doc[start - 1] if start > 0 else None
        if tok.i - start < 1 or title is None or title.lower_.rstrip(".") not in HONORIFICS:
            continue
        span = doc[start:tok.i + 1]
        if not any(states.state_of(t.text) for t in span):
            _attach_full(index, Mention(span.start, span.end, span.text, "PERSON", span.start_char,
                                        span.end_char))


def _scan_state(index: ActorIndex, doc: Doc, tok) -> None:
    for width in (3, 2, 1):
        span = doc[tok.i:tok.i + width]
        if len(span) < width or any(index.by_token[t.i] for t in span):
            continue
        state = states.country(span.text) or (states.demonym(span.text) if width == 1 else None)
        if state is not None:
            m = Mention(span.start, span.end, span.text, "GPE", span.start_char, span.end_char)
            index.attach(_state_actor(index, state), m)
            return


_ORG_WORDS = {"union", "party", "bank", "fund", "institute", "council", "forces", "department", "ministry",
              "company", "group", "agency", "committee", "office", "association", "university", "holdings",
              "organization", "organisation", "house", "court", "army", "police", "embassy", "corporation",
              "inc", "ltd", "news", "times", "media", "forum", "assembly", "government", "commission"}


def _listed_persons(index: ActorIndex, doc: Doc) -> None:
    """Names in a list or apposition with a person are persons, whatever the model tagged them."""
    for tok, other in _linked_names(doc):
        head = index.at(other.i)
        if head is None or head.type != "Person":
            continue
        current = index.at(tok.i)
        if current is not None and (current.type == "Person" or current.votes.get("PERSON")):
            continue
        start = tok.i
        while start - 1 >= 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].head.i == tok.i:
            start -= 1
        span = doc[start:tok.i + 1]
        words = [t for t in span if t.pos_ == "PROPN"]
        if len(words) < 2 or any(t.lower_ in _ORG_WORDS or t.lower_.rstrip(".") in HONORIFICS or
                                 states.state_of(t.text) for t in words):
            continue
        if current is not None:
            _detach(index, current, span.start)
        _attach_full(index, Mention(span.start, span.end, span.text, "PERSON", span.start_char, span.end_char))


def _linked_names(doc: Doc):
    """(name token, the name token it is listed with), both ways round a conj or appos link."""
    for tok in doc:
        if tok.dep_ in ("conj", "appos") and tok.pos_ == "PROPN" and tok.head.pos_ == "PROPN":
            yield tok, tok.head
            yield tok.head, tok


def _detach(index: ActorIndex, actor: Actor, i: int) -> None:
    actor.mentions = [m for m in actor.mentions if not (m.i <= i < m.j)]
    if not actor.mentions:
        del index.actors[actor.id]


def _drop_title_modifiers(index: ActorIndex, doc: Doc) -> None:
    """'Brexit Secretary Stephen Barclay': a one-word 'person' only ever seen qualifying a title
    before a name is the title's portfolio, not a person."""
    for actor in list(index.actors.values()):
        if actor.type != "Person" or len(actor.name.split()) > 1 or not actor.mentions:
            continue
        if all(_qualifies_noun(doc[m.j - 1]) for m in actor.mentions) and \
                any(_is_title_word(doc[m.j - 1].head) for m in actor.mentions):
            for m in actor.mentions:
                for k in range(m.i, m.j):
                    index.by_token[k] = None
            del index.actors[actor.id]


def _qualifies_noun(tok) -> bool:
    """'Brexit Secretary', 'Brexit agreement': a name used only to qualify a title or common noun."""
    head = tok.head
    return tok.dep_ == "compound" and head.i > tok.i and (_is_title_word(head) or head.pos_ == "NOUN")


def _is_title_word(tok) -> bool:
    return tok.lower_ in TITLE_HEADS or tok.lemma_.lower() in TITLE_HEADS


def _settle(index: ActorIndex) -> None:
    """Fix the type of actors whose mentions disagree, by vote and name rules."""
    for actor in index.actors.values():
        if actor.type in ("State", "Person") or actor.part_of:
            continue
        label, _ = actor.votes.most_common(1)[0] if actor.votes else ("ORG", 0)
        if actor.votes.get("PERSON", 0) * 2 > sum(actor.votes.values()):
            actor.type = "Person"
        elif label in _TYPE_OF_LABEL and label != "NORP":
            actor.type = _TYPE_OF_LABEL[label]
        actor.name = max((m.text for m in actor.mentions), key=len, default=actor.name)


def mention_of(index: ActorIndex, i: int) -> Actor | None:
    """The actor at token i (alias of index.at, for readability at call sites)."""
    return index.at(i)

"""Interactions: who met, called, contacted, spoke, agreed with whom, read off the dependency parse.

Triggers are verbs ("met", "spoke by phone", "briefed", "said") and event nouns ("a meeting between",
"Trump's call with", "lunch with"). Participants come from the trigger's subject and its with-, to-
and between-objects, expanded over conjunctions and appositions; pronouns, "they", bare titles
("the Prime Minister") and definite descriptions ("the embassy") are resolved by rule. Later sentences
add attendees to the meeting they refer to ("were present", "joined the talks", "was attended by").
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import ActorIndex
from kg.extract.dateline import dateline_spans
from kg.extract.lexicon import (AGREEMENT_VERBS, CALL_VERBS, CONTACT_VERBS, CORRESPONDENCE_VERBS,
                                EVENT_NOUNS, FUTURE_AUX, GROUP_NOUNS, MEET_VERBS, NEGATED_ADJ,
                                NEGATION_HEADS, PHONE_WORDS, PLAN_HEADS, PLANNED_ADJ, STATEMENT_VERBS,
                                TITLE_HEADS)
from kg.extract.roles import Role, adjacent_person, demonym_state, holders_of
from kg.extract.timex import resolve

CONTACT_TYPES = ("meeting", "call", "contact")
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_OBJ_PREPS = {"with", "to", "between", "among"}
_PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_PLURAL = {"they", "them", "their", "themselves"}
_FIRST = {"i", "me", "my", "myself"}
_JOIN_VERBS = {"join", "attend"}
_HOLD_VERBS = {"have", "hold", "attend", "host", "join", "make", "take", "conduct", "arrange",
               "facilitate", "organise", "organize", "schedule", "plan", "agree", "seek", "request"}


_DAY_WORDS = {"today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass
class Event:
    """One mention of an interaction before merging."""

    type: str
    participants: list[str]
    trigger: Token
    status: str = "occurred"
    date: str | None = None
    place: str | None = None
    span: tuple[int, int] = (0, 0)
    confidence: float = 0.7
    lemma: str = ""
    extra: list[str] = field(default_factory=list)


class Context:
    """Everything the rules consult while walking one document."""

    def __init__(self, doc: Doc, index: ActorIndex, roles: list[Role], anchor: _dt.date | None):
        self.doc, self.index, self.roles, self.anchor = doc, index, roles, anchor
        self.events: list[Event] = []
        self.dates = _date_governors(doc)
        self.dateline = _dateline_tokens(doc)

    def type_of(self, aid: str) -> str:
        return self.index.actors[aid].type


def find_interactions(doc: Doc, index: ActorIndex, roles: list[Role], anchor: _dt.date | None) -> list[dict]:
    """The interactions of a parsed document in the facts layout, one per distinct event."""
    ctx = Context(doc, index, roles, anchor)
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            _verb_trigger(ctx, tok)
        elif tok.pos_ in ("NOUN", "PROPN"):
            _noun_trigger(ctx, tok)
        _attendance(ctx, tok)
    return [_as_dict(ctx, e) for e in _merge(_carry_mode(ctx, ctx.events))]


# ---------------------------------------------------------------- participants

def _actors_at(ctx: Context, tok: Token, depth: int = 0) -> list[str]:
    """Actors a noun phrase headed by tok names, over conjunctions and appositions."""
    out: list[str] = []
    actor = ctx.index.at(tok.i) if tok.i not in ctx.dateline else None
    if actor is not None:
        out.extend(_compound_persons(ctx, tok, actor.id))
        out.append(actor.id)
    elif tok.pos_ == "PRON" or tok.lower_ in ("two",):
        out.extend(_pronoun(ctx, tok))
    elif _group_size(tok):
        out.extend(_numbered_group(ctx, tok, _group_size(tok)))
    elif depth < 3:
        out.extend(_described(ctx, tok))
    if depth < 6:
        for child in tok.children:
            if child.dep_ in ("conj", "appos") and child.i != tok.i:
                out.extend(a for a in _actors_at(ctx, child, depth + 1) if a not in out)
    return _dedupe(out)


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
_PEOPLE_NOUNS = {"leader", "man", "woman", "president", "minister", "premier", "diplomat", "counterpart",
                 "chancellor", "envoy", "official", "head", "politician", "king", "monarch", "prime"}


def _group_size(tok: Token) -> int:
    """'the two leaders', 'both men', 'the three presidents': how many persons the phrase counts."""
    if tok.lemma_.lower() not in _PEOPLE_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return 0
    return next((_NUMBERS[c.lower_] for c in tok.lefts if c.lower_ in _NUMBERS
                 and c.dep_ in ("nummod", "det", "predet", "amod")), 0)


def _numbered_group(ctx: Context, tok: Token, size: int) -> list[str]:
    """A counted group of persons: for three or more, the latest event with exactly that many;
    otherwise (and failing that) the last persons named before it."""
    if size >= 3:
        for event in reversed(ctx.events):
            persons = [a for a in event.participants if ctx.type_of(a) == "Person"]
            if len(persons) == size and 0 < tok.i - event.trigger.i < 400:
                return persons
    titled = set(holders_of(ctx.roles, tok.lemma_.lower()))
    seen: list[str] = []
    for k in range(tok.i - 1, _sent_index(ctx.doc, tok, back=3) - 1, -1):
        actor = ctx.index.at(k)
        # 'the two presidents' counts the presidents named last, passing over others
        if actor is not None and actor.type == "Person" and actor.id not in seen and \
                (len(titled) < size or actor.id in titled):
            seen.append(actor.id)
        if len(seen) == size:
            return seen
    return []


def _dateline_tokens(doc: Doc) -> set[int]:
    """'BRASÍLIA, Brazil –' opening a paragraph says where the report was filed, not who acted."""
    out: set[int] = {tok.i for start, end in dateline_spans(doc.text)
                     for tok in doc.char_span(start, end, alignment_mode="expand") or ()}
    for sent in doc.sents:
        for tok in sent[:8]:
            if tok.text in ("–", "—", "-", "(") and tok.i > sent.start:
                words = [t for t in doc[sent.start:tok.i] if not t.is_punct and not t.is_space]
                if words and all(t.text[:1].isupper() or t.like_num for t in words) and \
                        any(t.text == "," for t in doc[sent.start:tok.i]):
                    out.update(range(sent.start, tok.i))
                break
    return out


def _compound_persons(ctx: Context, tok: Token, own: str) -> list[str]:
    """'US President Donald Trump and Turkish President Erdoğan': the parser hangs the first person
    inside the second one's title; find other persons among the name's compound dependents."""
    if ctx.type_of(own) != "Person":
        return []
    found = []
    for child in tok.lefts:
        if child.dep_ in ("compound", "nmod") and ctx.index.by_token[child.i] != own:
            ids = [ctx.index.by_token[child.i]] + _subtree_actors(ctx, child)
            found.extend(a for a in ids if a and ctx.type_of(a) == "Person" and a != own)
    return found


def _dedupe(ids: list[str]) -> list[str]:
    seen: list[str] = []
    for aid in ids:
        if aid not in seen:
            seen.append(aid)
    return seen


def _described(ctx: Context, tok: Token) -> list[str]:
    """A noun phrase without a name: a person inside it, a bare title, a group, a definite description."""
    persons = [a for a in _subtree_actors(ctx, tok) if ctx.type_of(a) == "Person"]
    if persons:
        return persons[:1] if tok.lemma_ == "one" else persons
    lemma = tok.lemma_.lower()
    if tok.tag_ in ("NNS", "NNPS") and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        group = _group(ctx, tok)  # 'the foreign ministers of Saudi Arabia, Brazil and Mexico'
        if group:
            return group
    if lemma in TITLE_HEADS or tok.lower_ in TITLE_HEADS:
        named = adjacent_person(ctx.doc, ctx.index, tok) or _person_in_of(ctx, tok)
        return [named.id] if named is not None else _titled(ctx, tok)
    if tok.lower_ in GROUP_NOUNS or lemma in GROUP_NOUNS:
        return _group(ctx, tok)
    if any(c.lower_ == "the" for c in tok.lefts) and tok.pos_ == "NOUN":
        return _definite(ctx, tok)
    return []


def _person_in_of(ctx: Context, tok: Token):
    """'President of France Emmanuel Macron': the parser puts the name inside the of-phrase."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                actor = ctx.index.at(obj.i)
                if actor is not None and actor.type == "Person":
                    return actor
    return None


def _subtree_actors(ctx: Context, tok: Token) -> list[str]:
    """Actors inside a phrase, not crossing into clauses or of/to/from-phrases."""
    out = []
    stack = [c for c in tok.children if c.dep_ in ("compound", "appos", "npadvmod", "nmod")]
    while stack:
        t = stack.pop()
        actor = ctx.index.at(t.i)
        if actor is not None:
            out.append(actor.id)
        stack.extend(c for c in t.children if c.dep_ in ("compound", "appos", "conj", "flat"))
    return _dedupe(out)


def _titled(ctx: Context, tok: Token) -> list[str]:
    """'the Prime Minister' -> the person the text gave that title; 'the foreign ministers' -> all."""
    state = next((demonym_state(ctx.index, c) for c in tok.lefts if demonym_state(ctx.index, c)), None)
    words = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod") and c.is_alpha]
    holders = holders_of(ctx.roles, tok.lemma_.lower(), state)
    holders = [h for h in holders if _title_matches(ctx, h, words)]
    states = [demonym_state(ctx.index, c) for c in tok.lefts if c.dep_ in ("amod", "compound")]
    states += [demonym_state(ctx.index, c) for a in tok.lefts for c in a.conjuncts]
    states = [s for s in states if s]
    if states and len(states) > 1:
        return _leaders_of(ctx, tok, states)
    if tok.tag_ in ("NNS", "NNPS"):
        return holders
    last = {h: _last_mention(ctx, h, tok.i) for h in holders}
    before = sorted((h for h in holders if last[h] >= (0, 0)), key=last.get)
    return before[-1:] or holders[:1]


def _last_mention(ctx: Context, holder: str, before: int) -> tuple[int, int]:
    """(named as a subject, position) of the holder's last mention before a token: 'the minister'
    is the one the story follows, who is named as the subject of its sentences."""
    doc = ctx.doc
    spots = [(int(doc[m.j - 1].dep_ in _SUBJ), m.i) for m in ctx.index.actors[holder].mentions if m.i < before]
    return max(spots, default=(-1, -1))


def _title_matches(ctx: Context, holder: str, words: list[str]) -> bool:
    words = [w for w in words if w not in ("the",)]
    titles = [r.title.lower() for r in ctx.roles if r.holder == holder]
    return not words or any(all(w in t for w in words) for t in titles)


def _leaders_of(ctx: Context, tok: Token, states: list[str]) -> list[str]:
    """'the Russian and American leaders', 'Brazilian and South Korean Presidents'."""
    out = []
    for state in states:
        leaders = [r.holder for r in ctx.roles if r.of == state and
                   r.title.lower().split()[-1] in ("president", "minister", "chancellor", "leader", "premier",
                                                    "king", "queen", "emir")]
        out.append(leaders[0] if leaders else None)
    spare = [r.holder for r in ctx.roles if r.of is None and r.holder not in out and
             r.title.lower().split()[-1] in ("president", "minister", "chancellor", "leader", "premier")]
    filled = []
    for state, pick in zip(states, out):
        filled.append(pick or (spare.pop(0) if spare else state))
    return _dedupe(filled)


def _group(ctx: Context, tok: Token) -> list[str]:
    """'the delegations of Cyprus, Greece and Israel', 'Brazilian officials'."""
    out = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                out.extend(_actors_at(ctx, obj, 3))
    if out and tok.lemma_.lower() in ("leader", "president", "head"):
        # 'the leaders of Egypt and Sudan': the persons the article names in those posts
        out = [_state_leader(ctx, a) or a if ctx.type_of(a) == "State" else a for a in out]
        return _dedupe(out)
    if not out:
        states = [demonym_state(ctx.index, c) for c in tok.lefts]
        states += [demonym_state(ctx.index, c) for a in tok.lefts for c in a.conjuncts]
        states = _dedupe([s for s in states if s])
        if tok.lower_.startswith("leader") or tok.lower_.startswith("president"):
            return _leaders_of(ctx, tok, states)
        out.extend(states)
    return [a for a in _dedupe(out) if ctx.type_of(a) in ("State", "Organization")]


_LEADER_TITLES = {"president", "prime minister", "chancellor", "premier", "king", "queen", "emir", "leader",
                  "head of state", "sultan"}


def _state_leader(ctx: Context, state: str) -> str | None:
    """The person the article names as the state's head of state or government, if any."""
    return next((r.holder for r in ctx.roles if r.of == state and r.title.lower() in _LEADER_TITLES
                 and not r.former), None)


def _definite(ctx: Context, tok: Token) -> list[str]:
    """'the embassy' -> the most recent organisation whose name ends with that word."""
    word = tok.lower_
    best = None
    for actor in ctx.index.actors.values():
        if actor.type != "Organization" or actor.name.lower().split()[-1] != word:
            continue
        last = max((m.i for m in actor.mentions if m.i < tok.i), default=-1)
        if last >= 0 and (best is None or last > best[0]):
            best = (last, actor.id)
    return [best[1]] if best else []


def _pronoun(ctx: Context, tok: Token) -> list[str]:
    word = tok.lower_
    if word in _PERSONAL:
        return _recent_person(ctx, tok)
    if word in _PLURAL or word == "two":
        return _recent_group(ctx, tok)
    if word in _FIRST:
        return _quoted_speaker(ctx, tok)
    return []


_MALE = {"he", "him", "his", "himself", "mr", "sir", "lord", "king", "prince", "emir", "sheikh", "sultan",
         "spokesman", "chairman", "congressman", "businessman"}
_FEMALE = {"she", "her", "hers", "herself", "mrs", "ms", "madam", "dame", "lady", "queen", "princess",
           "spokeswoman", "chairwoman", "congresswoman", "businesswoman"}


def _gender(ctx: Context, aid: str) -> str | None:
    """'m' or 'f' when the article marks the person ('Mr', 'Queen', 'spokeswoman'), else None."""
    cues = {w for r in ctx.roles if r.holder == aid for w in r.title.lower().split()}
    doc = ctx.doc
    cues |= {doc[m.i - 1].lower_.rstrip(".") for m in ctx.index.actors[aid].mentions if m.i > 0}
    cues |= _possessive_cues(ctx).get(aid, set())
    male, female = bool(cues & _MALE), bool(cues & _FEMALE)
    return "m" if male and not female else "f" if female and not male else None


def _possessive_cues(ctx: Context) -> dict[str, set[str]]:
    """'Merkel received Modi at her guest house': a his/her in a clause marks the gender of the clause's
    named subject (the possessive's usual referent)."""
    if getattr(ctx, "_poss", None) is None:
        ctx._poss = {}
        for tok in ctx.doc:
            if tok.dep_ != "poss" or tok.lower_ not in ("his", "her"):
                continue
            verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            actor = ctx.index.at(subj.i) if subj is not None and subj.i < tok.i else None
            if actor is not None and actor.type == "Person":
                ctx._poss.setdefault(actor.id, set()).add(tok.lower_)
    return ctx._poss


def _agrees(ctx: Context, aid: str, pronoun: Token) -> bool:
    gender = _gender(ctx, aid)
    want = "m" if pronoun.lower_ in _MALE else "f" if pronoun.lower_ in _FEMALE else None
    return gender is None or want is None or gender == want


def _object_here(ctx: Context, k: int, pronoun: Token) -> bool:
    """'X told Y she ...': an object of the pronoun's own sentence is not who the pronoun is."""
    return pronoun.dep_ in _SUBJ and ctx.doc[k].sent == pronoun.sent and \
        ctx.doc[k].dep_ in ("dobj", "dative", "pobj") and not ctx.doc[k].head.lower_ == "by"


def _recent_person(ctx: Context, tok: Token) -> list[str]:
    """The latest person named as a subject in this or the two sentences before; else the latest person.
    A person the article marks with the other gender, or the object of the pronoun's sentence, is passed
    over; for 'she', a subject the article marks as a woman comes before unmarked ones."""
    sent_start = _sent_index(ctx.doc, tok, back=2)
    subjects, any_ = [], None
    for k in range(tok.i - 1, sent_start - 1, -1):
        actor = ctx.index.at(k)
        if actor is None or actor.type != "Person" or not _agrees(ctx, actor.id, tok) or _object_here(ctx, k, tok):
            continue
        any_ = any_ or actor.id
        if ctx.doc[k].dep_ in _SUBJ or ctx.doc[k].head.dep_ in _SUBJ:
            subjects.append(actor.id)
    marked = [a for a in subjects if tok.lower_ in _FEMALE and _gender(ctx, a) == "f"]
    best = (marked or subjects or [any_])[0]
    return [best] if best else []


def _sent_index(doc: Doc, tok: Token, back: int) -> int:
    sents = list(doc.sents) if not hasattr(doc, "_kg_sents") else doc._kg_sents
    pos = next(n for n, s in enumerate(sents) if s.start <= tok.i < s.end)
    return sents[max(0, pos - back)].start


def _recent_group(ctx: Context, tok: Token) -> list[str]:
    """'they' and 'the two': the participants of the latest event with several, else the last two persons."""
    for event in reversed(ctx.events):
        if len(event.participants) > 1 and event.trigger.i < tok.i:
            if tok.i - event.trigger.i < 120:
                return list(event.participants)
    seen: list[str] = []
    for k in range(tok.i - 1, _sent_index(ctx.doc, tok, back=1) - 1, -1):
        actor = ctx.index.at(k)
        if actor is not None and actor.type == "Person" and actor.id not in seen:
            seen.append(actor.id)
        if len(seen) == 2:
            return seen
    return []


def _quoted_speaker(ctx: Context, tok: Token) -> list[str]:
    """'I' in a quotation is its speaker: the latest statement's speaker nearby."""
    for event in reversed(ctx.events):
        if event.type == "statement" and 0 < tok.i - event.trigger.i < 150:
            return event.participants[:1]
    return []


def _subjects(ctx: Context, verb: Token, hops: int = 0) -> list[str]:
    """The verb's subjects; for a verb without one, its controller's (xcomp, conj, advcl, relcl)."""
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return _actors_at(ctx, child)
    passive_conj = verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ == "agent" and not passive_conj:  # 'met X and was received by Y': Y is no subject
            return [a for c in child.children for a in _actors_at(ctx, c)]
    if _infinitive_of_object(verb) and hops < 3:  # 'X had no plans to meet Y': X would meet
        return _subjects(ctx, verb.head.head, hops + 1)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _actors_at(ctx, verb.head)
    participle = verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("dep", "parataxis")  # '..., X — meeting Y'
    if hops < 3 and (verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") or participle) \
            and verb.head.i != verb.i:
        head = verb.head
        if head.pos_ not in ("VERB", "AUX"):
            head = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if head is not None:
            return _subjects(ctx, head, hops + 1)
    return []


def _infinitive_of_object(verb: Token) -> bool:
    """'plans to meet' as the object of 'had': a to-infinitive on a common noun that some verb governs."""
    noun = verb.head
    return verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX")


def _objects(ctx: Context, tok: Token, preps=_OBJ_PREPS) -> list[list[str]]:
    """Object groups: the direct object, then each with/to/between phrase separately."""
    groups: list[list[str]] = []
    for child in tok.children:
        if child.dep_ in ("dobj", "dative") or (child.dep_ == "prep" and child.lower_ in preps):
            objs = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            ids = [a for o in objs for a in _actors_at(ctx, o)]
            if ids:
                groups.append(_dedupe(ids))
    return groups


# ---------------------------------------------------------------- triggers

def _verb_type(ctx: Context, verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    words = {t.lower_ for t in verb.subtree if t.i > verb.i and t.i - verb.i < 6}
    if lemma in CALL_VERBS:
        return "call"
    if lemma in ("speak", "talk", "confer") and words & PHONE_WORDS:
        return "call"
    if lemma in MEET_VERBS or _brings_together(verb) or _called_on(ctx, verb) or _take_part(verb):
        return "meeting"
    if lemma in ("speak", "talk"):
        return "contact" if _objects(ctx, verb) or _plural_subject(ctx, verb) else "statement"
    if lemma == "write" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return "correspondence"
    if lemma in CONTACT_VERBS and lemma not in ("call", "discuss"):
        return "contact" if _objects(ctx, verb, {"with", "to"}) else (
            "statement" if lemma in STATEMENT_VERBS else None)
    if lemma in STATEMENT_VERBS:
        return "statement"
    if lemma in AGREEMENT_VERBS:
        return "agreement"
    return None


def _called_on(ctx: Context, verb: Token) -> bool:
    """'X called on President Y' is a visit in person; 'called on Y to act' is a demand."""
    if verb.lemma_.lower() != "call" or any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "on" and
               any(ctx.index.at(o.i) is not None and ctx.type_of(ctx.index.at(o.i).id) == "Person"
                   for o in c.children if o.dep_ == "pobj") for c in verb.children)


def _take_part(verb: Token) -> bool:
    """'X and Y will take part in a forum', 'X and Y participated in the summit': together there."""
    lemma = verb.lemma_.lower()
    into = any(c.dep_ == "prep" and c.lower_ == "in" for c in verb.children)
    if lemma == "participate":
        return into
    return lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children) and into


def _brings_together(verb: Token) -> bool:
    """'The summit brought together X, Y and Z': a meeting of the objects."""
    return verb.lemma_.lower() == "bring" and any(c.lower_ == "together" for c in verb.children)


def _added_actors(ctx: Context, verb: Token) -> list[str]:
    """'..., in addition to the three leaders', 'along with Z': more parties of the same event."""
    out = []
    for tok in verb.subtree:
        if tok.dep_ == "prep" and ((tok.lower_ == "to" and tok.head.lower_ == "addition") or
                                   (tok.lower_ == "with" and tok.head.lower_ in ("along", "together"))):
            out.extend(a for c in tok.children if c.dep_ == "pobj" for a in _actors_at(ctx, c))
    return out


def _agents(ctx: Context, verb: Token) -> list[str]:
    """'X was received by Y': Y, the by-phrase of a passive with a subject of its own."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return []
    return [a for c in verb.children if c.dep_ == "agent" for p in c.children for a in _actors_at(ctx, p)]


def _plural_subject(ctx: Context, verb: Token) -> bool:
    return len(_subjects(ctx, verb)) > 1


def _verb_trigger(ctx: Context, verb: Token) -> None:
    etype = _verb_type(ctx, verb)
    if etype is None:
        return
    subjects = _subjects(ctx, verb)
    if etype == "statement":
        if verb.lemma_ == "tell" or subjects:
            _statement(ctx, verb, subjects)
        return
    if etype == "meeting" and _brings_together(verb):
        _add(ctx, etype, subjects + [a for g in _objects(ctx, verb) for a in g] + _added_actors(ctx, verb),
             verb, verb)
        return
    if etype == "meeting":
        subjects = _dedupe(subjects + _where_clause_persons(ctx, verb))
    groups = _objects(ctx, verb, {"with", "to", "between"} if etype != "meeting" or verb.lemma_ != "visit"
                      else set())
    if _called_on(ctx, verb):
        groups = _objects(ctx, verb, {"on"})
    if _agents(ctx, verb):
        groups.append(_agents(ctx, verb))
    if etype == "meeting" and verb.lemma_ in ("visit", "receive", "welcome", "host"):
        groups = [g for g in _objects(ctx, verb) + [_agents(ctx, verb)]
                  if any(ctx.type_of(a) == "Person" for a in g)] + _hosted_groups(ctx, verb)
        if not groups:
            _visit(ctx, verb, subjects)
            return
    if etype == "agreement":
        _add(ctx, "agreement", subjects + [a for g in groups for a in g], verb, verb)
        return
    if not groups:
        if len(subjects) > 1 or (etype == "meeting" and subjects):
            _add(ctx, etype, subjects, verb, verb)
        return
    for group in groups:
        _add(ctx, etype, subjects + group, verb, verb)


def _hosted_groups(ctx: Context, verb: Token) -> list[list[str]]:
    """'Merkel will host leaders of the Group of 20': the organisation whose leaders come."""
    if verb.lemma_.lower() not in ("host", "receive", "welcome"):
        return []
    return [[a for a in _actors_at(ctx, c) if ctx.type_of(a) == "Organization"] for c in verb.children
            if c.dep_ == "dobj" and c.lemma_.lower() in GROUP_NOUNS and c.tag_ == "NNS"]


def _where_clauses(verb: Token) -> list[Token]:
    """'met ... for an AU summit where X signed': the clauses saying what happened at the meeting."""
    return [clause for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("for", "at", "in")
            for noun in prep.children for clause in noun.children
            if clause.dep_ == "relcl" and any(t.lower_ == "where" for t in clause.subtree if t.i < clause.i)]


def _where_clause_persons(ctx: Context, verb: Token) -> list[str]:
    """Those named acting at the meeting ('where Presidents Buhari and Talon signed') attended it."""
    return [a for clause in _where_clauses(verb) for a in _subjects(ctx, clause) if ctx.type_of(a) == "Person"]


def _statement(ctx: Context, verb: Token, subjects: list[str]) -> None:
    speakers = [s for s in subjects if ctx.type_of(s) != "Place"]
    if speakers:
        _add(ctx, "statement", speakers[:1] if ctx.type_of(speakers[0]) == "Person" else speakers, verb, verb)


def _visit(ctx: Context, verb: Token, subjects: list[str]) -> None:
    dests = [a for g in _objects(ctx, verb) for a in g if ctx.type_of(a) in ("State", "Place")]
    if subjects and dests:
        _add(ctx, "visit", subjects + dests, verb, verb)


def _noun_trigger(ctx: Context, noun: Token) -> None:
    lemma = noun.lower_ if noun.lower_ == "talks" else noun.lemma_.lower()
    etype = EVENT_NOUNS.get(lemma)
    if etype is None or _part_of_verb_event(noun):
        return
    if lemma == "call" and (noun.tag_ == "NNS" or any(c.lower_ == "for" for c in noun.children)):
        return  # "called for", "the calls by officials asking ...": demands, not phone calls
    if etype in ("meeting", "contact") and any(t.lower_ in PHONE_WORDS for t in noun.lefts):
        etype = "call"
    participants = _noun_participants(ctx, noun)
    holders = _holder_subjects(ctx, noun)
    if _separate_events(noun) and holders and len(participants) > len(holders) + 1:
        for other in (a for a in participants if a not in holders):
            _add(ctx, etype, holders + [other], noun, _clause_head(noun))
        return
    if lemma == "visit" and not any(ctx.type_of(a) == "Person" for a in participants[1:]):
        return
    if len(participants) > 1 or (etype in ("meeting",) and participants and
                                 ctx.type_of(participants[0]) == "Organization"):
        _add(ctx, etype, participants, noun, _clause_head(noun))


def _separate_events(noun: Token) -> bool:
    """'held bilateral meetings with X, Y and Z', 'separate talks with': one event per party."""
    return noun.tag_ == "NNS" and noun.lemma_.lower() != "talk" and \
        any(c.lower_ in ("bilateral", "separate", "individual") for c in noun.lefts) or \
        noun.lower_ == "talks" and any(c.lower_ == "separate" for c in noun.lefts)


def _part_of_verb_event(noun: Token) -> bool:
    """'met ... for an AU summit' is the meeting the verb states, not a second one."""
    head = noun.head
    if noun.dep_ == "pobj":
        head = head.head
    return head.pos_ == "VERB" and head.lemma_.lower() in MEET_VERBS


def _noun_participants(ctx: Context, noun: Token) -> list[str]:
    out: list[str] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "nmod", "amod") and ctx.index.at(child.i) is not None:
            out.extend(a for a in _actors_at(ctx, child) if ctx.type_of(a) in ("Person", "State")
                       or child.dep_ == "poss")
        if child.dep_ == "acl":
            out.extend(_subjects(ctx, child) if any(c.dep_ == "agent" for c in child.children) else [])
            out.extend(a for g in _objects(ctx, child, {"to", "with"}) for a in g)
    preps = list(noun.children)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _HOLD_VERBS:
        preps += [c for c in noun.head.children if c.lower_ == "with"]
    kinds = set()
    for child in preps:
        if child.dep_ == "prep" and child.lower_ in ("with", "between", "among", "of"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            found = [a for o in objs for a in _actors_at(ctx, o)]
            if child.lower_ == "of" and not all(ctx.type_of(a) in ("State", "Person") for a in found):
                continue
            if child.lower_ == "between" and len(found) == 1:
                found += _stray_conjunct(ctx, child)
            if found:
                kinds.add(child.lower_)
            out.extend(found)
    holder = _holder_subjects(ctx, noun) if "between" not in kinds and "of" not in kinds else []
    return _dedupe(holder + out)


def _stray_conjunct(ctx: Context, prep: Token) -> list[str]:
    """'a meeting between Giuliani, claiming ..., and Andriy Yermak': the parser attaches the second
    party elsewhere; take the next 'and NAME' of the sentence."""
    sent = prep.sent
    for tok in ctx.doc[prep.right_edge.i + 1:sent.end]:
        if tok.dep_ == "conj" and ctx.index.at(tok.i) is not None and \
                any(t.lower_ == "and" for t in ctx.doc[max(sent.start, tok.left_edge.i - 2):tok.left_edge.i]):
            return [ctx.index.at(tok.i).id]
    return []


def _holder_subjects(ctx: Context, noun: Token) -> list[str]:
    """'X had lunch with', 'X attended a summit with', 'During a news conference with M, X said'."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr") and (head.lemma_.lower() in _HOLD_VERBS or
                                          any(c.lower_ == "with" for c in noun.children)):
        return _subjects(ctx, head)
    if noun.dep_ == "pobj" and head.lower_ in ("during", "at", "after", "in", "before") \
            and head.head.pos_ in ("VERB", "AUX"):
        return _subjects(ctx, head.head)
    if noun.dep_ == "pobj" and head.lower_ in ("to", "for", "on") and head.head.lemma_.lower() in _HOLD_VERBS:
        return _subjects(ctx, head.head)
    return []


def _clause_head(tok: Token) -> Token:
    for anc in [tok] + list(tok.ancestors):
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return tok


# ---------------------------------------------------------------- attendance

def _attendance(ctx: Context, tok: Token) -> None:
    """Attendees added to a meeting already mentioned: 'present', 'joined the talks', 'attended by'."""
    lemma = tok.lemma_.lower()
    if lemma == "present" and tok.dep_ in ("acomp", "ROOT", "advcl", "amod", "attr"):
        persons = [a for a in _sentence_actors(ctx, tok.sent, outside_brackets=True)
                   if ctx.type_of(a) == "Person"]
        _join_latest(ctx, persons, tok)
    elif lemma in _JOIN_VERBS and tok.pos_ == "VERB":
        target = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if target and target[0].lemma_.lower() in ("meeting", "talk", "talks", "summit", "conference",
                                                      "session", "dinner", "lunch", "gathering"):
            attendees = _subjects(ctx, tok) if target[0].dep_ == "dobj" else \
                [a for c in tok.children if c.dep_ == "agent" for p in c.children for a in _actors_at(ctx, p)]
            if any(c.dep_ not in ("det", "punct") for c in target[0].children):
                return
            _join_latest(ctx, attendees, tok)
    elif tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during") and \
            tok.lemma_.lower() in ("summit", "meeting", "dinner", "lunch", "opening", "talks"):
        verb = tok.head.head
        if verb.pos_ in ("VERB", "AUX") and any(c.lower_ == "the" for c in tok.lefts) and \
                not any(c.lower_ in PLANNED_ADJ for c in tok.lefts) and _status(verb, verb) == "occurred":
            _join_latest(ctx, [a for a in _subjects(ctx, verb) if ctx.type_of(a) == "Person"], tok)


def _sentence_actors(ctx: Context, sent: Span, outside_brackets: bool = False) -> list[str]:
    out, depth = [], 0
    for tok in sent:
        depth += (tok.text == "(") - (tok.text == ")")
        if ctx.index.by_token[tok.i] and not (outside_brackets and depth > 0):
            out.append(ctx.index.by_token[tok.i])
    return _dedupe(out)


def _join_latest(ctx: Context, attendees: list[str], tok: Token) -> None:
    if not attendees:
        return
    for event in reversed(ctx.events):
        if event.type == "meeting" and event.trigger.i < tok.i and tok.i - event.trigger.i < 400:
            persons = [a for a in attendees if ctx.type_of(a) == "Person"]
            if persons:
                event.participants = [p for p in event.participants if ctx.type_of(p) == "Person"]
            event.participants = _dedupe(event.participants + attendees)
            return


# ---------------------------------------------------------------- status, date, place, evidence

def _add(ctx: Context, etype: str, participants: list[str], trigger: Token, clause: Token) -> None:
    participants = _dedupe([p for p in participants if p])
    if not participants or (etype in CONTACT_TYPES and len(participants) < 2
                            and ctx.type_of(participants[0]) != "Organization"):
        return
    if etype in CONTACT_TYPES and all(ctx.type_of(p) == "Place" for p in participants[1:]):
        return
    event = Event(etype, participants, trigger, lemma=trigger.lemma_.lower())
    event.status = _status(trigger, clause)
    event.date = _date(ctx, trigger, clause)
    for where in _where_clauses(trigger) if event.date is None and trigger.pos_ == "VERB" else []:
        event.date = event.date or _date(ctx, where, where)
    event.place = _place(ctx, trigger, clause, participants)
    event.span = _evidence(ctx, trigger, clause)
    event.confidence = 0.8 if trigger.pos_ in ("VERB", "AUX") else 0.6
    ctx.events.append(event)


def _status(trigger: Token, clause: Token) -> str:
    chain = [trigger] + list(trigger.ancestors)[:4]
    sent = trigger.sent
    if any(t.dep_ == "neg" for c in chain[:2] for t in c.children) or \
            any(t.dep_ == "det" and t.lower_ == "no" for c in chain[:2] for t in c.children) or \
            any(c.lemma_.lower() in NEGATION_HEADS for c in chain[1:]):
        return "negated"
    if trigger.pos_ != "VERB" and any(t.lemma_.lower() in ("cancel", "postpone", "scrap") or
                                       t.lower_ in NEGATED_ADJ for t in sent if t.i > trigger.i):
        return "negated"
    if _planned(trigger, chain, sent):
        return "planned"
    return "occurred"


def _planned(trigger: Token, chain: list[Token], sent: Span) -> bool:
    for c in chain[:3]:
        if any(t.dep_ == "aux" and t.lower_ in FUTURE_AUX | {"'ll", "’ll"} for t in c.children):
            return True
        if c.dep_ == "xcomp" and c.head.lemma_ == "be" and any(t.lower_ == "to" for t in c.children):
            return True  # 'he is to attend'
        if c is not trigger and c.lemma_.lower() in PLAN_HEADS and trigger.dep_ in ("xcomp", "dobj", "pobj") \
                and c.i == trigger.head.i:
            return True
    clause = trigger.head if trigger.dep_ == "conj" and trigger.head.dep_ == "advcl" else trigger
    # 'would become clear after X had briefed Y, and after Z had spoken': each after-clause is ahead
    if clause.dep_ == "advcl" and any(t.lower_ in ("after", "once", "until", "if", "when")
                                        for t in trigger.children):
        head = clause.head
        if any(t.dep_ == "aux" and t.lower_ in FUTURE_AUX for t in head.children):
            return True
    if trigger.pos_ != "VERB":
        if any(t.lower_ in PLANNED_ADJ for t in trigger.lefts):
            return True
        if trigger.head.lemma_.lower() in PLAN_HEADS or "yet to" in sent.text:
            return True
    return False


def _date_governors(doc: Doc) -> list[tuple[int, Span]]:
    """Each time expression with the token index of the verb (or event noun) that governs it."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        gov = ent.root.head
        while gov.pos_ not in ("VERB", "AUX") and gov.lemma_.lower() not in EVENT_NOUNS and gov.head.i != gov.i:
            gov = gov.head
        out.append((gov.i, ent))
    return out


def _date(ctx: Context, trigger: Token, clause: Token, hops: int = 0) -> str | None:
    if ctx.anchor is None:
        return None
    govs = {trigger.i, clause.i} | _subject_clauses(trigger)
    candidates = [ent for gov, ent in ctx.dates if gov in govs and _is_point(ent)]
    if trigger.pos_ != "VERB":
        inside = range(trigger.left_edge.i, trigger.right_edge.i + 1)
        candidates = [ent for _, ent in ctx.dates if ent.root.i in inside and _is_point(ent)] or candidates
    if not candidates and clause.dep_ in ("xcomp", "conj", "advcl") and trigger.pos_ != "VERB":
        candidates = [ent for gov, ent in ctx.dates if gov == clause.head.i and _is_point(ent)]
    candidates.sort(key=lambda e: abs(e.start - trigger.i))
    for ent in candidates:
        value = resolve(_with_modifier(ent), ctx.anchor, trigger.sent.text)
        if value:
            return value
    host = _participle_host(clause if clause.pos_ in ("VERB", "AUX") else trigger)
    # 'arrived in Paris on Monday, meeting Macron (the same day)': the participle shares its host's time
    if host is not None and hops < 2:
        return _date(ctx, host, host, hops + 1)
    return None


def _subject_clauses(verb: Token) -> set[int]:
    """'The summit, which opened later in the day, brought together ...': the time of an event noun
    that is the subject is the time of what it says."""
    return {rel.i for subj in verb.children if subj.dep_ in _SUBJ and subj.lemma_.lower() in EVENT_NOUNS
            for rel in subj.children if rel.dep_ in ("relcl", "acl")}


def _is_point(ent: Span) -> bool:
    """A time expression that can date an event: 'three hours' is a duration, 'the same day' refers
    back; 'Monday morning' and 'last month' are points."""
    later_that_day = any(t.lower_ == "day" for t in ent) and not any(t.like_num for t in ent)
    if ent.label_ == "TIME" and not (later_that_day or any(t.lower_ in _DAY_WORDS for t in ent)):
        return False
    return not any(t.lower_ in ("same", "that") for t in ent)


def _participle_host(verb: Token) -> Token | None:
    """The verb a subjectless participle (-ing/-ed clause) hangs on, else None."""
    if verb.tag_ not in ("VBG", "VBN") or verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "acl"):
        return None
    if any(c.dep_ in _SUBJ for c in verb.children):
        return None
    head = verb.head if verb.dep_ != "pcomp" else verb.head.head
    return head if head.pos_ in ("VERB", "AUX") and head.i != verb.i else None


def _with_modifier(ent: Span) -> str:
    """'late last July': keep the 'last'/'next' the entity left outside."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in ("last", "next", "this"):
        return f"{prev.text} {ent.text}"
    return ent.text


def _place(ctx: Context, trigger: Token, clause: Token, participants: list[str]) -> str | None:
    for head in (trigger, clause):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for obj in prep.children:
                    actor = ctx.index.at(obj.i)
                    if actor is not None and actor.type == "Place" and actor.id not in participants:
                        return actor.id
    return None


def _evidence(ctx: Context, trigger: Token, clause: Token) -> tuple[int, int]:
    sent = trigger.sent
    lo, hi = trigger.i, trigger.i + 1
    for tok in (clause, trigger):
        for child in tok.children:
            if child.dep_ in _SUBJ or child.dep_ in ("dobj", "prep", "dative", "agent", "npadvmod") \
                    or child.dep_ in ("poss", "compound"):
                lo, hi = min(lo, child.left_edge.i), max(hi, child.right_edge.i + 1)
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    start, end = ctx.doc[lo].idx, ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1].text)
    if end - start > 300:
        start = max(start, ctx.doc[trigger.i].idx - 150)
        end = min(end, start + 300)
    return start, end


# ---------------------------------------------------------------- merging and output

def _carry_mode(ctx: Context, events: list[Event]) -> list[Event]:
    """A pair the article says spoke by phone, and never met, 'spoke' or 'talked' by phone elsewhere too:
    their plain contacts become calls."""
    modes: dict[frozenset, set[str]] = {}
    for event in events:
        if event.type in ("meeting", "call") and event.status != "negated":
            for pair in _pairs(ctx, event):
                modes.setdefault(pair, set()).add(event.type)
    for event in events:
        pairs = _pairs(ctx, event)
        if event.type == "contact" and pairs and all(modes.get(p) == {"call"} for p in pairs):
            event.type = "call"
    return events


def _pairs(ctx: Context, event: Event) -> list[frozenset]:
    persons = [a for a in event.participants if ctx.type_of(a) == "Person"]
    return [frozenset((a, b)) for n, a in enumerate(persons) for b in persons[n + 1:]]


def _merge(events: list[Event]) -> list[Event]:
    """One interaction per distinct event: same type, participants and status, compatible dates."""
    merged: list[Event] = []
    for event in events:
        same = next((m for m in merged if _same_event(m, event)), None)
        if same is None:
            merged.append(event)
        elif same.date is None and event.date:
            same.date = event.date
            same.place = same.place or event.place
    return merged


def _same_event(a: Event, b: Event) -> bool:
    if a.status != b.status or set(a.participants) != set(b.participants):
        return False
    if a.type != b.type and not (a.type in CONTACT_TYPES and b.type in CONTACT_TYPES):
        return False
    if a.type == "statement" and a.trigger.sent != b.trigger.sent:
        return a.date is not None and a.date == b.date
    return a.date is None or b.date is None or a.date == b.date


def _as_dict(ctx: Context, e: Event) -> dict:
    start, end = e.span
    return {"type": e.type, "participants": e.participants, "date": e.date, "place": e.place,
            "status": e.status, "evidence": ctx.index.text[start:end], "start": start, "end": end,
            "confidence": e.confidence}

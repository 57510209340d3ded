"""Roles: (person, title, of) from the patterns news prose uses to introduce people.

Patterns: a title before the name ("Israeli Foreign Minister Silvan Shalom", "Niger's president
Mahamadou Issoufou"), a title after it ("President Putin of Russia"), an apposition on either side
("Steve Witkoff, the US special envoy"; "the President of Brazil, Lula"), a relative or copular clause
("Witkoff, who is officially the President's West Asia envoy"; "was serving as Trump's lawyer"), a
portfolio in brackets after a list title ("ministers ...: Antonio Palocci (Economy)") and
"counterparts" ("his Greek and French counterparts, Dendias and Le Drian, respectively").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract import states
from kg.extract.actors import Actor, ActorIndex
from kg.extract.lexicon import FORMER, TITLE_HEADS, TITLE_MODIFIERS

_STOP_LEFT = {"the", "a", "an", ",", "and", "his", "her", "their", "its", "of", "to", "one"}


@dataclass
class Role:
    """A title a person holds, of a state or organisation (or of a person, when no state is clear)."""

    holder: str
    title: str
    of: str | None
    former: bool
    start: int
    end: int
    evidence: str

    def as_dict(self) -> dict:
        """The role in the facts layout."""
        return {"holder": self.holder, "title": self.title, "of": self.of, "former": self.former,
                "evidence": self.evidence, "start": self.start, "end": self.end}


def find_roles(doc: Doc, index: ActorIndex) -> list[Role]:
    """Every (holder, title, of) the document states, one per holder and title."""
    found: dict[tuple[str, str], Role] = {}
    for actor in index.actors.values():
        if actor.type != "Person":
            continue
        for mention in actor.mentions:
            head = doc[mention.i:mention.j].root
            for role in _roles_at(doc, index, actor, head, mention.i):
                found.setdefault((role.holder, role.title.lower()), role)
    for tok in doc:
        if tok.lemma_.lower() == "counterpart":
            for role in _counterparts(doc, index, tok, list(found.values())):
                found.setdefault((role.holder, role.title.lower()), role)
    roles = list(found.values())
    _inherit_of(roles, index, doc)
    _of_person_to_state(roles, index)
    return roles


def _roles_at(doc: Doc, index: ActorIndex, actor: Actor, head: Token, first: int) -> list[Role]:
    out = []
    if first >= 2 and doc[first - 1].text == ",":
        noun = doc[first - 2]
        noun = next((a for a in [noun] + list(noun.ancestors) if _is_title_head(a)), None)
        if noun is not None and adjacent_person(doc, index, noun) is actor:
            role = _role_from_np(doc, index, actor, noun)
            if role is not None:
                out.append(role)
    for finder in (_title_before, _appositive, _copular, _bracketed):
        role = finder(doc, index, actor, head, first)
        if role is not None:
            out.append(role)
    return out


def _make(doc: Doc, index: ActorIndex, holder: Actor, words: list[Token], of: str | None,
          span: tuple[int, int]) -> Role | None:
    former = any(t.lower_ in FORMER or t.lower_.startswith("then-") for t in words)
    words = [t for t in words if t.lower_ not in FORMER and not t.lower_.startswith("then-")]
    if not words:
        return None
    title = " ".join(t.text for t in words)
    if words[-1].lower_.endswith("s") and words[-1].lemma_.lower() in TITLE_HEADS \
            and words[-1].lower_ != words[-1].lemma_.lower():
        title = " ".join([t.text for t in words[:-1]] + [_singular(words[-1].text)])
    left, right = span
    start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
    if end - start > 300:
        return None
    return Role(holder.id, title, of, former, start, end, index.text[start:end])


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _is_title_head(tok: Token) -> bool:
    return tok.lemma_.lower() in TITLE_HEADS or tok.lower_ in TITLE_HEADS


def _title_words(doc: Doc, index: ActorIndex, head_i: int, lo: int) -> list[Token]:
    """The title ending at head_i: modifiers leftwards down to lo that are not actors."""
    k = head_i
    while k - 1 >= lo:
        tok = doc[k - 1]
        if index.by_token[tok.i] or tok.lower_ in _STOP_LEFT or tok.is_punct and tok.text != "-":
            break
        if tok.tag_ in ("POS", "PRP$", "DT") or tok.like_num:
            break
        if not (tok.is_lower or tok.lower_ in TITLE_MODIFIERS or _is_title_head(tok)
                or tok.lower_ in FORMER or tok.text[:1].isupper()):
            break
        k -= 1
    return list(doc[k:head_i + 1])


def _of_in(doc: Doc, index: ActorIndex, lo: int, hi: int, skip: str) -> str | None:
    """The state or organisation named in tokens [lo, hi), the last one before the title."""
    best = None
    for k in range(lo, hi):
        actor = index.at(k)
        if actor is not None and actor.id != skip and actor.type in ("State", "Organization", "Person"):
            best = actor.id if best is None or index.actors[best].type == "Person" else best
    return best


def _title_before(doc: Doc, index: ActorIndex, actor: Actor, head: Token, first: int) -> Role | None:
    """'Chinese Vice Foreign Minister Wu Daiwei', 'Niger's president Mahamadou Issoufou'."""
    lo = _np_left(doc, index, head, first)
    heads = [k for k in range(lo, first) if _is_title_head(doc[k]) and not index.by_token[k]]
    if not heads:
        return None
    words = _title_words(doc, index, heads[-1], lo)
    trail = list(doc[heads[-1] + 1:first])
    if trail and trail[0].lower_ in ("of", "for", "to") and not index.by_token[trail[-1].i]:
        words += trail
    of = _of_in(doc, index, lo, words[0].i, actor.id) or _after_of(doc, index, head, actor)
    if of is None and trail and trail[0].lower_ == "of":
        of = _of_in(doc, index, trail[0].i, first, actor.id)
    return _make(doc, index, actor, words, of, (lo, head.i + 1))


def _np_left(doc: Doc, index: ActorIndex, head: Token, first: int) -> int:
    """Where the noun phrase around a name starts (the leftmost token of its left dependents)."""
    lo = first
    for tok in head.lefts:
        if tok.dep_ in ("compound", "amod", "nmod", "poss", "det", "punct", "prep", "npadvmod", "appos"):
            lo = min(lo, tok.left_edge.i)
    for k in range(first - 1, lo - 1, -1):
        if doc[k].text in (",", ";", ":", "(", ")") or doc[k].pos_ == "VERB":
            return k + 1
    return lo


def _after_of(doc: Doc, index: ActorIndex, head: Token, actor: Actor) -> str | None:
    """'Putin of Russia', 'Talon of Benin': an of-phrase right after the name."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                hit = index.at(obj.i)
                if hit is not None and hit.type in ("State", "Organization"):
                    return hit.id
    return None


def _appositive(doc: Doc, index: ActorIndex, actor: Actor, head: Token, first: int) -> Role | None:
    """'Witkoff, the US special envoy' and 'the President of Brazil, Luiz Inácio Lula da Silva'."""
    for other in list(head.children) + ([head.head] if head.dep_ == "appos" else []):
        if other.i == head.i or index.by_token[other.i]:
            continue
        if other.dep_ != "appos" and head.dep_ != "appos":
            continue
        noun = _one_of(other)
        if _is_title_head(noun):
            return _role_from_np(doc, index, actor, noun)
    return None


def adjacent_person(doc: Doc, index: ActorIndex, noun: Token) -> Actor | None:
    """The person named right after a title phrase and a comma ('the President of Brazil, Lula'),
    which the parser often fails to attach as an apposition."""
    k = noun.right_edge.i + 1
    if k + 1 < len(doc) and doc[k].text == ",":
        actor = index.at(k + 1)
        if actor is not None and actor.type == "Person":
            return actor
    return None


def _one_of(tok: Token) -> Token:
    """'one of President Zelensky's aides' -> 'aides'."""
    if tok.lower_ == "one":
        for prep in tok.children:
            if prep.lower_ == "of":
                for obj in prep.children:
                    return obj
    return tok


def _role_from_np(doc: Doc, index: ActorIndex, actor: Actor, noun: Token) -> Role | None:
    lo = noun.left_edge.i
    words = _title_words(doc, index, noun.i, lo)
    of = _of_in(doc, index, lo, words[0].i, actor.id)
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "to"):
            target = _of_in(doc, index, prep.i, prep.right_edge.i + 1, actor.id)
            if prep.lower_ == "of" and target is not None:
                of = of or target
            elif prep.lower_ != "of" or target is None:
                words = words + list(doc[prep.i:prep.right_edge.i + 1])
    if len(words) > 8:
        return None
    return _make(doc, index, actor, words, of, (lo, noun.right_edge.i + 1))


def _copular(doc: Doc, index: ActorIndex, actor: Actor, head: Token, first: int) -> Role | None:
    """'Witkoff, who is officially the President's West Asia envoy'; 'X was serving as Y's lawyer'."""
    verb = None
    if head.dep_ in ("nsubj", "nsubjpass"):
        verb = head.head
    for child in head.children:
        if child.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in child.children):
            verb = child
    if verb is None or verb.lemma_ not in ("be", "serve", "remain", "become", "work"):
        return None
    for child in verb.children:
        noun = child
        if child.dep_ == "prep" and child.lower_ == "as":
            noun = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ not in ("attr",):
            continue
        noun = _one_of(noun)
        if _is_title_head(noun) and not index.by_token[noun.i]:
            return _role_from_np(doc, index, actor, noun)
    return None


def _bracketed(doc: Doc, index: ActorIndex, actor: Actor, head: Token, first: int) -> Role | None:
    """'Antonio Palocci (Economy)' after 'ministers ...:'; 'Roger Agnelli (company president)'."""
    k = head.i + 1
    if k >= len(doc) or doc[k].text != "(":
        return None
    close = next((t.i for t in doc[k:k + 12] if t.text == ")"), None)
    if close is None:
        return None
    inner = doc[k + 1:close]
    heads = [t for t in inner if _is_title_head(t) and not index.by_token[t.i]]
    if heads:
        of = _of_in(doc, index, k + 1, close, actor.id)
        return _make(doc, index, actor, [heads[-1]], of, (first, close + 1))
    listed = _list_title(doc, index, head)
    if listed is None or not all(t.text[:1].isupper() or t.is_lower for t in inner):
        return None
    noun, of = listed
    title = f"{_singular(noun.text)} ({inner.text})"
    start, end = doc[first].idx, doc[close].idx + 1
    return Role(actor.id, title, of, False, start, end, index.text[start:end])


def _list_title(doc: Doc, index: ActorIndex, head: Token) -> tuple[Token, str | None] | None:
    """A plural title noun before a colon that introduces the list the name stands in."""
    sent = head.sent
    colon = next((t for t in sent if t.text == ":" and t.i < head.i), None)
    if colon is None:
        return None
    for tok in doc[sent.start:colon.i]:
        if tok.tag_ == "NNS" and _is_title_head(tok):
            of = next((index.at(t.i).id for t in tok.lefts if index.at(t.i) is not None
                       and index.at(t.i).type == "State"), None)
            return tok, of
    return None


def _counterparts(doc: Doc, index: ActorIndex, tok: Token, known: list[Role]) -> list[Role]:
    """'Shoukry and his Greek, Cypriot and French counterparts, Dendias, Christodoulides and Le Drian':
    each named person holds the owner's title, of the state of the demonym in the same position."""
    owner = index.at(tok.head.i) if tok.dep_ in ("conj", "pobj") else None
    if owner is None:
        owner = next((index.at(k) for k in range(tok.i - 1, tok.sent.start - 1, -1)
                      if index.at(k) is not None and index.at(k).type == "Person"), None)
    titles = [r for r in known if owner is not None and r.holder == owner.id]
    if not titles:
        return []
    demonyms = []
    for child in tok.lefts:
        for t in [child] + list(child.conjuncts):
            state = demonym_state(index, t)
            if state and state not in demonyms:
                demonyms.append(state)
    demonyms.sort(key=lambda sid: min(m.i for m in index.actors[sid].mentions if m.i < tok.i) if any(
        m.i < tok.i for m in index.actors[sid].mentions) else tok.i)
    names = []
    for k in range(tok.i + 1, tok.sent.end):
        actor = index.at(k)
        if actor is not None and actor.type == "Person" and actor.id not in names and actor.id != owner.id:
            names.append(actor.id)
    out = []
    for n, holder in enumerate(names[:max(1, len(demonyms))]):
        of = demonyms[n] if n < len(demonyms) else None
        out.append(Role(holder, titles[0].title, of, False, titles[0].start, titles[0].end,
                        titles[0].evidence))
    return out


def _inherit_of(roles: list[Role], index: ActorIndex, doc: Doc) -> None:
    """'Israeli prime minister Netanyahu and energy minister Steinitz': Steinitz's role is Israeli too;
    'Presidents Buhari of Nigeria and Talon of Benin': Talon is a President too."""
    by_holder: dict[str, list[Role]] = {}
    for role in roles:
        by_holder.setdefault(role.holder, []).append(role)
    for actor in index.actors.values():
        if actor.type != "Person":
            continue
        for m in actor.mentions:
            head = doc[m.i:m.j].root
            if head.dep_ == "conj" and index.at(head.head.i) is not None:
                _copy_from(roles, by_holder, index.at(head.head.i), actor, head, index)


def _copy_from(roles, by_holder, source: Actor, target: Actor, head: Token, index: ActorIndex) -> None:
    src = by_holder.get(source.id, [])
    mine = by_holder.get(target.id, [])
    for role in mine:
        if role.of is None and src and src[0].of and index.actors[src[0].of].type == "State":
            role.of = src[0].of
    if not mine and src and src[0].evidence.split()[0].endswith("s") and src[0].title.lower() in \
            src[0].evidence.lower():
        of = _after_of(head.doc, index, head, target)
        new = Role(target.id, src[0].title, of, False, src[0].start, src[0].end, src[0].evidence)
        roles.append(new)
        by_holder.setdefault(target.id, []).append(new)


def _of_person_to_state(roles: list[Role], index: ActorIndex) -> None:
    """'Trump's national security adviser' is of Trump's state when the text gives Trump one."""
    state_of = {}
    for role in roles:
        actor = index.get(role.of)
        if actor is not None and actor.type == "State":
            state_of.setdefault(role.holder, role.of)
    for role in roles:
        actor = index.get(role.of)
        if actor is not None and actor.type == "Person" and role.of in state_of:
            role.of = state_of[role.of]


def holders_of(roles: list[Role], title_word: str, state: str | None = None) -> list[str]:
    """Ids of persons whose title ends with title_word (optionally of a given state), in role order."""
    out = []
    for role in roles:
        last = role.title.lower().split()[-1] if role.title else ""
        if last in (title_word, _singular(title_word)) and (state is None or role.of == state):
            if role.holder not in out:
                out.append(role.holder)
    return out


def demonym_state(index: ActorIndex, tok: Token) -> str | None:
    """The state actor a demonym token refers to, when that state is in the document."""
    actor = index.at(tok.i)
    if actor is not None and actor.type == "State":
        return actor.id
    state = states.demonym(tok.text)
    if state is None:
        return None
    return next((a.id for a in index.actors.values() if a.iso == state.iso), None)

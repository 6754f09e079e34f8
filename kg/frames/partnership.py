"""Frames of partnership: deals, alliances, partners, suppliers and joint work."""
from __future__ import annotations

from spacy.tokens import Token

from ..sentence import Sentence
from ..mentions import Ment
from . import both_ways, frame, pairs
from .shared import described, distributed, has_prep, implied_owner, listed_with_owner, nested_with, subject_and_other


@frame("partner_noun")
def partner_noun(s: Sentence, tok: Token, trig):
    """"X a signé un accord avec Y", "le partenariat entre X et Y", "l'alliance X-Y"."""
    lex = s.lex
    listed, owners = listed_with_owner(s, tok)      # "X's partnerships include A and B"
    if listed:
        return pairs(owners, listed)
    with_ = s.role_mentions(tok, {"obl"}, lex.preps["with"]) + nested_with(s, tok)
    for c in tok.children:      # "a partnership to develop the field with Y"
        if s.role(c) in ("acl", "xcomp") and c.i > tok.i:
            with_ += s.role_mentions(c, {"obl"}, lex.preps["with"])
    between = s.role_mentions(tok, {"obl"}, lex.preps["between"])
    for c in tok.children:      # "les alliances tissées entre X et Y", "a deal signed between X and Y"
        if not between and s.role(c) in ("acl", "amod") and c.i > tok.i:
            between = s.role_mentions(c, {"obl"}, lex.preps["between"])
    own = s.role_mentions(tok, {"poss", "compound"})
    own += s.role_mentions(tok, {"obl"}, lex.preps["of"]) if with_ else []
    verb = s.governor(tok)
    if verb.i != tok.i:
        with_ += s.role_mentions(verb, {"obl"}, lex.preps["with"])
    out = both_ways(between) + _owners_of_joint_venture(s, tok)
    own = [m for m in own if m not in with_]
    side_a = own or _actors(s, verb, tok) or described(s, tok)
    side_a = [m for m in side_a if m not in with_]
    if with_:
        out += pairs(side_a, with_) + pairs(with_, distributed(s, tok))
    elif len(own) >= 2:
        out += both_ways(own)                   # "the Fiat-GM alliance"
    elif len(side_a) >= 2 and not has_prep(s, tok, lex.preps["with"]) and not has_prep(s, verb, lex.preps["with"]):
        out += both_ways(side_a)                # "X et Y ont signé un accord"
    elif side_a:
        out += _deal_for(s, tok, verb, side_a, found=bool(out))
    return out


def _actors(s: Sentence, verb: Token, tok: Token) -> list[Ment]:
    """Who does what the clause of the deal says: its subject, or the agent of a passive verb
    ("développé par X en partenariat avec Y": X, not what was developed)."""
    if verb.i == tok.i:
        return []
    if s.is_passive(verb):
        agents = s.role_mentions(verb, {"agent", "obl"}, s.lex.preps["agent"])
        if agents:
            return agents
    return s.subjects(verb)


def _owners_of_joint_venture(s: Sentence, tok: Token) -> list[tuple[Ment, Ment]]:
    """"une coentreprise que les deux groupes détiendront": its owners are partners."""
    out = []
    for c in [*tok.children, *(tok.head.children if s.role(tok) in ("nmod", "poss") else ())]:
        if s.role(c) == "relcl" and c.i > tok.i:
            owners = s.subjects(c)
            if len(owners) >= 2:
                out += both_ways(owners)
    return out


def _deal_for(s: Sentence, tok: Token, verb: Token, side_a: list[Ment], found: bool) -> list[tuple[Ment, Ment]]:
    """"X has struck a deal to supply Y" (the object of the verb the deal is for); "X invested
    in Y as part of a partnership" (the object of the clause the deal qualifies)."""
    lex = s.lex
    out = []
    for c in tok.children:
        if s.role(c) in ("acl", "xcomp", "relcl") and c.lower_ in lex.supply_verbs | lex.give_verbs:
            out += pairs(side_a, s.role_mentions(c, {"obj", "iobj"}))
    if not (out or found) and verb.i != tok.i and s.role(tok) not in ("subj", "subjpass"):
        objects = s.role_mentions(verb, {"obj", "iobj", "obl"}, lex.preps["into"])
        out += pairs(side_a, [m for m in objects if m not in side_a])
    return out


@frame("partner_role")
def partner_role(s: Sentence, tok: Token, trig):
    """"X, partenaire de Y", "Y's partner X", "X et Y sont partenaires": a role, not a deal."""
    listed, owners = listed_with_owner(s, tok)      # "X's partners include A and B"
    if listed:
        return pairs(listed, owners)
    named = described(s, tok)
    of = [m for m in s.role_mentions(tok, {"poss", "obl"}, s.lex.preps["of"] | s.lex.preps["dative"])
          if m not in named]
    if of:
        return pairs(named, of)
    if len(named) >= 2 and tok.lower_.endswith(s.lex.plural_endings):
        return both_ways(named)
    named = [m for m in named if m.type != "PER"]       # "Y, a partner at Z" is a job
    if named and s.role(tok) not in ("subj", "attr", "root"):
        return pairs(named, implied_owner(s, tok, named))    # "X a signé avec son partenaire Y"
    return []


@frame("sponsor_role")
def sponsor_role(s: Sentence, tok: Token, trig):
    """"X, sponsor de Y", "Y's sponsors include A and B": a sponsor partners what it sponsors,
    never the other sponsors."""
    listed, owners = listed_with_owner(s, tok)
    if listed:
        return pairs(listed, owners)
    named = described(s, tok)
    return pairs(named, [m for m in s.role_mentions(tok, {"poss", "obl"}, s.lex.preps["of"] | s.lex.preps["dative"])
                         if m not in named])


@frame("supplier_role")
def supplier_role(s: Sentence, tok: Token, trig):
    """"X, fournisseur de Y", "X is a key supplier to Y": a supply relationship (weaker)."""
    named = described(s, tok)
    served = s.role_mentions(tok, {"poss", "obl"}, s.lex.preps["of"] | s.lex.preps["into"])
    return pairs([m for m in named if m not in served], served)


@frame("joint_adverb")
def joint_adverb(s: Sentence, tok: Token, trig):
    """"X et Y ont développé conjointement", "X and Y jointly developed", "developed jointly by
    X and Y": a collaboration (pattern: the adverb on a verb)."""
    for match in s.matches(tok, "joint_adverb"):
        verb = match["verb"]
        if s.role(tok) == "obj" and any(s.role(c) == "det" for c in tok.children):
            continue        # "ont acheté un ensemble": a noun; bare after its verb, the adverb misparsed
        subj = s.role_mentions(verb, {"agent", "obl"}, s.lex.preps["agent"]) if s.is_passive(verb) \
            else s.subjects(verb)
        if len(subj) >= 2:
            return both_ways(subj)
    return []


@frame("joint_creation")
def joint_creation(s: Sentence, tok: Token, trig):
    """"Le consortium a été créé par X et Y", "a venture set up by X and Y": what two
    organisations found or develop together (the agents of one passive, never people, who
    co-found start-ups as founders, not partners)."""
    if not s.is_passive(tok):
        return []
    made = [c for c in tok.children if s.role(c) == "subjpass"] or ([tok.head] if s.role(tok) in ("acl", "amod") else [])
    if any(t.morph.get("Number") == ["Plur"] for t in made):
        return []       # "the phones launched by X and Y": each its own, not one thing made together
    agents = s.role_mentions(tok, {"agent", "obl"}, s.lex.preps["agent"])
    agents = [m for m in agents if m.type == "ORG"]
    return both_ways(agents) if len(agents) >= 2 else []


@frame("partner_verb")
def partner_verb(s: Sentence, tok: Token, trig):
    """"X s'allie avec Y", "X et Y collaborent", "X joined forces with Y" (the parser may hang
    "with Y" on the object)."""
    preps = s.lex.preps["with"] | s.lex.preps["dative"]
    found = subject_and_other(s, tok, {"obl", "obj", "iobj"}, preps)
    if not found:
        for c in tok.children:
            other = s.role_mentions(c, {"obl"}, s.lex.preps["with"]) if s.role(c) == "obj" else []
            if other:
                return pairs(s.subjects(tok), other)
    return found


@frame("made_with")
def made_with(s: Sentence, tok: Token, trig):
    """"X developed the model with Y", "un moteur (développé avec Y)", "a tool built with Y":
    making something with another organisation is working together; nothing without "with".
    The maker is the subject, the agent of a passive, or the subject of the clause whose noun
    the participle describes."""
    with_ = s.lex.preps["with"]
    others = s.role_mentions(tok, {"obl"}, with_)
    for c in tok.children:              # "a développé ce moteur avec Y": the PP on the object
        if not others and s.role(c) == "obj":
            others = s.role_mentions(c, {"obl"}, with_)
    others = [m for m in others if m.type == "ORG"]
    if not others:
        return []
    if s.role(tok) in ("acl", "amod"):
        makers = s.subjects(s.governor(tok.head))
    else:
        makers = _actors(s, tok, tok.head) if s.is_passive(tok) else s.subjects(tok)
    return pairs([m for m in makers if m not in others and m.type == "ORG"], others)


@frame("supply_verb")
def supply_verb(s: Sentence, tok: Token, trig):
    """"X fournira Y en …": a supply deal between organisations; never money ("provided a $1bn
    credit facility to Y" is a loan)."""
    if s.is_passive(tok) or any(_is_money(s, c) for c in tok.children if s.role(c) in ("obj", "obl")):
        return []
    subj = [m for m in s.subjects(tok) if m.type in ("ORG", "MISC")]
    other = s.role_mentions(tok, {"iobj", "obj", "obl"}, s.lex.preps["dative"])
    other = [m for m in other if m.type in ("ORG", "MISC")]
    return pairs(subj, other)


def _is_money(s: Sentence, tok: Token) -> bool:
    """The phrase of ``tok`` is an amount or a funding word ("$1bn", "a loan", "des fonds")."""
    phrase = tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
    return bool(s.lex.money.search(phrase.text)) \
        or any(t.frame == "funding_noun" and len(t.words) == 1 for t in s.lex.triggers_starting(tok.lower_))


@frame("joint_adj")
def joint_adj(s: Sentence, tok: Token, trig):
    """"l'offre commune de X et de Y", "a joint bid by X and Y": the members are partners
    (patterns: the adjective's head noun, or the trigger itself as the noun)."""
    lex = s.lex
    out = []
    for match in s.matches(tok, "joint_adj"):
        preps = lex.preps["of"] | lex.preps["agent"] | lex.preps["from"]
        head = match.get("head", tok)
        members = s.role_mentions(head, {"obl", "poss"}, preps)
        for c in head.children if len(members) < 2 else ():
            if s.role(c) == "acl" and s.is_passive(c):   # "un consortium mené par X et Y"
                members = s.role_mentions(c, {"agent", "obl"}, lex.preps["agent"])
        if len(members) < 2 and head.i != tok.i and any(
                c.lower_ in lex.plural_possessives for c in head.children if s.role(c) in ("det", "poss")):
            members = s.subjects(s.governor(head))     # "X et Y ont annoncé leur projet commun"
        out += both_ways(members) if len(members) >= 2 else []
    return out

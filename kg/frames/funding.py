"""Frames of money: investing, raising, rounds, funding nouns, investors and stakes.

The company raising money in a sentence (its *owner*: "X lève …", "le tour de table de X") is
found by :func:`money_owner` before any frame runs; frames read it as ``s.raiser`` and never
set it.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..clauses import arguments, case_of, unique
from ..mentions import Ment, is_place
from ..sentence import Sentence
from . import frame, pairs
from .shared import alongside, described, has_possessive, implied_owner, named_predicate, object_obl, relative_antecedent

#: Frames whose trigger names a company raising money, with the function finding it.
OWNER_FRAMES = ("raise", "round")


def money_owner(s: Sentence, tok: Token, frame_name: str) -> Ment | None:
    """The company a raise or round trigger says is raising money, if the sentence names it."""
    found = _raisers(s, tok) if frame_name == "raise" else _round_owner(s, tok)
    return found[0] if found else None


def _raisers(s: Sentence, tok: Token) -> list[Ment]:
    if s.is_passive(tok) or tok.pos_ not in ("VERB", "AUX"):
        return []
    found = s.subjects(tok)
    if found or any(role == "subj" for role, _, _ in arguments(tok, s.lex)):
        return found        # "La start-up, dont les actionnaires sont A, B et C, a levé": not C
    return s.before(tok)


def _round_owner(s: Sentence, tok: Token) -> list[Ment]:
    """"le tour de table de X", "X's round", "a round by X"."""
    lex = s.lex
    owner = s.role_mentions(tok, {"poss", "obl"}, lex.preps["of"] | lex.preps["agent"])
    for c in tok.children if not owner else ():
        if s.role(c) in ("nmod", "obl") and c.i <= tok.i + 3 and c.i not in s.ctx.token_ment:
            owner = s.role_mentions(c, {"obl"}, lex.preps["of"])    # "le tour de table de X"
            if owner:
                break
    if not owner:
        for t in tok.subtree:
            if s.role(t) in ("acl", "relcl") or t.i in s.ctx.token_ment and t.i < tok.i:
                continue
            if t.i in s.ctx.token_ment and case_of(t, lex) in lex.preps["agent"] and t.head.i < t.i:
                owner = [s.ctx.token_ment[t.i]]
                break
    return [m for m in owner if not is_place(m)]


@frame("invest")
def invest(s: Sentence, tok: Token, trig):
    lex = s.lex
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and (tok.i - 2) in s.ctx.token_ment:
        # "Alibaba-backed Lazada": the funder is glued to the participle
        funded = s.np(tok.head) if tok.head.i != tok.i else []
        funded = [m for m in funded if m.start > tok.i] or s.after(tok, window=3)
        return pairs([s.ctx.token_ment[tok.i - 2]], funded)
    if s.is_passive(tok):
        funded = s.role_mentions(tok, {"subjpass"}, follow_of=True)
        if not funded and s.role(tok) in ("acl", "amod"):
            funded = s.np(tok.head)
        if not funded and s.role(tok) == "attr" and tok.head.i != tok.i:
            funded = s.subjects(tok.head)       # "Y, which is 44% owned by X": the participle after "is"
        return pairs(s.role_mentions(tok, {"agent", "obl"}, lex.preps["agent"]), funded)
    funders = s.subjects(tok)
    together = alongside(s)
    # "a investi dans Y aux côtés de Z": the parser may hang "aux côtés" on the verb like "dans Y"
    funded = [m for m in s.role_mentions(tok, {"obj", "obl"}, lex.preps["into"], follow_of=True) if m not in together]
    if funders:
        funders += [m for m in together if m not in funded]
    return pairs(funders, funded)


@frame("raise")
def raise_(s: Sentence, tok: Token, trig):
    raisers = _raisers(s, tok)
    funders = s.role_mentions(tok, {"obl"}, s.lex.preps["raised_from"])
    funders += [m for m in round_participants(s, tok) if m not in raisers]
    return pairs(funders, raisers[:1])


def round_participants(s: Sentence, tok: Token) -> list[Ment]:
    """Mentions that lead, join or invest in the round ``tok`` names."""
    lex = s.lex
    found = []
    head = tok.head
    # "le tour de table a été mené par X" / "a round led by X"
    for verb in {head, *tok.children}:
        if lex.participation.fullmatch(verb.lower_):
            found += s.role_mentions(verb, {"agent", "obl"}, lex.preps["agent"])
            if verb.i == head.i and s.role(tok) in ("obl", "nmod", "pobj", "obj"):
                found += s.subjects(verb)     # "X a participé au tour de table", "X led the round"
    if s.role(tok) == "pobj" and lex.participation.fullmatch(head.head.lower_):
        found += s.subjects(head.head)        # "X took part in the round"
    for t in s.sent:
        found += _participant_words(s, t, head)
    return unique(found)


def _participant_words(s: Sentence, t: Token, head: Token) -> list[Ment]:
    """"X took part", "the round included investments from X, Y", "avec la contribution de X"."""
    lex = s.lex
    found = []
    if t.lower_ in lex.part_words and t.i > s.sent.start and lex.participation.fullmatch(t.doc[t.i - 1].lower_):
        found += s.subjects(t.doc[t.i - 1])  # "X took part", "X a pris part"
    if lex.participation.fullmatch(t.lower_) and t.pos_ == "NOUN":
        found += s.role_mentions(t, {"obl"}, lex.preps["from"], follow_of=True)
        found += [m for m in s.np(t) if m is not s.raiser]
    if t.lower_ in lex.contribution_nouns and t.pos_ == "NOUN":
        found += s.role_mentions(t, {"obl"}, lex.preps["from"], follow_of=True)
    if lex.participation.fullmatch(t.lower_) and t.pos_ == "VERB" and t.i != head.i:
        found += s.role_mentions(t, {"subj", "subjpass", "agent"})
    return found


@frame("round")
def round_(s: Sentence, tok: Token, trig):
    owner = _round_owner(s, tok)
    funders = round_participants(s, tok)
    # "X led the $100m round": the subject that leads or joins a round is no company raising it
    target = owner[:1] or ([s.raiser] if s.raiser else []) or [m for m in s.topic(tok) if m not in funders]
    if funders:
        funders += alongside(s)
    return pairs(funders, target)


@frame("funding_noun")
def funding_noun(s: Sentence, tok: Token, trig):
    lex = s.lex
    if tok.lower_ in trig.needs_money_for and not s.money():
        return []
    verb = s.governor(tok)
    if verb.i != tok.i and lex.participation.fullmatch(verb.lower_) and s.is_passive(verb):
        owner = _round_owner(s, tok)            # "X's Series D financing was led by Y, with
        if owner:                               # participation from Z": a round by another name
            return pairs(round_participants(s, tok) + alongside(s), owner[:1])
    funders = s.role_mentions(tok, {"obl", "poss"}, lex.preps["source"])
    funded = s.role_mentions(tok, {"obl"}, lex.preps["invested_in"])
    dative = lex.preps["dative"]
    if verb.lower_ in lex.give_verbs and s.is_passive(verb):
        # "X has been awarded a grant by Y", "un prêt a été accordé à X par Y"
        funders = funders or s.role_mentions(verb, {"agent", "obl"}, lex.preps["agent"])
        funded = funded or s.role_mentions(verb, {"subjpass"}) or s.role_mentions(verb, {"iobj", "obl"}, dative)
    elif verb.lower_ in lex.give_verbs and not funders:
        funders = s.subjects(verb)
        funded = funded or s.role_mentions(verb, {"iobj", "obl"}, dative) or s.role_mentions(tok, {"obl"}, dative)
    elif not funded and verb.i != tok.i and verb.lower_ in lex.receive_verbs:
        funded = s.subjects(verb)             # "Y a reçu / a 300 M€ de soutien de X"
        funders = funders or s.role_mentions(verb, {"obl"}, lex.preps["source"])
    elif funded and not funders and verb.i != tok.i and s.role(tok) == "obj" and not s.is_passive(verb) \
            and not s.role_mentions(tok, {"obl"}, lex.preps["agent"]):
        funders = [m for m in s.subjects(verb) if m not in funded]    # "X made an investment in Y"
    if funders and not funded and s.recent_raiser():
        funded = [s.raiser]                   # "une subvention de X complète le montage"
    return pairs(funders, funded)


@frame("investor_noun")
def investor_noun(s: Sentence, tok: Token, trig):
    lex = s.lex
    funders = described(s, tok)
    funded = _nearest_group(s, tok, s.role_mentions(tok, {"obl", "poss"}, lex.preps["of"] | lex.preps["into"]))
    for c in tok.children:                      # "les soutiens déjà connus de Mistral"
        if s.role(c) in ("acl", "amod"):
            funded += s.role_mentions(c, {"obl"}, lex.preps["of"])
    if not funders and s.role(tok) == "subj":
        funders = named_predicate(s, tok)       # "ses actionnaires sont X et Y", "whose investors include X"
    if funders and not funded:
        funded = relative_antecedent(s, tok)    # "Y, dont les actionnaires sont …", "Y, whose shareholders …"
    if funders and not funded:
        funded = implied_owner(s, tok, funders, possessive_only=True)   # "Y said X, its largest creditor, …"
    funders = [m for m in funders if m not in funded]
    if not funded and s.raiser is not None and not trig.no_default_target:
        funded = [s.raiser]
    if funders:
        funders += [m for m in alongside(s) if m not in funded]
    return pairs(funders, funded)


def _nearest_group(s: Sentence, tok: Token, found: list[Ment]) -> list[Ment]:
    """The nearest of ``found`` to ``tok`` and the names listed right after it: "actionnaire de
    Samsung sous tutelle du ministère" is Samsung's shareholder (the parser hangs both on the
    noun), "actionnaire de A, de B et de C" is each one's."""
    if len(found) < 2:
        return found
    lex, doc = s.lex, tok.doc
    joins = lex.list_separators | lex.conjunctions | lex.preps["of"]
    ordered = sorted(found, key=lambda m: m.start)
    near = min(ordered, key=lambda m: (abs(m.start - tok.i), m.start))
    kept, last = [near], near
    for m in ordered[ordered.index(near) + 1:]:
        if not all(t.lower_ in joins or t.pos_ == "DET" for t in doc[last.end:m.start]):
            break
        kept.append(m)
        last = m
    return [m for m in found if m in kept]


@frame("stake_noun")
def stake_noun(s: Sentence, tok: Token, trig):
    lex = s.lex
    verb = s.governor(tok)
    low = verb.lower_
    dative = lex.preps["dative"]
    # what is sold "to" someone is theirs: with a sell verb, a dative name is the buyer
    into = lex.preps["into"] - dative if low in lex.sell_verbs else lex.preps["into"]
    held_in = s.role_mentions(tok, {"obl"}, into) or s.role_mentions(tok, {"obl"}, lex.preps["of"]) \
        or _relative_holding(s, verb) or object_obl(s, tok, lex.preps["invested_in"])   # "X holds shares in Y", the PP on the verb
    for c in tok.children if not held_in else ():   # "une participation de 15 % de Y": Y hangs on the percent
        if c.text in ("%", "percent") and s.role(c) in ("obl", "nmod", "compound"):
            held_in = s.role_mentions(c, {"obl"}, lex.preps["of"])
    if low in lex.sell_verbs:
        buyers = s.role_mentions(verb, {"iobj", "obl"}, dative)
        held_in = [m for m in held_in if m not in buyers]
        if not buyers and held_in:
            # "cédé sa participation dans Suez à Veolia": the parser may hang the buyer on the
            # noun; with no company named as held, "a stake to Y" may be in anyone
            buyers = s.role_mentions(tok, {"obl"}, dative)
        if not buyers and s.role(tok) != "obj":
            buyers = s.role_mentions(verb, {"obj"})
        if not buyers and held_in and s.role(tok) == "obj":
            return pairs(s.subjects(verb), held_in)     # "X sold its stake in Z": X had funded Z
        return pairs(buyers, held_in or s.subjects(verb))    # "sold its stake in Z to Y": Y funds Z
    if low in lex.buy_verbs and held_in:
        holders = s.subjects(verb)
        if not holders and not s.role_mentions(verb, {"agent"}):
            # "X est monté au capital de Y": a verb of motion takes "être", and the parser
            # calls it passive; with no agent, its subject is the one who moved
            holders = s.role_mentions(verb, {"subjpass"})
        return pairs(holders, held_in)
    if low in lex.sell_verbs or not held_in:
        return []
    # "Renault's 44% stake in Nissan", "la participation de Renault dans Nissan", "Renault a
    # réduit sa participation dans Nissan" (a possessive determiner: the clause's subject)
    holders = [m for m in s.role_mentions(tok, {"poss"}) or s.role_mentions(tok, {"obl"}, lex.preps["of"])
               if m not in held_in]
    if not holders and verb.i != tok.i and has_possessive(tok):
        holders = [m for m in s.subjects(verb) if m not in held_in]
    return pairs(holders, held_in)


def _relative_holding(s: Sentence, verb: Token) -> list[Ment]:
    """"Y, in which X owns a stake": the company a relative clause's "in which" stands for."""
    if s.role(verb) != "relcl":
        return []
    preps = s.lex.preps["into"] | s.lex.preps["of"]
    for role, prep, c in arguments(verb, s.lex):
        if role == "obl" and prep in preps and c.lower_ in s.lex.relative_pronouns:
            return [m for m in s.np(verb.head) if m.end <= c.i]
    return []


@frame("percent_held")
def percent_held(s: Sentence, tok: Token, trig):
    """"X détient 20 % de Y", "X bought 18.8% of Y", "X owns 5 percent of Y": a share of the
    company held or bought (the percent is the object of a holding verb, the company its
    complement). The whole company ("100 %") is an acquisition, not a stake."""
    lex = s.lex
    if s.role(tok) != "obj":
        return []                               # "a 20% stake in Y" is the stake noun's
    verb = s.governor(tok.head) if tok.head.i != tok.i else tok
    selling = verb.lower_ in lex.sell_verbs
    if verb.lower_ not in lex.buy_verbs and not selling or s.is_passive(verb):
        return []
    number = [c for c in tok.children if s.role(c) == "nummod"] or [tok.doc[tok.i - 1]]
    if any(n.text.replace(",", ".") in ("100", "100.0") for n in number):
        return []
    held_in = []
    for role, prep, c in arguments(tok, lex):
        if role == "obl" and prep in lex.preps["of"]:
            held_in += _listed(s, c) or s.np(c, follow_of=True)   # "20 % de Y", "20 % du capital de Y"
    # "X a cédé 30 % de Y à Z": the buyer funds Y (the seller's part is no news of funding)
    holders = s.role_mentions(verb, {"iobj", "obl"}, lex.preps["dative"]) if selling else s.subjects(verb)
    return pairs([m for m in holders if m not in held_in], held_in)


def _listed(s: Sentence, tok: Token) -> list[Ment]:
    """The names of ``tok`` and of the words listed with it ("A, B et C"), not of the phrases
    that describe them ("Y, the maker behind Z")."""
    m = s.ctx.token_ment.get(tok.i)
    if m is None:
        return []
    out = [m]
    for c in tok.children:
        if s.role(c) == "conj":
            out += _listed(s, c)
    return unique(out)


@frame("part_owned")
def part_owned(s: Sentence, tok: Token, trig):
    """"Y, which is half owned by X", "Y is 50% owned by X", "Y est détenue à 20 % par X", "a 50%
    X-owned company": a part of the company held (a stake), never the whole of it ("wholly
    owned", "100 %", a bare "owned by": a parent, not a funder). The shares are said by a partial
    word or a percent near the participle."""
    doc = tok.doc
    # before the participle in English ("50% owned by"), after it in French ("détenue à 20 % par")
    near = [*doc[max(s.sent.start, tok.i - 4):tok.i], *doc[tok.i + 1:min(s.sent.end, tok.i + 4)]]
    partial = any(t.lower_ in s.lex.partial_words for t in near)
    percent = [t for t in near if s.lex.percent.search(doc[max(s.sent.start, t.i - 1):t.i + 1].text)]
    if percent and any(t.text in ("100", "100.0") for t in near):
        return []
    if not (partial or percent) and len(s.role_mentions(tok, {"agent", "obl"}, s.lex.preps["agent"])) < 2:
        return []                       # "owned by X and Y": two owners each hold a part
    return invest(s, tok, trig)

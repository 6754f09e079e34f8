"""Frames of rivalry: competing, rivals, races, contests, attacks and rankings."""
from __future__ import annotations

from spacy.tokens import Token

from ..clauses import case_of
from ..sentence import Sentence
from ..coref import antecedent
from ..mentions import Ment
from . import both_ways, frame, pairs
from .shared import described, implied_owner, listed_with_owner, nested_with, object_obl, subject_and_other


@frame("compete_verb")
def compete_verb(s: Sentence, tok: Token, trig):
    """"X concurrence Y", "X rivalise avec Y", passive "Y concurrencé par X"."""
    lex = s.lex
    if s.is_passive(tok):
        a = s.role_mentions(tok, {"subjpass"}) or (s.np(tok.head) if s.role(tok) in ("acl", "amod") else [])
        return pairs(a, s.role_mentions(tok, {"agent", "obl"}, lex.preps["agent"]))
    a = s.subjects(tok)
    # "X concurrence (désormais directement) Y" parsed as a noun: the name right after, past adverbs
    adverbs = 0
    while tok.i + 1 + adverbs < s.sent.end and tok.doc[tok.i + 1 + adverbs].pos_ == "ADV":
        adverbs += 1
    b = s.role_mentions(tok, {"obj", "obl"}, lex.preps["with"] | lex.preps["against"] | lex.connectors_list,
                        follow_of=True) or s.after(tok, window=2 + adverbs)
    if len(a) >= 2 and not b:
        return both_ways(a)                      # "X et Y se concurrencent"
    if not a and b:
        # "X concurrence Y" parsed as a noun; "X, en concurrence avec Y": the name just before,
        # past a comma and a preposition
        j = tok.i - 1
        while j > s.sent.start and tok.i - j <= 2 and (tok.doc[j].is_punct or tok.doc[j].pos_ == "ADP"):
            j -= 1
        if j >= s.sent.start and j in s.ctx.token_ment:
            a = [s.ctx.token_ment[j]]
    return pairs(a, b)


@frame("rival_noun")
def rival_noun(s: Sentence, tok: Token, trig):
    """"X et ses rivaux Y, Z", "Y, concurrent de X", "le service concurrent Y"."""
    lex = s.lex
    bid = _rival_bid(s, tok)
    if bid is not None:
        return bid
    listed, owners = listed_with_owner(s, tok)      # "X's competitors include A and B"
    if listed:
        return pairs(listed, owners)
    named = described(s, tok)
    if not named and tok.i + 1 < s.sent.end and tok.doc[tok.i + 1].text in (",", ":"):
        named = s.after(tok, window=3)           # "ses deux rivaux, X et Y" parsed apart
    ref = s.role_mentions(tok, {"poss", "obl"}, lex.preps["of"] | lex.preps["against"] | lex.preps["dative"])
    ref = [m for m in ref or implied_owner(s, tok, named) if m not in named]
    if not ref and len(named) >= 2 and tok.morph.get("Number") != ["Sing"] and tok.tag_ != "NN" \
            and not _examples(s, tok, named):
        return both_ways(named)                  # "X and Y remain rivals", "rival makers X and Y"
    return pairs(named, ref)


def _examples(s: Sentence, tok: Token, named: list[Ment]) -> bool:
    """The names are examples given after the noun ("des concurrents comme X et Y", "rivals such
    as X and Y"): someone else's rivals, not rivals of each other."""
    first = min(m.start for m in named)
    if first < tok.i:
        return False
    words = [t.lower_ for t in tok.doc[tok.i + 1:first]]
    pairs_ = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
    return bool((set(words) | pairs_) & s.lex.connectors_list)


def _rival_bid(s: Sentence, tok: Token):
    """"X a déposé une offre concurrente de celle de Y", "X made a rival bid to Y's offer",
    "l'offre concurrente de X a été rejetée au profit de celle de Y": two bidders for one target.
    None when the adjective does not qualify a bid; [] when a bid names no other bidder."""
    lex = s.lex
    if s.role(tok) != "amod" or tok.head.lower_ not in lex.bid_nouns:
        return None
    bid = tok.head
    verb = s.governor(bid.head)     # not the bid's own tag: "offre" is often tagged a verb
    of = lex.preps["of"]
    others = []
    for place in [bid] + ([verb] if verb.i != bid.i else []):
        for t in place.subtree:
            if t.i != bid.i and (t.lower_ in lex.bid_nouns or t.lower_ in lex.demonstrative_pronouns):
                others += s.role_mentions(t, {"poss", "obl"}, of)
    if not others:
        return []
    owners = [m for m in s.role_mentions(bid, {"poss", "obl"}, of) if m not in others]
    if not owners and verb.i != bid.i and not s.is_passive(verb):
        owners = s.subjects(verb)
    return pairs([m for m in owners if m not in others], others)


@frame("race_noun")
def race_noun(s: Sentence, tok: Token, trig):
    """"la course entre X et Y", "X est engagé dans une course avec Y"; never a legal battle."""
    lex = s.lex
    if _disputed(s, tok):
        return []
    between = s.role_mentions(tok, {"obl"}, lex.preps["between"])
    verb = s.governor(tok)
    prep = tok.head.lower_ if s.role(tok) == "pobj" else case_of(tok, lex) if s.role(tok) == "obl" else ""
    inside = prep in lex.preps["into"]
    if not between and (s.role(tok) == "obj" or inside) and verb.i != tok.i:
        subj = s.subjects(verb) or s.role_mentions(verb, {"subjpass"})
        if len(subj) >= 2:
            between = subj                       # "X et Y se livrent une bataille", "are locked in a war"
    if not between:
        rivals = s.role_mentions(tok, {"obl"}, lex.preps["with"] | lex.preps["against"]) or nested_with(s, tok, depth=1)
        if rivals and verb.i != tok.i:
            racers = s.subjects(verb) or s.role_mentions(verb, {"subjpass"})
            return pairs([m for m in racers if m not in rivals], rivals)
    return both_ways(between)


@frame("contest_verb")
def contest_verb(s: Sentence, tok: Token, trig):
    """"X and Y are both bidding for", "X et Y se disputent le marché": rivals only when the
    contenders are named together (or against each other), never "X bids for Y"."""
    lex = s.lex
    if _disputed(s, tok):
        return []
    return subject_and_other(s, tok, {"obl"}, lex.preps["against"] - lex.preps["dative"] - lex.preps["with"])


def _disputed(s: Sentence, tok: Token) -> bool:
    """"X and Y fought over patents in court", "la bataille judiciaire entre X et Y": a lawsuit
    or a legal fight, which is no rivalry (words of the trigger's phrase or of its verb's)."""
    verb = s.governor(tok)
    return any(t.lower_ in s.lex.dispute_words for t in (*tok.subtree, *verb.children))


#: Frames whose trigger nouns name a contest ("la bataille", "the race", "la concurrence").
_CONTEST_FRAMES = ("race_noun", "competition_from")


def _names_a_contest(s: Sentence, verb: Token) -> bool:
    """The subject of ``verb`` is a contest noun, or the noun a relative clause hangs on ("la
    guerre des prix qui oppose …": the parser may hang the clause on the complement "prix")."""
    # ("the price war pits …": the small English parser may call the subject a compound)
    nouns = [c for c in verb.children if (s.role(c) == "subj" or s.role(c) == "compound" and c.i < verb.i)
             and c.lower_ not in s.lex.relative_pronouns]
    if s.role(verb) == "relcl":
        nouns += [verb.head] + ([verb.head.head] if s.role(verb.head) in ("nmod", "obl") else [])
    return any(t.frame in _CONTEST_FRAMES and len(t.words) == 1 for n in nouns for t in s.lex.triggers_starting(n.lower_))


@frame("oppose_verb")
def oppose_verb(s: Sentence, tok: Token, trig):
    """"la bataille qui oppose X à Y", "the price war pits X against Y": the two sides of a
    contest the subject names; never "le litige qui oppose X à Y" (a lawsuit is no rivalry)."""
    if not _names_a_contest(s, tok):
        return []
    preps = s.lex.preps["dative"] | s.lex.preps["against"]
    obj = next((c for c in tok.children if s.role(c) == "obj"), None)
    return pairs(s.role_mentions(tok, {"obj"}), object_obl(s, obj, preps) if obj is not None else [])


@frame("attack_noun")
def attack_noun(s: Sentence, tok: Token, trig):
    """"the group's counter-attack against X", "tenir tête à X": a move against a rival."""
    verb = s.governor(tok)
    against = s.lex.preps["against"]
    targets = s.role_mentions(tok, {"obl"}, against)
    if not targets and verb.i != tok.i:
        targets = s.role_mentions(verb, {"obl", "iobj"}, against)
    attackers = s.role_mentions(tok, {"poss"}) or (s.subjects(verb) if verb.i != tok.i else [])
    return pairs([m for m in attackers if m not in targets], targets)


@frame("rank_prep")
def rank_prep(s: Sentence, tok: Token, trig):
    """"X est loin derrière Y", "X is far behind Y": a ranking between rivals. Only with a
    ranking word just before it, so that "the company behind ChatGPT" stays no rivalry."""
    doc = tok.doc
    if not any(doc[i].lower_ in s.lex.rank_cues for i in range(max(s.sent.start, tok.i - 2), tok.i)):
        return []
    ahead = s.after(tok, window=4)
    ahead = s.listed_after(ahead) or ahead
    behind = s.subjects(s.governor(tok.head)) if tok.head.i != tok.i else []
    if not behind:
        pronoun = next((t for t in doc[s.sent.start:tok.i] if t.lower_ in s.lex.pronouns_subject), None)
        if pronoun is not None:
            ref = antecedent(pronoun, s.ctx.mentions, s.ctx.token_ment, s.lex, s.ctx.sent_subjects, s.ctx.sent_of)
            behind = [ref] if ref is not None else []
    return pairs([m for m in behind if m not in ahead], ahead)


@frame("competition_from")
def competition_from(s: Sentence, tok: Token, trig):
    """"X faces competition from Y", "X subit la concurrence de Y": the rival is the source of
    the competition, the other side the subject of the clause it is the object of."""
    lex = s.lex
    if s.role(tok) != "obj":
        return []
    rivals = object_obl(s, tok, lex.preps["source"] - lex.preps["agent"])
    verb = s.governor(tok)
    if not rivals or verb.i == tok.i:
        return []
    return pairs([m for m in s.subjects(verb) if m not in rivals], rivals)


@frame("against_verb")
def against_verb(s: Sentence, tok: Token, trig):
    """"X, Y et Z s'unissent contre A et B", "X and Y team up against Z": each of those who
    unite against each of those they unite against (never within one list); nothing without
    the "against" complement."""
    lex = s.lex
    against = lex.preps["against"] - lex.preps["dative"] - lex.preps["with"]
    targets = s.role_mentions(tok, {"obl"}, against)
    if not targets:
        for c in tok.children:                  # "team up against", "join forces against"
            if s.role(c) in ("advmod", "compound") or c.dep_ == "prt":
                targets += s.role_mentions(c, {"obl"}, against)
    if not targets:
        return []
    return pairs([m for m in s.subjects(tok) if m not in targets], targets)

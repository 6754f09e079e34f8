"""Relation rules: a trigger word and the dependency structure around it give typed edges.

Each trigger of the lexicon names a *frame*, the way its arguments are found:

``invest``        X finance / investit dans / verse … dans Y; passive: Y financé par X
``raise``         Y lève / raises … (auprès de / from X); Y becomes the round's owner
``round``         a funding round of its owner: those who lead it, join it or invest in it fund the owner
``funding_noun``  "soutien de X", "investment from X (in Y)", "Y a reçu un financement de X"
``investor_noun`` "X, actionnaire de Y", "investor X", "les soutiens de Y comme X"
``stake_noun``    "X prend une participation de 20 % dans Y", "Y a vendu une part à X"
``partner_noun``  "X a signé un accord avec Y", "le partenariat entre X et Y", "l'alliance X-Y"
``partner_verb``  "X s'allie avec Y", "X et Y collaborent"
``supply_verb``   "X fournira Y en …" (weaker: a supply deal)
``compete_verb``  "X concurrence Y", "X rivalise avec Y", passive "Y concurrencé par X"
``rival_noun``    "X et ses rivaux Y, Z", "Y, concurrent de X", "le service concurrent Y"
``race_noun``     "la course entre X et Y", "X est engagé dans une course avec Y"
``contest_verb``  "X et Y se disputent le marché", "X and Y are both bidding for"
``attack_noun``   "the group's counter-attack against X", "tenir tête à X"
``rank_prep``     "X est loin derrière Y", "X is far behind Y"
``joint_adj``     "l'offre commune de X et de Y"
``partner_role``  "X, partenaire de Y"

The syntax the frames rely on (arguments of a word, the names of a noun phrase, the subject of
a clause) is in :mod:`kg.clauses`, which keeps the frames language-neutral. A negated or denied
trigger gives no edge; a hedged one ("pourrait", "talks") half the confidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .clauses import OBJ, SUBJ, SUBJ_PASS, Sentence, arguments, case_of, is_place, unique
from .coref import antecedent
from .lexicon import Lexicon, Trigger
from .mentions import Ment

__all__ = ["Found", "find_relations"]

BASE_CONFIDENCE = {"invest": 0.85, "raise": 0.85, "round": 0.85, "funding_noun": 0.8, "investor_noun": 0.85,
                   "stake_noun": 0.75, "partner_noun": 0.8, "partner_role": 0.8, "partner_verb": 0.85, "supply_verb": 0.6,
                   "compete_verb": 0.85, "rival_noun": 0.85, "race_noun": 0.7, "rank_prep": 0.6,
                   "contest_verb": 0.8, "attack_noun": 0.75, "joint_adj": 0.75, "supplier_role": 0.6,
                   "joint_adverb": 0.7}


@dataclass
class Found:
    """A relation found in one sentence (mentions, not yet names)."""

    source: Ment
    relation: str
    target: Ment
    sent: int
    confidence: float
    amount: str = ""
    frame: str = ""


# -- trigger detection -------------------------------------------------------------------

def _match_triggers(sent, lex: Lexicon):
    toks = list(sent)
    low = [t.lower_.replace("’", "'") for t in toks]
    for i in range(len(toks)):
        for trig in lex.triggers_starting(low[i]):   # cached per word: most words start none
            n = len(trig.words)
            if i + n <= len(toks) and all(trig.words[j].fullmatch(low[i + j]) for j in range(1, n)):
                yield toks[i + trig.head], trig


# -- negation and hedging ----------------------------------------------------------------

def _negated(tok: Token, lex: Lexicon) -> bool:
    """The trigger, its verb or a verb above it is negated or denied."""
    cur = tok
    for _ in range(3):
        for c in cur.children:
            if c.dep_ in ("neg", "advmod", "det", "advmod:neg") and c.lower_ in lex.negation_words:
                return True
        if cur.lower_ in lex.deny_verbs:
            return True
        if cur.head is cur:
            break
        cur = cur.head
    if tok.head.lower_ in lex.deny_verbs:
        return True
    return False


def _hedged(tok: Token, lex: Lexicon) -> bool:
    """A hedge word on the trigger's own verb group: the trigger, the verb a noun trigger
    depends on, a verb it is the infinitive of ("pourrait financer", "envisage de s'allier"),
    their auxiliaries and adverbs, or the words just before it ("un éventuel accord"). A
    conditional elsewhere in the sentence ("n'aurait dépensé que … pour concurrencer") does
    not hedge it."""
    words = set()
    cur = tok
    for _ in range(3):
        words.add(cur.lower_)
        words.update(c.lower_ for c in cur.children if c.dep_ in ("aux", "aux:tense", "aux:pass", "advmod", "amod", "mark", "det"))
        if cur.head is cur or cur.dep_ not in ("xcomp", "obj", "dobj", "obl", "obl:arg", "nsubj", "nsubj:pass", "pobj", "prep"):
            break
        cur = cur.head
    start = max(tok.sent.start, tok.i - 3)
    words.update(t.lower_ for t in tok.doc[start:tok.i])
    words = {w.replace("’", "'") for w in words}
    return bool(words & lex.hedges)


# -- frames ------------------------------------------------------------------------------

def _pairs(a: list[Ment], b: list[Ment]):
    for x in a:
        for y in b:
            if x is not y and x.name != y.name:
                yield x, y


def _frame_invest(s: Sentence, tok: Token, trig: Trigger):
    lex = s.lex
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and (tok.i - 2) in s.ctx.token_ment:
        # "Alibaba-backed Lazada": the funder is glued to the participle
        funded = s.np(tok.head) if tok.head is not tok else []
        funded = [m for m in funded if m.start > tok.i] or s.after(tok, window=3)
        return [(f, "funds", g) for f, g in _pairs([s.ctx.token_ment[tok.i - 2]], funded)]
    if s.is_passive(tok):
        funded = s.role_mentions(tok, {"subjpass"}, follow_of=True)
        if not funded and tok.dep_ in ("acl", "amod"):
            funded = s.np(tok.head)
        funders = s.role_mentions(tok, {"agent", "obl"}, lex.preps["agent"])
        return [(f, "funds", g) for f, g in _pairs(funders, funded)]
    funders = s.subjects(tok)
    funded = s.role_mentions(tok, {"obj", "obl"}, lex.preps["into"], follow_of=True)
    if funders:
        funders += [m for m in _alongside(s) if m not in funded]
    return [(f, "funds", g) for f, g in _pairs(funders, funded)]


def _alongside(s: Sentence) -> list[Ment]:
    """Co-investors: "X a investi dans Y aux côtés de Z", "X invested in Y alongside Z"."""
    out = []
    for t in s.sent:
        if t.lower_ in s.lex.alongside_words:
            out += s.after(t, window=3)
    return out


def _frame_raise(s: Sentence, tok: Token, trig: Trigger):
    if s.is_passive(tok) or tok.pos_ not in ("VERB", "AUX"):
        return []
    raisers = s.subjects(tok) or s.before(tok)
    if raisers:
        s.ctx.raiser, s.ctx.raiser_sent = raisers[0], s.index
    funders = s.role_mentions(tok, {"obl"}, s.lex.preps["with"] | {"from"})
    funders += [m for m in _round_participants(s, tok) if m not in raisers]
    return [(f, "funds", g) for f, g in _pairs(funders, raisers[:1])]


def _round_participants(s: Sentence, tok: Token) -> list[Ment]:
    """Mentions that lead, join or invest in the round ``tok`` names."""
    lex = s.lex
    found = []
    head = tok.head
    # "le tour de table a été mené par X" / "a round led by X"
    for verb in {head, *tok.children}:
        if lex.participation.fullmatch(verb.lower_):
            found += s.role_mentions(verb, {"agent", "obl"}, lex.preps["agent"] | {"by"})
            if verb is head and tok.dep_ in ("obl", "obl:arg", "obl:mod", "pobj", "nmod", "obj", "dobj"):
                found += s.subjects(verb)     # "X a participé au tour de table", "X led the round"
    if tok.dep_ == "pobj" and lex.participation.fullmatch(head.head.lower_):
        found += s.subjects(head.head)        # "X took part in the round"
    # "the round included investments from X, Y", "avec la contribution de X"
    for t in s.sent:
        if t.lower_ == "part" and t.i > s.sent.start and lex.participation.fullmatch(t.doc[t.i - 1].lower_):
            found += s.subjects(t.doc[t.i - 1])  # "X took part", "X a pris part"
        if lex.participation.fullmatch(t.lower_) and t.pos_ in ("NOUN",):
            found += s.role_mentions(t, {"obl"}, lex.preps["from"] | {"from", "by"}, follow_of=True)
            found += [m for m in s.np(t) if m is not s.ctx.raiser]
        if t.lower_ in ("investments", "investment", "investissements", "participation") and t.pos_ == "NOUN":
            found += s.role_mentions(t, {"obl"}, lex.preps["from"] | {"from", "by"}, follow_of=True)
        if lex.participation.fullmatch(t.lower_) and t.pos_ in ("VERB",) and t is not head:
            found += s.role_mentions(t, {"subj", "subjpass", "agent"})
    return unique(found)


def _frame_round(s: Sentence, tok: Token, trig: Trigger):
    owner = s.role_mentions(tok, {"poss", "obl"}, s.lex.preps["of"] | s.lex.preps["agent"] | {"of", "by"})
    if not owner:
        for t in tok.subtree:
            if t.dep_ in ("acl", "acl:relcl", "relcl") or t.i in s.ctx.token_ment and t.i < tok.i:
                continue
            if t.i in s.ctx.token_ment and case_of(t) in s.lex.preps["agent"] | {"by"} and t.head.i < t.i:
                owner = [s.ctx.token_ment[t.i]]
                break
    owner = [m for m in owner if not is_place(m)]
    if owner:
        s.ctx.raiser, s.ctx.raiser_sent = owner[0], s.index
    target = owner[:1] or ([s.ctx.raiser] if s.ctx.raiser else []) or s.topic(tok)
    funders = _round_participants(s, tok)
    if funders:
        funders += _alongside(s)
    return [(f, "funds", g) for f, g in _pairs(funders, target)]


def _frame_funding_noun(s: Sentence, tok: Token, trig: Trigger):
    lex = s.lex
    if tok.lower_ in trig.needs_money_for and not s.money():
        return []
    funders = s.role_mentions(tok, {"obl", "poss"}, (lex.preps["from"] - {"des"}) | {"from", "by"})
    funded = s.role_mentions(tok, {"obl"}, (lex.preps["into"] - {"à", "au", "aux"}) | {"in", "into", "for"})
    verb = s.governor(tok)
    if verb.lower_ in lex.give_verbs and s.is_passive(verb):
        # "X has been awarded a grant by Y", "un prêt a été accordé à X par Y"
        funders = funders or s.role_mentions(verb, {"agent", "obl"}, lex.preps["agent"] | {"by"})
        funded = funded or s.role_mentions(verb, {"subjpass"}) or s.role_mentions(verb, {"iobj", "obl"}, {"à", "au", "aux", "to"})
    elif verb.lower_ in lex.give_verbs and not funders:
        funders = s.subjects(verb)
        funded = funded or s.role_mentions(verb, {"iobj", "obl"}, {"à", "au", "aux", "to"}) \
            or s.role_mentions(tok, {"obl"}, {"à", "au", "aux", "to"})
    elif not funded and verb is not tok and verb.lower_ in lex.receive_verbs:
        funded = s.subjects(verb)             # "Y a reçu / a 300 M€ de soutien de X"
        funders = funders or s.role_mentions(verb, {"obl"}, (lex.preps["from"] - {"des", "of"}) | {"from"})
    if funders and not funded and s.recent_raiser():
        funded = [s.ctx.raiser]               # "une subvention de X complète le montage"
    return [(f, "funds", g) for f, g in _pairs(funders, funded)]


def _described(s: Sentence, tok: Token) -> list[Ment]:
    """The mentions a role noun describes: "X, actionnaire", "investor X", "X est un rival"."""
    out = []
    m = s.ctx.token_ment.get(tok.i)
    if m is not None:
        return [m]
    if tok.dep_ in ("appos",) or tok.dep_ in ("compound", "nmod") and tok.head.i in s.ctx.token_ment:
        out += s.np(tok.head)
    for role, prep, c in arguments(tok):
        if role in ("appos", "compound", "conj") or role == "obl" and (prep in s.lex.connectors_list or prep in ("such as", "like", "including")):
            out += s.np(c)
    if tok.i + 1 < s.sent.end and (tok.i + 1) in s.ctx.token_ment:
        out += s.after(tok, window=1)          # "le concurrent X", "le service concurrent X"
    if out:
        return unique(out)
    if tok.dep_ in ("attr", "xcomp", "ROOT") or any(c.dep_ == "cop" for c in tok.children):
        pred = tok.head if tok.dep_ in ("attr", "xcomp") else tok
        out += s.subjects(pred) or s.role_mentions(pred, {"subjpass"})
    if tok.dep_ in ("pobj",) and tok.head.head.dep_ in ("acl", "amod"):
        out += s.np(tok.head.head.head)        # "X, considered as Y's competitor"
    if tok.dep_ in ("obl", "obl:mod", "obl:arg") and tok.head.dep_ in ("acl", "amod"):
        out += s.np(tok.head.head)
    if tok.dep_ in ("amod", "acl") or tok.pos_ == "ADJ":
        out += s.np(tok.head) or s.after(tok, window=2)   # "le service concurrent X"
    if not out:
        out += _apposed(s, tok)
    return unique(out)


def _apposed(s: Sentence, tok: Token) -> list[Ment]:
    """"X, le concurrent de Y": the name just before the comma that opens the noun phrase."""
    i = tok.i - 1
    while i >= s.sent.start and tok.doc[i].pos_ in ("DET", "ADJ", "NUM") and tok.doc[i].text != ",":
        i -= 1
    if i - 1 >= s.sent.start and tok.doc[i].text == "," and (i - 1) in s.ctx.token_ment:
        return [s.ctx.token_ment[i - 1]]
    return []


def _frame_investor_noun(s: Sentence, tok: Token, trig: Trigger):
    lex = s.lex
    funders = _described(s, tok)
    funded = s.role_mentions(tok, {"obl", "poss"}, lex.preps["of"] | lex.preps["into"] | {"in", "of", "into"})
    for c in tok.children:                      # "les soutiens déjà connus de Mistral"
        if c.dep_ in ("acl", "amod"):
            funded += s.role_mentions(c, {"obl"}, lex.preps["of"])
    funders = [m for m in funders if m not in funded]
    if not funded and s.ctx.raiser is not None and tok.lower_ not in ("soutiens",):
        funded = [s.ctx.raiser]
    if funders:
        funders += [m for m in _alongside(s) if m not in funded]
    return [(f, "funds", g) for f, g in _pairs(funders, funded)]


def _frame_stake_noun(s: Sentence, tok: Token, trig: Trigger):
    lex = s.lex
    if not (s.has_percent() or s.money()):
        return []
    verb = s.governor(tok)
    low = verb.lower_
    held_in = s.role_mentions(tok, {"obl"}, lex.preps["into"] | lex.preps["of"] | {"in", "of"})
    if low in lex.sell_verbs:
        buyers = s.role_mentions(verb, {"iobj", "obl"}, {"à", "au", "aux", "to"}) or s.role_mentions(verb, {"obj"}) \
            if tok.dep_ not in ("obj", "dobj") else s.role_mentions(verb, {"iobj", "obl"}, {"à", "au", "aux", "to"})
        sellers = s.subjects(verb)
        return [(f, "funds", g) for f, g in _pairs(buyers, sellers)]
    if low in lex.buy_verbs and held_in:
        return [(f, "funds", g) for f, g in _pairs(s.subjects(verb), held_in)]
    return []


def _has_prep(tok: Token, preps) -> bool:
    return any(r == "obl" and p in preps for r, p, _ in arguments(tok))


def _symmetric(a: list[Ment], b: list[Ment], relation: str):
    out = [(x, relation, y) for x, y in _pairs(a, b)]
    return out


def _frame_partner_noun(s: Sentence, tok: Token, trig: Trigger):
    lex = s.lex
    if tok.lower_ in ("accord", "accords") and any(c.lower_ in ("d'", "d’") for c in tok.children):
        return []                               # "être d'accord": to agree, not an agreement
    with_ = s.role_mentions(tok, {"obl"}, lex.preps["with"] | {"with"})
    with_ += _nested_with(s, tok)
    between = s.role_mentions(tok, {"obl"}, lex.preps["between"] | {"between"})
    own = s.role_mentions(tok, {"poss", "compound"})
    own += s.role_mentions(tok, {"obl"}, lex.preps["of"] | {"of"}) if with_ else []
    verb = s.governor(tok)
    if verb is not tok:
        with_ += s.role_mentions(verb, {"obl"}, lex.preps["with"] | {"with"})
    out = []
    if between:
        out += _symmetric(between, between, "partners-with")
    for c in [*tok.children, *(tok.head.children if tok.dep_.startswith("nmod") else ())]:
        if c.dep_ in ("acl:relcl", "relcl") and c.i > tok.i:
            owners = s.subjects(c)
            if len(owners) >= 2:                # "une coentreprise que les deux groupes détiendront"
                out += _symmetric(owners, owners, "partners-with")
    own = [m for m in own if m not in with_]
    side_a = own or (s.subjects(verb) if verb is not tok else []) or _described(s, tok)
    side_a = [m for m in side_a if m not in with_]
    if with_:
        out += _symmetric(side_a, with_, "partners-with")
    elif len(own) >= 2:
        out += _symmetric(own, own, "partners-with")   # "the Fiat-GM alliance"
    elif len(side_a) >= 2 and not _has_prep(tok, lex.preps["with"] | {"with"}) and not _has_prep(verb, lex.preps["with"] | {"with"}):
        out += _symmetric(side_a, side_a, "partners-with")  # "X et Y ont signé un accord"
    elif side_a:
        # "X has struck a deal to supply Y": the object of the verb the deal is for
        for c in tok.children:
            if c.dep_ in ("acl", "xcomp", "relcl") and c.lower_ in lex.supply_verbs | lex.give_verbs:
                out += _symmetric(side_a, s.role_mentions(c, {"obj", "iobj"}), "partners-with")
        # "X invested in Y as part of a partnership", "X had sold Y a stake as part of a deal"
        if not out and verb is not tok and tok.dep_ not in SUBJ | SUBJ_PASS:
            objects = s.role_mentions(verb, {"obj", "iobj", "obl"}, lex.preps["into"] | {"in", "into", "to"})
            out += _symmetric(side_a, [m for m in objects if m not in side_a], "partners-with")
    if with_:
        out += _symmetric(with_, _distributed(s, tok), "partners-with")
    return out


def _nested_with(s: Sentence, tok: Token, depth: int = 2) -> list[Ment]:
    """"un accord de distribution avec X", "un contrat de livraison d'hydrogène avec X", "a
    contract signed with X": the partner hangs on a complement or participle of the trigger."""
    out = []
    if depth == 0:
        return out
    withs = s.lex.preps["with"] | {"with"}
    for role, _prep, c in arguments(tok):
        if c.i in s.ctx.token_ment:
            continue
        participle = c.tag_ == "VBN" or "Part" in c.morph.get("VerbForm")
        if role == "obl" and c.pos_ == "NOUN" or role == "acl" and c.pos_ == "VERB" and participle:
            out += s.role_mentions(c, {"obl"}, withs) + _nested_with(s, c, depth - 1)
    return unique(out)


def _distributed(s: Sentence, tok: Token) -> list[Ment]:
    """Names shared out after the trigger: "des partenariats avec X – l'un avec A, l'autre avec B"."""
    out = []
    doc = tok.doc
    for i in range(tok.i + 1, s.sent.end - 2):
        if doc[i].lower_.replace("’", "'") in s.lex.distributives and doc[i + 1].lower_ in s.lex.preps["with"] | {"with"}:
            out += s.after(doc[i + 1], window=6)
    return unique(out)


def _frame_partner_role(s: Sentence, tok: Token, trig: Trigger):
    """"X, partenaire de Y", "Y's partner X", "X et Y sont partenaires": a role, not a deal."""
    lex = s.lex
    described = _described(s, tok)
    of = s.role_mentions(tok, {"poss", "obl"}, lex.preps["of"] | {"of"})
    of = [m for m in of if m not in described]
    if of:
        return _symmetric(described, of, "partners-with")
    if len(described) >= 2 and tok.lower_.endswith(("s", "x")):
        return _symmetric(described, described, "partners-with")
    return []


def _frame_supplier_role(s: Sentence, tok: Token, trig: Trigger):
    """"X, fournisseur de Y", "X is a key supplier to Y": a supply relationship (weaker)."""
    described = _described(s, tok)
    served = s.role_mentions(tok, {"poss", "obl"}, s.lex.preps["of"] | s.lex.preps["into"] | {"of", "to", "for"})
    return _symmetric([m for m in described if m not in served], served, "partners-with")


def _frame_joint_adverb(s: Sentence, tok: Token, trig: Trigger):
    """"X et Y ont développé conjointement", "X and Y jointly developed": a collaboration."""
    if tok.dep_ not in ("advmod",) or tok.head.pos_ not in ("VERB", "AUX"):
        return []
    subj = s.subjects(tok.head)
    return _symmetric(subj, subj, "partners-with") if len(subj) >= 2 else []


def _subject_and_other(s: Sentence, tok: Token, roles: set[str], preps, relation: str):
    """The subject against the named other ("X s'allie avec Y"), else the subjects among
    themselves when several are named together ("X et Y collaborent")."""
    subj = s.subjects(tok)
    other = s.role_mentions(tok, roles, preps)
    if other:
        return _symmetric(subj, other, relation)
    if len(subj) >= 2:
        return _symmetric(subj, subj, relation)
    return []


def _frame_partner_verb(s: Sentence, tok: Token, trig: Trigger):
    return _subject_and_other(s, tok, {"obl", "obj", "iobj"}, s.lex.preps["with"] | {"with", "à", "to"}, "partners-with")


def _frame_supply_verb(s: Sentence, tok: Token, trig: Trigger):
    if s.is_passive(tok):
        return []
    subj = [m for m in s.subjects(tok) if m.type in ("ORG", "MISC")]
    other = [m for m in s.role_mentions(tok, {"iobj", "obj", "obl"}, {"à", "au", "aux", "to"}) if m.type in ("ORG", "MISC")]
    return _symmetric(subj, other, "partners-with")


def _frame_compete_verb(s: Sentence, tok: Token, trig: Trigger):
    lex = s.lex
    if s.is_passive(tok):
        a = s.role_mentions(tok, {"subjpass"}) or (s.np(tok.head) if tok.dep_ in ("acl", "amod") else [])
        b = s.role_mentions(tok, {"agent", "obl"}, lex.preps["agent"] | {"by"})
    else:
        a = s.subjects(tok)
        b = s.role_mentions(tok, {"obj", "obl"}, lex.preps["with"] | lex.preps["against"] | lex.connectors_list
                            | {"with", "against"}, follow_of=True) or s.after(tok, window=2)
        if len(a) >= 2 and not b:
            return _symmetric(a, a, "competes-with")     # "X et Y se concurrencent"
        if not a and b and tok.i - 1 >= s.sent.start and tok.doc[tok.i - 1].i in s.ctx.token_ment:
            a = s.before(tok, window=1)                  # "X concurrence Y" parsed as a noun
    return _symmetric(a, b, "competes-with")


def _frame_rival_noun(s: Sentence, tok: Token, trig: Trigger):
    lex = s.lex
    described = _described(s, tok)
    if not described and tok.i + 1 < s.sent.end and tok.doc[tok.i + 1].text in (",", ":"):
        described = s.after(tok, window=3)      # "ses deux rivaux, X et Y" parsed apart
    ref = s.role_mentions(tok, {"poss", "obl"}, lex.preps["of"] | lex.preps["against"] | {"of", "to", "against"})
    if not ref:
        for c in tok.children:
            if c.dep_ == "det" and "Poss" in c.morph.get("PronType", []) or c.morph.get("Poss") == ["Yes"]:
                before = [m for m in s.ctx.mentions if m.end <= tok.i and m.sent == s.ctx.sent_of[tok.i] and m not in described]
                if before:
                    ref = [before[-1]]
    if not ref and described:
        verb = s.governor(tok.head if tok.dep_ in ("acl", "amod") or tok.pos_ == "VERB" else tok)
        if verb is not tok:
            ref = [m for m in s.subjects(verb) if m not in described]
    ref = [m for m in ref if m not in described]
    if not ref and len(described) >= 2 and tok.morph.get("Number") != ["Sing"] and tok.tag_ != "NN":
        return _symmetric(described, described, "competes-with")    # "X and Y remain rivals"
    return _symmetric(described, ref, "competes-with")


def _frame_race_noun(s: Sentence, tok: Token, trig: Trigger):
    between = s.role_mentions(tok, {"obl"}, s.lex.preps["between"] | {"between"})
    if not between and tok.dep_ in OBJ:
        verb = s.governor(tok)
        subj = s.subjects(verb) if verb is not tok else []
        if len(subj) >= 2:
            between = subj                              # "X et Y se livrent une bataille"
    if not between:
        rivals = s.role_mentions(tok, {"obl"}, s.lex.preps["with"] | s.lex.preps["against"] | {"with", "against"}) \
            or _nested_with(s, tok, depth=1)
        verb = s.governor(tok)
        if rivals and verb is not tok:                  # "X est engagé dans une course avec Y"
            racers = s.subjects(verb) or s.role_mentions(verb, {"subjpass"})
            return _symmetric([m for m in racers if m not in rivals], rivals, "competes-with")
    return _symmetric(between, between, "competes-with")


def _frame_contest_verb(s: Sentence, tok: Token, trig: Trigger):
    """"X and Y are both bidding for", "X et Y se disputent le marché": rivals only when the
    contenders are named together (or against each other), never "X bids for Y"."""
    return _subject_and_other(s, tok, {"obl"}, s.lex.preps["against"] - {"à", "with"} | {"against"}, "competes-with")


def _frame_attack_noun(s: Sentence, tok: Token, trig: Trigger):
    """"the group's counter-attack against X", "tenir tête à X": a move against a rival."""
    verb = s.governor(tok)
    targets = s.role_mentions(tok, {"obl"}, s.lex.preps["against"] | {"against"})
    if not targets and verb is not tok:
        targets = s.role_mentions(verb, {"obl", "iobj"}, s.lex.preps["against"] | {"against"})
    attackers = s.role_mentions(tok, {"poss"}) or (s.subjects(verb) if verb is not tok else [])
    return _symmetric([m for m in attackers if m not in targets], targets, "competes-with")


def _frame_joint_adj(s: Sentence, tok: Token, trig: Trigger):
    """"l'offre commune de X et de Y", "a joint bid by X and Y": the members are partners."""
    head = tok.head if tok.dep_ in ("amod", "compound", "acl") else tok
    members = s.role_mentions(head, {"obl", "poss"}, s.lex.preps["of"] | s.lex.preps["agent"] | {"of", "by", "from"})
    return _symmetric(members, members, "partners-with") if len(members) >= 2 else []


def _frame_rank_prep(s: Sentence, tok: Token, trig: Trigger):
    """"X est loin derrière Y", "X is far behind Y": a ranking between rivals. Only with a
    ranking word just before it, so that "the company behind ChatGPT" stays no rivalry."""
    doc = tok.doc
    if not any(doc[i].lower_ in s.lex.rank_cues for i in range(max(s.sent.start, tok.i - 2), tok.i)):
        return []
    ahead = s.after(tok, window=4)
    ahead = s.listed_after(ahead) or ahead
    behind = s.subjects(s.governor(tok.head)) if tok.head is not tok else []
    if not behind:
        for t in doc[s.sent.start:tok.i]:
            if t.lower_ in s.lex.pronouns_subject:
                ref = antecedent(t, s.ctx.mentions, s.ctx.token_ment, s.lex, s.ctx.sent_subjects, s.ctx.sent_of)
                behind = [ref] if ref is not None else []
                break
    return _symmetric([m for m in behind if m not in ahead], ahead, "competes-with")


FRAMES = {"invest": _frame_invest, "raise": _frame_raise, "round": _frame_round,
          "funding_noun": _frame_funding_noun, "investor_noun": _frame_investor_noun,
          "stake_noun": _frame_stake_noun, "partner_noun": _frame_partner_noun,
          "partner_verb": _frame_partner_verb, "partner_role": _frame_partner_role, "supply_verb": _frame_supply_verb,
          "compete_verb": _frame_compete_verb, "rival_noun": _frame_rival_noun,
          "race_noun": _frame_race_noun, "rank_prep": _frame_rank_prep, "contest_verb": _frame_contest_verb,
          "attack_noun": _frame_attack_noun, "joint_adj": _frame_joint_adj,
          "supplier_role": _frame_supplier_role, "joint_adverb": _frame_joint_adverb}
# raise before round, so that "X a levé … lors d'un tour mené par Y" knows the owner
_ORDER = {"raise": 0, "round": 1}


def find_relations(ctx) -> list[Found]:
    """All relations stated in the document of ``ctx`` (see :class:`kg.document.DocContext`)."""
    out: list[Found] = []
    lex = ctx.lex
    for si, sent in enumerate(ctx.doc.sents):
        if not any(t.i in ctx.token_ment or t.lower_ in lex.descriptions or t.lower_ in lex.pronouns_subject
                   for t in sent):
            continue                            # nothing in it can be a relation's end
        s = Sentence(ctx, sent, si)
        hits = sorted(_match_triggers(sent, lex), key=lambda h: (_ORDER.get(h[1].frame, 2), h[0].i))
        for tok, trig in hits:
            if trig.needs_money and not s.money():
                continue
            if trig.needs_money_or_percent and not (s.money() or s.has_percent()):
                continue
            if tok.i in ctx.token_ment:
                continue                        # "Alliance" inside a name, "Fonds X"
            if _negated(tok, lex):
                continue
            conf = BASE_CONFIDENCE[trig.frame] * (0.5 if _hedged(tok, lex) else 1.0)
            for src, rel, dst in FRAMES[trig.frame](s, tok, trig):
                if src.name == dst.name or is_place(src) or is_place(dst):
                    continue                    # a country or city is where, not who
                amount = s.money(tok.idx) if rel == "funds" else ""
                out.append(Found(src, rel, dst, si, conf, amount, trig.frame))
    return out

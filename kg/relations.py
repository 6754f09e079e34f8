"""Relation mentions: trigger words of the language pack, and the frames that find their arguments.

For each sentence: the pack's triggers are matched; the company raising money in it (if any)
and the matches of the pack's dependency patterns (:mod:`kg.patterns`) are found once, before any frame
(:func:`kg.frames.funding.money_owner`); then each trigger that
is not negated, denied or missing the money it needs gives the pairs its frame finds
(:mod:`kg.frames`). The relation, its direction and its base confidence come from the trigger;
a hedged trigger ("pourrait", "talks") gets half the confidence.

The syntax the frames rely on (arguments of a word, the names of a noun phrase, the subject of
a clause) is in :mod:`kg.clauses`, which keeps them language-neutral.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .clauses import arguments
from .frames import FRAMES
from .frames.funding import OWNER_FRAMES, money_owner
from .lang import LanguagePackError, Lexicon, Trigger
from .mentions import Ment, is_place
from .money import amount_for
from .patterns import pattern_matches
from .sentence import Sentence

__all__ = ["Found", "find_relations", "HEDGE_FACTOR"]

#: A hedged statement ("pourrait", "in talks") counts half.
HEDGE_FACTOR = 0.5
#: How many sentences on a company raising money stays the one a bare "investor" funds.
_OWNER_SPAN = 2


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


def match_triggers(sent, lex: Lexicon):
    """``(head token, trigger)`` for every trigger of the lexicon in ``sent`` (multi-word ones whole)."""
    toks = list(sent)
    low = [t.lower_.replace("’", "'") for t in toks]
    for i in range(len(toks)):
        for trig in lex.triggers_starting(low[i]):   # cached per word: most words start none
            n = len(trig.words)
            if i + n <= len(toks) and all(trig.words[j].fullmatch(low[i + j]) for j in range(1, n)):
                yield toks[i + trig.head], trig


def _negated(tok: Token, lex: Lexicon) -> bool:
    """The trigger, its verb or a verb above it is negated or denied."""
    cur = tok
    for _ in range(3):
        for c in cur.children:
            if lex.role(c) in ("neg", "advmod", "det") and c.lower_ in lex.negation_words:
                return True
            if lex.role(c) in ("neg", "advmod") and c.lower_ in lex.negation_particles and not any(
                    t.lower_ in lex.negation_particle_exceptions for t in cur.subtree if t.i > c.i):
                return True     # "n'avait pu se conclure"; not "n'a signé qu'avec X" (only), "n'est plus" (was)
        if cur.lower_ in lex.deny_verbs:
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return tok.head.lower_ in lex.deny_verbs


_HEDGE_ROLES = frozenset({"aux", "auxpass", "advmod", "amod", "mark", "det"})
_CLIMB_ROLES = frozenset({"xcomp", "obj", "obl", "subj", "subjpass", "pobj", "prep"})


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
        words.update(c.lower_ for c in cur.children if lex.role(c) in _HEDGE_ROLES)
        if any(lex.conditional.fullmatch(t.lower_) for t in (cur, *cur.children) if t.i == cur.i or lex.role(t) == "aux"):
            return True     # a conditional ("toute alliance … constituerait une ligne rouge"), which the
                            # French parser tags as an imperfect
        if cur.head.i == cur.i or lex.role(cur) not in _CLIMB_ROLES:
            break
        cur = cur.head
    start = max(tok.sent.start, tok.i - 3)
    words.update(t.lower_ for t in tok.doc[start:tok.i])
    words = {w.replace("’", "'") for w in words}
    return bool(words & lex.hedges)


def _applies(s: Sentence, tok: Token, trig: Trigger) -> bool:
    """The trigger states a relation here: not inside a name, not another word ("d'accord"),
    with the money it needs, not negated."""
    if tok.i in s.ctx.token_ment:
        return False                            # "Alliance" inside a name, "Fonds X"
    if trig.blocked_by and any(c.lower_.replace("’", "'") in trig.blocked_by and not _determined_after(c, tok)
                               for c in tok.children):
        return False
    if trig.needs_money and not s.money():
        return False
    if trig.needs_money_or_percent and not (s.money() or s.has_percent()) \
            and not any(r == "obl" and p in trig.money_or_prep   # on the noun, or on the verb it is the object of
                        for t in ((tok, tok.head) if s.role(tok) == "obj" else (tok,)) for r, p, _ in arguments(t, s.lex)):
        return False
    return not _negated(tok, s.lex)


def _determined_after(c: Token, tok: Token) -> bool:
    """A determiner between a blocking word before the trigger and the trigger: "d'un accord"
    is a deal, "d'accord" is agreement."""
    return c.i < tok.i and any(t.pos_ == "DET" for t in tok.doc[c.i + 1:tok.i])


def check_frames(lex: Lexicon) -> None:
    """Every trigger of the pack names a registered frame."""
    for trig in lex.triggers:
        if trig.frame not in FRAMES:
            raise LanguagePackError(f"language pack {lex.lang!r}: trigger of {trig.relation!r} names unknown frame "
                                    f"{trig.frame!r}; known: {', '.join(sorted(FRAMES))}")


def find_relations(ctx) -> list[Found]:
    """All relations stated in the document of ``ctx`` (see :class:`kg.document.DocContext`)."""
    out: list[Found] = []
    lex = ctx.lex
    check_frames(lex)
    owner, owner_sent = None, -10
    for si, sent in enumerate(ctx.doc.sents):
        if not any(t.i in ctx.token_ment or t.lower_ in lex.descriptions or t.lower_ in lex.pronouns_subject
                   for t in sent):
            continue                            # nothing in it can be a relation's end
        s = Sentence(ctx, sent, si, raiser=owner, raiser_sent=owner_sent)
        hits = [(tok, trig) for tok, trig in match_triggers(sent, lex) if _applies(s, tok, trig)]
        matches = pattern_matches(sent, lex, {trig.frame for _, trig in hits})
        for frame_name in OWNER_FRAMES:         # "X a levé … lors d'un tour mené par Y": X owns the round
            for tok, trig in hits:
                found = money_owner(s, tok, frame_name) if trig.frame == frame_name else None
                if found is not None:
                    owner, owner_sent = found, si
        s = Sentence(ctx, sent, si, raiser=owner, raiser_sent=owner_sent, matches=matches)
        for tok, trig in hits:
            out += _found(s, tok, trig)
    return out


def _found(s: Sentence, tok: Token, trig: Trigger) -> list[Found]:
    conf = trig.confidence * (HEDGE_FACTOR if _hedged(tok, s.lex) else 1.0)
    out = []
    for first, second in FRAMES[trig.frame](s, tok, trig):
        if first.name == second.name or is_place(first) or is_place(second):
            continue                            # a country or city is where, not who
        # an amount goes with a directed relation (money given, paid), from its source's phrase
        amount = amount_for(s.sent, s.lex, first, tok.idx) if trig.direction == "forward" else ""
        out.append(Found(first, trig.relation, second, s.index, conf, amount, trig.frame))
    return out

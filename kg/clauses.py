"""Clauses of a parsed sentence: the syntactic arguments of a word, read through the roles
of the language pack.

Dependency labels differ between pipelines (Universal Dependencies for French, ClearNLP for
English); each pack maps its parser's labels to one set of roles (``pack.json``,
``dependency_roles``), and :func:`arguments` yields those roles, so that no rule reads a
label. Noun phrases to mentions are in :mod:`kg.phrases`, descriptions and pronouns in
:mod:`kg.reference`, amounts in :mod:`kg.money`; :class:`kg.sentence.Sentence` gathers them.
"""
from __future__ import annotations

from spacy.tokens import Token

from .lang import Lexicon
from .mentions import Ment

__all__ = ["arguments", "case_of", "governor", "is_passive", "unique"]

#: Roles that link a clause to the word it depends on (climbed to find a subject).
CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj", "ccomp", "acl", "relcl", "parataxis"})


def arguments(tok: Token, pack: Lexicon):
    """Yield ``(role, preposition, token)`` for the syntactic arguments of ``tok``.

    Roles: subj, subjpass, obj, iobj, agent, obl (with its preposition), poss, appos,
    compound (also a complement without preposition), conj, acl, attr. ``pack`` is the language
    pack of the pipeline that parsed ``tok``.
    """
    pronominal = _pronominal(tok, pack)
    for c in tok.children:
        r = pack.role(c)
        if r == "subjpass" and pronominal:
            r = "subj"
        if r == "iobj" and c.pos_ == "ADP":
            yield from _prepositional(pack, c, c.lower_)     # English "dative": "granted a loan to X"
        elif r in ("subj", "subjpass", "obj", "iobj", "appos", "conj", "attr"):
            yield r, "", c
        elif r == "agent":                      # "by X" (a preposition) or "par X" (a case)
            for p in [p for p in c.children if pack.role(p) == "pobj"] or [c]:
                yield "agent", "", p
        elif r == "poss" or r == "det" and c.morph.get("Poss") == ["Yes"]:
            yield "poss", "", c
        elif r in ("obl", "nmod"):
            prep = case_of(c, pack)
            yield ("obl" if prep else "compound"), prep, c
        elif r == "prep":
            yield from _prepositional(pack, c, c.lower_)
        elif r == "compound" or r == "amod" and c.pos_ == "PROPN":
            yield "compound", "", c
        elif r in ("acl", "relcl"):
            yield "acl", "", c
        elif r in ("advmod", "dep") and c.lower_ in pack.adverbial_preps:
            yield from _adverbial(pack, c)      # "auprès de X", "ahead of X"
        # parsers hang the source of money on the amount ("300 millions d'euros de Tencent",
        # "a emprunté 4 milliards auprès de X"), and the holder on the percent ("détenue à 20 %
        # par X")
        if r in ("obl", "nmod", "obj") and c.lower_ in pack.amount_words or c.like_num and r == "nummod" \
                or r in ("obl", "nmod") and c.i > 0 and pack.percent.fullmatch(c.doc[c.i - 1:c.i + 1].text):
            for arg, prep, g in arguments(c, pack):
                if arg == "obl" and prep:
                    yield arg, prep, g


def _pronominal(tok: Token, pack: Lexicon) -> bool:
    """A pronominal verb ("X s'est allié à Y"): parsers often call its subject passive, but it
    acts; a real passive has a passive auxiliary ("X a été financé")."""
    roles = [pack.role(c) for c in tok.children]
    return "expl" in roles and "subjpass" in roles and "auxpass" not in roles


def _prepositional(pack: Lexicon, prep: Token, text: str):
    """The objects of a preposition ("with X"), and of a two-word one ("such as X")."""
    for p in prep.children:
        r = pack.role(p)
        if r in ("pobj", "pcomp"):
            yield "obl", text, p
        elif r == "prep":
            for q in p.children:
                if pack.role(q) == "pobj":
                    yield "obl", f"{text} {p.lower_}", q


def _adverbial(pack: Lexicon, adverb: Token):
    """"auprès de X" parsed as an adverb with "de X" below it."""
    for g in adverb.children:
        r = pack.role(g)
        if r in ("obl", "nmod", "pobj"):
            yield "obl", f"{adverb.lower_} {case_of(g, pack)}".strip(), g
        elif r == "prep":
            yield from _prepositional(pack, g, f"{adverb.lower_} {g.lower_}")


def case_of(tok: Token, pack: Lexicon) -> str:
    """The preposition of a nominal, with its fixed parts ("auprès de", "face à")."""
    parts = [c.lower_ for c in tok.children if pack.role(c) in ("case", "fixed") and c.i < tok.i]
    for c in tok.children:
        if pack.role(c) == "case":
            parts += [f.lower_ for f in c.children if pack.role(f) == "fixed"]
    return " ".join(parts).replace("’", "'")


def governor(tok: Token) -> Token:
    """The verb whose clause ``tok`` (a noun trigger) belongs to."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def is_passive(tok: Token, pack: Lexicon) -> bool:
    """A passive verb ("financé par X"), or a participle with an agent ("a round led by X")."""
    kids = {pack.role(c) for c in tok.children}
    if _pronominal(tok, pack):
        kids.discard("subjpass")
    if kids & {"subjpass", "auxpass", "agent"}:
        return True
    return pack.role(tok) in ("acl", "amod") and (tok.tag_ == "VBN" or "Part" in tok.morph.get("VerbForm")) \
        and any(r == "agent" or r == "obl" and p in pack.preps["agent"] for r, p, _ in arguments(tok, pack))


def unique(ms: list[Ment]) -> list[Ment]:
    seen, out = set(), []
    for m in ms:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out

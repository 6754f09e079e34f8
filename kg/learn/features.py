"""Candidate pairs of one document and the features the scorer reads.

A candidate is two entities named in one sentence, ordered by position (``a`` first), or two
entities a rule linked across sentences (a description or pronoun standing for one of them).
Features are strings (value 1), and none of them names a word of a language: everything is read
through the language's lexicon (trigger classes, negations, hedges) and a role map over the
dependency labels of both parsers, so that English examples teach French decisions too. The
words between and on the path, and the distance in tokens, were features until cross-validation
showed they overfit: without them the scorer keeps 176 of the rules' 220 correct held-out
findings at precision 0.815 (5 folds, seeds 0 and 1), against 163 at 0.795 with them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..lang import Lexicon

__all__ = ["Candidate", "ROLES", "doc_candidates", "span_features", "trigger_index", "CLASSES"]

#: What the scorer decides for a candidate (``a`` is the earlier mention).
CLASSES = ("none", "funds:ab", "funds:ba", "partners-with", "competes-with")

#: Dependency labels of the French (Universal Dependencies) and English (ClearNLP) parsers to
#: one set of roles; prepositions are left out of paths (``role`` None) so that "invested in
#: Y" (prep → pobj) and "investi dans Y" (obl) read alike.
ROLES = {
    "nsubj": "subj", "csubj": "subj", "expl": "subj",
    "nsubj:pass": "subjpass", "nsubjpass": "subjpass", "csubjpass": "subjpass",
    "obl:agent": "agent", "agent": "agent",
    "obj": "obj", "dobj": "obj", "iobj": "obj", "dative": "obj", "attr": "obj", "oprd": "obj",
    "obl": "obl", "obl:arg": "obl", "obl:mod": "obl", "pobj": "obl", "nmod": "obl", "npadvmod": "obl",
    "nmod:poss": "poss", "poss": "poss",
    "compound": "compound", "flat": "compound", "flat:name": "compound", "flat:foreign": "compound",
    "fixed": "compound", "nn": "compound",
    "appos": "appos", "conj": "conj",
    "amod": "mod", "acl": "clause", "acl:relcl": "clause", "relcl": "clause", "advcl": "clause",
    "xcomp": "clause", "ccomp": "clause", "parataxis": "clause", "advmod": "mod", "nummod": "mod",
    "prep": None, "case": None, "pcomp": None, "mark": None,
}


@dataclass
class Candidate:
    """Two mentions (``a`` before ``b`` in an in-sentence pair), the sentence index, the rule
    findings on the pair in that sentence and the features."""

    a: object
    b: object
    sent: int
    rules: list = field(default_factory=list)
    features: list[str] = field(default_factory=list)


def trigger_index(sent: Span, lex: Lexicon, taken: set[int] = frozenset()) -> dict[int, list]:
    """Token index → the triggers of the lexicon headed there (multi-word ones matched whole),
    outside the names in ``taken`` ("United" in "United States" or "Manchester United" states
    no alliance, as the rules already say)."""
    from ..relations import match_triggers

    out: dict[int, list] = {}
    for tok, trig in match_triggers(sent, lex):
        if trig.frame not in UNSIGNED_FRAMES and tok.i not in taken:
            out.setdefault(tok.i, []).append(trig)
    return out


#: Frames whose trigger words say nothing alone ("developed", "built": a relation only with
#: "with Y", or with two organisations as the agents of one passive); as features they would
#: mark every sentence that makes something as a partnership.
UNSIGNED_FRAMES = frozenset({"made_with", "joint_creation"})


def _role(tok: Token) -> str | None:
    return ROLES.get(tok.dep_, "-")


def _path(ha: Token, hb: Token):
    """Roles from ``ha`` up to the lowest common ancestor and down to ``hb``; None if the two
    are in different trees."""
    up_a = [ha, *ha.ancestors]
    up_b = [hb, *hb.ancestors]
    depth_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in depth_b:
            lca, below_a, below_b = t, up_a[:k], up_b[:depth_b[t.i]]
            break
    else:
        return None, None, []
    labels = [r + "^" for r in map(_role, below_a) if r] + [r + "v" for r in map(_role, reversed(below_b)) if r]
    inner = below_a[1:] + [lca] + below_b[1:]
    return lca, labels, [t for t in inner if t != ha and t != hb]


def _bucket(n: int, edges=(0, 2, 5, 10, 20)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


def _path_features(lca: Token, labels: list[str], inner: list[Token], ha: Token, hb: Token, lex: Lexicon,
                   triggers: dict[int, list], taken: set[int]) -> list[str]:
    """What the dependency path between the two names says: its roles, where it meets, the
    triggers on it and one step from it, its words, and negation on it."""
    f = [f"plen={_bucket(len(labels), (1, 2, 3, 4, 6))}",
         f"path={'/'.join(labels)}" if len(labels) <= 4 else "path=long"]
    if lca == ha or lca == hb:
        f.append("dominates=" + ("ab" if lca == ha else "ba"))
    else:
        f.append(f"lcapos={lca.pos_}")
    if labels and all(lab.startswith("conj") for lab in labels):
        f.append("conjoined")
    if any(lab.startswith("appos") for lab in labels):
        f.append("appos")
    # triggers one step from the pair's meeting point: "X et Y ont signé un accord" (the
    # list's verb holds the trigger), "X, partenaire de Y"
    near = {lca.head, *lca.children, *lca.head.children} - {ha, hb, *inner}
    for t in near:
        for trig in triggers.get(t.i, ()):
            f.append(f"ntrig={trig.relation}")
            f.append(f"ntrig={trig.relation}:{t.dep_ and _role(t)}")
    for t in inner:
        for trig in triggers.get(t.i, ()):
            f.append(f"ptrig={trig.relation}:{trig.frame}")
            f.append(f"ptrig={trig.relation}")
            if t == lca:
                f.append(f"lcatrig={trig.frame}")
        if t.lower_ in lex.negation_words or t.lower_ in lex.deny_verbs:
            f.append("neg_path")
        if any(c.lower_ in lex.negation_words for c in t.children if c.i not in taken):
            f.append("neg_path")
    return f


def span_features(sent: Span, a: tuple[int, int, str], b: tuple[int, int, str], lex: Lexicon,
                  triggers: dict[int, list], taken: set[int]) -> list[str]:
    """Features of the pair of token spans ``a`` and ``b`` (start, end, type) in ``sent``;
    ``taken`` holds the token indices covered by the entity mentions of the sentence."""
    doc = sent.doc
    (a0, a1, ta), (b0, b1, tb) = a, b
    ha, hb = doc[a0:a1].root, doc[b0:b1].root
    f = ["bias", f"tt={ta}_{tb}", f"ta={ta}", f"tb={tb}", f"ra={_role(ha)}", f"rb={_role(hb)}"]
    lca, labels, inner = _path(ha, hb)
    f += _path_features(lca, labels, inner, ha, hb, lex, triggers, taken) if lca is not None else ["nopath"]
    gap = range(a1, b0)
    for i in gap:
        for trig in triggers.get(i, ()):
            f.append(f"btrig={trig.relation}:{trig.frame}")
    for i in range(max(sent.start, a0 - 5), a0):
        for trig in triggers.get(i, ()):
            f.append(f"pretrig={trig.relation}")
    for i in range(b1, min(sent.end, b1 + 5)):
        for trig in triggers.get(i, ()):
            f.append(f"posttrig={trig.relation}")
    if len(gap) == 0 or all(doc[i].is_punct or doc[i].lower_ in lex.list_separators for i in gap):
        f.append("adjacent_list")
    for trigs in triggers.values():
        for trig in trigs:
            f.append(f"strig={trig.relation}")
    words = {t.lower_ for t in sent}
    if words & lex.negation_words:
        f.append("neg_sent")
    if words & lex.hedges:
        f.append("hedge")
    if lex.money.search(sent.text):
        f.append("sent_money")
    if lex.percent.search(sent.text):
        f.append("sent_percent")
    return sorted(set(f))


def rule_features(rules: list, a_name: str) -> list[str]:
    """Which rule frames linked the pair, and which way round."""
    f = []
    for r in rules:
        way = "sym" if r.relation != "funds" else ("ab" if r.source.name == a_name else "ba")
        f += [f"rule={r.relation}:{way}", f"rframe={r.frame}", "rule"]
        if r.confidence < 0.5:
            f.append("rule_hedged")
    return sorted(set(f))


MAX_NAMES = 16      # a sentence naming more is a list (results, rankings), rarely a relation


def doc_candidates(ctx, found: list, use_rules: bool = True) -> list[Candidate]:
    """Every candidate pair of the document of ``ctx`` with its features; ``found`` are the
    rules' findings (:class:`kg.relations.Found`)."""
    doc, lex = ctx.doc, ctx.lex
    by_sent: dict[int, list] = {}
    for m in ctx.mentions:
        by_sent.setdefault(m.sent, []).append(m)
    rules_of: dict[tuple, list] = {}
    for r in found:
        rules_of.setdefault((r.sent, frozenset((r.source.name, r.target.name))), []).append(r)
    out: list[Candidate] = []
    for si, sent in enumerate(doc.sents):
        ments = by_sent.get(si, [])
        first = {}
        for m in ments:
            first.setdefault(m.name, m)
        names = list(first.values())
        if len(names) < 2 and not any(k[0] == si for k in rules_of):
            continue
        taken = {i for m in ments for i in range(m.start, m.end)}
        triggers = trigger_index(sent, lex, taken)
        seen = set()
        if len(names) <= MAX_NAMES:
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    key = frozenset((a.name, b.name))
                    seen.add(key)
                    rules = rules_of.get((si, key), []) if use_rules else []
                    feats = span_features(sent, (a.start, a.end, a.type), (b.start, b.end, b.type), lex,
                                          triggers, taken)
                    if use_rules:
                        feats += rule_features(rules, a.name)
                    out.append(Candidate(a, b, si, rules, feats))
        for (rs, key), rules in rules_of.items():
            if use_rules and rs == si and key not in seen:
                a, b = rules[0].source, rules[0].target
                feats = ["bias", "xsent", f"tt={a.type}_{b.type}", f"ta={a.type}", f"tb={b.type}"]
                feats += [f"strig={t.relation}" for ts in triggers.values() for t in ts]
                feats += rule_features(rules, a.name)
                out.append(Candidate(a, b, si, rules, sorted(set(feats))))
    return out

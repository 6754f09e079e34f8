"""The shipped relation scorer: a multinomial linear model over the features of
:mod:`kg.learn.features`, stored as JSON and evaluated with the standard library.

Decisions: a rule's finding stands when the scorer gives its relation at least the ``rule``
threshold; a pair no rule found gets the scorer's best relation only from the (higher)
``unbacked`` threshold. Both are chosen on held-out articles for precision, and the confidence
is the held-out precision of candidates scored alike (see :mod:`kg.learn.train`), so that it
means what it says. ``KG_RELATIONS=rules`` keeps the rules' findings as they are, for
ablations and rule tests; ``KG_SCORER=FILE`` uses another scorer (e.g. one trained by
``kg train --no-rule-features``).
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..money import amount_for
from ..records import SYMMETRIC
from .features import CLASSES, Candidate, doc_candidates

__all__ = ["Scorer", "load_scorer", "decide", "WEIGHTS", "MODES"]

#: The weights inside the package, written by ``kg train``.
WEIGHTS = "relation_scorer.json"
#: How relations are decided: the scorer over candidates with the rules as features (default),
#: the rules alone, or the scorer without rule features (``KG_RELATIONS``; for ablations).
MODES = ("default", "rules", "scorer")
#: Rule findings below this confidence were hedged ("pourrait", "in talks"): the rules halve it.
HEDGED = 0.5


@dataclass(frozen=True)
class Scorer:
    """Weights per feature and class, a bias per class, and a threshold per class."""

    weights: dict
    bias: tuple[float, ...]
    thresholds: dict
    use_rules: bool = True
    calibration: dict = field(default_factory=dict)

    def confidence(self, p: float, kind: str) -> float:
        """The held-out precision of ``kind`` candidates ("rule"-backed or "unbacked") scored ``p``
        (see :func:`kg.learn.train.calibration`); ``p`` itself without a table."""
        conf = p
        for lo, c in self.calibration.get(kind, ()):
            if p >= lo:
                conf = c
        return conf

    def probabilities(self, features: list[str]) -> list[float]:
        z = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                for k, v in enumerate(w):
                    z[k] += v
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]

    @classmethod
    def from_dict(cls, d: dict) -> "Scorer":
        if tuple(d["classes"]) != CLASSES:
            raise ValueError(f"scorer classes {d['classes']} are not {CLASSES}")
        return cls({f: tuple(w) for f, w in d["weights"].items()}, tuple(d["bias"]), dict(d["thresholds"]),
                   d.get("use_rules", True), d.get("calibration", {}))

    def to_dict(self, meta: dict | None = None) -> dict:
        return {"classes": list(CLASSES), "bias": [round(b, 5) for b in self.bias],
                "thresholds": self.thresholds, "use_rules": self.use_rules, "meta": meta or {},
                "calibration": self.calibration,
                "weights": {f: [round(v, 5) for v in w] for f, w in sorted(self.weights.items())}}


@lru_cache(maxsize=4)
def load_scorer(path: str | None = None) -> Scorer:
    """The scorer at ``path``, else ``$KG_SCORER``, else the one shipped in the package."""
    path = path or os.environ.get("KG_SCORER")
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("kg.learn").joinpath(WEIGHTS).read_text(encoding="utf-8")
    return Scorer.from_dict(json.loads(text))


def mode() -> str:
    m = os.environ.get("KG_RELATIONS", "default")
    if m not in MODES:
        raise ValueError(f"KG_RELATIONS must be one of {', '.join(MODES)}, not {m!r}")
    return m


def decide(ctx, found: list, scorer: Scorer | None = None) -> list:
    """The relations of the document of ``ctx``: the rules' findings ``found`` judged, and
    completed, by the scorer (:class:`kg.relations.Found` records)."""
    from ..relations import Found

    if scorer is None:
        if mode() == "rules":
            return found
        scorer = load_scorer()
    out = []
    for cand in doc_candidates(ctx, found, use_rules=scorer.use_rules):
        probs = scorer.probabilities(cand.features)
        label, p = _verdict(cand, probs, scorer)
        if label is None:
            continue
        relation, _, way = label.partition(":")
        if relation in SYMMETRIC and (cand.a.type == "PER") != (cand.b.type == "PER"):
            continue        # a person partners or competes with people; with a company it is
                            # mostly a job, a spokesman or a chief standing for his company
        src, dst = (cand.b, cand.a) if way == "ba" else (cand.a, cand.b)
        out.append(Found(src, relation, dst, cand.sent, p, _amount(ctx, cand, relation, src), "scorer"))
    return out


def _verdict(cand: Candidate, probs: list[float], scorer: Scorer):
    """The class a candidate is given and its confidence, or (None, 0). A rule's finding stands
    unless the scorer finds it unlikely (``rule`` threshold); the scorer adds what no rule
    found only when its held-out precision was high (``unbacked`` threshold)."""
    if cand.rules:
        labels = {r.relation if r.relation != "funds" else
                  "funds:" + ("ab" if r.source.name == cand.a.name else "ba") for r in cand.rules}
        k = max((CLASSES.index(lab) for lab in labels), key=lambda k: probs[k])
        kind = "rule"
    else:
        k = max(range(1, len(CLASSES)), key=lambda k: probs[k])
        kind = "unbacked"
    if probs[k] < scorer.thresholds[kind]:
        return None, 0.0
    conf = scorer.confidence(probs[k], kind)
    if cand.rules and all(r.confidence < HEDGED for r in cand.rules):
        conf /= 2       # only ever rumoured or planned here: one such sentence is not yet a fact
    return CLASSES[k], conf


def _amount(ctx, cand: Candidate, relation: str, funder) -> str:
    """A rule's amount for the pair, else the amount of the funder's phrase in the sentence."""
    if relation != "funds":
        return ""
    for r in cand.rules:
        if r.relation == "funds" and r.amount and r.source.name == funder.name:
            return r.amount
    if getattr(funder, "sent", None) != cand.sent:
        return ""
    sent = ctx.doc[funder.start].sent
    return amount_for(sent, ctx.lex, funder, ctx.doc[funder.start].idx)

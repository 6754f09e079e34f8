"""Training the relation scorer (``kg train``): examples, fit, cross-validation, thresholds.

The learner is scikit-learn's multinomial logistic regression (L2, lbfgs): deterministic, fast
on a few thousand sparse examples, calibrated enough for its probability to be a confidence, and
its weights export to a small JSON file that kg evaluates without scikit-learn (a ``train``
extra). Thresholds are chosen on out-of-fold predictions of the news examples, for precision.
"""
from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from .features import CLASSES
from .model import Scorer

__all__ = ["fit", "out_of_fold", "choose_threshold", "calibration", "train", "write", "DEFAULTS"]

#: Regularisation, the weight of a CORE passage against a news example, the fewest training
#: examples a feature needs, and the held-out news precision the thresholds aim at: for the
#: rules' findings (0.6 unfiltered) and for pairs no rule found (kept only if very precise).
#: The rule threshold never goes below ``rule_floor``: the held-out curve is flat from 0.2 to 0.4
#: (precision 0.71-0.73), so a 0.7 target can land at 0.2, where reading a real corpus found the
#: findings scored 0.2-0.4 mostly wrong (docs/precision.md); 0.5 keeps dev at F1 0.87.
#: The rules' own features ("rule", "rule=funds:ab") enter with the value ``rule_scale``, so the
#: L2 penalty shrinks their weights less than those of the thousands of sparse word and path
#: features: with value 1 the rule-backed candidates inherit the prior of all pairs (mostly
#: none) and clear sentences lose their rule's finding. Chosen by cross-validation on the news
#: (5 folds, seeds 0 and 1): value 3 with the floor at 0.5 keeps more correct findings than
#: value 1 at 0.4 at a higher held-out precision (73 against 70 correct, P 0.78 against 0.77;
#: 79 against 76, P 0.82 against 0.81).
DEFAULTS = {"c": 0.5, "core_weight": 0.3, "min_count": 2, "rule_precision": 0.7, "new_precision": 0.85,
            "rule_floor": 0.5, "rule_scale": 3.0}


def _is_news(group: str) -> bool:
    return not group.startswith("core:")


def fit(examples: list[tuple], *, c: float = DEFAULTS["c"], core_weight: float = DEFAULTS["core_weight"],
        min_count: int = DEFAULTS["min_count"], rule_scale: float = DEFAULTS["rule_scale"],
        use_rules: bool = True) -> Scorer:
    """A scorer fitted on ``examples`` (``(features, label, weight, group)``)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, *_ in examples for f in set(feats))
    rows = [{f: _value(f, rule_scale) for f in feats if counts[f] >= min_count} for feats, *_ in examples]
    labels = [label for _, label, *_ in examples]
    weights = [w * (1.0 if _is_news(g) else core_weight) for _, _, w, g in examples]
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(X, labels, sample_weight=weights)
    order = {k: i for i, k in enumerate(clf.classes_)}
    names = vec.get_feature_names_out()
    coef, bias = clf.coef_, clf.intercept_
    if len(clf.classes_) == 2:          # sklearn keeps one row for two classes
        coef, bias = [-coef[0] / 2, coef[0] / 2], [-bias[0] / 2, bias[0] / 2]
    w = {}
    for j, f in enumerate(names):
        # stored for a value of 1, as :meth:`Scorer.probabilities` reads every feature
        row = [float(coef[order[k]][j]) * _value(f, rule_scale) if k in order else 0.0 for k in CLASSES]
        if max(abs(v) for v in row) >= 1e-3:
            w[f] = tuple(row)
    b = tuple(float(bias[order[k]]) if k in order else -30.0 for k in CLASSES)
    return Scorer(w, b, {"rule": 0.5, "unbacked": 0.5}, use_rules)


def _value(feature: str, rule_scale: float) -> float:
    return rule_scale if feature.startswith("rule") else 1.0


def _folds(groups: list[str], k: int, seed: int) -> list[set]:
    names = sorted(set(groups))
    random.Random(seed).shuffle(names)
    return [set(names[i::k]) for i in range(k)]


def out_of_fold(examples: list[tuple], k: int = 5, seed: int = 0, **fit_kw) -> list[tuple]:
    """``(label, probabilities, group, features)`` of each example, predicted by a scorer that did not see
    its article (or passage)."""
    out = []
    for held in _folds([g for *_, g in examples], k, seed):
        scorer = fit([e for e in examples if e[3] not in held], **fit_kw)
        out += [(label, scorer.probabilities(feats), g, feats) for feats, label, _, g in examples if g in held]
    return out


def _prf(preds: list[tuple], threshold: float) -> dict:
    tp = fp = fn = 0
    for label, probs, *_ in preds:
        best = max(range(1, len(CLASSES)), key=lambda k: probs[k])
        guess = CLASSES[best] if probs[best] >= threshold else "none"
        tp += guess != "none" and guess == label
        fp += guess != "none" and guess != label
        fn += label != "none" and guess != label
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def _rule_classes(features: list[str]) -> list[str]:
    return [f[5:].replace(":sym", "") for f in features if f.startswith("rule=")]


def _outcomes(preds: list[tuple]) -> tuple[list, list]:
    """Held-out news candidates as ``(probability, correct)``: those a rule backs (the
    probability of the rule's class) and those no rule backs (the best class)."""
    backed, new = [], []
    for label, probs, group, feats in preds:
        if not _is_news(group):
            continue
        rules = [c for c in _rule_classes(feats) if c in CLASSES]
        if rules:
            k = max((CLASSES.index(c) for c in rules), key=lambda k: probs[k])
        else:
            k = max(range(1, len(CLASSES)), key=lambda k: probs[k])
        (backed if rules else new).append((probs[k], CLASSES[k] == label))
    return backed, new


def choose_threshold(outcomes: list[tuple], target: float, min_kept: int = 5) -> float:
    """The lowest probability from which the held-out precision reaches ``target`` with at
    least ``min_kept`` correct candidates kept; above 1 (nothing kept) when none does."""
    for t in [round(0.05 * i, 2) for i in range(1, 20)]:
        kept = [ok for p, ok in outcomes if p >= t]
        if sum(kept) >= min_kept and sum(kept) >= target * len(kept):
            return t
    return 1.01


def calibration(outcomes: list[tuple], edges=(0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)) -> list[list[float]]:
    """``[[lower bound, precision]]``: the held-out precision of each probability bin
    (add-one smoothed, then made non-decreasing), which the scorer reports as confidence."""
    table = []
    for lo, hi in zip(edges, [*edges[1:], 1.01]):
        inside = [ok for p, ok in outcomes if lo <= p < hi]
        table.append([lo, (sum(inside) + 1) / (len(inside) + 2)])
    for i in range(1, len(table)):
        table[i][1] = max(table[i][1], table[i - 1][1])
    return [[lo, round(c, 3)] for lo, c in table]


def _kept(outcomes: list[tuple], t: float) -> dict:
    kept = [ok for p, ok in outcomes if p >= t]
    return {"kept": len(kept), "correct": sum(kept), "of_correct": sum(ok for _, ok in outcomes),
            "precision": round(sum(kept) / len(kept), 3) if kept else None}


def train(examples: list[tuple], *, seed: int = 0, use_rules: bool = True, folds: int = 5,
          rule_precision: float = DEFAULTS["rule_precision"], new_precision: float = DEFAULTS["new_precision"],
          rule_floor: float = DEFAULTS["rule_floor"], **fit_kw) -> tuple[Scorer, dict]:
    """Cross-validate by article, choose thresholds and calibration on the held-out news
    candidates, then fit on all ``examples``; returns the scorer and a report of the figures."""
    preds = out_of_fold(examples, folds, seed, use_rules=use_rules, **fit_kw)
    backed, new = _outcomes(preds)
    thresholds = {"rule": max(choose_threshold(backed, rule_precision), rule_floor),
                  "unbacked": choose_threshold(new, new_precision)}
    news = [p for p in preds if _is_news(p[2])]
    core = [p for p in preds if not _is_news(p[2])]
    report = {"seed": seed, "folds": folds, "use_rules": use_rules, "thresholds": thresholds,
              "examples": {"news": len(news), "core": len(core)},
              "cv_news": _prf(news, 0.5), "cv_core": _prf(core, 0.5) if core else None,
              "cv_rule_backed": {"all": _kept(backed, 0.0), "kept": _kept(backed, thresholds["rule"])},
              "cv_new": _kept(new, thresholds["unbacked"]),
              "curve": {kind: {t: _kept(outs, t) for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)}
                        for kind, outs in (("rule", backed), ("unbacked", new))},
              "params": {**DEFAULTS, **fit_kw, "rule_precision": rule_precision, "new_precision": new_precision,
                         "rule_floor": rule_floor}}
    scorer = fit(examples, use_rules=use_rules, **fit_kw)
    scorer = Scorer(scorer.weights, scorer.bias, thresholds, use_rules,
                    {"rule": calibration(backed), "unbacked": calibration(new)})
    return scorer, report


def write(scorer: Scorer, path: Path, report: dict) -> None:
    """Write the scorer as compact JSON (one feature per line, so diffs stay readable)."""
    d = scorer.to_dict(meta=report)
    weights = d.pop("weights")
    head = json.dumps(d, sort_keys=True, ensure_ascii=False)[:-1]
    lines = [json.dumps(f, ensure_ascii=False) + ": " + json.dumps(w) for f, w in weights.items()]
    Path(path).write_text(head + ', "weights": {\n' + ",\n".join(lines) + "\n}}\n", encoding="utf-8")


def train_scorer(shared, out, *, annotated=None, seed: int = 0, exclude=frozenset(), use_rules: bool = True,
                 core_limit: int | None = None, names_out=None, **fit_kw) -> dict:
    """Rebuild the list of organisation names into ``names_out`` (when given), collect the
    examples (:func:`kg.learn.examples.collect`), train, write the scorer to ``out`` and return
    the report (also stored in the file's ``meta``)."""
    from . import org_names
    from .examples import collect

    try:
        import sklearn  # noqa: F401
    except ImportError as err:
        from ..errors import KGError
        raise KGError("training needs scikit-learn: pip install 'kg[train]'") from err
    if names_out is not None:        # types feed the features: the list first
        org_names.write(org_names.build(Path(shared) / "data/core/train.json"), names_out)
    examples = collect(shared, annotated, exclude=exclude, use_rules=use_rules, core_limit=core_limit)
    scorer, report = train(examples, seed=seed, use_rules=use_rules, **fit_kw)
    report["excluded"] = sorted(exclude)
    report["features"] = len(scorer.weights)
    write(scorer, out, report)
    return report

"""Where each required gold relation of a set is lost: an end not found, no candidate in one
sentence, no rule, or the scorer's verdict (read the look half's misses, never the check half's).

    .venv/bin/python bench/misses.py look [--only STEM ...]
    .venv/bin/python bench/misses.py annot | grep -c "no rule"

One line per required relation: ``STEM relation: source -> target || where it was lost``, then
its gold evidence. Sets as in ``bench/sets.py``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from sets import SETS, members  # noqa: E402

from kg.document import analyse_doc  # noqa: E402
from kg.evaluate import gold_key  # noqa: E402
from kg.learn.examples import _gold_index, _gold_name, evidence_matches  # noqa: E402
from kg.learn.features import doc_candidates  # noqa: E402
from kg.learn.model import CLASSES, _verdict, load_scorer  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402
from kg.text import normalize_text  # noqa: E402


def where_lost(text: str, gold: dict, scorer) -> list[tuple[dict, str]]:
    lang = gold.get("lang") or "fr"
    doc = load_pipeline(lang)(normalize_text(text))
    ctx, found = analyse_doc(doc, lang)
    key_of, _ = _gold_index(gold)
    sents = list(doc.sents)
    named = {}
    for m in ctx.mentions:
        g = _gold_name(m, key_of)
        if g:
            named.setdefault(g, set()).add(f"{m.name}/{m.type}")
    cands = list(doc_candidates(ctx, found))
    out = []
    for r in gold["relations"]:
        if r.get("optional"):
            continue
        s, t = (key_of.get(gold_key(r[k]), r[k]) for k in ("source", "target"))
        if s not in named or t not in named:
            out.append((r, "end not found: " + ", ".join(x for x in (s, t) if x not in named)))
            continue
        evidence = {i for i, x in enumerate(sents) if evidence_matches(x.text, r.get("evidence", ""))}
        best = None
        for c in cands:
            a, b = _gold_name(c.a, key_of), _gold_name(c.b, key_of)
            if {a, b} != {s, t}:
                continue
            probs = scorer.probabilities(c.features)
            label, _ = _verdict(c, probs, scorer)
            want = r["relation"] if r["relation"] != "funds" else "funds:" + ("ab" if a == s else "ba")
            info = (c.sent in evidence, bool(c.rules), label == want, round(probs[CLASSES.index(want)], 2), label or "-")
            best = info if best is None or info[:4] > best[:4] else best
        if best is None:
            out.append((r, f"no candidate in one sentence ({'; '.join(sorted(named[s]))} / {'; '.join(sorted(named[t]))})"))
        else:
            in_evidence, ruled, right, p, label = best
            what = "kept" if right else ("scorer turned it down" if ruled else "no rule")
            out.append((r, f"{what} (p={p}, given {label}{'' if in_evidence else ', not in the evidence sentence'})"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", choices=SETS)
    ap.add_argument("--only", nargs="*", default=[])
    a = ap.parse_args()
    scorer = load_scorer()
    for text, gold_path in members(a.set):
        stem = gold_path.name[: -len(".gold.json")]
        if a.only and stem not in a.only:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for r, why in where_lost(text.read_text(encoding="utf-8"), gold, scorer):
            print(f"{stem} {r['relation']}: {r['source']} -> {r['target']} || {why}\n    {r.get('evidence', '')[:200]}")


if __name__ == "__main__":
    main()

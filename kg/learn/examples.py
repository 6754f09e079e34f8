"""Labelled training examples for the scorer, from two kinds of data in ``../shared``:

- annotated news articles (``eval/train``, ``eval/dev``: ``texts/NAME.txt`` + ``gold/NAME.gold.json``,
  format in ``eval/FORMAT.md``): every candidate pair of every sentence, labelled from the gold
  relations whose evidence the sentence holds;
- CORE (``data/core/train.json``): English Wikipedia passages, each with one labelled pair.

Examples are ``(features, label, weight, group)``: ``group`` names the article (or CORE
passage) so that cross-validation never splits one between training and testing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.tokens import Doc

from ..evaluate import gold_key
from ..text import normalize_text
from .features import doc_candidates, rule_features, span_features, trigger_index

__all__ = ["news_examples", "core_examples", "collect", "evidence_matches", "CORE_LABELS"]

#: CORE's labels that are kg relations; every other label is a negative example.
CORE_LABELS = {"collaboration": "partners-with", "competitor_of": "competes-with", "shareholder_of": "funds"}

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def evidence_matches(sentence: str, evidence: str) -> bool:
    """Whether ``sentence`` holds (a piece of) a gold evidence, which may join pieces with "…".

    >>> evidence_matches("Standard Life, which owns a 1% stake in Deutsche Boerse, said no.",
    ...                  "Standard Life, which owns a 1% stake in Deutsche Boerse")
    True
    >>> evidence_matches("The shares fell.", "Standard Life owns a stake")
    False
    """
    sent = set(_words(sentence))
    for piece in re.split(r"\.\.\.|…|\[\.\.\.\]", evidence):
        words = _words(piece)
        if len(words) >= 3 and sum(w in sent for w in words) >= 0.7 * len(words):
            return True
    return False


def _gold_index(gold: dict):
    """Key of any name or alias → gold entity name; (a, b) → [(relation, evidence, optional)]."""
    key_of = {}
    for e in gold["entities"]:
        for n in [e["name"], *e.get("aliases", [])]:
            key_of.setdefault(gold_key(n), e["name"])
    rels: dict[tuple, list] = {}
    for r in gold["relations"]:
        s, t = key_of.get(gold_key(r["source"]), r["source"]), key_of.get(gold_key(r["target"]), r["target"])
        rels.setdefault((s, t), []).append((r["relation"], r.get("evidence", ""), r.get("optional", False)))
    return key_of, rels


def _label(a: str | None, b: str | None, sentence: str, rels: dict) -> str | None:
    """The class of the pair (gold names, ``a`` first) in ``sentence``; None when unsure (an
    optional relation, or a relation whose evidence is another sentence)."""
    if a is None or b is None or a == b:
        return "none"
    stated = [(rel, way, ev, opt) for (s, t), way in (((a, b), "ab"), ((b, a), "ba"))
              for rel, ev, opt in rels.get((s, t), ())]
    if not stated:
        return "none"
    for rel, way, ev, opt in stated:
        if not opt and evidence_matches(sentence, ev):
            return f"funds:{way}" if rel == "funds" else rel
    return None


def _gold_name(m, key_of: dict) -> str | None:
    return key_of.get(gold_key(m.name)) or key_of.get(gold_key(m.text))


def news_examples(text_dir: Path, gold_dir: Path, names=None, use_rules: bool = True) -> list[tuple]:
    """Examples from the annotated articles of ``text_dir`` (only ``names`` when given)."""
    from ..document import analyse_doc
    from ..nlp import load_pipeline

    out = []
    for gold_path in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = gold_path.name[: -len(".gold.json")]
        if names is not None and stem not in names:
            continue
        text = normalize_text((Path(text_dir) / gold["doc"]).read_text(encoding="utf-8"))
        lang = gold.get("lang") or "fr"
        sdoc = load_pipeline(lang)(text)
        ctx, found = analyse_doc(sdoc, lang)
        key_of, rels = _gold_index(gold)
        sents = list(sdoc.sents)
        for cand in doc_candidates(ctx, found, use_rules=use_rules):
            label = _label(_gold_name(cand.a, key_of), _gold_name(cand.b, key_of), sents[cand.sent].text, rels)
            if label is not None:
                out.append((cand.features, label, 1.0, stem))
    return out


def core_examples(path: Path, use_rules: bool = True, limit: int | None = None) -> list[tuple]:
    """Examples from CORE's passages (the first ``limit`` of them)."""
    from ..document import analyse_doc
    from ..nlp import load_pipeline

    nlp = load_pipeline("en")
    data = json.loads(Path(path).read_text(encoding="utf-8"))[:limit]
    docs = nlp.pipe(Doc(nlp.vocab, words=x["context"]) for x in data)
    out = []
    for x, sdoc in zip(data, docs):
        ctx, found = analyse_doc(sdoc, "en")
        e1, e2 = (x["e1_start"], x["e1_end"] + 1), (x["e2_start"], x["e2_end"] + 1)
        if e1[0] < e2[0] <= e1[1] - 1 or e2[0] < e1[0] <= e2[1] - 1:
            continue                                    # nested spans
        (a, b), flipped = sorted([e1, e2]), e2[0] < e1[0]
        relation = CORE_LABELS.get(x["relation"], "none")
        if relation == "funds":
            funder_is_e1 = not x["invert_relation"]
            relation = "funds:ab" if funder_is_e1 != flipped else "funds:ba"
        out.append((_core_features(ctx, found, a, b, use_rules), relation, 1.0, f"core:{x['id']}"))
    return out


def _core_features(ctx, found, a: tuple, b: tuple, use_rules: bool) -> list[str]:
    doc = ctx.doc

    def typed(span):
        m = next((ctx.token_ment[i] for i in range(*span) if i in ctx.token_ment), None)
        return (*span, m.type if m is not None and m.type in ("ORG", "PER") else "ORG"), m

    (ta, ma), (tb, mb) = typed(a), typed(b)
    sent = doc[a[0]].sent
    taken = {i for m in ctx.mentions if m.sent == ctx.sent_of.get(a[0]) for i in range(m.start, m.end)}
    taken |= set(range(*a)) | set(range(*b))
    feats = span_features(sent, ta, tb, ctx.lex, trigger_index(sent, ctx.lex, taken), taken)
    if use_rules and ma is not None and mb is not None:
        rules = [r for r in found if {r.source.name, r.target.name} == {ma.name, mb.name}]
        feats += rule_features(rules, ma.name)
    return sorted(set(feats))



def collect(shared: Path, annotated: Path | None = None, *, exclude=frozenset(), use_rules: bool = True,
            core_limit: int | None = None) -> list[tuple]:
    """Every example kg trains on: ``shared``'s train and dev articles, the articles annotated in
    this repository (``annotated``, texts in ``shared/corpus/news``) and CORE; the article
    stems in ``exclude`` are left out (to check on them)."""
    shared = Path(shared)
    sets = [(shared / "eval/train/texts", shared / "eval/train/gold"), (shared / "eval/dev/texts", shared / "eval/dev/gold")]
    if annotated is not None:
        sets.append((shared / "corpus/news", Path(annotated)))
    out = []
    for texts, gold in sets:
        names = {p.name[: -len(".gold.json")] for p in Path(gold).glob("*.gold.json")} - set(exclude)
        out += news_examples(texts, gold, names=names, use_rules=use_rules)
    if core_limit != 0:
        out += core_examples(shared / "data/core/train.json", use_rules=use_rules, limit=core_limit)
    return out

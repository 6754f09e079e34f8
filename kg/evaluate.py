"""Scoring a graph against annotated articles (the gold format of ``shared/eval/FORMAT.md``).

Users annotate their own articles as ``NAME.gold.json`` files and score a build with
``kg eval``. The rules are the referee's: relations are judged per document on the edges whose
``sources`` cite it, ends mapped through that document's names and aliases, ``funds`` directed,
optional relations neither required nor wrong; entities (ORG and PER) judged over the whole
graph, a second node for one entity counting as wrong.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import InputError
from .records import RELATIONS, SYMMETRIC

__all__ = ["Score", "evaluate", "read_gold", "gold_key"]

_LEADING = re.compile(r"^(l'|la |le |les |the |d'|de la |du |des )+")
SCORED_TYPES = {"ORG", "PER"}


def gold_key(name: str) -> str:
    """The comparison key of a name: folded, no leading article, letters and digits only.

    The referee's own rule, kept as it is (a typographic apostrophe is dropped before the
    leading article is looked for), so that ``kg eval`` and the referee agree:

    >>> gold_key("L'IA de Mistral") == gold_key("ia de mistral")
    True
    >>> gold_key("L’IA de Mistral")
    'liademistral'
    """
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = _LEADING.sub("", s.casefold().replace("\u2019", "'").strip())
    return re.sub(r"[^0-9a-z]+", "", s)


@dataclass
class Score:
    """Counts and the lists behind them."""

    by_relation: dict = field(default_factory=lambda: {r: [0, 0, 0] for r in RELATIONS})
    entities: list = field(default_factory=lambda: [0, 0, 0])
    missed_relations: list = field(default_factory=list)
    wrong_relations: list = field(default_factory=list)
    missed_entities: list = field(default_factory=list)
    wrong_entities: list = field(default_factory=list)

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> dict:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}

    def relations(self) -> dict:
        return self.prf(*(sum(c[i] for c in self.by_relation.values()) for i in range(3)))

    def to_dict(self) -> dict:
        return {"relations": self.relations(),
                "by_relation": {r: self.prf(*c) for r, c in self.by_relation.items()},
                "entities": self.prf(*self.entities),
                "missed_relations": self.missed_relations, "wrong_relations": self.wrong_relations,
                "missed_entities": self.missed_entities, "wrong_entities": self.wrong_entities}


def read_gold(paths) -> list[dict]:
    """Gold files (or folders of ``*.gold.json``) to dicts; raises :class:`InputError`."""
    files = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"gold path does not exist: {p}")
        files += sorted(p.glob("*.gold.json")) if p.is_dir() else [p]
    if not files:
        raise InputError("no *.gold.json files found in the gold paths given")
    golds = []
    for f in files:
        try:
            g = json.loads(f.read_text(encoding="utf-8"))
            ents = {}
            for e in g["entities"]:
                ent = ents.setdefault(gold_key(e["name"]), {"name": e["name"], "type": e["type"], "keys": set()})
                ent["keys"] |= {gold_key(a) for a in [e["name"], *e.get("aliases", [])]} - {""}
            rels = [(gold_key(r["source"]), r["relation"], gold_key(r["target"]), bool(r.get("optional")))
                    for r in g["relations"]]
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(f"{f}: not a gold file ({type(err).__name__}: {err})") from err
        for s, rel, t, _ in rels:
            if rel not in RELATIONS or s not in ents or t not in ents:
                raise InputError(f"{f}: relation {s} {rel} {t} names an unknown relation or entity")
        alias = {c: c for c in ents}
        for c, e in ents.items():
            for k in e["keys"]:
                alias.setdefault(k, c)
        golds.append({"doc": g.get("doc", f.name), "entities": ents, "alias": alias, "relations": rels})
    return golds


def _merged_entities(golds):
    ents = [e for g in golds for e in g["entities"].values()]
    parent = list(range(len(ents)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_name = {}
    for i, e in enumerate(ents):
        by_name.setdefault(gold_key(e["name"]), []).append(i)
    for i, e in enumerate(ents):
        for k in e["keys"]:
            for j in by_name.get(k, []):
                parent[find(j)] = find(i)
    merged = {}
    for i, e in enumerate(ents):
        root = ents[find(i)]
        m = merged.setdefault(gold_key(root["name"]), {"name": root["name"], "type": root["type"], "keys": set()})
        m["keys"] |= e["keys"]
    alias = {r: r for r in merged}
    for r, m in merged.items():
        for k in sorted(m["keys"]):
            alias.setdefault(k, r)
    return merged, alias


def _map(attrs: dict, alias: dict):
    label = gold_key(attrs.get("label", ""))
    if label in alias:
        return alias[label]
    for a in (attrs.get("aliases") or "").split("|"):
        if gold_key(a) in alias:
            return alias[gold_key(a)]
    return None


def _key(s, rel, t):
    return (rel, *sorted((s, t))) if rel in SYMMETRIC else (rel, s, t)


def evaluate(graph: nx.MultiDiGraph, gold_paths) -> Score:
    """Score ``graph`` (kg's attribute contract) against gold files or folders."""
    golds = read_gold(gold_paths)
    score = Score()
    for g in golds:
        stem = Path(g["doc"]).stem
        local = {n: _map(d, g["alias"]) for n, d in graph.nodes(data=True)}
        required = {_key(s, r, t) for s, r, t, opt in g["relations"] if not opt}
        optional = {_key(s, r, t) for s, r, t, opt in g["relations"] if opt} - required
        found = set()
        for u, v, d in graph.edges(data=True):
            rel = d.get("relation", "")
            cites = any(src == g["doc"] or Path(src).stem == stem for src in (d.get("sources") or "").split("|") if src)
            if rel not in RELATIONS or not cites:
                continue
            k = _key(local[u], rel, local[v]) if local[u] and local[v] else None
            if k in required or k in optional:
                found.add(k)
            else:
                score.by_relation[rel][1] += 1
                score.wrong_relations.append(f"[{g['doc']}] {graph.nodes[u].get('label', u)} {rel} {graph.nodes[v].get('label', v)}")
        for k in sorted(required):
            score.by_relation[k[0]][0 if k in found else 2] += 1
            if k not in found:
                names = g["entities"]
                score.missed_relations.append(f"[{g['doc']}] {names[k[1]]['name']} {k[0]} {names[k[2]]['name']}")
    _score_entities(graph, golds, score)
    return score


def _score_entities(graph: nx.MultiDiGraph, golds: list[dict], score: Score) -> None:
    """ORG and PER entities over the whole graph; each wrong or missed name says why.

    A name can be both missed and wrong: the graph has it with another type.
    """
    merged, alias = _merged_entities(golds)
    gold_ents = {c for c, e in merged.items() if e["type"] in SCORED_TYPES}
    seen, typed_as, wrong = set(), {}, []
    for n, d in sorted(graph.nodes(data=True)):
        label, kind = d.get("label", n), d.get("type")
        c = _map(d, alias)
        if c is not None and merged[c]["type"] != kind:
            if c in gold_ents:
                typed_as.setdefault(c, kind)
            if kind in SCORED_TYPES:
                wrong.append(f"{label} ({kind}; the gold types it {merged[c]['type']})")
        elif kind not in SCORED_TYPES:
            continue
        elif c in seen:
            wrong.append(f"{label} ({kind}; a second node for {merged[c]['name']})")
        elif c in gold_ents:
            seen.add(c)
        else:
            wrong.append(f"{label} ({kind}; not in the gold)")
    score.entities = [len(seen), len(wrong), len(gold_ents - seen)]
    score.wrong_entities = sorted(wrong)
    score.missed_entities = sorted(
        f"{merged[c]['name']} ({merged[c]['type']}; " + (f"the graph types it {typed_as[c]})" if c in typed_as
                                                        else "not in the graph)")
        for c in gold_ents - seen)

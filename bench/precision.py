"""Precision in the wild: a seeded random sample of the edges kg finds in a real corpus, to be
judged by reading their articles, and the figure computed from the verdicts.

    python bench/precision.py sample GRAPHML -n 100 --seed 1 --exclude data/annotated/gold \
        --carry docs/precision.json > new.json
    (judge each edge left without a verdict: fill "verdict" with correct, arguable or wrong, and "why")
    python bench/precision.py score docs/precision.json
    python bench/precision.py report docs/precision.json > docs/precision.md

Each edge is shown with a source document outside ``--exclude`` (gold files whose ``doc`` names
an article kg was trained on) when it has one, and marked ``trained_on`` when it has none.
``--carry`` keeps the verdicts of an earlier page for the same edge (ends, relation and
document), so that a re-run after a change only needs the new edges judged.
Precision is correct / (correct + wrong); arguable verdicts are reported apart, and so are the
edges of articles kg was trained on.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path


def trained_on(gold_dirs) -> set[str]:
    """Document ids (``fr/123.txt``) of the annotated articles in ``gold_dirs``."""
    out = set()
    for d in gold_dirs:
        for p in Path(d).glob("*.gold.json"):
            out.add(json.loads(p.read_text(encoding="utf-8"))["doc"])
    return out


def sample(graphml: Path, n: int, seed: int, exclude: set[str]) -> list[dict]:
    import networkx as nx

    g = nx.read_graphml(graphml)
    edges = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        all_sources = d["sources"].split("|")
        sources = [s for s in all_sources if s not in exclude]
        edges.append({"source": g.nodes[u]["label"], "relation": d["relation"], "target": g.nodes[v]["label"],
                      "source_type": g.nodes[u]["type"], "target_type": g.nodes[v]["type"],
                      "confidence": d["confidence"], "doc": (sources or all_sources)[0], "evidence": d["evidence"],
                      "trained_on": not sources, "verdict": "", "why": ""})
    picked = random.Random(seed).sample(edges, min(n, len(edges)))
    return {"graph": str(graphml), "seed": seed, "edges_in_graph": g.number_of_edges(), "sample": picked}


def carry(data: dict, earlier: list[dict]) -> int:
    """Copy into ``data``'s sample the verdicts ``earlier`` samples gave the same edge (ends,
    relation, document); returns how many edges got one."""
    def key(e):
        ends = (e["source"], e["target"]) if e["relation"] == "funds" else tuple(sorted((e["source"], e["target"])))
        return (*ends, e["relation"], e["doc"])

    known = {key(e): e for d in earlier for e in d["sample"] if e.get("verdict")}
    n = 0
    for e in data["sample"]:
        old = known.get(key(e))
        if old is not None:
            e["verdict"], e["why"] = old["verdict"], old["why"]
            n += 1
    return n


def score(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    verdicts = Counter(e["verdict"] for e in data["sample"])
    unseen = Counter(e["verdict"] for e in data["sample"] if not e.get("trained_on"))
    by_rel: dict[str, Counter] = {}
    for e in data["sample"]:
        by_rel.setdefault(e["relation"], Counter())[e["verdict"]] += 1

    def prec(c):
        return round(c["correct"] / (c["correct"] + c["wrong"]), 3) if c["correct"] + c["wrong"] else None

    return {"judged": sum(verdicts.values()), **verdicts, "precision": prec(verdicts),
            "unseen_articles": {**unseen, "precision": prec(unseen)},
            "by_relation": {r: {**c, "precision": prec(c)} for r, c in sorted(by_rel.items())}}


def report(path: Path) -> str:
    """The verdicts as a Markdown page: the figures, then one row per judged edge."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sc = score(path)
    lines = [f"# Precision in the wild: {sc['judged']} edges judged by reading their articles", "",
             f"Graph: `{data['graph']}` ({data['edges_in_graph']} edges), sample seed {data['seed']}; "
             f"verdicts in `{path.name}`, made with `bench/precision.py` (see its docstring).", "",
             f"- correct {sc.get('correct', 0)}, arguable {sc.get('arguable', 0)}, wrong {sc.get('wrong', 0)}: "
             f"**precision {sc['precision']}** (correct / (correct + wrong))",
             f"- on edges from articles kg never trained on: {sc['unseen_articles']}",
             "- by relation: " + "; ".join(f"{r} {c['precision']} ({c.get('correct', 0)}/{c.get('correct', 0) + c.get('wrong', 0)})"
                                          for r, c in sc["by_relation"].items()), "",
             "| # | edge | confidence | article | verdict | why |", "|---|---|---|---|---|---|"]
    for i, e in enumerate(data["sample"]):
        edge = f"{e['source']} **{e['relation']}** {e['target']}".replace("|", "/")
        why = e["why"].replace("|", "/")
        lines.append(f"| {i} | {edge} | {e['confidence']} | `{e['doc']}`{' (trained on)' if e.get('trained_on') else ''} "
                     f"| {e['verdict']} | {why} |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("graphml", type=Path)
    s.add_argument("-n", type=int, default=100)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--exclude", type=Path, nargs="*", default=[])
    s.add_argument("--carry", type=Path, nargs="*", default=[], help="earlier verdict files to keep verdicts from")
    c = sub.add_parser("score")
    c.add_argument("verdicts", type=Path)
    r = sub.add_parser("report")
    r.add_argument("verdicts", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "sample":
        data = sample(args.graphml, args.n, args.seed, trained_on(args.exclude))
        carried = carry(data, [json.loads(p.read_text(encoding="utf-8")) for p in args.carry])
        print(f"{carried} of {len(data['sample'])} edges keep an earlier verdict", file=sys.stderr)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.cmd == "score":
        print(json.dumps(score(args.verdicts), indent=1))
    else:
        sys.stdout.write(report(args.verdicts))


if __name__ == "__main__":
    main()

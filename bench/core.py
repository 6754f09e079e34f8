"""CORE passages end to end: kg builds a graph of CORE's passages as articles, and only the edge
between each passage's two labelled companies is judged (the other pairs a passage names are
not labelled, so counting them wrong would measure the labels, not kg).

    .venv/bin/python bench/core.py [--every 5] [--out /tmp/kg-core]

Passages: every N-th of ``../shared/data/core/train.json`` (800 at N=5). The shipped scorer
was trained on all of CORE's train passages, so this figure is in-sample for the scorer; the
rules never saw them. The labelled entity names are CORE's ``e1_name``/``e2_name`` with the
passage's own surface text as alias.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kg.learn.examples import CORE_LABELS  # noqa: E402
from kg.names import name_key  # noqa: E402


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:%)\]])", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text).replace(" 's", "'s")


def write_passages(core: Path, out: Path, every: int) -> dict[str, dict]:
    """Texts under ``out/texts``; returns the labelled pair and relation of each file."""
    (out / "texts").mkdir(parents=True, exist_ok=True)
    gold = {}
    for i, x in enumerate(json.loads(core.read_text(encoding="utf-8"))):
        if i % every:
            continue
        name = f"core_{x['id']}.txt"
        tokens = x["context"]
        (out / "texts" / name).write_text(detokenize(tokens) + "\n", encoding="utf-8")
        ends = []
        for e in ("e1", "e2"):
            surface = detokenize(tokens[x[f"{e}_start"]:x[f"{e}_end"] + 1])
            ends.append({name_key(x[f"{e}_name"]), name_key(surface)})
        relation = CORE_LABELS.get(x["relation"])
        if relation == "funds" and x["invert_relation"]:
            ends.reverse()
        gold[name] = {"ends": ends, "relation": relation}
    return gold


def judge(graphml: Path, gold: dict[str, dict]) -> dict:
    import networkx as nx

    g = nx.read_graphml(graphml)
    names = {n: {name_key(a["label"]), *(name_key(x) for x in (a.get("aliases") or "").split("|") if x)}
             for n, a in g.nodes(data=True)}
    tp = fp = 0
    found = set()
    for u, v, d in g.edges(data=True):
        for doc in d["sources"].split("|"):
            x = gold.get(Path(doc).name)
            if x is None:
                continue
            ends = [next((k for k, e in enumerate(x["ends"]) if names[n] & e), None) for n in (u, v)]
            if None in ends or ends[0] == ends[1]:
                continue                    # not the labelled pair: not judged
            right = d["relation"] == x["relation"] and (d["relation"] != "funds" or ends == [0, 1])
            tp, fp = tp + right, fp + (not right)
            found |= {doc} if right else set()
    positives = sum(1 for x in gold.values() if x["relation"])
    return {"passages": len(gold), "labelled_relations": positives, "tp": tp, "fp": fp,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(len(found) / positives, 3) if positives else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--core", type=Path, default=ROOT.parent / "shared/data/core/train.json")
    ap.add_argument("--every", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-core"))
    a = ap.parse_args()
    gold = write_passages(a.core, a.out, a.every)
    subprocess.run([str(ROOT / ".venv/bin/kg"), "build", str(a.out / "texts"), "-o", str(a.out / "graph"),
                    "--no-cache", "--lang", "en"], check=True, capture_output=True)
    print(json.dumps(judge(a.out / "graph/graph.graphml", gold), indent=1))


if __name__ == "__main__":
    main()

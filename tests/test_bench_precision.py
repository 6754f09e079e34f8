"""bench/precision.py: verdicts carried to a new sample, and the figure computed from them."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

_spec = importlib.util.spec_from_file_location("precision", Path(__file__).parents[1] / "bench" / "precision.py")
precision = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(precision)


def _edge(s, rel, t, doc="fr/1.txt", verdict=""):
    return {"source": s, "relation": rel, "target": t, "doc": doc, "verdict": verdict, "why": verdict and "read"}


def test_verdicts_carry_to_the_same_edge_only_and_symmetric_edges_either_way():
    earlier = {"sample": [_edge("A", "partners-with", "B", verdict="correct"), _edge("C", "funds", "D", verdict="wrong")]}
    data = {"sample": [_edge("B", "partners-with", "A"), _edge("D", "funds", "C"), _edge("C", "funds", "D", "fr/2.txt"),
                       _edge("C", "funds", "D")]}
    assert precision.carry(data, [earlier]) == 2
    assert [e["verdict"] for e in data["sample"]] == ["correct", "", "", "wrong"]


def test_precision_counts_correct_against_correct_and_wrong(tmp_path):
    sample = [_edge("A", "funds", "B", verdict="correct"), _edge("C", "funds", "D", verdict="wrong"),
              _edge("E", "funds", "F", verdict="arguable"), _edge("G", "funds", "H", verdict="correct")]
    path = tmp_path / "v.json"
    path.write_text(json.dumps({"graph": "g", "seed": 1, "edges_in_graph": 4, "sample": sample}))
    sc = precision.score(path)
    assert (sc["correct"], sc["wrong"], sc["arguable"], sc["precision"]) == (2, 1, 1, 0.667)

"""The seed corpus through the real French pipeline, and the referee's score on it."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT, SHARED, SEEDS

SCORE = SHARED / "eval" / "score.py"
SEED_GOLD = SHARED / "eval" / "dev" / "gold" / "000_e16c67721da40004.gold.json"


def _referee():
    spec = importlib.util.spec_from_file_location("referee", SCORE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seed_graph_has_the_main_actors(seed_graph):
    labels = {d["label"] for _, d in seed_graph.nodes(data=True)}
    assert {"Mistral AI", "Arthur Mensch", "Microsoft"} <= labels
    types = {d["label"]: d["type"] for _, d in seed_graph.nodes(data=True)}
    assert types["Arthur Mensch"] == "PER"
    assert types["Mistral AI"] == "ORG"


def test_every_edge_has_evidence_and_source(seed_graph):
    assert seed_graph.number_of_edges() > 0
    for u, v, k, d in seed_graph.edges(keys=True, data=True):
        assert d["relation"] == k and d["label"] == k
        assert d["evidence"].strip() and d["sources"] == SEEDS.joinpath("000_e16c67721da40004.txt").name
        assert 0 < d["confidence"] <= 1 and d["weight"] >= 1


@pytest.mark.skipif(not SCORE.exists(), reason="../shared/eval/score.py not present")
def test_seed_relation_f1_at_least_0_6(seed_graph, tmp_path):
    import kg

    path = kg.write_graphml(seed_graph, tmp_path / "graph.graphml")
    report = _referee().score(str(path), [str(SEED_GOLD)])
    assert report["relations"]["f1"] >= 0.6, report["relations"]

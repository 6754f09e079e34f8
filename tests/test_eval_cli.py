"""`kg eval` on a hand-made graph and gold file: its lines, their reasons, and a closed pipe."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate import evaluate
from kg.export import write_graphml


@pytest.fixture
def scored(tmp_path):
    """A graph with one right entity and relation, a mistyped one, a duplicate and a stranger."""
    g = nx.MultiDiGraph()
    g.add_node("bpifrance", label="Bpifrance", type="ORG", aliases="", mentions=2, documents=1)
    g.add_node("mistral-ai", label="Mistral AI", type="ORG", aliases="", mentions=3, documents=1)
    g.add_node("z-mistral", label="Mistral", type="ORG", aliases="", mentions=1, documents=1)
    g.add_node("deepseek", label="Deepseek", type="LOC", aliases="", mentions=1, documents=1)
    g.add_node("acme", label="Acme", type="ORG", aliases="", mentions=1, documents=1)
    g.add_edge("bpifrance", "mistral-ai", key="funds", relation="funds", label="funds", weight=1,
               confidence=0.9, evidence="Bpifrance finance Mistral AI.", evidence_all="", sources="a.txt", amount="")
    graphml = write_graphml(g, tmp_path / "graph.graphml")
    gold = tmp_path / "a.gold.json"
    gold.write_text(json.dumps({
        "doc": "a.txt", "lang": "fr",
        "entities": [{"name": "Bpifrance", "type": "ORG"}, {"name": "Mistral AI", "type": "ORG", "aliases": ["Mistral"]},
                     {"name": "DeepSeek", "type": "ORG"}, {"name": "Arthur Mensch", "type": "PER"}],
        "relations": [{"source": "Bpifrance", "relation": "funds", "target": "Mistral AI"},
                      {"source": "DeepSeek", "relation": "competes-with", "target": "Mistral AI"}],
    }), encoding="utf-8")
    return graphml, gold


def test_each_wrong_or_missed_entity_says_why(scored):
    graphml, gold = scored
    from kg.readback import read_graph

    report = evaluate(read_graph(graphml), [gold]).to_dict()
    assert report["missed_entities"] == ["Arthur Mensch (PER; not in the graph)",
                                         "DeepSeek (ORG; the graph types it LOC)"]
    assert report["wrong_entities"] == ["Acme (ORG; not in the gold)", "Mistral (ORG; a second node for Mistral AI)"]
    assert report["entities"]["tp"] == 2 and report["entities"]["fp"] == 2 and report["entities"]["fn"] == 2


def test_eval_lines_use_singular_names(scored):
    graphml, gold = scored
    result = CliRunner().invoke(cli, ["eval", str(graphml), str(gold)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "missed entity: DeepSeek (ORG; the graph types it LOC)" in lines
    assert "wrong entity: Acme (ORG; not in the gold)" in lines
    assert "missed relation: [a.txt] DeepSeek competes-with Mistral AI" in lines
    assert not any(line.startswith(("missed entitie", "wrong entitie")) for line in lines)


def test_eval_into_a_closed_pipe_ends_quietly(scored):
    graphml, gold = scored
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` having exited: every write fails with EPIPE
    try:
        proc = subprocess.run([sys.executable, "-m", "kg", "eval", str(graphml), str(gold)],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(write_end)
    assert proc.stderr == ""
    assert proc.returncode != 0

"""kg.to_pyvis: the graph as a pyvis Network, styled like the explorer."""
from __future__ import annotations

import pytest

from kg.export.html import RELATION_STYLES, page_data
from kg.export.pyvis_network import to_pyvis
from test_html import add_relation, small_graph, synthetic_graph

pytest.importorskip("pyvis")


def test_every_entity_and_relation_with_the_explorer_style():
    g = small_graph()
    add_relation(g, "mistral-ai", "veolia", "competes-with", "Veolia rivalise avec Mistral AI.")
    net = to_pyvis(g)
    data = page_data(g)
    colors = {t["name"]: t["color"] for t in data["types"]}
    assert sorted(n["id"] for n in net.nodes) == sorted(g)
    for n in net.nodes:
        assert n["label"] == g.nodes[n["id"]]["label"]
        assert n["color"] == colors[g.nodes[n["id"]]["type"]]
        assert n["size"] == next(d["size"] for d in data["nodes"] if d["id"] == n["id"])
    # Two relations between one pair stay two edges (pyvis merges them in an undirected Network).
    assert sorted((e["from"], e["to"], e["label"]) for e in net.edges) == \
        sorted((u, v, k) for u, v, k in g.edges(keys=True))
    for e in net.edges:
        style = RELATION_STYLES[e["label"]]
        assert (e["color"], e["dashes"]) == (style["color"], style["dashes"])
        assert e["arrows"] == ("to" if e["label"] == "funds" else "")
    funds = next(e for e in net.edges if e["label"] == "funds")
    assert "Bpifrance funds Mistral AI (10 millions d’euros)" in funds["title"]
    assert net.options == data["options"]


def test_the_explorer_budget_applies():
    net = to_pyvis(synthetic_graph(60, 120), max_nodes=20)
    assert len(net.nodes) == 20


def test_pyvis_writes_its_page_with_the_graph(tmp_path):
    net = to_pyvis(small_graph(), notebook=False)
    page = net.generate_html()
    assert "Bpifrance" in page and "vis.Network" in page
    assert "cdnjs.cloudflare.com/ajax/libs/vis-network" not in page, "vis-network is inlined"

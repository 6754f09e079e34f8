"""GEXF, Gephi's native format: networkx reads it back, graphology-gexf (Gephi Lite) parses it."""
from __future__ import annotations

import io

import networkx as nx
import pytest

import kg.export
from kg.export.gexf import gexf_bytes, write_gexf
from kg.export.graphml import TYPE_COLORS, clean_text
from test_graphml import CONTROL, by_relation, parse_like_gephi_lite, tricky_graph

GEXF_NS = "{http://www.gexf.net/1.2draft}"


def read_back(data: bytes) -> nx.MultiDiGraph:
    return nx.read_gexf(io.BytesIO(data))


def _edge_elements(data: bytes):
    from lxml import etree

    return list(etree.fromstring(data).iter(GEXF_NS + "edge"))


def test_networkx_round_trip():
    g = tricky_graph()
    back = read_back(gexf_bytes(g))
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    for node, data in g.nodes(data=True):
        got = back.nodes[node]
        for name, value in data.items():
            expected = clean_text(value) if isinstance(value, str) else value
            assert got[name] == expected and type(got[name]) is type(expected), (node, name)
        assert got["viz"]["color"] == dict(zip("rgb", TYPE_COLORS[data["type"]]), a=1.0)
        assert got["viz"]["size"] >= 10 and got["degree"] == g.degree(node)
    # The multigraph keys (the relations) come back as keys.
    assert set(back.edges(keys=True)) == set(g.edges(keys=True))
    edges = by_relation(back)
    for u, v, rel, data in g.edges(keys=True, data=True):
        got = edges[u, v, rel]
        assert got["label"] == rel and got["weight"] == data["weight"]  # GEXF weights are floats
        assert got["confidence"] == data["confidence"] and got["amount"] == data["amount"]
        assert got["evidence"] == clean_text(data["evidence"]) and got["sources"] == data["sources"]


def test_edge_ids_are_unique_and_carry_the_relation_as_kind():
    elements = _edge_elements(gexf_bytes(tricky_graph()))
    ids = [e.get("id") for e in elements]
    assert len(ids) == 3 and len(set(ids)) == 3
    # Gephi keeps parallel edges apart only when their kind differs.
    assert sorted(e.get("kind") for e in elements) == ["competes-with", "funds", "partners-with"]
    assert all(e.get("kind") == e.get("label") for e in elements)


def test_control_characters_never_reach_the_file():
    g = tricky_graph()
    g.nodes["bpi"]["label"] = "B" + CONTROL + "pi"
    g.edges["bpi", "l-oreal", "funds"]["evidence"] = CONTROL + "texte"
    data = gexf_bytes(g)
    assert not set(data.decode("utf-8")) & set(CONTROL)
    back = read_back(data)
    assert back.nodes["bpi"]["label"] == "Bpi"
    assert by_relation(back)["bpi", "l-oreal", "funds"]["evidence"] == "texte"


def test_no_none_or_list_values_reach_networkx():
    g = tricky_graph()
    g.nodes["bpi"]["aliases"] = ["BPI", "Banque publique"]
    g.nodes["bpi"]["note"] = None
    g.edges["bpi", "l-oreal", "funds"]["amount"] = None
    back = read_back(gexf_bytes(g))
    assert back.nodes["bpi"]["aliases"] == "BPI|Banque publique"
    assert "note" not in back.nodes["bpi"]
    assert by_relation(back)["bpi", "l-oreal", "funds"]["amount"] == ""


def test_same_graph_same_bytes():
    g = tricky_graph()
    data = gexf_bytes(g)
    assert data == gexf_bytes(g) and b"lastmodifieddate" not in data
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(g.nodes(data=True))))
    reordered.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert gexf_bytes(reordered) == data


def test_write_gexf_is_exported_and_writes_the_bytes(tmp_path):
    g = tricky_graph()
    assert kg.export.write_gexf is write_gexf
    path = write_gexf(g, tmp_path / "out" / "graph.gexf")
    assert path.read_bytes() == gexf_bytes(g)


@pytest.mark.parametrize("constructor", ["MultiGraph", "Graph"])
def test_graphology_gexf_parses_it_like_gephi_lite(tmp_path, constructor):
    g = tricky_graph()
    got = parse_like_gephi_lite(write_gexf(g, tmp_path / "graph.gexf"), constructor)
    assert (got["order"], got["size"]) == (g.number_of_nodes(), g.number_of_edges())
    nodes = {n["key"]: n["attributes"] for n in got["nodes"]}
    assert nodes["l-oreal"]["label"] == "L'Oréal « Paris » \"q\" <&>"
    assert nodes["l-oreal"]["color"].startswith("rgba(31,119,180")
    assert nodes["l-oreal"]["mentions"] == 3
    assert {e["attributes"]["kind"] for e in got["edges"]} == {"funds", "partners-with", "competes-with"}
    assert all(e["types"]["weight"] == "number" for e in got["edges"])


def _networkx_gexf(graph) -> bytes:
    """What networkx's own writer makes of the clean copy (the writer kg used before)."""
    import io

    from networkx.readwrite.gexf import GEXFWriter

    from kg.export.gexf import gexf_graph

    ready = gexf_graph(graph)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(ready)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = "kg"
    edges = writer.graph_element.find("edges")
    for element, (_, _, data) in zip(list(edges) if edges is not None else [], ready.edges(data=True)):
        if data.get("relation"):
            element.set("kind", data["relation"])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_bytes_are_those_of_networkx_s_writer():
    odd = nx.MultiDiGraph()
    odd.add_node("a", id="x", start=1, key="k", extra=[1, 2], f=float("inf"), flag=True)
    odd.add_node("b\tc", label="Tab\there\r\n", z=2.5)
    odd.add_edge("a", "b\tc", key="k\x01", type="t", weight=2.5, id="i", relation="")
    for graph in (tricky_graph(), odd, nx.MultiDiGraph()):
        assert gexf_bytes(graph) == _networkx_gexf(graph)

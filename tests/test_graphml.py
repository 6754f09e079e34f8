"""GraphML as its consumers read it: the XSD, networkx, graphology (Gephi Lite), Gephi's keys."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, SHARED
from kg.export.graphml import TYPE_COLORS, clean_text, graphml_bytes, write_graphml

SCHEMA = SHARED / "graphml-xsd" / "graphml.xsd"
JS = ROOT / "tests" / "js"
NS = "{http://graphml.graphdrawing.org/xmlns}"
#: Every character XML 1.0 forbids below U+0020.
CONTROL = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]))


def tricky_graph() -> nx.MultiDiGraph:
    """A small graph in kg's contract with the text real articles bring (and some they should not)."""
    g = nx.MultiDiGraph()
    g.add_node("l-oreal", label="L'Oréal « Paris » \"q\" <&>", type="ORG", aliases="L’Oréal|Oréal & Co",
               mentions=3, documents=2)
    g.add_node("bpi", label="Bpifrance", type="ORG", aliases="BPI", mentions=4, documents=2)
    g.add_node("jean-dupont", label="Jean\x00 Dupont\x1f", type="PER", aliases="J\x0bD", mentions=1, documents=1)
    g.add_node("ile", label="Île-de-France", type="LOC", aliases="", mentions=1, documents=1)
    g.add_node("gadget", label="Gadget™ 2", type="PRODUCT", aliases="", mentions=1, documents=1)
    g.add_edge("bpi", "l-oreal", key="funds", relation="funds", label="funds", weight=2, confidence=0.75,
               evidence="Bpifrance investit 5 M€ dans L'Oréal <&> \"ok\".\x08", sources="a.txt|b.txt",
               amount="5 M€", evidence_all="Bpifrance investit 5 M€.\nBpi & L'Oréal :\r\n\tsuite")
    g.add_edge("bpi", "l-oreal", key="partners-with", relation="partners-with", label="partners-with", weight=1,
               confidence=0.5, evidence="Un partenariat.", sources="b.txt", amount="", evidence_all="Un partenariat.")
    g.add_edge("jean-dupont", "l-oreal", key="competes-with", relation="competes-with", label="competes-with",
               weight=1, confidence=0.61, evidence="Concurrence\x0c.", sources="c.txt", amount="",
               evidence_all="Concurrence.")
    return g


def read_back(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True)


def by_relation(graph) -> dict:
    return {(u, v, d["relation"]): d for u, v, d in graph.edges(data=True)}


@pytest.fixture(scope="module")
def schema():
    if not SCHEMA.exists():
        pytest.skip(f"GraphML schema not found at {SCHEMA}")
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def assert_valid(schema, data: bytes):
    from lxml import etree

    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log


# --- the schema ---------------------------------------------------------------------------------

def test_valid_against_the_graphml_schema(schema):
    assert_valid(schema, graphml_bytes(tricky_graph()))
    assert_valid(schema, graphml_bytes(nx.MultiDiGraph()))


def test_any_node_id_becomes_a_valid_unique_nmtoken(schema):
    g = nx.MultiDiGraph()
    for name in ["l'oréal x", "l_x27_or_xe9_al_x20_x", "", "a b", 3, "tab\there"]:
        g.add_node(name, label=str(name), type="ORG")
    g.add_edge("l'oréal x", "a b", key="funds", relation="funds", weight=1)
    g.add_edge("l'oréal x", "a b", key="funds2", relation="funds", weight=1)
    data = graphml_bytes(g)
    assert_valid(schema, data)
    back = read_back(data)
    assert back.number_of_nodes() == 6 and back.number_of_edges() == 2
    assert sorted(d["label"] for _, d in back.nodes(data=True)) == sorted(map(str, g.nodes))
    (u, v, _), (u2, v2, _) = back.edges(keys=True)
    assert (back.nodes[u]["label"], back.nodes[v]["label"]) == ("l'oréal x", "a b") == \
        (back.nodes[u2]["label"], back.nodes[v2]["label"])


@pytest.mark.model
def test_seed_graph_valid_against_the_schema(schema, seed_graph):
    assert_valid(schema, graphml_bytes(seed_graph))


# --- networkx -----------------------------------------------------------------------------------

def test_networkx_round_trip_keeps_every_attribute_and_its_type():
    g = tricky_graph()
    g.nodes["bpi"]["founded"] = 2012          # attributes outside the contract survive too,
    g.nodes["l-oreal"]["listed"] = True       # with their own types
    g.nodes["l-oreal"]["score"] = 0.5
    back = read_back(graphml_bytes(g))
    assert isinstance(back, nx.MultiDiGraph)
    assert set(back.nodes) == set(g.nodes)
    for node, data in g.nodes(data=True):
        for name, value in data.items():
            got = back.nodes[node][name]
            expected = clean_text(value) if isinstance(value, str) else value
            assert got == expected and type(got) is type(expected), (node, name, got)
    edges = by_relation(back)
    assert len(edges) == g.number_of_edges()
    for u, v, rel, data in g.edges(keys=True, data=True):
        for name, value in data.items():
            got = edges[u, v, rel][name]
            expected = clean_text(value) if isinstance(value, str) else value
            assert got == expected and type(got) is type(expected), (u, v, rel, name, got)


def test_styling_attributes_are_typed_for_gephi():
    back = read_back(graphml_bytes(tricky_graph()))
    for node, data in back.nodes(data=True):
        assert (data["r"], data["g"], data["b"]) == TYPE_COLORS[data["type"]]
        assert all(type(data[k]) is int for k in ("r", "g", "b", "degree"))
        assert type(data["size"]) is float
    assert back.nodes["l-oreal"]["degree"] == 3 and back.nodes["ile"]["degree"] == 0
    assert back.nodes["l-oreal"]["size"] > back.nodes["bpi"]["size"] > back.nodes["ile"]["size"]


def test_control_characters_never_reach_the_file():
    from lxml import etree

    g = tricky_graph()
    g.nodes["bpi"]["label"] = "B" + CONTROL + "pi"
    g.edges["bpi", "l-oreal", "funds"]["evidence"] = CONTROL + "texte" + CONTROL
    data = graphml_bytes(g)
    assert not set(data.decode("utf-8")) & set(CONTROL)
    etree.fromstring(data)  # well-formed
    back = read_back(data)
    assert back.nodes["bpi"]["label"] == "Bpi"
    assert back.nodes["jean-dupont"]["label"] == "Jean Dupont"
    assert by_relation(back)["bpi", "l-oreal", "funds"]["evidence"] == "texte"


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=40), evidence=st.text(max_size=80))
def test_arbitrary_names_and_evidence_survive_a_round_trip(name, evidence):
    g = nx.MultiDiGraph()
    g.add_node("a", label=name, type="ORG", aliases=name + "|x")
    g.add_node("b", label="B", type="PER")
    g.add_edge("a", "b", key="funds", relation="funds", weight=1, confidence=0.5, evidence=evidence)
    back = read_back(graphml_bytes(g))
    assert back.nodes["a"]["label"] == clean_text(name)
    assert back.nodes["a"]["aliases"] == clean_text(name) + "|x"
    assert by_relation(back)["a", "b", "funds"]["evidence"] == clean_text(evidence)


# --- what Gephi desktop reads -------------------------------------------------------------------

def _keys(data: bytes) -> dict:
    from lxml import etree

    root = etree.fromstring(data)
    return {(k.get("for"), k.get("attr.name")): (k.get("id"), k.get("attr.type")) for k in root.iter(NS + "key")}


def test_gephi_reads_label_colour_size_and_weight_by_attribute_name():
    keys = _keys(graphml_bytes(tricky_graph()))
    # Gephi's GraphML importer maps these attr.names onto node/edge properties.
    for kind, name, gtype in [("node", "label", "string"), ("node", "r", "int"), ("node", "g", "int"),
                              ("node", "b", "int"), ("node", "size", "double"),
                              ("edge", "label", "string"), ("edge", "weight", "int")]:
        assert keys[kind, name][1] == gtype
    ids = [key_id for key_id, _ in keys.values()]
    assert len(set(ids)) == len(ids)
    # A key *id* d3 (node) or d7 (edge) is read as the label whatever its name (yEd's ids).
    assert not [i for i in ids if re.fullmatch(r"d\d+", i)]


def test_edges_have_unique_ids_and_no_per_edge_direction():
    from lxml import etree

    root = etree.fromstring(graphml_bytes(tricky_graph()))
    graph = root.find(NS + "graph")
    assert graph.get("edgedefault") == "directed"
    edges = graph.findall(NS + "edge")
    ids = [e.get("id") for e in edges]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert "bpi--funds--l-oreal" in ids and "bpi--partners-with--l-oreal" in ids
    assert all(e.get("directed") is None for e in edges)


def test_same_graph_same_bytes():
    g = tricky_graph()
    assert graphml_bytes(g) == graphml_bytes(g)
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(g.nodes(data=True))))
    reordered.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert graphml_bytes(reordered) == graphml_bytes(g)


def test_write_graphml_writes_the_bytes(tmp_path):
    g = tricky_graph()
    path = write_graphml(g, tmp_path / "sub" / "graph.graphml")
    assert path.read_bytes() == graphml_bytes(g)


# --- graphology-graphml, Gephi Lite's parser ----------------------------------------------------

def parse_like_gephi_lite(path, constructor: str = "MultiGraph") -> dict:
    """Run tests/js/parse_graph.mjs on ``path``; skip when node or its packages are missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the Gephi Lite parser test needs Node.js")
    missing = [p for p in ("graphology", "graphology-graphml", "graphology-gexf") if not (JS / "node_modules" / p).is_dir()]
    if missing:
        pytest.skip(f"tests/js/node_modules lacks {', '.join(missing)}: run `make node` (cd tests/js && npm install)")
    proc = subprocess.run([node, str(JS / "parse_graph.mjs"), str(path), constructor],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# Gephi Lite passes graphology's Graph; MultiGraph is the constructor asked for by kg's issue.
@pytest.mark.parametrize("constructor", ["MultiGraph", "Graph"])
def test_graphology_graphml_parses_it_like_gephi_lite(tmp_path, constructor):
    g = tricky_graph()
    got = parse_like_gephi_lite(write_graphml(g, tmp_path / "graph.graphml"), constructor)
    assert (got["order"], got["size"]) == (g.number_of_nodes(), g.number_of_edges())
    assert got["multi"]
    nodes = {n["key"]: n["attributes"] for n in got["nodes"]}
    assert nodes["l-oreal"]["label"] == "L'Oréal « Paris » \"q\" <&>"
    assert nodes["l-oreal"]["color"] == "#1f77b4" and nodes["jean-dupont"]["color"] == "#d62728"
    assert isinstance(nodes["l-oreal"]["size"], float) and nodes["l-oreal"]["mentions"] == 3
    for edge in got["edges"]:
        assert edge["types"]["weight"] == "number" and edge["types"]["confidence"] == "number"
        assert edge["attributes"]["label"] == edge["attributes"]["relation"]
    assert len({e["key"] for e in got["edges"]}) == 3


@pytest.mark.model
def test_graphology_graphml_parses_the_seed_graph(tmp_path, seed_graph):
    got = parse_like_gephi_lite(write_graphml(seed_graph, tmp_path / "graph.graphml"))
    assert (got["order"], got["size"]) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    assert all(e["types"]["weight"] == "number" for e in got["edges"])


def test_file_ids_of_nmtokens_are_themselves_and_others_are_escaped_once_per_relation():
    from kg.export.graphml import edge_ids, node_ids

    g = nx.MultiDiGraph()
    for name in ["a b", "a_x20_b", "ok.1:x-y", "l'x"]:
        g.add_node(name)
    g.add_edge("ok.1:x-y", "a b", key="funds")
    g.add_edge("ok.1:x-y", "a_x20_b", key="r", relation="fait l'x")
    g.add_edge("l'x", "a b", key=5, relation=5)
    ids = node_ids(g)
    assert ids == {"a b": "a_x20_b", "a_x20_b": "a_x20_b--2", "l'x": "l_x27_x", "ok.1:x-y": "ok.1:x-y"}
    assert sorted(edge_ids(g, ids).values()) == ["l_x27_x--5--a_x20_b", "ok.1:x-y--fait_x20_l_x27_x--a_x20_b--2",
                                                 "ok.1:x-y--funds--a_x20_b"]

"""Rewriting GraphML and GEXF files by reusing the unchanged pieces of the previous file gives
the bytes a write from nothing gives, whatever changed in between."""
from __future__ import annotations

import random

import pytest
from test_html import synthetic_graph

from kg.export.gexf import gexf_bytes, write_gexf
from kg.export.graphml import graphml_bytes, write_graphml
from kg.export.pieces import Reuse

WRITERS = [(write_graphml, graphml_bytes), (write_gexf, gexf_bytes)]


def _change(graph, rng: random.Random) -> None:
    nodes = sorted(graph.nodes)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(5)
        if kind == 0:                           # a new entity, linked
            new = f"n{rng.randrange(10**6):07d}"
            graph.add_node(new, label=f"Nouvelle {new}", type="ORG", aliases="", mentions=1, documents=1)
            graph.add_edge(new, rng.choice(nodes), key="funds", relation="funds", label="funds", weight=1,
                           confidence=0.9, evidence="Une phrase.", sources="x.txt", amount="", evidence_all="")
        elif kind == 1:                         # an entity gone (its edges too: degrees change)
            graph.remove_node(rng.choice(sorted(graph.nodes)))
        elif kind == 2:                         # an attribute changed
            node = rng.choice(sorted(graph.nodes))
            graph.nodes[node]["mentions"] = graph.nodes[node].get("mentions", 0) + 1
        elif kind == 3 and graph.number_of_edges():   # an edge's evidence changed
            u, v, k = rng.choice(sorted(graph.edges(keys=True)))
            graph.edges[u, v, k]["evidence"] = "Autre phrase & <preuve>."
        else:                                   # an edge gone
            if graph.number_of_edges():
                graph.remove_edge(*rng.choice(sorted(graph.edges(keys=True))))


@pytest.mark.parametrize("write, whole", WRITERS)
def test_a_file_rewritten_from_its_previous_version_is_the_file_written_from_nothing(tmp_path, write, whole):
    rng = random.Random(5)
    graph = synthetic_graph(120, 200)
    path = tmp_path / "graph"
    reuse = Reuse()
    write(graph, path, reuse=reuse)
    assert path.read_bytes() == whole(graph)
    for _ in range(12):
        _change(graph, rng)
        reuse = Reuse(reuse.index)
        write(graph, path, reuse=reuse)
        assert path.read_bytes() == whole(graph)


@pytest.mark.parametrize("write, whole", WRITERS)
def test_an_index_that_does_not_fit_the_file_is_not_used(tmp_path, write, whole):
    graph = synthetic_graph(50, 80)
    path = tmp_path / "graph"
    reuse = Reuse()
    write(graph, path, reuse=reuse)
    path.write_bytes(path.read_bytes() + b"\n")          # edited since: another size
    write(graph, path, reuse=Reuse(reuse.index))
    assert path.read_bytes() == whole(graph)
    write(graph, path, reuse=Reuse(b"not an index"))
    assert path.read_bytes() == whole(graph)
    graph.nodes["e00001"]["extra"] = 1.5                  # another head: columns differ
    write(graph, path, reuse=Reuse(reuse.index))
    assert path.read_bytes() == whole(graph)


def test_a_digest_depends_on_the_values_only_not_on_which_are_one_object():
    from kg.export.pieces import digest

    text = "".join(["Une ", "phrase."])
    same = (text, text, "funds", 0.9)
    equal = (text, "".join(["Une ", "phr", "ase."]), "funds", 0.9)
    assert same[0] is same[1] and equal[0] is not equal[1]
    assert digest(same) == digest(equal)

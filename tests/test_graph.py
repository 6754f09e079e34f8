"""Assembling per-document results into the graph: aggregation, confidence, order."""
from __future__ import annotations

from kg.graph import assemble_graph
from kg.records import DocResult, Mention, RelationMention


def _doc(doc_id, *rels, names=("Brio", "Lumio")):
    mentions = tuple(Mention(n, "ORG", n, 0, len(n)) for n in names)
    return DocResult(doc_id, "fr", mentions, tuple(rels))


def _rel(conf, evidence="Brio finance Lumio.", amount=""):
    return RelationMention("Brio", "funds", "Lumio", evidence, conf, amount)


def test_one_edge_per_pair_and_relation_with_all_sources():
    g = assemble_graph([_doc("b.txt", _rel(0.8, "Brio a investi dans Lumio.", "2 M€")),
                        _doc("a.txt", _rel(0.85, "Brio finance Lumio.", "10 millions d'euros"))])
    [(u, v, k, d)] = list(g.edges(keys=True, data=True))
    assert (u, v, k) == ("brio", "lumio", "funds")
    assert d["weight"] == 2 and d["sources"] == "a.txt|b.txt"
    assert d["evidence"] == "Brio finance Lumio."              # the most confident sentence
    assert d["confidence"] == round(1 - 0.2 * 0.15, 3)         # independent mentions add up
    assert d["amount"] == "10 millions d'euros"


def test_a_single_rumour_is_left_out_but_a_repeated_one_is_kept():
    once = [_doc("a.txt", _rel(0.4))]
    assert assemble_graph(once).number_of_edges() == 0
    assert assemble_graph(once, min_confidence=0).number_of_edges() == 1
    twice = [_doc("a.txt", _rel(0.4)), _doc("b.txt", _rel(0.4))]
    assert assemble_graph(twice).number_of_edges() == 1


def test_symmetric_relations_are_stored_once_in_sorted_order():
    rel = RelationMention("Lumio", "partners-with", "Brio", "Lumio et Brio s'allient.", 0.85)
    g = assemble_graph([_doc("a.txt", rel)])
    assert list(g.edges(keys=True)) == [("brio", "lumio", "partners-with")]


def test_result_order_does_not_change_the_graph():
    docs = [_doc("a.txt", _rel(0.8)), _doc("b.txt", _rel(0.7), names=("Brio", "Lumio", "Kalo"))]
    g1, g2 = assemble_graph(docs), assemble_graph(docs[::-1])
    assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))
    assert list(g1.edges(keys=True, data=True)) == list(g2.edges(keys=True, data=True))

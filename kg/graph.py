"""Assembling resolved entities and relation mentions into one ``networkx.MultiDiGraph``.

The graph holds exactly the attributes of the output contract (see README), with the types the
file formats need, so that every consumer (GraphML, HTML, notebooks) reads the same values.
Edges are keyed by relation name: one edge per entity pair and relation. Symmetric relations
are stored once per pair, from the smaller to the larger node id.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .records import SYMMETRIC, DocResult, Entity
from .resolve import resolve_entities

__all__ = ["assemble_graph", "EVIDENCE_SEPARATOR", "MIN_CONFIDENCE"]

#: Joins the distinct evidence sentences kept on an edge (``evidence_all``).
EVIDENCE_SEPARATOR = "\n"


#: Edges whose combined confidence is below this are left out by default: a deal only
#: rumoured once (confidence about 0.4) is not yet a fact for an analyst's graph, but one
#: reported in several sentences or articles adds up and is kept.
MIN_CONFIDENCE = 0.5


def assemble_graph(results: list[DocResult], *, min_confidence: float = MIN_CONFIDENCE) -> nx.MultiDiGraph:
    """Build the knowledge graph of a corpus from its per-document results.

    Edges whose combined confidence is below ``min_confidence`` are left out (0 keeps all).
    The output depends only on the set of results, not on their order.
    """
    results = sorted(results, key=lambda r: r.doc_id)
    entities, local_to_id = resolve_entities(results)
    graph = nx.MultiDiGraph()
    for ent in sorted(entities, key=lambda e: e.id):
        graph.add_node(ent.id, **_node_attrs(ent))

    edges: dict[tuple[str, str, str], list] = defaultdict(list)
    for res in results:
        for rel in res.relations:
            u = local_to_id.get((res.doc_id, rel.source))
            v = local_to_id.get((res.doc_id, rel.target))
            if u is None or v is None or u == v:
                continue
            if rel.relation in SYMMETRIC and v < u:
                u, v = v, u
            edges[(u, v, rel.relation)].append((res.doc_id, rel))
    for (u, v, relation), support in sorted(edges.items()):
        attrs = _edge_attrs(relation, support)
        if attrs["confidence"] >= min_confidence:
            graph.add_edge(u, v, key=relation, **attrs)
    return graph


def _node_attrs(ent: Entity) -> dict:
    return {
        "label": ent.name,
        "type": ent.type,
        "aliases": "|".join(ent.aliases),
        "mentions": ent.mentions,
        "documents": len(ent.documents),
    }


def _edge_attrs(relation: str, support: list) -> dict:
    # The best evidence is the most confident sentence; ties go to the earliest document and
    # the shortest sentence, so the choice never depends on processing order.
    best_doc, best = min(support, key=lambda s: (-s[1].confidence, s[0], len(s[1].evidence), s[1].evidence))
    sources = sorted({doc for doc, _ in support})
    amounts = sorted({r.amount for _, r in support if r.amount}, key=lambda a: (len(a), a))
    evidence_all = []
    for _doc, r in sorted(support, key=lambda s: (s[0], s[1].evidence)):
        if r.evidence not in evidence_all:
            evidence_all.append(r.evidence)
    # Independent mentions raise confidence: 1 - prod(1 - c), capped below 1.
    miss = 1.0
    for _, r in support:
        miss *= 1.0 - r.confidence
    return {
        "relation": relation,
        "label": relation,
        "weight": len(support),
        "confidence": round(min(0.99, 1.0 - miss), 3),
        "evidence": best.evidence,
        "evidence_all": EVIDENCE_SEPARATOR.join(evidence_all),
        "sources": "|".join(sources),
        "amount": amounts[-1] if amounts else "",
    }

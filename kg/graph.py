"""Assembling resolved entities and relation mentions into one ``networkx.MultiDiGraph``.

The graph holds exactly the attributes of the output contract (see README), with the types the
file formats need, so that every consumer (GraphML, HTML, notebooks) reads the same values.
Edges are keyed by relation name: one edge per entity pair and relation. Symmetric relations
are stored once per pair, from the smaller to the larger node id.
"""
from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Iterable

import networkx as nx

from .records import SYMMETRIC, DocResult, Entity, RelationMention
from .resolve import NameStats, resolve_names, resolve_store
from .store import Store

__all__ = ["assemble_graph", "assemble_graph_from_store", "EVIDENCE_SEPARATOR", "MIN_CONFIDENCE"]

#: Joins the distinct evidence sentences kept on an edge (``evidence_all``).
EVIDENCE_SEPARATOR = "\n"


#: Edges whose combined confidence is below this are left out by default: a deal only
#: rumoured once (confidence about 0.4) is not yet a fact for an analyst's graph, but one
#: reported in several sentences or articles adds up and is kept.
MIN_CONFIDENCE = 0.5


def assemble_graph(results: Iterable[DocResult], *, min_confidence: float = MIN_CONFIDENCE) -> nx.MultiDiGraph:
    """Build the knowledge graph of a corpus from its per-document results.

    Edges whose combined confidence is below ``min_confidence`` are left out (0 keeps all).
    The output depends only on the set of results, not on their order.
    """
    stats = NameStats()
    mentioned: dict[str, set[str]] = defaultdict(set)   # the names each document id mentions
    relations = []
    for res in results:
        for m in res.mentions:
            stats.add(m.name, m.text, m.type, 1, res.doc_id)
            mentioned[res.doc_id].add(m.name)
        relations.extend((res.doc_id, rel) for rel in res.relations)
    linked = ((doc, rel) for doc, rel in relations
              if rel.source in mentioned[doc] and rel.target in mentioned[doc])
    return _graph(stats, linked, min_confidence)[0]


def assemble_graph_from_store(store: Store, corpus: str, *,
                              min_confidence: float = MIN_CONFIDENCE) -> nx.MultiDiGraph:
    """The graph of ``corpus`` in ``store``, streamed from it: what is held in memory grows
    with the number of distinct names and of relations, never with whole documents.

    Gives the same graph as :func:`assemble_graph` on the same results, and records the
    resolved entities in the store's ``entity`` and ``entity_name`` tables. Entity resolution
    is kept in the store and redone only where names changed (:func:`kg.resolve.resolve_store`).
    """
    with store.snapshot():
        entities, name_to_id, resolution = resolve_store(store, corpus)
        relations = [(row[0], _Relation._make(row[1:])) for row in store.relation_rows(corpus)]
    graph = nx.MultiDiGraph()
    for ent_id, name, etype, aliases, mentions, documents in entities:
        graph.add_node(ent_id, label=name, type=etype, aliases="|".join(aliases), mentions=mentions,
                       documents=documents)
    _add_edges(graph, relations, name_to_id.get, min_confidence)
    if resolution is not None:          # else nothing changed since the entities were recorded
        code, upto, state = resolution
        store.replace_entities(corpus, entities, name_to_id.items(), resolution=(code, upto, state.dump()))
    return graph


def _graph(stats: NameStats, relations: Iterable[tuple[str, RelationMention]], min_confidence: float):
    """The graph of the entities counted in ``stats`` and of ``relations`` (document id,
    relation between two names that document mentions); also the entities and the key map."""
    entities, key_to_id = resolve_names(stats)
    graph = nx.MultiDiGraph()
    for ent in sorted(entities, key=lambda e: e.id):
        graph.add_node(ent.id, **_node_attrs(ent))
    _add_edges(graph, relations, lambda name: key_to_id.get(stats.key(name)), min_confidence)
    return graph, entities, key_to_id


def _add_edges(graph: nx.MultiDiGraph, relations: Iterable[tuple[str, RelationMention]], entity_of,
               min_confidence: float) -> None:
    """Add the edges of ``relations`` (document id, relation), their ends mapped to entity ids by
    ``entity_of(name)``: one edge per entity pair and relation, kept from ``min_confidence``."""
    edges: dict[tuple[str, str, str], list] = defaultdict(list)
    for doc_id, rel in relations:
        u = entity_of(rel.source)
        v = entity_of(rel.target)
        if u is None or v is None or u == v:
            continue
        if rel.relation in SYMMETRIC and v < u:
            u, v = v, u
        edges[(u, v, rel.relation)].append((doc_id, rel))
    for (u, v, relation), support in sorted(edges.items()):
        # Sorted so that the combined confidence (a float product) never depends on the order
        # the documents were read or the store returned them.
        support.sort(key=lambda s: (s[0], s[1].evidence, s[1].confidence, s[1].amount, s[1].source, s[1].target))
        attrs = _edge_attrs(relation, support)
        if attrs["confidence"] >= min_confidence:
            graph.add_edge(u, v, key=relation, **attrs)


#: A relation as the store gives it: RelationMention's fields, made cheaply (100,000 of them).
_Relation = namedtuple("_Relation", "source relation target evidence confidence amount")


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

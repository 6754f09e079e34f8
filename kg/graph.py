"""Assembling resolved entities and relation mentions into one ``networkx.MultiDiGraph``.

The graph holds exactly the attributes of the output contract (see README), with the types the
file formats need, so that every consumer (GraphML, HTML, notebooks) reads the same values.
Edges are keyed by relation name: one edge per entity pair and relation. Symmetric relations
are stored once per pair, from the smaller to the larger node id.
"""
from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .records import SYMMETRIC, DocResult, Entity, RelationMention
from .resolve import NameStats, resolve_names, resolve_store, state_code
from .store import Store

__all__ = ["assemble_graph", "assemble_graph_from_store", "assemble_from_store", "GraphDelta", "EVIDENCE_SEPARATOR",
           "MIN_CONFIDENCE"]

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
    return assemble_from_store(store, corpus, min_confidence=min_confidence)[0]


@dataclass(frozen=True)
class GraphDelta:
    """How a graph assembled from the store differs from the graph the previous assembly of the
    same corpus made: ``token`` names this graph's entity and edge rows in the store, ``base``
    the previous one's (see :meth:`kg.store.Store.graph_tokens`; None: unknown); every node and
    edge (``(u, v, relation)``) of this graph outside ``nodes`` and ``edges`` has the attributes
    and the degree it had in the previous graph with the same ``min_confidence``. ``nodes`` and
    ``edges`` are None when that is not known (no previous assembly, edges made from scratch,
    another build's assembly meanwhile)."""

    base: str | None
    token: str | None
    nodes: frozenset | None
    edges: frozenset | None

    @property
    def known(self) -> bool:
        return self.base is not None and self.nodes is not None


def assemble_from_store(store: Store, corpus: str, *, min_confidence: float = MIN_CONFIDENCE
                        ) -> tuple[nx.MultiDiGraph, GraphDelta]:
    """:func:`assemble_graph_from_store`, and the graph's :class:`GraphDelta`."""
    with store.snapshot():
        kept = store.resolution(corpus)
        assembled = store.graph_tokens(corpus)[0]
        entities, name_to_id, resolution = resolve_store(store, corpus)
        upto = resolution[1] if resolution is not None else kept[1]
        edges, changes = _store_edges(store, corpus, kept, name_to_id)
    graph = nx.MultiDiGraph()
    for ent_id, name, etype, aliases, mentions, documents in entities:
        graph.add_node(ent_id, label=name, type=etype, aliases="|".join(aliases), mentions=mentions,
                       documents=documents)
    for (u, v, relation), attrs in sorted(edges.items()):
        if attrs["confidence"] >= min_confidence:
            graph.add_edge(u, v, key=relation, **attrs)
    if changes is None:                 # the kept edges, as they are
        changed_edges = set()
    elif changes[0] is None:            # made from scratch: no difference known
        changed_edges = None
    else:                               # the edges made again, and those gone
        changed_edges = {tuple(k) for k in changes[1]} | {row[:3] for row in changes[2]}
    code = state_code()
    if resolution is not None:          # else nothing changed since the entities were recorded
        code, upto, state = resolution
        resolution = (code, upto, state.dump())
    if resolution is None and changes is None:
        return graph, GraphDelta(assembled, assembled, frozenset(), frozenset())
    base, token, changed_entities = store.replace_entities(
        corpus, entities, name_to_id.items(), resolution=resolution,
        edges=None if changes is None else (code, upto, *changes))
    if changed_edges is None or base is None or base != assembled:
        return graph, GraphDelta(base, token, None, None)
    nodes = set(changed_entities)
    for u, v, _ in changed_edges:       # their degrees
        nodes.add(u)
        nodes.add(v)
    return graph, GraphDelta(base, token, frozenset(nodes), frozenset(changed_edges))


def _store_edges(store: Store, corpus: str, kept, name_to_id: dict) -> tuple[dict, tuple | None]:
    """Every edge of ``corpus`` (``(u, v, relation)`` -> attributes, whatever its confidence),
    and what to write of them to keep them for the next build ``(base, gone keys, rows)``, or
    None when the kept edges are all still right.

    Kept edges (:meth:`kg.store.Store.edge_rows`) made with the kept resolution are reused: an
    edge's support changes only through a document whose names changed (all in the store's
    changed names, ``corpus_dirty``) or through a name that went to another entity, so only the
    edges touching the old or new entity of such a name are made again, from the relations of
    the names of those entities (the same result as from scratch: ``tests/test_store.py``)."""
    base = store.edge_state(corpus)
    if (kept is None or base is None or base != (kept[0], kept[1]) or kept[0] != state_code()
            or not store.list_unchanged(corpus)):
        edges = _edge_dict(store.relation_rows(corpus), name_to_id.get)
        return edges, (None, (), [_edge_row(k, a) for k, a in edges.items()])
    dirty, _ = store.dirty_names(corpus, kept[1])
    old = store.entity_map(corpus)
    changed = dirty | {n for n in old.keys() | name_to_id.keys() if old.get(n) != name_to_id.get(n)}
    if not changed:
        return {(u, v, r): _attrs(r, *rest) for u, v, r, *rest in store.edge_rows(corpus)}, None
    touched = {old.get(n) for n in changed} | {name_to_id.get(n) for n in changed}
    touched.discard(None)
    edges, gone = {}, []
    for u, v, r, *rest in store.edge_rows(corpus):
        if u in touched or v in touched:
            gone.append((u, v, r))
        else:
            edges[u, v, r] = _attrs(r, *rest)
    names = [n for n, e in name_to_id.items() if e in touched]
    fresh = _edge_dict(store.relation_rows(corpus, names), name_to_id.get)
    edges.update(fresh)
    return edges, (base, gone, [_edge_row(k, a) for k, a in fresh.items()])


def _attrs(relation, weight, confidence, evidence, evidence_all, sources, amount) -> dict:
    """An edge's attributes from its row in the store (the order :func:`_edge_attrs` gives)."""
    return {"relation": relation, "label": relation, "weight": weight, "confidence": confidence,
            "evidence": evidence, "evidence_all": evidence_all, "sources": sources, "amount": amount}


def _edge_row(key: tuple, a: dict) -> tuple:
    return (*key, a["weight"], a["confidence"], a["evidence"], a["evidence_all"], a["sources"], a["amount"])


def _edge_dict(rows: Iterable[tuple], entity_of) -> dict:
    """``(u, v, relation)`` -> attributes of the edges of relation ``rows`` (document id, source,
    relation, target, evidence, confidence, amount), ends mapped by ``entity_of(name)``."""
    edges: dict[tuple[str, str, str], list] = defaultdict(list)
    for row in rows:
        rel = _Relation._make(row[1:])
        u = entity_of(rel.source)
        v = entity_of(rel.target)
        if u is None or v is None or u == v:
            continue
        if rel.relation in SYMMETRIC and v < u:
            u, v = v, u
        edges[(u, v, rel.relation)].append((row[0], rel))
    out = {}
    for key, support in edges.items():
        support.sort(key=lambda s: (s[0], s[1].evidence, s[1].confidence, s[1].amount, s[1].source, s[1].target))
        out[key] = _edge_attrs(key[2], support)
    return out


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
    rows = ((doc, rel.source, rel.relation, rel.target, rel.evidence, rel.confidence, rel.amount)
            for doc, rel in relations)
    for (u, v, relation), attrs in sorted(_edge_dict(rows, entity_of).items()):
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

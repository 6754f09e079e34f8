"""GEXF export: Gephi's native format, with the colours and sizes already set.

networkx's GEXF writer does the serialising; this module hands it a clean copy of the graph:

- every node carries ``viz`` colour (by entity type, the GraphML ``r``/``g``/``b``) and size
  (by degree) instead of ``r``/``g``/``b``/``size`` columns, plus the other attributes of the
  GraphML file (``degree`` included);
- every edge has a unique id (``source--relation--target``, as in the GraphML file), its
  relation as edge ``label`` and its supporting mentions as ``weight``; networkx stores the
  multigraph key (the relation) as the ``networkx_key`` attribute, so ``networkx.read_gexf``
  gives back the same keys;
- values are plain ``int``/``float``/``bool``/``str`` (never ``None`` or a list: networkx
  would write a list as dynamic data) and strings hold no character XML forbids.

Each edge also gets ``kind="<relation>"``. Gephi keeps parallel edges apart only when their
kind differs, and otherwise merges them on import (summing weights), so without it a pair that
both partners and competes would arrive as one edge. ``kind`` is GEXF 1.3 vocabulary in a
1.2draft file (networkx writes 1.2draft): Gephi and graphology-gexf read it, networkx ignores it.

The bytes depend only on the graph: nodes and edges are sorted and the ``lastmodifieddate``
networkx stamps on the file is left out.
"""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .atomic import atomic_write
from .graphml import (EDGE_KEYS, NODE_KEYS, attribute_types, clean_text, edge_attrs, edge_ids,
                      node_attrs, node_ids, sorted_edges, typed_values)

__all__ = ["write_gexf", "gexf_bytes", "gexf_graph"]

#: Data names networkx's GEXF writer treats as structure rather than attributes.
_RESERVED = {"node": {"id", "pid", "start", "end", "viz", "parents", "spells", "slices"},
             "edge": {"id", "type", "start", "end", "viz", "spells", "slices", "key", "networkx_key"}}
#: Node styling that goes to ``viz`` elements rather than attribute columns.
_VIZ_KEYS = {"r", "g", "b", "size"}


def _attvalues(attrs: dict, types: dict, contract, kind: str) -> dict:
    return {f"{name}_" if name in _RESERVED[kind] else name: value
            for name, value in typed_values(attrs, types, contract).items()}


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` ready for ``networkx.write_gexf``: ids, ``viz``, plain values."""
    node_types, edge_types = attribute_types(graph)
    node_types = {k: t for k, t in node_types.items() if k not in _VIZ_KEYS}
    ids = node_ids(graph)
    out = nx.MultiDiGraph()
    for node, node_id in ids.items():
        attrs = node_attrs(graph, node)
        viz = {"color": {"r": attrs["r"], "g": attrs["g"], "b": attrs["b"], "a": 1.0}, "size": attrs["size"]}
        out.add_node(node_id, **_attvalues(attrs, node_types, dict(NODE_KEYS), "node"), viz=viz)
    eids = edge_ids(graph, ids)
    for u, v, k, data in sorted_edges(graph):
        attrs = _attvalues(edge_attrs(k, data), edge_types, dict(EDGE_KEYS), "edge")
        out.add_edge(ids[u], ids[v], key=clean_text(str(k)), id=eids[u, v, k], **attrs)
    return out


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """Serialise ``graph`` (in kg's attribute contract) to GEXF 1.2draft bytes, deterministically."""
    ready = gexf_graph(graph)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(ready)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "kg"
    edges = writer.graph_element.find("edges")
    elements = list(edges) if edges is not None else []
    for element, (_, _, data) in zip(elements, ready.edges(data=True)):
        if data.get("relation"):
            element.set("kind", data["relation"])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``graph`` as GEXF to ``path`` atomically; returns the path."""
    data = gexf_bytes(graph)
    with atomic_write(path) as fh:
        fh.write(data)
    return Path(path)

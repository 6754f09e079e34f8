"""GEXF export: Gephi's native format, with the colours and sizes already set.

The file is the one networkx's GEXF writer (``prettyprint``, version 1.2draft) makes of a clean
copy of the graph (:func:`gexf_graph`), byte for byte, but written here line by line and streamed
to the file: networkx builds an XML tree of the whole graph first (26 s and most of the memory
of a 100,000-article build; this writer: a few seconds). What the copy holds:

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
networkx stamps on the file is left out. ``tests/test_gexf.py`` checks the bytes against
networkx's writer.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from .graphml import (EDGE_KEYS, NODE_KEYS, GraphFacts, attribute_types, clean_text, edge_attrs, edge_ids,
                      node_attrs, node_ids, sorted_edges, typed_values)
from .pieces import plan_text, write_pieces

__all__ = ["write_gexf", "gexf_bytes", "gexf_chunks", "gexf_plan", "gexf_graph"]

#: Data names networkx's GEXF writer treats as structure rather than attributes.
_RESERVED = {"node": {"id", "pid", "start", "end", "viz", "parents", "spells", "slices"},
             "edge": {"id", "type", "start", "end", "viz", "spells", "slices", "key", "networkx_key"}}
#: Node styling that goes to ``viz`` elements rather than attribute columns.
_VIZ_KEYS = {"r", "g", "b", "size"}
#: The GEXF type of each Python type of value, as networkx declares them.
_GEXF_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_FLOAT_WORDS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}
_PYTHON_TYPES = {"string": str, "int": int, "long": int, "double": float, "boolean": bool}
#: ElementTree's escapes in attribute values, in its order.
_ATTRIB_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"),
                   ("\t", "&#09;"))


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


def _attrib(text: str) -> str:
    """An attribute value escaped as ElementTree escapes it (the bytes networkx's writer gave)."""
    for char, ref in _ATTRIB_ESCAPES:
        if char in text:
            text = text.replace(char, ref)
    return text


def _value_text(value) -> str:
    """An attribute value as networkx's writer puts it in ``value="…"`` (before escaping)."""
    if type(value) is bool:
        return str(value).lower()
    text = str(value)
    if type(value) is float:
        text = _FLOAT_WORDS.get(text, text)
    return text


class _Columns:
    """The ``<attribute>`` declarations of one class (node or edge), numbered as networkx's
    writer numbers them: in the order they are first used, one counter for both classes."""

    def __init__(self, kind: str, counter):
        self.kind, self.counter, self.ids, self.declared = kind, counter, {}, []

    def id(self, title: str, value) -> str:
        attr_id = self.ids.get(title)
        if attr_id is None:
            attr_id = self.ids[title] = str(next(self.counter))
            self.declared.append(f'      <attribute id="{attr_id}" title="{_attrib(title)}" '
                                 f'type="{_GEXF_TYPES[type(value)]}" />')
        return attr_id

    def block(self) -> list[str]:
        if not self.declared:
            return []
        return [f'    <attributes mode="static" class="{self.kind}">', *self.declared, "    </attributes>"]


def _attvalue_lines(values: dict, columns: _Columns, out: list, indent: str) -> None:
    if not values:
        return
    out.append(f"{indent}<attvalues>")
    for title, value in values.items():
        if title == "key":              # networkx's name for a node's "key" too
            title = "networkx_key"
        out.append(f'{indent}  <attvalue for="{columns.id(title, value)}" value="{_attrib(_value_text(value))}" />')
    out.append(f"{indent}</attvalues>")


def _element(out: list, indent: str, head: str, body: list) -> None:
    if body:
        out.append(f"{indent}<{head}>")
        out.extend(body)
        out.append(f"{indent}</{head.split(' ', 1)[0]}>")
    else:
        out.append(f"{indent}<{head} />")


def gexf_plan(graph: nx.MultiDiGraph, facts: GraphFacts | None = None) -> tuple[str, Iterator, str]:
    """The GEXF 1.2draft text of ``graph`` (in kg's attribute contract) as ``(head, pieces,
    tail)``: each piece ``(key, digest, render, arg)`` is the text ``render(arg)`` of one node or
    edge, the same while ``digest()`` and ``head`` are (see :func:`kg.export.pieces.write_pieces`).

    The bytes are those networkx's writer (``prettyprint``) gives for the graph
    :func:`gexf_graph` makes, without building that copy or an XML tree of the whole graph.
    """
    facts = facts or GraphFacts(graph)
    node_types, edge_types = facts.node_types, facts.edge_types
    node_types = {k: t for k, t in node_types.items() if k not in _VIZ_KEYS}
    counter = itertools.count()
    node_columns, edge_columns = _Columns("node", counter), _Columns("edge", counter)
    node_contract, edge_contract = dict(NODE_KEYS), dict(EDGE_KEYS)
    n_edges = len(facts.edges)
    contract_only = set(node_types) <= set(node_contract) and set(edge_types) <= set(edge_contract)
    if contract_only:
        # Every node and edge holds every contract column, so networkx numbers them in this
        # order: the declarations are known before any value is written.
        for name, gtype in node_types.items() if len(graph) else ():
            if name != "label":
                node_columns.id(name, _PYTHON_TYPES[gtype]())
        for name, gtype in edge_types.items() if n_edges else ():
            if name not in ("label", "weight"):
                edge_columns.id(name, _PYTHON_TYPES[gtype]())
        if n_edges:
            edge_columns.id("networkx_key", "")
    ids = {}

    def node_text(i: int) -> str:
        node_id, attrs = facts.nodes[i][1], facts.node_data(i)
        values = _renamed(typed_values(attrs, node_types, node_contract), "node")
        label = values.pop("label", node_id)
        body: list[str] = [f'        <viz:color r="{attrs["r"]}" g="{attrs["g"]}" b="{attrs["b"]}" a="1.0" />',
                           f'        <viz:size value="{attrs["size"]}" />']
        _attvalue_lines(values, node_columns, body, "        ")
        out: list[str] = []
        _element(out, "      ", f'node id="{_attrib(str(node_id))}" label="{_attrib(str(label))}"', body)
        return "\n".join(out) + "\n"

    def edge_text(i: int) -> str:
        (eid, u_id, v_id, k), attrs = facts.edges[i], facts.edge_data(i)
        values = _renamed(typed_values(attrs, edge_types, edge_contract), "edge")
        head = f'edge source="{_attrib(u_id)}" target="{_attrib(v_id)}" id="{_attrib(eid)}"'
        if "label" in values:
            head += f' label="{_attrib(str(values.pop("label")))}"'
        if "weight" in values:
            head += f' weight="{_attrib(str(values.pop("weight")))}"'
        if values.get("relation"):
            head += f' kind="{_attrib(values["relation"])}"'
        values["networkx_key"] = clean_text(str(k))
        body: list[str] = []
        _attvalue_lines(values, edge_columns, body, "        ")
        out: list[str] = []
        _element(out, "      ", head, body)
        return "\n".join(out) + "\n"

    def pieces():
        yield ("nodes",), None, _wrapper, ("nodes", "start", len(graph))
        for i, (_, node_id) in enumerate(facts.nodes):
            yield ("node", node_id), facts.node_digest(i), node_text, i
        yield ("/nodes",), None, _wrapper, ("nodes", "end", len(graph))
        yield ("edges",), None, _wrapper, ("edges", "start", n_edges)
        for i, (eid, *_) in enumerate(facts.edges):
            yield ("edge", eid), facts.edge_digest(i), edge_text, i
        yield ("/edges",), None, _wrapper, ("edges", "end", n_edges)

    def head() -> str:
        viz = ' xmlns:viz="http://www.gexf.net/1.2draft/viz"' if len(graph) else ""
        return "\n".join([
            "<?xml version='1.0' encoding='utf-8'?>",
            f'<gexf{viz} xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
            "  <meta>", "    <creator>kg</creator>", "  </meta>",
            '  <graph defaultedgetype="directed" mode="static" name="">',
            *edge_columns.block(), *node_columns.block(), ""])

    tail = "  </graph>\n</gexf>\n"
    if contract_only:
        return head(), pieces(), tail
    # Other columns are numbered as networkx meets them: every piece is written before the head.
    texts = [(key, None, str, render(arg)) for key, _, render, arg in pieces()]
    return head(), iter(texts), tail


def _wrapper(arg) -> str:
    tag, where, count = arg
    if not count:
        return f"    <{tag} />\n" if where == "start" else ""
    return f"    <{tag}>\n" if where == "start" else f"    </{tag}>\n"


def gexf_chunks(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The GEXF 1.2draft text of ``graph`` (in kg's attribute contract), piece by piece."""
    return plan_text(*gexf_plan(graph))


def _renamed(values: dict, kind: str) -> dict:
    reserved = _RESERVED[kind]
    if reserved.isdisjoint(values):
        return values
    return {f"{name}_" if name in reserved else name: value for name, value in values.items()}


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """Serialise ``graph`` (in kg's attribute contract) to GEXF 1.2draft bytes, deterministically."""
    return "".join(gexf_chunks(graph)).encode("utf-8")


def write_gexf(graph: nx.MultiDiGraph, path: str | Path, *, reuse=None, facts: GraphFacts | None = None) -> Path:
    """Write ``graph`` as GEXF to ``path`` atomically; returns the path. ``reuse``: see
    :func:`kg.export.pieces.write_pieces`; ``facts``: the graph's
    :class:`~kg.export.graphml.GraphFacts`, when another writer made them already."""
    return write_pieces(path, *gexf_plan(graph, facts), reuse=reuse)

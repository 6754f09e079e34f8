"""The graph as a pyvis ``Network``, styled like the explorer, for people who customise with pyvis.

The nodes, edges, colours, sizes, dashes, arrows and layout options are the explorer's (the same
:func:`~kg.export.html.page_data`, so the same 2,000-entity budget). Every edge of the graph stays
an edge: the ``Network`` is directed, since pyvis keeps only one edge per pair in an undirected
one; symmetric relations get no arrow.

pyvis's own page (``net.show``, ``net.write_html``) loads Bootstrap from a CDN; vis-network is
inlined (``cdn_resources="in_line"``) so nothing is written beside the page. ``kg.show`` and
``kg.write_html`` give kg's own explorer, which needs no network at all.
"""
from __future__ import annotations

import networkx as nx

from .html import MAX_NODES, page_data

__all__ = ["to_pyvis"]


def to_pyvis(graph: nx.MultiDiGraph, *, max_nodes: int = MAX_NODES, height: str = "650px",
             notebook: bool = True):
    """Return a ``pyvis.network.Network`` of ``graph`` (at most ``max_nodes`` entities).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Bpifrance", type="ORG")
    >>> g.add_node("b", label="Mistral AI", type="ORG")
    >>> _ = g.add_edge("a", "b", key="funds", relation="funds", weight=2, confidence=0.9)
    >>> net = to_pyvis(g)
    >>> [(n["label"], n["color"]) for n in net.nodes]
    [('Bpifrance', '#1f77b4'), ('Mistral AI', '#1f77b4')]
    >>> [(e["from"], e["to"], e["label"], e["arrows"]) for e in net.edges]
    [('a', 'b', 'funds', 'to')]
    """
    from pyvis.network import Network

    data = page_data(graph, max_nodes)
    colors = {t["name"]: t["color"] for t in data["types"]}
    styles = {r["name"]: r for r in data["relations"]}
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    net = Network(height=height, width="100%", directed=True, notebook=notebook, cdn_resources="in_line")
    for n in data["nodes"]:
        place = {"x": n["x"], "y": n["y"]} if "x" in n else {}
        net.add_node(n["id"], label=n["label"], color=colors[n["type"]], size=n["size"],
                     title=f"{n['label']} ({n['type']}) · {n['degree']} relations", **place)
    for e in data["edges"]:
        style = styles[e["relation"]]
        amount = f" ({e['amount']})" if e["amount"] else ""
        net.add_edge(e["from"], e["to"], label=e["relation"], color=style["color"], dashes=style["dashes"],
                     arrows="to" if style["arrows"] else "", width=e["width"],
                     title=f"{labels[e['from']]} {e['relation']} {labels[e['to']]}{amount}\n{e['evidence']}".strip())
    net.options = data["options"]
    return net

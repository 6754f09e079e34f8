"""Interactive HTML view of the graph (pyvis)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .atomic import atomic_write
from .graphml import TYPE_COLORS

__all__ = ["write_html", "html_page"]


def html_page(graph: nx.MultiDiGraph) -> str:
    """Return the HTML page for ``graph``."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in sorted(graph.nodes(data=True)):
        r, g, b = TYPE_COLORS.get(data.get("type"), TYPE_COLORS["MISC"])
        net.add_node(node, label=data.get("label", node), color=f"#{r:02x}{g:02x}{b:02x}",
                     title=f"{data.get('label', node)} ({data.get('type')})", value=graph.degree(node))
    for u, v, k, data in sorted(graph.edges(keys=True, data=True)):
        net.add_edge(u, v, label=data.get("relation", k), title=data.get("evidence", ""),
                     arrows="to" if k == "funds" else "")
    return net.generate_html()


def write_html(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the HTML view of ``graph`` to ``path`` atomically; returns the path."""
    page = html_page(graph)
    with atomic_write(path, "w") as fh:
        fh.write(page)
    return Path(path)

"""The interactive HTML explorer: one self-contained page that works offline from disk.

The page holds everything it needs and fetches nothing: vis-network's script (taken from the copy
pyvis ships inside its package), kg's own small stylesheet and script (``assets/``), and the graph
as JSON in a ``<script type="application/json">`` block. It keeps pyvis's page globals
``network``, ``nodes`` and ``edges`` (vis ``Network`` and ``DataSet``\\ s) so scripts and tests can
reach the graph.

Article text is data, never markup: the JSON escapes ``<``, ``>``, ``&``, U+2028 and U+2029, the
details panel is built with ``textContent``, and tooltips are DOM elements holding plain text.

The page bytes depend only on the graph (everything is sorted, nothing is timestamped), and the
layout is seeded (``randomSeed: 42``): physics runs a fixed number of stabilisation iterations
and is then switched off.

What a first look shows: when the graph has relations, entities without any are hidden (a
control in the page shows them, with their count) and take no part in the layout, and the view
fits the graph once the layout ends. From a click or a search hit, the neighbourhood view shows
one entity with its neighbours one or two relations away.

Size budget: at most ``max_nodes`` (default 2,000) entities are drawn. A larger graph keeps its
``max_nodes`` entities of highest degree (ties by id), so entities with relations come first, and
the relations among them, and the page says "showing N of M entities". Graphs above 500 entities
get cheaper physics (Barnes-Hut, fewer iterations, no improved layout, straight edges, edge labels
on hover). Measured in headless Chromium on a synthetic graph of 2,000 entities and 5,000
relations: see ``docs/explorer.md``.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx

from ..graph import EVIDENCE_SEPARATOR
from .atomic import atomic_write
from .graphml import TYPE_COLORS, all_edges, degrees

__all__ = ["write_html", "html_page", "notebook_html", "show", "page_data", "MAX_NODES", "RELATION_STYLES"]

#: Default budget of entities drawn in one page.
MAX_NODES = 2000
#: Above this many entities the page uses the faster physics settings.
LARGE_GRAPH = 500
#: Up to this many entities drawn, the layout spreads them wide for their labels.
SPACIOUS_GRAPH = 60

#: How each relation is drawn: colour, dash pattern (False: solid), arrow, curvature.
RELATION_STYLES = {
    "funds": {"color": "#9467bd", "dashes": False, "arrows": True, "roundness": 0.0},
    "partners-with": {"color": "#17becf", "dashes": [8, 5], "arrows": False, "roundness": 0.2},
    "competes-with": {"color": "#e377c2", "dashes": [2, 4], "arrows": False, "roundness": -0.2},
}
_OTHER_RELATION = {"color": "#7f7f7f", "dashes": [12, 3, 3, 3], "arrows": False, "roundness": 0.35}

_ASSETS = Path(__file__).resolve().parent / "assets"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_SPIRAL_STEP = 40.0


def html_page(graph: nx.MultiDiGraph, *, max_nodes: int = MAX_NODES) -> str:
    """Return the self-contained explorer page for ``graph`` (at most ``max_nodes`` entities)."""
    data = page_data(graph, max_nodes)
    notice = ""
    if data["shown"] < data["total"]:
        notice = (f'<p id="kg-notice" role="status">showing {data["shown"]:,} of {data["total"]:,} '
                  f"entities (the {data['shown']:,} with the most relations)</p>")
    title = f"kg explorer: {data['shown']:,} entities, {len(data['edges']):,} relations"
    scripts = [f"\n{_vis_network_js()}\n", f"\n{_asset('explorer.js')}\n"]
    return _TEMPLATE.format(
        csp=" ".join(f"'sha256-{_sha256(s)}'" for s in scripts),
        title=html.escape(title),
        css=_asset("explorer.css"),
        notice=notice,
        data=_script_json(data),
        vis=scripts[0],
        js=scripts[1],
    )


def write_html(graph: nx.MultiDiGraph, path: str | Path, *, max_nodes: int = MAX_NODES) -> Path:
    """Write the HTML view of ``graph`` to ``path`` atomically; returns the path."""
    page = html_page(graph, max_nodes=max_nodes)
    with atomic_write(path, "w") as fh:
        fh.write(page)
    return Path(path)


def notebook_html(graph: nx.MultiDiGraph, *, height: int = 650, max_nodes: int = MAX_NODES) -> str:
    """Return an ``<iframe srcdoc>`` holding the whole page, for Jupyter, VS Code and Colab.

    The page is inlined (no file next to the notebook), and the sandbox lets its scripts run
    without giving them the notebook's origin.
    """
    page = html_page(graph, max_nodes=max_nodes)
    # Wrapped in a div: IPython warns about bare <iframe> HTML.
    return (f'<div class="kg-explorer"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'sandbox="allow-scripts" title="kg explorer" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe></div>')


def show(graph: nx.MultiDiGraph, *, height: int = 650, max_nodes: int = MAX_NODES):
    """Return an ``IPython.display.HTML`` of the explorer (the last value of a cell shows it)."""
    try:
        from IPython.display import HTML
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("kg.show needs IPython (pip install ipython); "
                          "write_html(graph, path) works without it") from err
    return HTML(notebook_html(graph, height=height, max_nodes=max_nodes))


# -- data -------------------------------------------------------------------------------------

def page_data(graph: nx.MultiDiGraph, max_nodes: int = MAX_NODES) -> dict:
    """What the explorer draws: entities, relations, their styles and vis-network's options.

    Plain JSON-ready data, shared by the page and :func:`kg.export.pyvis_network.to_pyvis`.
    """
    degree = degrees(graph)
    kept = _best_connected(degree, max(0, int(max_nodes)))
    node_ids = sorted((n for n in graph.nodes if n in kept), key=str)

    nodes = []
    for n in node_ids:
        attrs = graph.nodes[n]
        nodes.append({
            "id": str(n),
            "label": _text(attrs.get("label")) or str(n),
            "type": _text(attrs.get("type")) or "MISC",
            "aliases": _split(attrs.get("aliases"), "|"),
            "mentions": _int(attrs.get("mentions")),
            "documents": _int(attrs.get("documents")),
            "degree": degree[n],
            "size": round(min(48.0, 7 + 6 * math.sqrt(degree[n])), 2),
        })

    edges = []
    rows = sorted(((str(u), str(v), str(k), d) for u, v, k, d in _edges_among(graph, kept)), key=lambda row: row[:3])
    for i, (u, v, k, attrs) in enumerate(rows):
        evidence = _text(attrs.get("evidence"))
        evidence_all = _split(attrs.get("evidence_all"), EVIDENCE_SEPARATOR) or ([evidence] if evidence else [])
        edges.append({
            "id": f"e{i}",
            "from": u,
            "to": v,
            "relation": _text(attrs.get("relation")) or k,
            "weight": _int(attrs.get("weight")),
            "width": round(1.5 + min(4.0, math.log2(max(1, _int(attrs.get("weight"))))), 2),
            "confidence": _float(attrs.get("confidence")),
            "amount": _text(attrs.get("amount")),
            "evidence": evidence,
            "evidence_all": evidence_all,
            "sources": _split(attrs.get("sources"), "|"),
        })

    # The first view draws only the entities with relations (when there are relations): the
    # layout is chosen for what it draws, not for the entities the page holds.
    linked = {e["from"] for e in edges} | {e["to"] for e in edges}
    first_view = len(linked) if edges else len(nodes)
    if first_view > LARGE_GRAPH:
        for node, (x, y) in zip(nodes, _seed_positions(nodes, edges)):
            node["x"], node["y"] = x, y

    types = sorted({n["type"] for n in nodes} | set(TYPE_COLORS))
    relations = sorted({e["relation"] for e in edges} | set(RELATION_STYLES))
    return {
        "total": graph.number_of_nodes(),
        "shown": len(nodes),
        "nodes": nodes,
        "edges": edges,
        "types": [{"name": t, "color": _hex(TYPE_COLORS.get(t, TYPE_COLORS["MISC"]))} for t in types],
        "relations": [{"name": r, **RELATION_STYLES.get(r, _OTHER_RELATION)} for r in relations],
        "options": _vis_options(first_view),
        # Edge labels on every edge of a few entities; beyond, on hover and in the neighbourhood.
        "edge_labels": "always" if first_view <= SPACIOUS_GRAPH else "hover",
    }


def _best_connected(degree: dict, budget: int) -> set:
    """The ``budget`` nodes of highest degree, ties going to the smaller id (as ``str``): those
    above the budget's lowest degree, then that degree's first ids (only they are sorted)."""
    if budget >= len(degree):
        return set(degree)
    if not budget:
        return set()
    floor = sorted(degree.values(), reverse=True)[budget - 1]
    kept = {n for n, d in degree.items() if d > floor}
    tied = sorted((n for n, d in degree.items() if d == floor), key=str)
    kept.update(tied[:budget - len(kept)])
    return kept


def _edges_among(graph: nx.MultiDiGraph, kept: set):
    """``(u, v, key, data)`` of the edges between nodes of ``kept``, found from those nodes only
    (the page keeps a few thousand of a graph's nodes)."""
    if len(kept) == len(graph) or not (graph.is_multigraph() and graph.is_directed()):
        return ((u, v, k, d) for u, v, k, d in all_edges(graph) if u in kept and v in kept)
    succ = graph._succ
    return ((u, v, k, d) for u in kept for v, keyed in succ[u].items() if v in kept for k, d in keyed.items())


def _seed_positions(nodes: list[dict], edges: list[dict]) -> list[tuple[float, float]]:
    """Starting positions for big graphs, so a few physics iterations give a readable layout.

    vis-network starts unplaced nodes on a wide ring and needs hundreds of costly iterations to
    pull them together. Here each component is walked breadth first from its best connected
    entity and laid on a sunflower spiral, in component order: hubs in the middle, their
    neighbours in the next rings. Linear time, and fully determined by the data.
    """
    neighbours: dict[str, set[str]] = {n["id"]: set() for n in nodes}
    for e in edges:
        neighbours[e["from"]].add(e["to"])
        neighbours[e["to"]].add(e["from"])
    rank = {n["id"]: (-n["degree"], n["id"]) for n in nodes}
    order, seen = [], set()
    for start in sorted(neighbours, key=rank.get):
        if start in seen:
            continue
        seen.add(start)
        queue = [start]
        for current in queue:
            for other in sorted(neighbours[current] - seen, key=rank.get):
                seen.add(other)
                queue.append(other)
        order.append(queue)
    place = {}
    for i, node in enumerate(node for component in sorted(order, key=len, reverse=True) for node in component):
        radius, angle = _SPIRAL_STEP * math.sqrt(i), i * _GOLDEN_ANGLE
        place[node] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return [place[n["id"]] for n in nodes]


def _vis_options(n_nodes: int) -> dict:
    """vis-network options; big graphs trade layout polish for a page that settles quickly."""
    large = n_nodes > LARGE_GRAPH
    if large:
        # Measured: one Barnes-Hut step over 2,000 entities costs 60-250 ms, so big graphs start
        # from seeded positions (see _seed_positions) and only need a short polish.
        physics = {"solver": "barnesHut", "adaptiveTimestep": False, "minVelocity": 1,
                   "barnesHut": {"gravitationalConstant": -4000, "springLength": 100,
                                 "springConstant": 0.04, "damping": 0.5, "theta": 1.0},
                   "stabilization": {"enabled": True, "iterations": 30, "updateInterval": 10, "fit": True}}
    else:
        # A few entities: long springs and strong avoidance leave room for their labels. Many
        # (mostly pairs and triples from a corpus): shorter springs and more pull to the centre
        # pack them, so the fitted view is not zoomed out beyond reading.
        few = n_nodes <= SPACIOUS_GRAPH
        physics = {"solver": "forceAtlas2Based",
                   "forceAtlas2Based": {"gravitationalConstant": -120 if few else -40,
                                        "springLength": 200 if few else 90, "springConstant": 0.05,
                                        "centralGravity": 0.01 if few else 0.03, "avoidOverlap": 0.8},
                   "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 25, "fit": True}}
    return {
        "autoResize": True,
        "layout": {"randomSeed": 42, "improvedLayout": not large},
        "physics": physics,
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False},
        # Labels with a white halo stay legible where they cross edges or each other.
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "system-ui, sans-serif",
                                           "strokeWidth": 4, "strokeColor": "#ffffff"}},
        # Small graphs get curved, labelled edges (the script sets them per relation); big ones
        # label an edge on hover and in the neighbourhood view. Labels are horizontal, not
        # turned along the edge.
        "edges": {"selectionWidth": 2, "smooth": not large,
                  "font": {"size": 12, "color": "#333", "strokeWidth": 4, "strokeColor": "#ffffff",
                           "align": "horizontal"}},
    }


def _text(value) -> str:
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    # Lone surrogates cannot be written as UTF-8; they become U+FFFD.
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def _split(value, sep: str) -> list[str]:
    # the distinct non-empty parts, in order (a dict: an edge may have thousands of sources)
    parts = dict.fromkeys(map(str.strip, _text(value).split(sep)))
    parts.pop("", None)
    return list(parts)


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _float(value) -> float:
    try:
        return round(float(value or 0.0), 3)
    except (TypeError, ValueError):
        return 0.0


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: no character of it can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


# -- assets -----------------------------------------------------------------------------------

def _inline_script(js: str) -> str:
    """Script text safe to inline: no ``</script`` and no source map to fetch."""
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    text = (_ASSETS / name).read_text(encoding="utf-8")
    return _inline_script(text) if name.endswith(".js") else text


@lru_cache(maxsize=1)
def _vis_network_js() -> str:
    """vis-network's standalone build, from the newest copy bundled in the pyvis package."""
    lib = resources.files("pyvis") / "lib"
    found = []
    for folder in lib.iterdir():
        match = re.fullmatch(r"vis-(\d+)\.(\d+)\.(\d+)", folder.name)
        if match and (folder / "vis-network.min.js").is_file():
            found.append((tuple(map(int, match.groups())), folder / "vis-network.min.js"))
    if not found:
        raise RuntimeError("pyvis does not ship vis-network.min.js under pyvis/lib; reinstall pyvis>=0.3.2")
    return _inline_script(max(found)[1].read_text(encoding="utf-8"))


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {csp}; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<header id="kg-header">
<h1>kg explorer</h1>
{notice}
<p id="kg-status" role="status">laying out the graph…</p>
<div id="kg-focus" role="status" hidden></div>
</header>
<main id="kg-main">
<aside id="kg-controls" aria-label="search, filters and legend">
<label for="kg-search">Search entities</label>
<input id="kg-search" type="search" placeholder="name or alias" autocomplete="off">
<p id="kg-search-count"></p>
<ul id="kg-search-results"></ul>
<label class="kg-check" id="kg-lonely-control"><input id="kg-lonely" type="checkbox"><span class="kg-name">Hide entities without relations</span><span class="kg-count" id="kg-lonely-count"></span></label>
<fieldset id="kg-types"><legend>Entity types</legend></fieldset>
<fieldset id="kg-relations"><legend>Relations</legend></fieldset>
</aside>
<div id="mynetwork" aria-label="graph"></div>
<aside id="kg-details" aria-live="polite"><p class="kg-hint">Click an entity or a relation to see its details; double-click an entity to see its neighbourhood.</p></aside>
</main>
<script type="application/json" id="kg-data">{data}</script>
<script>{vis}</script>
<script>{js}</script>
</body>
</html>
"""

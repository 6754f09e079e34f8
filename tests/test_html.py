"""The HTML explorer's page, read as text: offline, inert article text, deterministic, bounded.

The helpers that build graphs (``small_graph``, ``hostile_graph``, ``synthetic_graph``) are
shared with tests/test_browser.py, which drives the same pages in Chromium.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import random
import re

import networkx as nx
import pytest

from kg.export.html import MAX_NODES, html_page, notebook_html, write_html

HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1">'
HOSTILE_EVIDENCE = "<script>window.__pwned=1</script>"
FUNDS_EVIDENCE = "Bpifrance a investi 10 millions d’euros dans Mistral AI."
OTHER_EVIDENCE = "Mistral AI a reçu le soutien de Bpifrance & d’autres fonds."
PARTNER_EVIDENCE = "Mistral AI a signé un partenariat avec Veolia."


def add_entity(graph, node, label, type_="ORG", aliases="", mentions=1, documents=1):
    graph.add_node(node, label=label, type=type_, aliases=aliases, mentions=mentions, documents=documents)


def add_relation(graph, u, v, relation, evidence, evidence_all=None, sources="a.txt", amount="",
                 weight=1, confidence=0.8):
    graph.add_edge(u, v, key=relation, relation=relation, label=relation, weight=weight,
                   confidence=confidence, evidence=evidence,
                   evidence_all=evidence if evidence_all is None else evidence_all,
                   sources=sources, amount=amount)


def small_graph() -> nx.MultiDiGraph:
    """Four entities, three relation types, one edge with two evidence sentences."""
    g = nx.MultiDiGraph()
    add_entity(g, "bpifrance", "Bpifrance", aliases="BPI|Bpi France", mentions=3, documents=2)
    add_entity(g, "mistral-ai", "Mistral AI", aliases="Mistral", mentions=5, documents=2)
    add_entity(g, "veolia", "Veolia")
    add_entity(g, "arthur-mensch", "Arthur Mensch", "PER")
    add_entity(g, "openai", "OpenAI")
    add_relation(g, "bpifrance", "mistral-ai", "funds", FUNDS_EVIDENCE,
                 evidence_all=f"{FUNDS_EVIDENCE}\n{OTHER_EVIDENCE}", sources="a.txt|b.txt",
                 amount="10 millions d’euros", weight=2, confidence=0.92)
    add_relation(g, "mistral-ai", "veolia", "partners-with", PARTNER_EVIDENCE, sources="b.txt")
    add_relation(g, "mistral-ai", "openai", "competes-with", "Mistral AI rivalise avec OpenAI.", sources="c.txt")
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Article text that would run script if it ever became markup."""
    g = nx.MultiDiGraph()
    add_entity(g, "evil", HOSTILE_LABEL, aliases='</script><script>window.__pwned=1</script>|a\u2028b')
    add_entity(g, "victim", "Victim & Co", type_="<b>ORG</b>")
    add_relation(g, "evil", "victim", "funds", HOSTILE_EVIDENCE,
                 sources='<iframe src="javascript:window.__pwned=1">', amount="<svg onload=alert(1)>")
    return g


def synthetic_graph(n_nodes: int = 2000, n_edges: int = 5000, seed: int = 7) -> nx.MultiDiGraph:
    """A news-like graph: a few hubs, many small entities, one evidence sentence per edge."""
    rnd = random.Random(seed)
    types = ("ORG", "PER", "LOC", "PRODUCT", "MISC")
    relations = ("funds", "partners-with", "competes-with")
    g = nx.MultiDiGraph()
    for i in range(n_nodes):
        add_entity(g, f"e{i:05d}", f"Entité {i}", types[i % 5], aliases=f"E{i}|Ent. {i}", mentions=2)
    edges = 0
    while edges < n_edges:
        u = f"e{min(n_nodes - 1, int(rnd.paretovariate(1.1)) - 1):05d}" if rnd.random() < 0.4 \
            else f"e{rnd.randrange(n_nodes):05d}"
        v, relation = f"e{rnd.randrange(n_nodes):05d}", rnd.choice(relations)
        if u == v or g.has_edge(u, v, relation):
            continue
        edges += 1
        evidence = (f"Selon le document {rnd.randrange(500)}, {g.nodes[u]['label']} et {g.nodes[v]['label']} "
                    f"ont conclu un accord ({relation}) portant sur plusieurs millions d’euros.")
        add_relation(g, u, v, relation, evidence, sources=f"doc{rnd.randrange(300):03d}.txt")
    return g


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "the graph data block is missing"
    return json.loads(match.group(1))


def test_page_fetches_nothing():
    page = html_page(small_graph())
    # Nothing that a browser would fetch: no src/href attributes, no CSS imports or remote url().
    assert not re.search(r"<(script|link|img|iframe|source|video|audio|object|embed)\b[^>]*\b(src|href|data)\s*=",
                         page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "sourceMappingURL" not in page
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", page, re.I)
    # vis-network is inlined from pyvis's bundled copy; kg's own script defines the page globals.
    assert "vis-network" in page and "var network, nodes, edges;" in page


def test_content_security_policy_allows_exactly_the_inline_scripts():
    page = html_page(small_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_hostile_text_never_appears_as_markup():
    page = html_page(hostile_graph())
    for raw in (HOSTILE_LABEL, HOSTILE_EVIDENCE, "<script>window", "</script><script>", "<svg", "<iframe",
                "<b>ORG</b>", "\u2028"):
        assert raw not in page
    block = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert not re.search("[<>&\u2028\u2029]", block)
    # ...yet the data comes back intact: the page shows the text as it was written.
    data = page_data(page)
    evil = next(n for n in data["nodes"] if n["id"] == "evil")
    assert evil["label"] == HOSTILE_LABEL
    assert evil["aliases"] == ["</script><script>window.__pwned=1</script>", "a\u2028b"]
    assert data["edges"][0]["evidence"] == HOSTILE_EVIDENCE
    assert data["edges"][0]["evidence_all"] == [HOSTILE_EVIDENCE]


def test_explorer_script_builds_the_page_from_text_only():
    from kg.export.html import _asset

    js = _asset("explorer.js")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", js)


def test_same_graph_same_bytes():
    g = small_graph()
    assert html_page(g) == html_page(g)
    # Insertion order does not matter either.
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert html_page(shuffled) == html_page(g)


def test_data_carries_the_contract_attributes():
    data = page_data(html_page(small_graph()))
    assert data["total"] == data["shown"] == 5
    bpi = next(n for n in data["nodes"] if n["id"] == "bpifrance")
    assert bpi == {"id": "bpifrance", "label": "Bpifrance", "type": "ORG", "aliases": ["BPI", "Bpi France"],
                   "mentions": 3, "documents": 2, "degree": 1, "size": 13.0}
    funds = next(e for e in data["edges"] if e["relation"] == "funds")
    assert funds["from"] == "bpifrance" and funds["to"] == "mistral-ai"
    assert funds["evidence_all"] == [FUNDS_EVIDENCE, OTHER_EVIDENCE]
    assert funds["sources"] == ["a.txt", "b.txt"] and funds["amount"] == "10 millions d’euros"
    assert (funds["weight"], funds["confidence"]) == (2, 0.92)


def test_legend_styles_each_relation_and_arrows_only_funds():
    data = page_data(html_page(small_graph()))
    styles = {r["name"]: r for r in data["relations"]}
    assert set(styles) >= {"funds", "partners-with", "competes-with"}
    assert len({r["color"] for r in styles.values()}) == len(styles)
    assert len({json.dumps(r["dashes"]) for r in styles.values()}) == len(styles)
    assert [name for name, r in styles.items() if r["arrows"]] == ["funds"]
    types = {t["name"]: t["color"] for t in data["types"]}
    assert set(types) >= {"ORG", "PER", "LOC", "PRODUCT", "MISC"} and types["ORG"] == "#1f77b4"


def test_layout_is_seeded_and_big_graphs_get_fast_physics():
    small = page_data(html_page(small_graph()))["options"]
    assert small["layout"]["randomSeed"] == 42 and small["physics"]["stabilization"]["enabled"]
    big = page_data(html_page(synthetic_graph(600, 900)))
    options = big["options"]
    assert options["layout"] == {"randomSeed": 42, "improvedLayout": False}
    assert options["physics"]["solver"] == "barnesHut"
    assert options["physics"]["stabilization"]["iterations"] <= 50
    # Big graphs start from seeded positions, all distinct.
    positions = {(n["x"], n["y"]) for n in big["nodes"]}
    assert len(positions) == 600


def test_budget_keeps_the_best_connected_entities():
    g = synthetic_graph(300, 600)
    page = html_page(g, max_nodes=50)
    data = page_data(page)
    assert (data["shown"], data["total"]) == (50, 300)
    assert "showing 50 of 300 entities" in page
    degree = dict(g.degree())
    kept = {n["id"] for n in data["nodes"]}
    threshold = min(degree[n] for n in kept)
    assert all(degree[n] <= threshold for n in set(g) - kept)
    assert len(kept) == 50
    # Only relations between kept entities, all of them.
    expected = sum(1 for u, v in g.edges() if u in kept and v in kept)
    assert len(data["edges"]) == expected
    assert all(e["from"] in kept and e["to"] in kept for e in data["edges"])


def test_budget_goes_to_entities_with_relations_first():
    g = small_graph()
    for i in range(30):
        add_entity(g, f"lonely-{i:02d}", f"Alone {i}")
    data = page_data(html_page(g, max_nodes=8))
    kept = {n["id"] for n in data["nodes"]}
    assert kept >= {"bpifrance", "mistral-ai", "veolia", "openai"} and len(kept) == 8
    assert len(data["edges"]) == 3


def test_no_notice_within_budget():
    page = html_page(small_graph())
    assert 'id="kg-notice"' not in page and "showing" not in page and MAX_NODES == 2000


def test_missing_attributes_do_not_break_the_page():
    g = nx.MultiDiGraph()
    g.add_node("a")
    g.add_node("b", label=None, type="PER", aliases=None)
    g.add_edge("a", "b", key="funds")
    data = page_data(html_page(g))
    assert [n["label"] for n in data["nodes"]] == ["a", "b"]
    assert data["edges"][0]["relation"] == "funds" and data["edges"][0]["evidence_all"] == []
    assert page_data(html_page(nx.MultiDiGraph()))["nodes"] == []


def test_write_html_writes_the_page_atomically(tmp_path):
    g = small_graph()
    target = tmp_path / "out" / "graph.html"
    target.parent.mkdir()
    target.write_text("old")
    assert write_html(g, target) == target
    assert target.read_text(encoding="utf-8") == html_page(g)
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_notebook_html_inlines_the_whole_page():
    g = small_graph()
    frame = notebook_html(g)
    assert 'sandbox="allow-scripts"' in frame
    srcdoc = re.search(r'<iframe srcdoc="([^"]*)"', frame).group(1)
    assert html.unescape(srcdoc) == html_page(g)
    assert "<script" not in srcdoc


def test_show_returns_an_ipython_html_object():
    display = pytest.importorskip("IPython.display")
    from kg.export.html import show

    shown = show(small_graph(), height=400)
    assert isinstance(shown, display.HTML) and "height:400px" in shown.data


def test_lists_keep_each_part_once_in_order_and_lone_surrogates_become_replacement_characters():
    g = nx.MultiDiGraph()
    g.add_node("a", label="Caf\udce9 \u00e9t\u00e9", aliases="x| y |x||z")
    g.add_node("b", label=7)
    sources = "|".join(f"d{i % 3000}" for i in range(9000))
    g.add_edge("a", "b", key="funds", sources=sources, evidence_all="un\ndeux\nun")
    data = page_data(html_page(g))
    a, b = data["nodes"]
    assert a["label"] == "Caf\ufffd \u00e9t\u00e9" and a["aliases"] == ["x", "y", "z"] and b["label"] == "7"
    edge = data["edges"][0]
    assert edge["sources"] == [f"d{i}" for i in range(3000)] and edge["evidence_all"] == ["un", "deux"]


def test_the_budget_keeps_the_entities_a_full_ranking_keeps():
    from kg.export.html import _best_connected

    rng = random.Random(7)
    for _ in range(50):
        degree = {f"n{rng.randrange(400)}": rng.randrange(6) for _ in range(rng.randrange(1, 300))}
        for budget in (0, 1, 7, len(degree) // 2, len(degree), len(degree) + 3):
            ranked = sorted(degree, key=lambda n: (-degree[n], n))
            assert _best_connected(degree, budget) == set(ranked[:budget])

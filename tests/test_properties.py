"""Invariants over arbitrary input (hypothesis): nothing crashes, nothing is lost on the way out.

Only one test here runs the real French pipeline (30 examples; kg.nlp.load_pipeline caches it per
process, so it loads once for the whole session).
"""
from __future__ import annotations

import re
import tempfile
import warnings
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.corpus import SUFFIXES, html_text, read_documents, split_long_text
from kg.export.graphml import write_graphml
from kg.graph import assemble_graph
from kg.pipeline import process_documents
from kg.records import Document

# Any character a Python str can hold and UTF-8 can encode (lone surrogates cannot be).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
# What XML 1.0 cannot carry at all; the exporter drops these.
XML_FORBIDDEN = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Words that make the extractor work (entities, triggers, money) mixed into the noise.
WORDS = st.sampled_from(["Mistral AI", "Microsoft", "a investi", "100 millions d'euros", "dans", "avec",
                         "un partenariat", "concurrent de", "Arthur Mensch", "Paris", ".", "\n", "«", "»",
                         "<b>", "&amp;", "\x00", "\u2028", "Ünïcödé", "😀"])


def xml_text(value: str) -> str:
    return XML_FORBIDDEN.sub("", value)


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TEXT, WORDS), max_size=16).map(" ".join))
def test_arbitrary_text_never_crashes_the_pipeline(text):
    results = list(process_documents([Document("doc.txt", text)], lang="fr"))
    assert [r.doc_id for r in results] == ["doc.txt"]
    graph = assemble_graph(results)
    for _, _, data in graph.edges(data=True):
        assert data["sources"] == "doc.txt"


@settings(max_examples=60, deadline=None)
@given(nodes=st.lists(st.tuples(TEXT, st.lists(TEXT, max_size=3)), min_size=1, max_size=4),
       edges=st.lists(st.tuples(TEXT, TEXT, TEXT), max_size=4))
def test_entity_names_and_evidence_survive_a_graphml_round_trip(nodes, edges):
    graph = nx.MultiDiGraph()
    for i, (label, aliases) in enumerate(nodes):
        graph.add_node(f"n{i}", label=label, type="ORG", aliases="|".join(aliases), mentions=1, documents=1)
    for j, (evidence, sources, amount) in enumerate(edges):
        u, v = f"n{j % len(nodes)}", f"n{(j + 1) % len(nodes)}"
        graph.add_edge(u, v, key="funds", relation="funds", label="funds", weight=j + 1, confidence=0.5,
                       evidence=evidence, sources=sources, amount=amount)
    with tempfile.TemporaryDirectory() as folder:
        path = write_graphml(graph, Path(folder) / "graph.graphml")
        back = nx.read_graphml(path, force_multigraph=True)
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == xml_text(data["label"])
        assert back.nodes[node]["aliases"] == xml_text(data["aliases"])
    kept = {(u, v, d["weight"]): d for u, v, d in back.edges(data=True)}
    assert len(kept) == graph.number_of_edges()
    for u, v, data in graph.edges(data=True):
        read = kept[(u, v, data["weight"])]
        for name in ("evidence", "sources", "amount"):
            assert read[name] == xml_text(data[name]), name


@settings(max_examples=100, deadline=None)
@given(text=TEXT.map(lambda t: t * 5), max_chars=st.integers(1, 40))
def test_split_long_text_is_lossless_and_bounded(text, max_chars):
    pieces = split_long_text(text, max_chars)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= max_chars for p in pieces) or pieces == [""]


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_html_text_never_fails(markup):
    text, title = html_text(markup)
    assert isinstance(text, str) and isinstance(title, str)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8"))),
       suffix=st.sampled_from(SUFFIXES + (".unknown",)))
def test_reading_arbitrary_bytes_never_raises(data, suffix):
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        docs = list(read_documents([path]))
    assert all(d.text.strip() and d.id.startswith(path.name) for d in docs)

"""Entity and relation tables for notebooks, on hand-built graphs."""
from __future__ import annotations

import sys

import networkx as nx
import pytest

from kg.tables import (ENTITY_COLUMNS, RELATION_COLUMNS, entities_table, markdown_table,
                       relations_table, to_dataframe)
from test_graphml import tricky_graph


def test_entities_table_rows_and_order():
    rows = entities_table(tricky_graph())
    assert [r["id"] for r in rows] == ["l-oreal", "bpi", "jean-dupont", "gadget", "ile"]
    assert all(tuple(r) == ENTITY_COLUMNS for r in rows)
    loreal = rows[0]
    assert loreal == {"id": "l-oreal", "label": "L'Oréal « Paris » \"q\" <&>", "type": "ORG", "degree": 3,
                      "mentions": 3, "documents": 2, "aliases": ["L’Oréal", "Oréal & Co"]}
    assert rows[-1]["aliases"] == [] and rows[-1]["degree"] == 0


def test_relations_table_rows_and_order():
    rows = relations_table(tricky_graph())
    assert all(tuple(r) == RELATION_COLUMNS for r in rows)
    assert [(r["source"], r["relation"], r["target"]) for r in rows] == [
        ("Bpifrance", "funds", "L'Oréal « Paris » \"q\" <&>"),
        ("Jean\x00 Dupont\x1f", "competes-with", "L'Oréal « Paris » \"q\" <&>"),
        ("Bpifrance", "partners-with", "L'Oréal « Paris » \"q\" <&>"),
    ]
    funds = rows[0]
    assert (funds["weight"], funds["confidence"], funds["amount"]) == (2, 0.75, "5 M€")
    assert funds["sources"] == ["a.txt", "b.txt"]
    assert (funds["source_id"], funds["target_id"]) == ("bpi", "l-oreal")


def test_tables_are_deterministic_and_tolerate_missing_attributes():
    g = nx.MultiDiGraph()
    g.add_edge("b", "a", key="funds")
    g.add_edge("a", "b", key="funds")
    entities = entities_table(g)
    assert [r["label"] for r in entities] == ["a", "b"] and entities[0]["mentions"] == 0
    rows = relations_table(g)
    assert [(r["source"], r["target"]) for r in rows] == [("a", "b"), ("b", "a")]
    assert rows[0]["relation"] == "funds" and rows[0]["sources"] == [] and rows[0]["evidence"] == ""
    assert entities_table(nx.MultiDiGraph()) == [] and relations_table(nx.MultiDiGraph()) == []


def test_markdown_table_escapes_cells_and_limits_rows():
    rows = relations_table(tricky_graph())
    text = markdown_table(rows, columns=["source", "relation", "evidence"], limit=2)
    lines = text.splitlines()
    assert lines[0] == "| source | relation | evidence |" and lines[1] == "|---|---|---|"
    assert len([line for line in lines if line.startswith("| ")]) == 3
    assert lines[-1] == "… 1 more rows"
    assert markdown_table([{"a": "x|y\nz", "b": 0.5}]).splitlines()[-1] == "| x\\|y z | 0.5 |"


def test_to_dataframe_explains_that_pandas_is_optional(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        to_dataframe([{"a": 1}])


def test_to_dataframe_with_pandas():
    pytest.importorskip("pandas")
    frame = to_dataframe(relations_table(tricky_graph()))
    assert list(frame.columns) == list(RELATION_COLUMNS) and len(frame) == 3
    empty = to_dataframe([], columns=ENTITY_COLUMNS)
    assert list(empty.columns) == list(ENTITY_COLUMNS) and len(empty) == 0

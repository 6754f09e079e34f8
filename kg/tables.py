"""The graph as tables, for notebooks: one row (a plain dict) per entity or per relation.

Rows are plain dicts in a fixed, deterministic order, so they print, compare and serialise as
they are; :func:`to_dataframe` turns them into a pandas DataFrame when pandas is installed
(kg does not depend on it), and :func:`markdown_table` renders them without any dependency.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("bpi", label="Bpifrance", type="ORG", aliases="BPI", mentions=2, documents=1)
>>> g.add_node("mistral-ai", label="Mistral AI", type="ORG", aliases="", mentions=3, documents=1)
>>> _ = g.add_edge("bpi", "mistral-ai", key="funds", relation="funds", weight=1, confidence=0.8,
...                evidence="Bpifrance finance Mistral AI.", sources="a.txt", amount="")
>>> [(r["label"], r["degree"], r["aliases"]) for r in entities_table(g)]
[('Bpifrance', 1, ['BPI']), ('Mistral AI', 1, [])]
>>> [(r["source"], r["relation"], r["target"]) for r in relations_table(g)]
[('Bpifrance', 'funds', 'Mistral AI')]
"""
from __future__ import annotations

import networkx as nx

__all__ = ["ENTITY_COLUMNS", "RELATION_COLUMNS", "entities_table", "relations_table",
           "to_dataframe", "markdown_table"]

#: Keys of an :func:`entities_table` row, in order.
ENTITY_COLUMNS = ("id", "label", "type", "degree", "mentions", "documents", "aliases")
#: Keys of a :func:`relations_table` row, in order.
RELATION_COLUMNS = ("source", "relation", "target", "weight", "confidence", "amount", "evidence",
                    "sources", "source_id", "target_id")


def _split(joined) -> list[str]:
    return [part for part in str(joined or "").split("|") if part]


def entities_table(graph: nx.MultiDiGraph) -> list[dict]:
    """One row per entity, most connected first (then by label and id).

    ``degree`` counts relations in both directions; ``aliases`` is a list of surface forms.
    """
    rows = []
    for node, data in graph.nodes(data=True):
        rows.append({
            "id": str(node),
            "label": str(data.get("label", node)),
            "type": data.get("type", ""),
            "degree": graph.degree(node),
            "mentions": int(data.get("mentions") or 0),
            "documents": int(data.get("documents") or 0),
            "aliases": _split(data.get("aliases")),
        })
    return sorted(rows, key=lambda r: (-r["degree"], r["label"].casefold(), r["id"]))


def relations_table(graph: nx.MultiDiGraph) -> list[dict]:
    """One row per relation (edge), best supported first (weight, then confidence).

    ``source`` and ``target`` are entity labels (``source_id``/``target_id`` the node ids);
    for symmetric relations the order of the two ends carries no meaning. ``sources`` is a
    list of document ids.
    """
    rows = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        rows.append({
            "source": str(graph.nodes[u].get("label", u)),
            "relation": data.get("relation", key),
            "target": str(graph.nodes[v].get("label", v)),
            "weight": int(data.get("weight") or 0),
            "confidence": float(data.get("confidence") or 0.0),
            "amount": data.get("amount") or "",
            "evidence": data.get("evidence") or "",
            "sources": _split(data.get("sources")),
            "source_id": str(u),
            "target_id": str(v),
        })
    return sorted(rows, key=lambda r: (-r["weight"], -r["confidence"], str(r["relation"]),
                                       r["source"].casefold(), r["target"].casefold(),
                                       r["source_id"], r["target_id"]))


def to_dataframe(rows: list[dict], columns=None):
    """``rows`` as a ``pandas.DataFrame`` (pandas is optional: imported here, on demand).

    ``columns`` fixes the columns and their order (default: the keys of the first row), so an
    empty table still has them.
    """
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError("to_dataframe needs pandas, which kg does not install: "
                          "pip install pandas (or use the rows, plain dicts, as they are)") from err
    if columns is None:
        columns = list(rows[0]) if rows else None
    return pd.DataFrame.from_records(rows, columns=columns)


def _cell(value) -> str:
    if isinstance(value, float):
        value = f"{value:g}"
    elif isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|")


def markdown_table(rows: list[dict], columns=None, limit: int | None = None) -> str:
    """``rows`` as a Markdown table (for ``IPython.display.Markdown``), at most ``limit`` rows.

    >>> print(markdown_table([{"a": 1, "b": ["x", "y|z"]}]))
    | a | b |
    |---|---|
    | 1 | x, y\\|z |
    """
    columns = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    shown = rows if limit is None else rows[:limit]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c, "")) for c in columns) + " |" for row in shown]
    if len(shown) < len(rows):
        lines.append(f"\n… {len(rows) - len(shown)} more rows")
    return "\n".join(lines)

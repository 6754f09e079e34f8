"""A build with the store knows what changed in the graph since the one its files were written
from, and copies every other node and edge without looking at it: the files are still byte for
byte those of a build from scratch (no spaCy model: the results are stored by hand under the keys
the build computes)."""
from __future__ import annotations

from pathlib import Path

import pytest

import kg.export.graphml
import kg.export.pieces
from kg.api import OUTPUT_FILES, build
from kg.graph import assemble_from_store
from kg.store import Store
from kg.update import update_corpus
from stored import write_stored



def _write(store_dir: Path, folder: Path, files: dict[str, str], age: float = 60.0) -> None:
    with Store(store_dir) as store:
        write_stored(store, folder, files, age)


def _name(i: int) -> str:
    """A name far from every other (no typo or short form of another)."""
    syllables = ("ba", "ko", "ri", "tu", "me", "sa", "lo", "vi", "da", "nu")
    return "".join(syllables[int(d) * 7 % 10 + 0] + syllables[int(d)] for d in f"{i:02d}").capitalize()


def _article(i: int) -> str:
    return f"chez {_name(i)} et {_name((i * 7 + 3) % 60)}, rien de neuf pour {_name((i * 11 + 5) % 60)}."


def _bytes(folder: Path) -> list[bytes]:
    return [(folder / name).read_bytes() for name in OUTPUT_FILES]


@pytest.fixture
def counted(monkeypatch):
    """How many nodes and edges the writers made the data of."""
    made = {"node": 0, "edge": 0}
    for kind in made:
        original = getattr(kg.export.graphml.GraphFacts, f"{kind}_data")

        def spy(self, i, _original=original, _kind=kind):
            if (self._node_data if _kind == "node" else self._edge_data)[i] is None:
                made[_kind] += 1
            return _original(self, i)
        monkeypatch.setattr(kg.export.graphml.GraphFacts, f"{kind}_data", spy)
    return made


def test_an_incremental_build_copies_what_did_not_change_and_writes_the_bytes_of_a_build_from_scratch(
        tmp_path, counted):
    store, corpus = tmp_path / "store", tmp_path / "in"
    _write(store, corpus, {f"a{i:02d}.txt": _article(i) for i in range(40)})
    first = build([corpus], tmp_path / "out", use_cache=True, cache_dir=store)
    n_nodes, n_edges = first.graph.number_of_nodes(), first.graph.number_of_edges()
    assert counted == {"node": n_nodes, "edge": n_edges} and n_edges > 5

    _write(store, corpus, {"a40.txt": f"chez {_name(1)} et Nouveau, rien.",
                           "a03.txt": f"chez {_name(50)} et Autre, rien."}, age=30)
    counted.update(node=0, edge=0)
    second = build([corpus], tmp_path / "out", use_cache=True, cache_dir=store)
    scratch = build([corpus], tmp_path / "scratch1", use_cache=True, cache_dir=store)
    assert _bytes(tmp_path / "out") == _bytes(tmp_path / "scratch1")
    assert second.changes.new == 1 and second.changes.changed == 1
    # the second build made the data of the changed nodes and edges only (scratch: of all)
    nodes_made = counted["node"] - scratch.graph.number_of_nodes()
    edges_made = counted["edge"] - scratch.graph.number_of_edges()
    assert 0 < nodes_made < n_nodes / 2 and 0 < edges_made < n_edges / 2

    # the same names as often, another relation: no entity changes, two degrees do
    a, b, c = _name(7), _name(52), _name(22)
    assert _article(7) == f"chez {a} et {b}, rien de neuf pour {c}."
    _write(store, corpus, {"a07.txt": f"chez {c} et {a}, rien de neuf pour {b}."}, age=20)
    degree = dict(scratch.graph.degree())
    third = build([corpus], tmp_path / "out", use_cache=True, cache_dir=store)
    build([corpus], tmp_path / "scratch3", use_cache=True, cache_dir=store)
    assert _bytes(tmp_path / "out") == _bytes(tmp_path / "scratch3")
    ids = {n: d["label"] for n, d in third.graph.nodes(data=True)}
    after = {ids[n]: d for n, d in third.graph.degree()}
    assert after[b] != {ids[n]: d for n, d in degree.items()}[b]


def test_no_copy_on_trust_after_an_assembly_whose_files_were_not_written_or_another_confidence(tmp_path, counted):
    store, corpus = tmp_path / "store", tmp_path / "in"
    _write(store, corpus, {f"a{i:02d}.txt": _article(i) for i in range(30)})
    build([corpus], tmp_path / "out", use_cache=True, cache_dir=store)
    out_corpus = f"output:{(tmp_path / 'out').resolve()}"

    # an assembly whose outputs were never written (a build killed while writing them)
    _write(store, corpus, {"a30.txt": f"chez {_name(2)} et Nouveau, rien."}, age=30)
    with Store(store) as s:
        update_corpus([corpus], s, out_corpus)
        _, delta = assemble_from_store(s, out_corpus)
        assert delta.known
    _write(store, corpus, {"a31.txt": f"chez {_name(3)} et Autre, rien."}, age=30)
    counted.update(node=0, edge=0)
    second = build([corpus], tmp_path / "out", use_cache=True, cache_dir=store)
    assert counted == {"node": second.graph.number_of_nodes(), "edge": second.graph.number_of_edges()}
    build([corpus], tmp_path / "scratch5", use_cache=True, cache_dir=store)
    assert _bytes(tmp_path / "out") == _bytes(tmp_path / "scratch5")

    # the files were written with another confidence threshold
    _write(store, corpus, {"a32.txt": f"chez {_name(4)} et Encore, rien."}, age=30)
    counted.update(node=0, edge=0)
    third = build([corpus], tmp_path / "out", use_cache=True, cache_dir=store, min_confidence=0.95)
    assert counted["node"] == third.graph.number_of_nodes()
    build([corpus], tmp_path / "scratch7", use_cache=True, cache_dir=store, min_confidence=0.95)
    assert _bytes(tmp_path / "out") == _bytes(tmp_path / "scratch7")


def test_file_ids_that_are_not_the_nodes_themselves_turn_the_copy_on_trust_off():
    import networkx as nx

    from kg.export.graphml import GraphFacts
    from kg.graph import GraphDelta

    g = nx.MultiDiGraph()
    g.add_node("a b")
    g.add_node("ok")
    g.add_edge("ok", "a b", key="funds")
    facts = GraphFacts(g, GraphDelta("t0", "t1", frozenset(), frozenset()))
    assert not facts.plain and not isinstance(facts.node_digest(0), kg.export.pieces.Same)
    g.remove_node("a b")
    facts = GraphFacts(g, GraphDelta("t0", "t1", frozenset(), frozenset()))
    assert facts.plain and isinstance(facts.node_digest(0), kg.export.pieces.Same)


def test_no_difference_is_told_when_another_build_assembled_the_corpus_meanwhile(tmp_path, monkeypatch):
    store, corpus = tmp_path / "store", tmp_path / "in"
    _write(store, corpus, {f"a{i:02d}.txt": _article(i) for i in range(10)})
    build([corpus], tmp_path / "out", use_cache=True, cache_dir=store)
    _write(store, corpus, {"a10.txt": f"chez {_name(1)} et Nouveau, rien."}, age=30)
    out_corpus = f"output:{(tmp_path / 'out').resolve()}"
    original = Store.replace_entities

    def meanwhile(self, corpus, *args, **kwargs):
        self.db.execute("UPDATE graph_token SET assembled='another build' WHERE corpus=?", (corpus,))
        return original(self, corpus, *args, **kwargs)

    with Store(store) as s:
        update_corpus([corpus], s, out_corpus)
        monkeypatch.setattr(Store, "replace_entities", meanwhile)
        _, delta = assemble_from_store(s, out_corpus)
    assert delta.base == "another build" and delta.token is not None and not delta.known

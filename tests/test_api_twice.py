"""The public API survives being called again, after any build, in one interpreter (a re-run
Jupyter cell): no submodule may shadow a function of the package, and every public function
gives the same answer twice."""
from pathlib import Path

import networkx as nx
import pytest

import kg
from conftest import SEEDS
from kg.corpus import documents_from_texts

TEXT = "Le groupe Brio a signé un accord de distribution avec Orange."


def test_public_names_are_not_shadowed_by_submodules():
    import kg.document  # noqa: F401 - the stage module that once replaced kg.extract
    import kg.export.pyvis_network  # noqa: F401
    for name in kg.__all__:
        assert type(getattr(kg, name)).__name__ != "module", name


@pytest.mark.model
def test_extract_can_be_called_again_after_a_build(nlp_fr):
    first = kg.extract(documents_from_texts({"t": TEXT}))
    kg.build_graph_from_texts({"u": TEXT})
    second = kg.extract(documents_from_texts({"t": TEXT}))
    assert first == second and first[0].mentions


@pytest.mark.parametrize("given", [["seeds"], "seeds", [Path("seeds")], [{"text": TEXT}]])
def test_extract_says_what_a_document_is(given):
    with pytest.raises(TypeError, match=r"kg.extract takes Document records, not \w+ .*kg.read_documents"):
        kg.extract(given)


def _graph_key(g: nx.MultiDiGraph):
    return sorted(g.nodes(data=True)), sorted(g.edges(keys=True, data=True))


def _calls(tmp_path, seed_graph):
    """Each public function called once, as a user would, and what to compare between calls."""
    outputs = iter(range(100))

    def out(name):
        return tmp_path / str(next(outputs)) / name

    def read_bytes(path):
        return Path(path).read_bytes()

    return {
        "build": lambda: (lambda made: (made.documents, _graph_key(made.graph), [p.name for p in made.files],
                                        [read_bytes(p) for p in made.files]))(kg.build([SEEDS], tmp_path / "out")),
        "build_graph": lambda: _graph_key(kg.build_graph([SEEDS])),
        "build_graph_from_texts": lambda: _graph_key(kg.build_graph_from_texts({"t": TEXT})),
        "extract": lambda: kg.extract(kg.documents_from_texts([TEXT])),
        "read_documents": lambda: list(kg.read_documents([SEEDS])),
        "documents_from_texts": lambda: kg.documents_from_texts({"t": TEXT}),
        "write_graphml": lambda: read_bytes(kg.write_graphml(seed_graph, out("g.graphml"))),
        "write_gexf": lambda: read_bytes(kg.write_gexf(seed_graph, out("g.gexf"))),
        "write_html": lambda: read_bytes(kg.write_html(seed_graph, out("g.html"))),
        "show": lambda: kg.show(seed_graph).data,
        "to_pyvis": lambda: (kg.to_pyvis(seed_graph).nodes, kg.to_pyvis(seed_graph).edges),
    }


@pytest.mark.model
def test_every_public_function_gives_the_same_answer_twice(tmp_path, seed_graph):
    pytest.importorskip("IPython")
    calls = _calls(tmp_path, seed_graph)
    public = {name for name in kg.__all__ if callable(getattr(kg, name)) and not isinstance(getattr(kg, name), type)}
    assert public == set(calls), "a public function is missing from this test"
    for name, call in sorted(calls.items()):
        first = call()
        assert first, name
        assert call() == first, name


def test_build_checks_the_output_folder_and_the_input_first(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(kg.errors.OutputError, match="output path is a file"):
        kg.build([SEEDS], blocker)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(kg.errors.InputError, match="no documents found"):
        kg.build([empty], tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.model
def test_build_counts_the_files_only_for_a_progress_callback(nlp_fr, tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(3):
        (articles / f"a{i}.txt").write_text(TEXT, encoding="utf-8")
    seen = []
    kg.build([articles], tmp_path / "out1", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]

    def no_listing(paths):
        raise AssertionError("counted the files with no one to tell")
    monkeypatch.setattr("kg.api.count_files", no_listing)
    assert kg.build([articles], tmp_path / "out2").changes.articles == 3

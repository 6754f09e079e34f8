"""Every notebook in notebooks/ runs top to bottom in a fresh kernel, and shows what it promises.

The kernel is the ``python3`` kernel spec that ipykernel provides; jupyter_client starts a spec
whose command is ``python`` with the interpreter running the tests, so the notebooks see the
same environment (kg installed) as the tests.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 300


def _execute(path: Path):
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    if spec.argv[0] not in ("python", "python3", sys.executable):
        pytest.fail(f"kernel spec python3 ({spec.resource_dir}) starts {spec.argv[0]}, not this "
                    f"interpreter: run `{sys.executable} -m ipykernel install --sys-prefix`")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def _outputs(nb, output_type=None):
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if output_type is None or out.output_type == output_type:
                yield cell, out


def _text(out) -> str:
    if out.output_type == "stream":
        return out.text
    return "\n".join(str(v) for v in out.get("data", {}).values())


_NOT_THE_REPOSITORY = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis"}


def _repository_state() -> dict:
    """Every file of the repository (tracked, ignored or new, out/ included) and when it last changed."""
    import os

    state = {}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in _NOT_THE_REPOSITORY]
        for name in files:
            path = os.path.join(folder, name)
            state[os.path.relpath(path, ROOT)] = os.stat(path).st_mtime_ns
    return state


@pytest.fixture(scope="module")
def executed():
    before = _repository_state()
    notebooks = {path.name: _execute(path) for path in NOTEBOOKS}
    after = _repository_state()
    notebooks["written"] = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
    return notebooks


def test_notebooks_write_nothing_into_the_repository(executed):
    assert executed["written"] == [], "a notebook wrote into the repository"


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no .ipynb"


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_notebook_runs_without_errors(executed, name):
    nb = executed[name]
    errors = [out for _, out in _outputs(nb, "error")]
    assert not errors, errors
    assert all(cell.get("execution_count") for cell in nb.cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name}: clear the outputs before committing"


def test_explore_shows_tables_communities_and_explorer(executed):
    nb = executed["explore.ipynb"]
    text = "\n".join(_text(out) for _, out in _outputs(nb))
    assert int(re.search(r"(\d+) entities, (\d+) relations", text).group(1)) >= 1
    assert int(re.search(r"^(\d+) relations$", text, re.M).group(1)) >= 1
    tables = [out.data["text/markdown"] for _, out in _outputs(nb, "display_data") if "text/markdown" in out.data]
    relation_table = next(t for t in tables if t.startswith("| source | relation | target | weight"))
    assert len(relation_table.splitlines()) >= 3, "the relations table has no row"
    assert "community 1:" in text
    assert re.search(r"^\S.*: \d+ neighbours$", text, re.M)
    html = [out.data["text/html"] for _, out in _outputs(nb) if "text/html" in out.get("data", {})]
    assert any("<iframe" in h for h in html), "the inline explorer is missing"
    nodes, edges = map(int, re.search(r"pyvis Network: (\d+) nodes, (\d+) edges", text).groups())
    assert nodes >= 1 and edges >= 1

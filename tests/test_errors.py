"""Errors through the command line: one line naming the problem and the fix, an exit code, no traceback.

These tests need no spaCy model: where a build has to get past extraction, the parse of a batch
(``kg.engines.run_batch``) is replaced by a stand-in returning fixed results.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

import kg.api
import kg.engines
import kg.export
import kg.nlp
from kg.cli import cli
from kg.errors import OutputError
from kg.export.atomic import atomic_batch, atomic_write, check_output_dir
from kg.records import DocResult, Mention, RelationMention

ARTICLE = "Mistral AI a signé un partenariat avec Microsoft."


def fake_run_batch(tasks, gazetteer=None):
    """Stand-in for the model: every document names Mistral AI and Microsoft as partners."""
    mentions = (Mention("Mistral AI", "ORG", "Mistral AI", 0, 10), Mention("Microsoft", "ORG", "Microsoft", 39, 48))
    relation = RelationMention("Microsoft", "partners-with", "Mistral AI", ARTICLE, 0.8)
    return [DocResult(t.doc_id, "fr", mentions, (relation,)) for t in tasks]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def no_model(monkeypatch):
    monkeypatch.setattr(kg.engines, "run_batch", fake_run_batch)


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), prog_name="kg")


def assert_one_line_error(result, exit_code, *fragments):
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- one line per problem --------------------------------------------------------------------------

def test_input_path_that_does_not_exist(tmp_path):
    result = run("build", tmp_path / "nope", "-o", tmp_path / "out")
    assert_one_line_error(result, 1, f"input path does not exist: {tmp_path / 'nope'}", "give an existing")
    assert not (tmp_path / "out").exists()


def test_output_path_that_is_a_file(tmp_path, corpus):
    (tmp_path / "out").write_text("mine", encoding="utf-8")
    result = run("build", corpus, "-o", tmp_path / "out")
    assert_one_line_error(result, 1, f"output path is a file, not a folder: {tmp_path / 'out'}", "-o")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "mine"


def test_output_folder_that_cannot_be_created_because_a_parent_is_a_file(tmp_path, corpus):
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    result = run("build", corpus, "-o", tmp_path / "file" / "out")
    assert_one_line_error(result, 1, f"cannot create output folder {tmp_path / 'file' / 'out'}",
                          f"{tmp_path / 'file'} is a file")


def test_output_folder_without_write_permission(tmp_path, corpus, monkeypatch):
    # The tests run as root, who may write into a chmod 555 folder: the permission check itself
    # (os.access) is made to answer "no" here; what is covered is the message and that it comes
    # before any work.
    (tmp_path / "ro").mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: not mode & os.W_OK and real_access(path, mode, **kw))
    monkeypatch.setattr(kg.api, "build_graph", lambda *a, **k: pytest.fail("extraction ran before the check"))
    result = run("build", corpus, "-o", tmp_path / "ro" / "out")
    assert_one_line_error(result, 1, f"cannot write to output folder {tmp_path / 'ro' / 'out'}: permission denied")


def test_write_error_after_extraction_is_one_line(tmp_path, corpus, no_model, monkeypatch):
    def disk_full(graph, path):
        raise OutputError(f"cannot write to {path}: No space left on device")

    monkeypatch.setattr(kg.export, "write_html", disk_full)
    result = run("build", corpus, "-o", tmp_path / "out")
    assert_one_line_error(result, 1, "No space left on device")
    assert not (tmp_path / "out" / "graph.graphml").exists()  # the pair is written together or not at all


def test_unknown_option_value_is_one_line_usage_error(tmp_path, corpus):
    result = run("build", corpus, "--lang", "de")
    assert_one_line_error(result, 2, "'de' is not one of 'fr', 'en'", "kg build --help")
    result = run("build", corpus, "--no-such-option")
    assert_one_line_error(result, 2, "No such option '--no-such-option'")


def test_missing_spacy_pipeline_says_how_to_install_it(tmp_path, corpus, monkeypatch):
    # The pipeline loader is cached per process: run its uncached body so that the patched
    # model table is consulted even when another test has loaded the French pipeline already.
    monkeypatch.setitem(kg.nlp.MODELS, "fr", "xx_kg_missing_pipeline")
    monkeypatch.setattr(kg.nlp, "_load", kg.nlp._load.__wrapped__)
    (corpus / "a.txt").write_text(ARTICLE + " (missing pipeline test)", encoding="utf-8")
    result = run("build", corpus, "--lang", "fr", "-o", tmp_path / "out")
    assert_one_line_error(result, 1, "error: spaCy pipeline 'xx_kg_missing_pipeline' is not installed: "
                                     "run `pip install xx-kg-missing-pipeline`")
    assert not (tmp_path / "out").exists()


def test_no_documents_found(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "picture.png").write_bytes(b"\x89PNG")
    result = run("build", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path / 'in' / 'empty.txt'}: empty file, skipped",
        f"error: no documents found in {tmp_path / 'in'}: give files or folders holding "
        ".txt, .md, .html, .htm, .json, .jsonl, .csv articles",
    ]


def test_unexpected_exception_is_one_line_and_debug_shows_the_traceback(tmp_path, corpus, monkeypatch):
    def broken(tasks, gazetteer=None):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(kg.engines, "run_batch", broken)
    result = run("build", corpus, "-o", tmp_path / "out")
    assert_one_line_error(result, 1, "error: unexpected RuntimeError: boom second line "
                                     "(run with --debug for the traceback)")
    result = run("--debug", "build", corpus, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: boom" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("error: unexpected RuntimeError")


def test_warnings_are_shown_one_line_each_on_stderr(tmp_path, corpus, no_model):
    (corpus / "old.txt").write_bytes("Société Générale".encode("cp1252"))
    (corpus / "bad.jsonl").write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    result = run("build", corpus, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {corpus / 'bad.jsonl'}:2: invalid JSON, skipped",
        f"warning: {corpus / 'old.txt'}: not UTF-8, decoded as cp1252 (save it as UTF-8 to silence this)",
    ]
    assert "documents: 3" in result.stdout


# --- nothing lost ----------------------------------------------------------------------------------

@pytest.fixture
def previous_outputs(tmp_path, corpus, no_model):
    """An output folder holding a previous build, and its bytes."""
    out = tmp_path / "out"
    assert run("build", corpus, "-o", out).exit_code == 0
    (out / "keep.txt").write_text("unrelated", encoding="utf-8")
    return out, snapshot(out)


def test_ctrl_c_during_extraction_exits_130_and_leaves_outputs_untouched(corpus, previous_outputs, monkeypatch):
    out, before = previous_outputs

    def interrupted(tasks, gazetteer=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.engines, "run_batch", interrupted)
    result = run("build", corpus, "-o", out, "--no-cache")      # stored results would need no parse
    assert result.exit_code == 130
    assert result.stderr.strip() == "interrupted"
    assert snapshot(out) == before


@pytest.mark.parametrize("failure", [KeyboardInterrupt, RuntimeError])
def test_failure_in_the_middle_of_writing_leaves_the_previous_graph_byte_identical(
        corpus, previous_outputs, monkeypatch, failure):
    out, before = previous_outputs
    (corpus / "b.txt").write_text("Un autre article.", encoding="utf-8")  # a different graph

    def half_written(graph, path):
        with atomic_write(path, "w") as fh:
            fh.write("<!doctype html><p>half a page")
            raise failure("disk pulled")

    monkeypatch.setattr(kg.export, "write_html", half_written)
    result = run("build", corpus, "-o", out)
    assert result.exit_code == (130 if failure is KeyboardInterrupt else 1)
    assert snapshot(out) == before  # graph.graphml, written before the failure, is not replaced either


def test_atomic_write_failure_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "graph.graphml"
    target.write_bytes(b"old graph")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write(b"<graphml>partial")
            fh.flush()
            raise RuntimeError("writer failed")
    assert target.read_bytes() == b"old graph"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]
    with atomic_write(target) as fh:
        fh.write(b"new graph")
    assert target.read_bytes() == b"new graph" and [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_atomic_batch_replaces_files_together_at_its_end(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    with atomic_batch():
        with atomic_write(a) as fh:
            fh.write(b"A")
        assert not a.exists()
        with atomic_write(b) as fh:
            fh.write(b"B")
    assert (a.read_bytes(), b.read_bytes()) == (b"A", b"B")
    with pytest.raises(ValueError):
        with atomic_batch():
            with atomic_write(a) as fh:
                fh.write(b"A2")
            raise ValueError
    assert a.read_bytes() == b"A" and sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_check_output_dir_creates_nothing(tmp_path):
    assert check_output_dir(tmp_path / "new" / "deeper") == tmp_path / "new" / "deeper"
    assert list(tmp_path.iterdir()) == []

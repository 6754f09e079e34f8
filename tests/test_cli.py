"""The command line through click's runner."""
from __future__ import annotations

from click.testing import CliRunner

from conftest import SEEDS
from kg.cli import cli


def test_build_writes_both_outputs_and_a_summary(tmp_path, seed_graph):
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.graphml").stat().st_size > 0
    assert (tmp_path / "graph.html").stat().st_size > 0
    assert "documents: 1" in result.output
    assert "funds" in result.output and "partners-with" in result.output
    assert f"wrote {tmp_path / 'graph.graphml'}" in result.output


def test_missing_input_is_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "input path does not exist" in result.output
    assert "Traceback" not in result.output


def test_every_command_has_help():
    for args in (["--help"], ["build", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Usage" in result.output


def test_min_confidence_zero_keeps_a_single_rumour(tmp_path, nlp_fr, monkeypatch):
    # the rules alone: the shipped scorer drops most rumours before the graph's threshold
    monkeypatch.setenv("KG_RELATIONS", "rules")
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le fonds Kalo Capital pourrait investir 10 millions d'euros dans la start-up Lumio.", encoding="utf-8")
    for threshold, edges in (("0.5", 0), ("0", 1)):
        out = tmp_path / f"out{threshold}"
        result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--min-confidence", threshold,
                                          "--no-cache"])
        assert result.exit_code == 0, result.output
        assert f"funds {edges}," in result.output

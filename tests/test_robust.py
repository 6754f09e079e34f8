"""Done when: `kg build` on a folder of awkward inputs warns about each bad file, keeps the good
ones, writes a schema-valid graph holding the seed article's entities, and writes the same bytes
twice. Uses the real French pipeline: one build folder, two runs, shared by every test here.
"""
from __future__ import annotations

import codecs
import json
import re
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner

from conftest import SEEDS, SHARED
from kg.cli import cli

pytestmark = pytest.mark.model

XSD = SHARED / "graphml-xsd" / "graphml.xsd"
HOSTILE = ("Airbus a signé avec Thales un partenariat <b>stratégique</b>\x07\x1b <script>alert(1)</script> à Toulouse.\n"
           "Le contrat\x00 porte sur des satellites\x0b et des radars\u200b\ufeff pour l'armée de l'air. " * 2)


def awkward_corpus(folder):
    shutil.copy(SEEDS / "000_e16c67721da40004.txt", folder / "good.txt")
    (folder / "bom.txt").write_bytes(codecs.BOM_UTF8 + "Renault a signé un accord avec Nissan.".encode())
    (folder / "utf16.txt").write_bytes("La Société Générale finance Ynsect à Évry.".encode("utf-16"))
    (folder / "cp1252.txt").write_bytes("L’État soutient Naval Group à Cherbourg.".encode("cp1252"))
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("\n \t \n", encoding="utf-8")
    (folder / "notes.md").write_text("# Veille\n\n*Orange* investit dans **Dataiku**.\n", encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>Dépêche</title><script>var Google = 1;</script></head>"
        "<body><p>Capgemini rachète Altran.</p><p>Fin.</p></body></html>", encoding="utf-8")
    (folder / "record.json").write_text(json.dumps(
        [{"id": "r1", "title": "TotalEnergies", "content": "TotalEnergies s'allie à Engie."}]), encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": "Danone coopère avec Carrefour."}) + "\n{broken\n", encoding="utf-8")
    (folder / "table.csv").write_text('id,text\nc1,"Michelin investit dans Symbio."\n', encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")


@pytest.fixture(scope="session")
def robust_build(tmp_path_factory):
    """The awkward corpus built twice into the same folder: (folder, out, first result, bytes per run)."""
    folder = tmp_path_factory.mktemp("awkward")
    awkward_corpus(folder)
    out = tmp_path_factory.mktemp("out")
    runs, results = [], []
    for _ in range(2):
        result = CliRunner().invoke(cli, ["build", str(folder), "-o", str(out)], prog_name="kg")
        results.append(result)
        runs.append({name: (out / name).read_bytes() for name in ("graph.graphml", "graph.html")}
                    if result.exit_code == 0 else {})
    return folder, out, results, runs


def test_build_succeeds_and_warns_about_each_bad_file(robust_build):
    folder, _, (result, _), _ = robust_build
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    warned = sorted(line for line in result.stderr.splitlines() if line.startswith("warning: "))
    assert warned == sorted([
        f"warning: {folder / 'binary.txt'}: binary file (NUL bytes), skipped",
        f"warning: {folder / 'blank.txt'}: only whitespace, skipped",
        f"warning: {folder / 'cp1252.txt'}: not UTF-8, decoded as cp1252 (save it as UTF-8 to silence this)",
        f"warning: {folder / 'empty.txt'}: empty file, skipped",
        f"warning: {folder / 'feed.jsonl'}:2: invalid JSON, skipped",
    ])
    # good, bom, utf16, cp1252, notes.md, page.html, record.json#r1, feed.jsonl#1, table.csv#c1, hostile
    assert "documents: 10" in result.stdout


def test_graph_is_schema_valid_and_holds_the_good_articles_entities(robust_build):
    _, out, _, runs = robust_build
    lxml = pytest.importorskip("lxml.etree")
    tree = lxml.fromstring(runs[0]["graph.graphml"])
    if XSD.exists():
        lxml.XMLSchema(lxml.parse(str(XSD))).assertValid(tree)
    graph = nx.read_graphml(out / "graph.graphml")
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert {"Mistral AI", "Arthur Mensch"} <= labels
    sources = {s for _, _, d in graph.edges(data=True) for s in d["sources"].split("|")}
    assert "good.txt" in sources and sources <= {"good.txt", "bom.txt", "utf16.txt", "cp1252.txt", "notes.md",
                                                 "page.html", "record.json#r1", "feed.jsonl#1",
                                                 "table.csv#c1", "hostile.txt"}


def test_hostile_text_leaves_no_control_character_or_live_markup(robust_build):
    _, _, _, runs = robust_build
    graphml = runs[0]["graph.graphml"].decode("utf-8")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", graphml)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in graphml  # the markup is kept, as text, in the evidence
    assert "<script>alert(1)</script>" not in runs[0]["graph.html"].decode("utf-8")


def test_second_run_writes_byte_identical_outputs(robust_build):
    _, out, results, runs = robust_build
    assert results[1].exit_code == 0, results[1].output
    assert runs[0] == runs[1]
    assert sorted(p.name for p in out.iterdir()) == ["graph.gexf", "graph.graphml", "graph.html"]  # no stray temp files

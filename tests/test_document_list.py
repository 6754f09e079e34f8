"""The document list of a corpus is read once as plain rows and written by difference: the list,
the name counts and the build's state are those of a list written whole (no spaCy model: the
results are stored by hand under the keys the build computes)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.corpus import iter_file_paths, iter_files
from kg.records import DocResult, Mention
from kg.store import DocumentRow, Store
from kg.update import update_corpus
from stored import write_stored


def _counts(store: Store, corpus: str) -> list:
    return [store.db.execute(f"SELECT name, {cols} FROM {table} WHERE corpus=? ORDER BY 1, 2, 3", (corpus,)).fetchall()
            for table, cols in (("corpus_form", "text, type, mentions"), ("corpus_name", "doc, parts"))]


def _listed(store: Store, corpus: str) -> list:
    """The document list of ``corpus`` but the time each file was read."""
    return sorted((k, row.content_hash, row.result, row.meta, row.path, row.size, row.mtime_ns)
                  for k, row in store.documents(corpus).items())


def _records(*texts: str) -> str:
    return "".join(json.dumps({"text": t}) + "\n" for t in texts)


def test_the_list_written_by_difference_equals_a_list_written_whole(tmp_path, monkeypatch):
    one, two = tmp_path / "one", tmp_path / "two"
    with Store(tmp_path / "store") as store:
        write_stored(store, one, {"a.txt": "Chez Alpha rien.", "b.txt": "Chez Beta rien.", "c.txt": "Chez Gamma rien.",
                            "d.txt": "Chez Delta rien.", "r.jsonl": _records("Chez Rho un.", "Chez Rho deux.")})
        write_stored(store, two, {"a.txt": "Chez Omega rien."})        # the same id as one/a.txt: its part 1
        first = update_corpus([one, two], store, "c")
        assert (first.new, first.unchanged, first.parsed) == (6, 0, 0)
        assert [r.part for (i, _), r in sorted(store.documents("c").items()) if i == "a.txt"] == [0, 1]

        (one / "a.txt").unlink()                                  # two/a.txt becomes part 0
        (one / "c.txt").unlink()
        write_stored(store, one, {"b.txt": "Chez Beta et Zeta.", "e.txt": "Chez Epsilon rien.",
                            "r.jsonl": _records("Chez Rho un.", "Chez Rho deux.", "Chez Rho trois.")}, age=30)

        def whole(*args):
            raise AssertionError("the list was written whole")

        monkeypatch.setattr(Store, "_replace_documents", whole)
        second = update_corpus([one, two], store, "c")
        monkeypatch.undo()
        fresh = update_corpus([one, two], store, "fresh")

        # a.txt: one text instead of two; b.txt: another text; c.txt gone; r.jsonl#3 and e.txt new
        assert (second.new, second.changed, second.unchanged, second.removed, second.parsed) == (2, 2, 3, 1, 0)
        assert second.state == fresh.state and second.articles == fresh.articles == 7
        assert _listed(store, "c") == _listed(store, "fresh")
        assert _counts(store, "c") == _counts(store, "fresh")
        assert ("Zeta", "b.txt", 1) in _counts(store, "c")[1]
        assert not any(row[1] == "c.txt" for row in _counts(store, "c")[1])

        again = update_corpus([one, two], store, "c")
        assert (again.unchanged, again.new, again.changed, again.removed, again.state) == (7, 0, 0, 0, second.state)


def test_a_list_another_build_wrote_meanwhile_is_replaced_whole(tmp_path):
    with Store(tmp_path) as store:
        results = [DocResult(f"d{i}", "fr", (Mention(f"N{i}", "ORG", f"N{i}", 0, 2),)) for i in range(4)]
        rows = [DocumentRow(f"d{i}", 0, f"h{i}", "fr", (("title", f"T{i}"),), store.put(f"k{i}", f"h{i}", res))
                for i, res in enumerate(results)]
        store.replace_documents("c", rows[:2])
        check, kept = store.kept_documents("c")
        assert sorted(kept) == [None] and [r.id for r in kept[None]] == ["d0", "d1"]
        assert kept[None][0].meta == '[["title", "T0"]]' and kept[None][0].key == "k0"

        store.update_documents("c", check, [rows[2]], [("d0", 0)], rows=lambda: pytest.fail("not needed"))
        assert sorted(store.documents("c")) == [("d1", 0), ("d2", 0)]

        check, _ = store.kept_documents("c")
        store.replace_documents("c", rows[:1])                    # another build, meanwhile
        store.update_documents("c", check, [rows[3]], [], rows=lambda: [rows[1], rows[3]])
        store.replace_documents("fresh", [rows[1], rows[3]])
        assert store.documents("c") == {("d1", 0): rows[1], ("d3", 0): rows[3]}
        assert _counts(store, "c") == _counts(store, "fresh") and _counts(store, "c")[1][0][0] == "N1"


def test_file_paths_are_the_files_of_iter_files(tmp_path, monkeypatch):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    for name in ("in/b.txt", "in/a.md", "in/sub/c.txt", "in/.hidden.txt", "in/x.bin", "solo.txt"):
        (tmp_path / name).write_text("Chez Alpha.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    paths = ["in", tmp_path / "solo.txt"]
    listed = list(iter_file_paths(paths))
    assert [(Path(*where), doc_id) for _, doc_id, where in listed] == list(iter_files(paths))
    assert [p for p, _, _ in listed] == [os.path.abspath(f) for f, _ in iter_files(paths)]
    assert [doc_id for _, doc_id, _ in listed] == ["a.md", "b.txt", "sub/c.txt", "solo.txt"]

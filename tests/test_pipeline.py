"""The document stream: order, batching and engines, with a stand-in for the spaCy pipeline."""
from __future__ import annotations

import pytest

import kg.engines
from kg.engines import Task, _split, open_engine
from kg.errors import KGError
from kg.pipeline import process_documents
from kg.records import Document, DocResult, Mention

FR = "Le groupe Alpha a signé un partenariat avec Beta. "
EN = "The company Alpha signed a partnership with Beta and the investors were pleased. "


def fake_result(task: Task) -> DocResult:
    """What a parse would give, computed from the task alone (no model)."""
    word = task.text.split()[1]
    return DocResult(task.doc_id, task.lang, (Mention(word, "ORG", word, 3, 3 + len(word)),), (), task.meta)


@pytest.fixture
def parsed(monkeypatch):
    """Replace the parse of a batch by :func:`fake_result`; returns the batches seen."""
    batches: list[list[str]] = []

    def run_batch(tasks, gazetteer=None):
        batches.append([t.doc_id for t in tasks])
        return [fake_result(t) for t in tasks]

    monkeypatch.setattr(kg.engines, "run_batch", run_batch)
    return batches


def corpus(n: int) -> list[Document]:
    return [Document(f"d{i:02d}.txt", (FR if i % 3 else EN) + f"Numéro {i}.") for i in range(n)]


@pytest.mark.parametrize("batch_size", [1, 2, 7, 32])
def test_results_come_in_input_order_with_each_documents_language(parsed, batch_size):
    docs = corpus(10)
    results = list(process_documents(docs, batch_size=batch_size))
    assert [r.doc_id for r in results] == [d.id for d in docs]
    assert [r.lang for r in results] == ["en" if i % 3 == 0 else "fr" for i in range(10)]
    assert all(len(b) <= batch_size for b in parsed)
    assert sum(map(len, parsed)) == 10


def test_documents_are_read_lazily_one_batch_at_a_time(parsed):
    read = []

    def stream():
        for doc in corpus(9):
            read.append(doc.id)
            yield doc

    it = process_documents(stream(), batch_size=3)
    next(it)
    assert len(read) == 3                    # the first batch only, not the whole corpus
    assert len(list(it)) == 8


def test_forced_language_and_text_clean_up_reach_the_parser(parsed, monkeypatch):
    seen = []
    monkeypatch.setattr(kg.engines, "run_batch", lambda tasks, gazetteer=None: seen.extend(tasks) or
                        [fake_result(t) for t in tasks])
    list(process_documents([Document("a", "annoncé par Trump.Depuis, la L2.Le groupe")], lang="en"))
    assert seen[0].lang == "en"
    assert seen[0].text == "annoncé par Trump.\nDepuis, la L2.\nLe groupe"


def test_bad_settings_are_kg_errors():
    with pytest.raises(KGError, match="jobs"):
        list(process_documents(corpus(1), jobs=0))
    with pytest.raises(KGError, match="unknown engine"):
        open_engine("spark")
    with pytest.raises(KGError, match="--engine dask"):
        open_engine("local", scheduler="tcp://127.0.0.1:8786")


@pytest.mark.parametrize("n, parts, sizes", [(10, 2, [5, 5]), (7, 2, [4, 3]), (1, 4, [1]), (5, 3, [2, 2, 1])])
def test_a_small_corpus_is_split_evenly_over_the_workers(n, parts, sizes):
    tasks = [Task(str(i), "fr", "x") for i in range(n)]
    batches = _split(tasks, parts)
    assert [len(b) for b in batches] == sizes
    assert [t for b in batches for t in b] == tasks

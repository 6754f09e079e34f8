"""Documents in, per-document results out: language routing and batched ``nlp.pipe``.

Documents are parsed in batches and each spaCy ``Doc`` is reduced to a plain
:class:`~kg.records.DocResult` before the next batch, so memory stays flat on large corpora.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .extract import extract_doc
from .lang import detect_language
from .nlp import load_pipeline
from .records import Document, DocResult
from .text import normalize_text

__all__ = ["process_documents"]


def process_documents(documents: Iterable[Document], *, lang: str | None = None,
                      gazetteer: str | None = None, batch_size: int = 32) -> Iterator[DocResult]:
    """Yield one :class:`DocResult` per document, in input order.

    ``lang`` forces a language ("fr" or "en"); by default each document's language is detected.
    """
    batch: list[tuple[Document, str, str]] = []
    for doc in documents:
        text = normalize_text(doc.text)
        doc_lang = lang or doc.lang or detect_language(text)
        batch.append((doc, doc_lang, text))
        if len(batch) >= batch_size:
            yield from _run_batch(batch, gazetteer)
            batch = []
    if batch:
        yield from _run_batch(batch, gazetteer)


def _run_batch(batch, gazetteer) -> Iterator[DocResult]:
    by_lang: dict[str, list[int]] = {}
    for i, (_, doc_lang, _) in enumerate(batch):
        by_lang.setdefault(doc_lang, []).append(i)
    out: dict[int, DocResult] = {}
    for doc_lang, idx in sorted(by_lang.items()):
        nlp = load_pipeline(doc_lang, gazetteer=gazetteer)
        texts = (batch[i][2] for i in idx)
        for i, sdoc in zip(idx, nlp.pipe(texts)):
            doc = batch[i][0]
            out[i] = extract_doc(sdoc, doc.id, doc_lang, meta=doc.meta)
    for i in range(len(batch)):
        yield out[i]

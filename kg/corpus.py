"""Reading a corpus: paths in, :class:`~kg.records.Document` records out.

A document's id is its path relative to the folder it was found in (the file name for a file
given directly), so that ids are stable wherever the corpus lives.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError, InputWarning
from .records import Document

__all__ = ["SUFFIXES", "iter_files", "read_documents", "documents_from_texts"]

#: File suffixes read as documents.
SUFFIXES = (".txt",)


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield ``(file, document id)`` for every readable file under ``paths``, in sorted order."""
    for p in map(Path, paths):
        if not p.exists():
            raise InputError(f"input path does not exist: {p}")
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not any(
                        part.startswith(".") for part in f.relative_to(p).parts):
                    yield f, f.relative_to(p).as_posix()
        else:
            yield p, p.name


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Yield one :class:`Document` per file; unreadable or empty files are skipped with a warning."""
    for f, doc_id in iter_files(paths):
        try:
            text = f.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = f.read_bytes().decode("cp1252", errors="replace")
            warnings.warn(f"{f}: not UTF-8, decoded as cp1252", InputWarning, stacklevel=2)
        if not text.strip():
            warnings.warn(f"{f}: empty, skipped", InputWarning, stacklevel=2)
            continue
        yield Document(doc_id, text)


def documents_from_texts(texts: Iterable[str] | dict[str, str]) -> list[Document]:
    """Documents from in-memory texts: a dict ``{id: text}`` or a list (ids ``doc-0001``…)."""
    items = texts.items() if isinstance(texts, dict) else ((f"doc-{i:04d}", t) for i, t in enumerate(texts, 1))
    return [Document(str(i), t) for i, t in items if t and t.strip()]

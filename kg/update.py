"""Bringing a corpus up to date in the store: only new or changed articles are parsed.

Each file under the paths is matched with the documents the corpus's last finished build listed
for it. A file whose size and modification time are unchanged is trusted without being read
(unless it was modified less than :data:`RACY_NS` before that build read it, when a later write
could hide behind the same time stamp); the others are read, normalised and hashed, and only a
text whose key (:meth:`kg.store.Store.key`) has no result yet is parsed, by any engine. The
corpus's new document list replaces the old one in one transaction at the end, so a build
killed midway leaves the previous list; the results it stored are reused by the next build.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .corpus import iter_file_paths, read_file
from .engines import Task, open_engine
from .lang import detect_language
from .pipeline import BATCH_SIZE
from .store import (DocumentRow, KeptRow, Store, content_hash, meta_text, meta_tuple, package_fingerprint,
                    reader_fingerprint)
from .text import normalize_text

__all__ = ["Changes", "update_corpus", "outputs_up_to_date", "record_outputs", "output_reuse", "RACY_NS"]

#: A file modified this close to the moment it was read is read again next time.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Changes:
    """How a build found the corpus, counted in articles (document ids): ``new``, ``changed``
    (other text), ``unchanged``, ``removed`` since its last build; ``parsed``: texts parsed;
    ``state``: a hash of the documents, their results, the settings and kg itself, equal for two
    builds that make the same graph."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    parsed: int = 0
    state: str = ""

    @property
    def articles(self) -> int:
        return self.new + self.changed + self.unchanged


def update_corpus(paths: Iterable[str | Path], store: Store, corpus: str, *, lang: str | None = None,
                  gazetteer: str | None = None, batch_size: int | None = None, jobs: int = 1,
                  engine: str = "local", scheduler: str | None = None,
                  progress: Callable[[str], None] | None = None) -> Changes:
    """Make the documents under ``paths`` the documents of ``corpus`` in ``store``, parsing the
    texts it has no result for (``lang``, ``gazetteer``, ``jobs``, ``engine``, ``scheduler``: see
    :func:`kg.pipeline.process_documents`). ``progress`` is called with each file's id once its
    documents are in the store."""
    check, kept = store.kept_documents(corpus)
    files = list(iter_file_paths(paths))
    reader = reader_fingerprint()
    # per file, in input order, its rows: a KeptRow for a row kept as it is (same result), else a
    # DocumentRow (its result None until parsed)
    slots: list[list] = []
    waiting: deque = deque()            # (file index, slot index, row, key) of texts being parsed
    left = [0] * len(files)             # texts of each file still being parsed

    def done(i: int) -> None:
        if progress is not None:
            progress(files[i][1])

    def to_parse() -> Iterator[Task]:
        for i, (path, doc_id, where) in enumerate(files):
            try:
                st = os.stat(path)
            except OSError:
                st = None
            reused = _trusted(kept.get(path), st, doc_id, reader, store, lang)
            if reused is not None:
                slots.append(reused)
                done(i)
                continue
            slots.append([])
            seen = time.time_ns()
            for doc in read_file(Path(*where), doc_id):
                text = normalize_text(doc.text)
                doc_lang = doc.lang or detect_language(text)
                content = content_hash(text)
                key = store.key(content, lang or doc_lang)
                row = DocumentRow(doc.id, 0, content, doc_lang, tuple(doc.meta), store.lookup(key), path,
                                  st and st.st_size, st and st.st_mtime_ns, seen, reader)
                slots[i].append(row)
                if row.result is None:
                    waiting.append((i, len(slots[i]) - 1, row, key))
                    left[i] += 1
                    yield Task(doc.id, lang or doc_lang, text, tuple(doc.meta))
            if not left[i]:
                done(i)

    parsed = 0
    runner = open_engine(engine, jobs=jobs, scheduler=scheduler, gazetteer=gazetteer)
    try:
        for result in runner.map(to_parse(), batch_size or BATCH_SIZE):
            i, j, row, key = waiting.popleft()
            slots[i][j] = replace(row, result=store.put(key, row.content_hash, result))
            parsed += 1
            left[i] -= 1
            if not left[i]:
                done(i)
    except BaseException:
        runner.close(abort=True)
        raise
    runner.close()

    new = _NewList(kept, (row for slot in slots for row in slot))
    if new.fresh or new.gone:           # an unchanged corpus writes nothing
        store.update_documents(corpus, check, new.fresh, new.gone, new.rows)
    return replace(new.changes(parsed), state=new.state(store))


class _NewList:
    """The new document list of a corpus, made from its rows in input order (see
    :func:`update_corpus`) as what changed since the ``kept`` list (path -> rows): ``fresh``,
    the rows to write (new, or differing from the kept row of the same id and part), and
    ``gone``, the keys ``(id, part)`` of kept rows no longer listed. ``entries`` holds ``(id,
    part, result, meta text, content hash)`` of every row, ``part`` counting the pieces (or
    repeats) of each document id from 0. Nothing is made per unchanged row but its entry."""

    def __init__(self, kept: dict[str | None, list[KeptRow]], rows: Iterable[KeptRow | DocumentRow]):
        self.kept = kept
        count: dict[str, int] = defaultdict(int)
        self.entries: list[tuple] = []
        self.fresh: list[DocumentRow] = []
        same: set[int] = set()          # id() of the kept rows listed as they are
        for row in rows:
            part = count[row.id]
            count[row.id] += 1
            if type(row) is KeptRow:
                if row.part == part:
                    same.add(id(row))
                    self.entries.append((row.id, part, row.result, row.meta, row.content_hash))
                    continue
                row = _document_row(row, part=part)
            elif row.part != part:
                row = replace(row, part=part)
            self.fresh.append(row)
            self.entries.append((row.id, part, row.result, meta_text(row.meta), row.content_hash))
        written = {(r.id, r.part) for r in self.fresh}
        self.gone = [(r.id, r.part) for rows_of_path in kept.values() for r in rows_of_path
                     if id(r) not in same and (r.id, r.part) not in written]

    def rows(self) -> list[DocumentRow]:
        """Every row of the list, as :meth:`kg.store.Store.replace_documents` takes them."""
        fresh = {(r.id, r.part): r for r in self.fresh}
        kept = {(r.id, r.part): r for rows in self.kept.values() for r in rows}
        return [fresh.get(e[:2]) or _document_row(kept[e[:2]]) for e in self.entries]

    def state(self, store: Store) -> str:
        """A hash of the documents, their results and metadata, the settings and kg itself."""
        h = hashlib.sha256(f"{package_fingerprint()}\0{store.settings}\0".encode())
        for doc_id, part, result, meta, _ in sorted(self.entries):
            h.update(f"{doc_id}\0{part}\0{result}\0{meta}\n".encode())
        return h.hexdigest()

    def changes(self, parsed: int) -> Changes:
        """How the documents changed since the kept list, counted in document ids (only the ids
        of rows written or gone can have changed)."""
        touched = {r.id for r in self.fresh} | {k[0] for k in self.gone}
        old: dict[str, list] = defaultdict(list)
        for rows in self.kept.values():
            for r in rows:
                if r.id in touched:
                    old[r.id].append((r.part, r.content_hash))
        new: dict[str, list] = defaultdict(list)
        ids = set()
        for doc_id, part, _, _, content in self.entries:
            ids.add(doc_id)
            if doc_id in touched:
                new[doc_id].append((part, content))
        same = sum(1 for i in new if i in old and sorted(old[i]) == sorted(new[i]))
        added = sum(1 for i in new if i not in old)
        return Changes(new=added, changed=len(new) - added - same, unchanged=len(ids) - len(new) + same,
                       removed=sum(1 for i in old if i not in new), parsed=parsed)


def _document_row(row: KeptRow, **changes) -> DocumentRow:
    """A kept row as a :class:`DocumentRow`, with ``changes``."""
    return replace(DocumentRow(row.id, row.part, row.content_hash, row.lang, meta_tuple(row.meta), row.result,
                               row.path, row.size, row.mtime_ns, row.seen_ns, row.reader), **changes)


def outputs_up_to_date(folder: str | Path | None, corpus: str, state: str, files: Iterable[Path]) -> bool:
    """True when ``files`` are as the last build of ``corpus`` in the store in ``folder`` wrote
    them, from the same ``state`` (see :class:`Changes`; the caller adds its own options)."""
    with Store(folder) as store:
        recorded = store.outputs(corpus)
    return recorded is not None and recorded[0] == state and recorded[1] == _stamps(files)


def record_outputs(folder: str | Path | None, corpus: str, state: str, files: Iterable[Path],
                   pieces: dict | None = None, graph: str | None = None) -> None:
    """Remember in the store in ``folder`` that ``files`` were written for ``state``, with the
    index of pieces of those in ``pieces`` (path -> :class:`kg.export.pieces.Reuse`), from the
    graph ``graph`` names (see :meth:`kg.store.Store.graph_tokens`), when known."""
    stamps = _stamps(files)
    indexes = {str(os.path.abspath(p)): r.index for p, r in (pieces or {}).items() if r.index is not None}
    with Store(folder) as store:
        store.record_outputs(corpus, state, stamps, indexes, graph=graph if stamps else None)


def output_reuse(folder: str | Path | None, corpus: str, files: Iterable[Path]) -> tuple[dict, str | None]:
    """path -> :class:`kg.export.pieces.Reuse` for ``files``, holding the index the last build of
    ``corpus`` left for each file that is still as that build wrote it (same size and time), and
    what the last build said those files were written from (:func:`record_outputs`)."""
    from .export.pieces import Reuse

    with Store(folder) as store:
        kept = store.output_pieces(corpus)
        written = store.graph_tokens(corpus)[1]
    out = {}
    for f in files:
        previous = None
        row = kept.get(str(os.path.abspath(f)))
        try:
            st = os.stat(f)
        except OSError:
            st = None
        if row is not None and st is not None and (st.st_size, st.st_mtime_ns) == tuple(row[:2]):
            previous = row[2]
        out[f] = Reuse(previous)
    return out, written


def _stamps(files: Iterable[Path]) -> dict:
    out = {}
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            return {}
        out[str(os.path.abspath(f))] = [st.st_size, st.st_mtime_ns]
    return out


def _trusted(old: list[KeptRow] | None, st, doc_id: str, reader: str, store: Store,
             lang: str | None) -> list | None:
    """The rows of an unchanged file (``old``: its kept rows, in part order) with their results
    for this build's settings, or None when the file must be read: a kept row as it is when its
    result is this build's, else a :class:`DocumentRow` with the result of this build's key."""
    if not old or st is None:
        return None
    for row in old:
        if (row.size != st.st_size or row.mtime_ns != st.st_mtime_ns or row.reader != reader
                or row.seen_ns is None or row.seen_ns - row.mtime_ns < RACY_NS
                or not (row.id == doc_id or row.id.startswith(doc_id + "#"))):
            return None
    out: list = []
    for row in old:
        key = store.key(row.content_hash, lang or row.lang)
        if key == row.key:              # the kept result is this build's: no query
            out.append(row)
            continue
        rid = store.lookup(key)
        if rid is None:
            return None
        out.append(_document_row(row, result=rid))
    return out

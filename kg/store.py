"""The store: one SQLite file of per-article extraction results, shared by every build.

A result (the mentions and relations of one text) is stored once under a key that names
everything it depends on: the text's content hash, its language, the spaCy pipeline and spaCy's
own version, kg's extraction code (:func:`code_fingerprint`) and the gazetteer's content. The
document id is not part of the key: a renamed or copied file is a hit. A *corpus* (for the
command line, one output folder) is the list of its documents, each pointing to its result; a
build compares the files it finds with that list to parse only what is new or changed.

Where: ``--cache-dir`` / ``cache_dir``, else ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``,
else ``~/.cache/kg``; the file is ``store.sqlite3`` there (plus SQLite's ``-wal`` and ``-shm``
while it is open). Schema and example queries: ``docs/store.md``.

Safety: WAL journal, every write in a short transaction, and a corpus's document list replaced
in one transaction at the end of its build, so a build killed at any moment leaves the store as
the last finished build left it (plus results the next build reuses), and two builds can share
it. Results that no corpus refers to are removed a day after they were made.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import uuid
from collections import Counter, namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .errors import KGError
from .records import DocResult, Document, Mention, RelationMention

__all__ = ["Store", "DocumentRow", "KeptRow", "default_store_dir", "code_fingerprint", "runtime_id", "FILENAME",
           "SCHEMA_VERSION"]

FILENAME = "store.sqlite3"
#: Bumped when the tables change; a store of another version is refused with a clear error.
SCHEMA_VERSION = "1"
#: Results no corpus refers to (an edited article's old text, a killed build's work, an old
#: extractor's output) are kept this long, so that a build running meanwhile can still use them.
ORPHAN_SECONDS = 24 * 3600

_PACKAGE = Path(__file__).resolve().parent
#: Package files that do not change a document's result: reading, cross-document stages, the
#: graph and its writers, the command line and the orchestration layer. Every other file of the
#: package (extraction rules, lexicons, the pipeline loader, text clean-up…) is hashed, so a new
#: rule module is covered without being listed here.
_NOT_EXTRACTION = frozenset({"__main__.py", "api.py", "cli.py", "corpus.py", "errors.py", "graph.py",
                             "resolve.py", "store.py", "update.py", "engines.py"})
#: What a corpus's document list looks like (see Store.list_unchanged).
_CHECK = "count(*), total(rowid), total(result)"
_DATA_SUFFIXES = frozenset({".py", ".json", ".txt", ".tsv", ".csv", ".yml", ".yaml"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS result (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    lang         TEXT NOT NULL,
    extractor    TEXT NOT NULL,
    created      REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS mention (
    result INTEGER NOT NULL REFERENCES result(id),
    seq    INTEGER NOT NULL,
    name   TEXT NOT NULL,
    type   TEXT NOT NULL,
    text   TEXT NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    PRIMARY KEY (result, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mention_name ON mention (name);
CREATE TABLE IF NOT EXISTS relation (
    result     INTEGER NOT NULL REFERENCES result(id),
    seq        INTEGER NOT NULL,
    source     TEXT NOT NULL,
    relation   TEXT NOT NULL,
    target     TEXT NOT NULL,
    evidence   TEXT NOT NULL,
    confidence REAL NOT NULL,
    amount     TEXT NOT NULL,
    PRIMARY KEY (result, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS document (
    corpus       TEXT NOT NULL,
    id           TEXT NOT NULL,
    part         INTEGER NOT NULL,
    path         TEXT,
    size         INTEGER,
    mtime_ns     INTEGER,
    seen_ns      INTEGER,
    reader       TEXT,
    content_hash TEXT NOT NULL,
    lang         TEXT NOT NULL,
    meta         TEXT NOT NULL,
    result       INTEGER NOT NULL REFERENCES result(id),
    PRIMARY KEY (corpus, id, part)
);
CREATE INDEX IF NOT EXISTS document_result ON document (result);
CREATE TABLE IF NOT EXISTS corpus_form (
    corpus   TEXT NOT NULL,
    name     TEXT NOT NULL,
    text     TEXT NOT NULL,
    type     TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (corpus, name, text, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_name (
    corpus TEXT NOT NULL,
    name   TEXT NOT NULL,
    doc    TEXT NOT NULL,
    parts  INTEGER NOT NULL,
    PRIMARY KEY (corpus, name, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS output (
    corpus TEXT PRIMARY KEY,
    state  TEXT NOT NULL,
    files  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entity (
    corpus    TEXT NOT NULL,
    id        TEXT NOT NULL,
    name      TEXT NOT NULL,
    type      TEXT NOT NULL,
    aliases   TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (corpus, id)
);
CREATE TABLE IF NOT EXISTS entity_name (
    corpus TEXT NOT NULL,
    name   TEXT NOT NULL,
    entity TEXT NOT NULL,
    PRIMARY KEY (corpus, name)
);
CREATE TABLE IF NOT EXISTS output_piece (
    corpus   TEXT NOT NULL,
    path     TEXT NOT NULL,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    pieces   BLOB NOT NULL,
    PRIMARY KEY (corpus, path)
);
CREATE TABLE IF NOT EXISTS corpus_dirty (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    corpus TEXT NOT NULL,
    name   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus_check (
    corpus  TEXT PRIMARY KEY,
    docs    INTEGER NOT NULL,
    rowids  REAL NOT NULL,
    results REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS resolution (
    corpus TEXT PRIMARY KEY,
    code   TEXT NOT NULL,
    upto   INTEGER NOT NULL,
    state  BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS corpus_edge (
    corpus       TEXT NOT NULL,
    source       TEXT NOT NULL,
    target       TEXT NOT NULL,
    relation     TEXT NOT NULL,
    weight       INTEGER NOT NULL,
    confidence   REAL NOT NULL,
    evidence     TEXT NOT NULL,
    evidence_all TEXT NOT NULL,
    sources      TEXT NOT NULL,
    amount       TEXT NOT NULL,
    PRIMARY KEY (corpus, source, target, relation)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edge_state (
    corpus TEXT PRIMARY KEY,
    code   TEXT NOT NULL,
    upto   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS graph_token (
    corpus    TEXT PRIMARY KEY,
    assembled TEXT NOT NULL,
    written   TEXT
);
CREATE INDEX IF NOT EXISTS relation_source ON relation (source);
CREATE INDEX IF NOT EXISTS relation_target ON relation (target);
"""


def default_store_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "kg"


def _extraction_files() -> list[Path]:
    out = []
    for path in _PACKAGE.rglob("*"):
        rel = path.relative_to(_PACKAGE)
        if (path.is_file() and path.suffix in _DATA_SUFFIXES and "__pycache__" not in rel.parts
                and rel.parts[0] != "export" and rel.as_posix() not in _NOT_EXTRACTION):
            out.append(path)
    return sorted(out, key=lambda p: p.relative_to(_PACKAGE).as_posix())


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """A hash of what makes kg's per-document results: its version, spaCy's version and the
    bytes of the extraction source files and lexicons. Computed once per process."""
    h = hashlib.sha256()
    h.update(f"kg-store-{SCHEMA_VERSION}\0kg=={__version__}\0spacy=={_dist_version('spacy')}\0".encode())
    for path in _extraction_files():
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def decision_id() -> str:
    """How relations are decided in this process (``KG_RELATIONS``) and by which scorer
    (``KG_SCORER``): both change the results, so both are part of every key."""
    from .learn.model import mode

    scorer = os.environ.get("KG_SCORER")
    digest = hashlib.sha256(Path(scorer).read_bytes()).hexdigest() if scorer else "shipped"
    return f"relations={mode()}\0scorer={digest}"


@lru_cache(maxsize=None)
def package_fingerprint() -> str:
    """A hash of every file of the package: outputs made by another kg are never reused."""
    h = hashlib.sha256(code_fingerprint().encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=None)
def reader_fingerprint() -> str:
    """:func:`code_fingerprint` plus the file readers: a file whose size and modification time
    are unchanged gives the same documents only while this is unchanged."""
    h = hashlib.sha256(code_fingerprint().encode())
    h.update((_PACKAGE / "corpus.py").read_bytes())
    return h.hexdigest()[:32]


def _dist_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _model_id(lang: str) -> str:
    from .nlp import MODELS, model_version

    name = MODELS.get(lang)
    return model_version(name) if name else f"lang={lang}"


def runtime_id(langs) -> str:
    """:func:`code_fingerprint` plus the pipeline versions of ``langs``: two processes with the
    same id compute the same results (checked on dask workers)."""
    return "|".join([code_fingerprint(), *sorted(_model_id(lang) for lang in set(langs))])


def content_hash(text: str) -> str:
    """The hash of a normalised text that, with the extraction settings, keys its result."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class DocumentRow:
    """One document of a corpus as the store lists it: where it came from and its result.

    ``path``, ``size``, ``mtime_ns`` and ``seen_ns`` (when the build read the file) let the next
    build trust an unchanged file without reading it; ``lang`` is the detected or declared
    language (before any ``--lang``), ``meta`` the document's metadata.
    """

    id: str
    part: int
    content_hash: str
    lang: str
    meta: tuple
    result: int
    path: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    seen_ns: int | None = None
    reader: str | None = None


#: A document of a corpus as :meth:`Store.kept_documents` reads it: the columns of
#: :class:`DocumentRow` (``meta`` as its JSON text) and the key of its result.
KeptRow = namedtuple("KeptRow", "id part path size mtime_ns seen_ns reader content_hash lang meta result key")


class Store:
    """The SQLite store in ``folder`` (default :func:`default_store_dir`), or in memory.

    ``gazetteer`` is the gazetteer file the results are computed with (its content is part of
    every key). ``hits``, ``misses`` and ``written`` count this object's lookups and writes.
    """

    def __init__(self, folder: str | Path | None = None, *, gazetteer: str | Path | None = None,
                 memory: bool = False):
        self.folder = None if memory else Path(folder).expanduser() if folder is not None else default_store_dir()
        self.hits = self.misses = self.written = 0
        gaz = hashlib.sha256(Path(gazetteer).read_bytes()).hexdigest() if gazetteer else "-"
        self._base = f"{code_fingerprint()}\0gazetteer={gaz}\0{decision_id()}\0"
        self._prefix: dict[str, bytes] = {}
        self.db = self._connect()

    @property
    def settings(self) -> str:
        """What, besides a text and its language, every key of this store depends on."""
        return self._base

    @classmethod
    def in_memory(cls) -> "Store":
        """A private store that lives as long as the object (for builds that keep nothing)."""
        return cls(memory=True)

    @property
    def path(self) -> Path | None:
        return None if self.folder is None else self.folder / FILENAME

    def _connect(self) -> sqlite3.Connection:
        if self.folder is None:
            db = sqlite3.connect(":memory:", isolation_level=None)
        else:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                # A long busy timeout: another build may hold the write lock for one transaction.
                db = sqlite3.connect(self.path, timeout=120, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
            except (OSError, sqlite3.OperationalError) as err:
                raise KGError(f"cannot open the store {self.path}: {err} (use --cache-dir DIR for "
                              "another folder, or --no-cache)") from err
            except sqlite3.DatabaseError as err:
                raise KGError(f"cannot use the store {self.path}: {err} (delete it, or use --cache-dir DIR)") from err
            # WAL with NORMAL sync: a crash may lose the last transactions, never corrupt.
            db.execute("PRAGMA synchronous=NORMAL")
        try:
            db.executescript(_SCHEMA)       # runs in its own transaction; every statement is idempotent
            with _transaction(db):
                row = db.execute("SELECT value FROM info WHERE key='schema'").fetchone()
                if row is None:
                    db.execute("INSERT INTO info VALUES ('schema', ?)", (SCHEMA_VERSION,))
                elif row[0] != SCHEMA_VERSION:
                    raise KGError(f"the store {self.path} has schema {row[0]}, this kg reads schema "
                                  f"{SCHEMA_VERSION}: delete it or use --cache-dir DIR")
        except sqlite3.DatabaseError as err:
            db.close()
            raise KGError(f"cannot use the store {self.path}: {err} (delete it, or use --cache-dir DIR)") from err
        return db

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # -- results --------------------------------------------------------------------------

    def key(self, content: str, lang: str) -> str:
        """The result key of a text with content hash ``content`` read as ``lang``."""
        prefix = self._prefix.get(lang)
        if prefix is None:
            prefix = self._prefix[lang] = f"{self._base}lang={lang}\0model={_model_id(lang)}\0".encode()
        return hashlib.sha256(prefix + content.encode()).hexdigest()

    def lookup(self, key: str) -> int | None:
        """The id of the result stored under ``key``, or None (counted as a hit or a miss)."""
        row = self.db.execute("SELECT id FROM result WHERE key=?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return row[0]

    def get(self, key: str, document: Document) -> DocResult | None:
        """The result stored under ``key``, given ``document``'s id and metadata, or None."""
        rid = self.lookup(key)
        return None if rid is None else self.result(rid, document.id, tuple(document.meta))

    def result(self, rid: int, doc_id: str, meta: tuple = ()) -> DocResult:
        """Result ``rid`` as a :class:`DocResult` of document ``doc_id``."""
        (lang,) = self.db.execute("SELECT lang FROM result WHERE id=?", (rid,)).fetchone()
        mentions = tuple(Mention(*row) for row in self.db.execute(
            'SELECT name, type, text, start, "end" FROM mention WHERE result=? ORDER BY seq', (rid,)))
        relations = tuple(RelationMention(*row) for row in self.db.execute(
            "SELECT source, relation, target, evidence, confidence, amount FROM relation WHERE result=? "
            "ORDER BY seq", (rid,)))
        return DocResult(doc_id, lang, mentions, relations, meta)

    def put(self, key: str, content: str, result: DocResult) -> int:
        """Store ``result`` under ``key`` (a no-op if another build stored it first); its id."""
        with _transaction(self.db):
            row = self.db.execute("SELECT id FROM result WHERE key=?", (key,)).fetchone()
            if row is not None:
                return row[0]
            rid = self.db.execute("INSERT INTO result (key, content_hash, lang, extractor, created) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                  (key, content, result.lang, code_fingerprint(), time.time())).lastrowid
            self.db.executemany('INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?, ?)',
                                [(rid, i, *_mention_row(m)) for i, m in enumerate(result.mentions)])
            self.db.executemany("INSERT INTO relation VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [(rid, i, r.source, r.relation, r.target, r.evidence, r.confidence, r.amount)
                                 for i, r in enumerate(result.relations)])
        self.written += 1
        return rid

    # -- corpora --------------------------------------------------------------------------

    def documents(self, corpus: str) -> dict[tuple[str, int], DocumentRow]:
        """The documents of ``corpus`` as its last finished build left them, by (id, part)."""
        rows = self.db.execute("SELECT id, part, content_hash, lang, meta, result, path, size, mtime_ns, "
                               "seen_ns, reader FROM document WHERE corpus=?", (corpus,))
        return {(r[0], r[1]): DocumentRow(r[0], r[1], r[2], r[3], meta_tuple(r[4]), *r[5:]) for r in rows}

    def kept_documents(self, corpus: str) -> tuple[tuple, dict[str | None, list[KeptRow]]]:
        """The documents of ``corpus`` as its last finished build left them, by path (each file's
        rows in part order), read as plain rows, and what the list looks like (give it to
        :meth:`update_documents`)."""
        with self.snapshot():
            check = self.db.execute(f"SELECT {_CHECK} FROM document WHERE corpus=?", (corpus,)).fetchone()
            by_path: dict[str | None, list[KeptRow]] = {}
            for row in map(KeptRow._make, self.db.execute(
                    "SELECT d.id, d.part, d.path, d.size, d.mtime_ns, d.seen_ns, d.reader, d.content_hash, d.lang, "
                    "d.meta, d.result, r.key FROM document d JOIN result r ON r.id = d.result WHERE d.corpus=? "
                    "ORDER BY d.id, d.part", (corpus,))):
                found = by_path.get(row.path)
                if found is None:
                    by_path[row.path] = [row]
                else:
                    found.append(row)
        return tuple(check), by_path

    def update_documents(self, corpus: str, check: tuple, fresh: list[DocumentRow], gone: Iterable[tuple[str, int]],
                         rows) -> None:
        """Write the changes to the document list of ``corpus`` since :meth:`kept_documents` gave
        ``check``: ``fresh`` rows to write (new, or replacing the row of the same id and part),
        ``gone`` keys ``(id, part)`` to delete; only those rows are read and written. If the list
        is no longer the one ``check`` describes (another build wrote it meanwhile), the list
        becomes ``rows()`` (every row, as :meth:`replace_documents` takes them) instead."""
        with _transaction(self.db):
            now = self.db.execute(f"SELECT {_CHECK} FROM document WHERE corpus=?", (corpus,)).fetchone()
            if tuple(now) != tuple(check):
                self._replace_documents(corpus, rows())
                return
            keys = {(r.id, r.part) for r in fresh} | set(gone)
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS doc_keys (id TEXT NOT NULL, part INTEGER NOT NULL)")
            self.db.execute("DELETE FROM temp.doc_keys")
            self.db.executemany("INSERT INTO temp.doc_keys VALUES (?, ?)", keys)
            old = {(r[1], r[2]): r for r in self.db.execute(
                "SELECT d.* FROM temp.doc_keys k CROSS JOIN document d ON d.corpus=? AND d.id=k.id AND d.part=k.part",
                (corpus,))}
            self._write_documents(corpus, old, {(r.id, r.part): _document_row(corpus, r) for r in fresh})

    def replace_documents(self, corpus: str, rows: Iterable[DocumentRow]) -> None:
        """Make ``rows`` the documents of ``corpus``, in one transaction.

        The corpus's name counts (``corpus_form``, ``corpus_name``) are updated by the difference
        with the list as it is in the store at that moment, so the cost follows what changed, and
        two builds that finish one after the other count nothing twice.
        """
        with _transaction(self.db):
            self._replace_documents(corpus, rows)

    def _replace_documents(self, corpus: str, rows: Iterable[DocumentRow]) -> None:
        new = {(r.id, r.part): _document_row(corpus, r) for r in rows}
        old = {(r[1], r[2]): r for r in self.db.execute("SELECT * FROM document WHERE corpus=?", (corpus,))}
        self._write_documents(corpus, old, new)

    def _write_documents(self, corpus: str, old: dict, new: dict) -> None:
        """Make the rows ``old`` (key -> row as stored) of ``corpus`` the rows ``new``: only the
        rows that differ are rewritten, and the name counts follow the difference."""
        delta = Counter((r[1], r[11]) for r in new.values())
        delta.subtract((r[1], r[11]) for r in old.values())
        self._count_names(corpus, [(doc, rid, n) for (doc, rid), n in delta.items() if n])
        # Only the rows that differ are rewritten: a few new articles cost a few rows.
        self.db.executemany("DELETE FROM document WHERE corpus=? AND id=? AND part=?",
                            ((corpus, *k) for k, row in old.items() if new.get(k) != row))
        self.db.executemany("INSERT INTO document VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (row for k, row in new.items() if old.get(k) != row))
        # What this list looks like to kg (see list_unchanged): a kg without corpus_dirty
        # rewriting the list gives every row a new rowid.
        self.db.execute(f"INSERT OR REPLACE INTO corpus_check SELECT ?, {_CHECK} FROM document WHERE corpus=?",
                        (corpus, corpus))

    def _count_names(self, corpus: str, delta: list[tuple[str, int, int]]) -> None:
        """Add ``(document id, result, +n or -n)`` to the name counts of ``corpus``."""
        if not delta:
            return
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS delta (doc TEXT, result INTEGER, sign INTEGER)")
        db.execute("DELETE FROM delta")
        db.executemany("INSERT INTO delta VALUES (?, ?, ?)", delta)
        # "WHERE true" lets SQLite tell the upsert's ON CONFLICT from a join's ON; CROSS JOIN keeps
        # the few changed results as the outer loop (else SQLite scans every mention by name).
        db.execute("INSERT INTO corpus_form SELECT :c, m.name, m.text, m.type, sum(d.sign) FROM delta d "
                   "CROSS JOIN mention m ON m.result = d.result WHERE true GROUP BY m.name, m.text, m.type "
                   "ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions", {"c": corpus})
        db.execute("INSERT INTO corpus_name SELECT :c, m.name, d.doc, sum(d.sign) FROM delta d "
                   "JOIN (SELECT DISTINCT result, name FROM mention WHERE result IN (SELECT result FROM delta)) m "
                   "ON m.result = d.result WHERE true GROUP BY m.name, d.doc "
                   "ON CONFLICT DO UPDATE SET parts = parts + excluded.parts", {"c": corpus})
        touched = "SELECT DISTINCT name FROM mention WHERE result IN (SELECT result FROM delta)"
        db.execute(f"DELETE FROM corpus_form WHERE corpus=? AND name IN ({touched}) AND mentions <= 0", (corpus,))
        db.execute(f"DELETE FROM corpus_name WHERE corpus=? AND name IN ({touched}) AND parts <= 0", (corpus,))
        # What entity resolution must look at again (see kg.resolve.resolve_store), recorded in
        # the same transaction as the counts, so it can never miss a change.
        db.execute(f"INSERT INTO corpus_dirty (corpus, name) SELECT ?, name FROM ({touched})", (corpus,))

    def prune(self, older_than: float = ORPHAN_SECONDS) -> int:
        """Delete results no corpus refers to, made more than ``older_than`` seconds ago."""
        with _transaction(self.db):
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS gone (id INTEGER PRIMARY KEY)")
            self.db.execute("DELETE FROM gone")
            self.db.execute("INSERT INTO gone SELECT id FROM result WHERE created < ? AND NOT EXISTS "
                            "(SELECT 1 FROM document d WHERE d.result = result.id)", (time.time() - older_than,))
            n = self.db.execute("SELECT count(*) FROM gone").fetchone()[0]
            if n:
                for table in ("mention", "relation"):
                    self.db.execute(f"DELETE FROM {table} WHERE result IN (SELECT id FROM gone)")
                self.db.execute("DELETE FROM result WHERE id IN (SELECT id FROM gone)")
        return n

    def outputs(self, corpus: str) -> tuple[str, dict] | None:
        """The state and the files (name -> [size, mtime_ns]) the last build of ``corpus`` wrote."""
        row = self.db.execute("SELECT state, files FROM output WHERE corpus=?", (corpus,)).fetchone()
        return None if row is None else (row[0], json.loads(row[1]))

    def record_outputs(self, corpus: str, state: str, files: dict, pieces: dict | None = None,
                       graph: str | None = None) -> None:
        """Record ``files`` (path -> [size, mtime_ns]) as written for ``state``, and the index of
        pieces of those of ``pieces`` (path -> index, see :mod:`kg.export.pieces`); ``graph``:
        what the files were written from (see :meth:`graph_tokens`), or None."""
        with _transaction(self.db):
            self.db.execute("UPDATE graph_token SET written=? WHERE corpus=?", (graph, corpus))
            self.db.execute("INSERT OR REPLACE INTO output VALUES (?, ?, ?)", (corpus, state, json.dumps(files)))
            self.db.execute("DELETE FROM output_piece WHERE corpus=?", (corpus,))
            self.db.executemany("INSERT INTO output_piece VALUES (?, ?, ?, ?, ?)",
                                ((corpus, path, *files[path], index) for path, index in (pieces or {}).items()
                                 if path in files))

    def output_pieces(self, corpus: str) -> dict[str, tuple[int, int, bytes]]:
        """path -> (size, mtime_ns, index of pieces) of the files the last build of ``corpus`` wrote."""
        return {row[0]: row[1:] for row in self.db.execute(
            "SELECT path, size, mtime_ns, pieces FROM output_piece WHERE corpus=?", (corpus,))}

    # -- what the graph is assembled from ---------------------------------------------------

    def name_counts(self, corpus: str, names: Iterable[str] | None = None) -> Iterator[tuple[str, str, str, int]]:
        """``(name, surface text, type, mentions)`` over the documents of ``corpus`` (of ``names``
        only, when given), in name order."""
        if names is None:
            return self.db.execute("SELECT name, text, type, mentions FROM corpus_form WHERE corpus=?", (corpus,))
        self._names_table([(n, 0) for n in names])
        # CROSS JOIN: the few names drive the search (else SQLite scans the corpus's counts)
        return self.db.execute("SELECT f.name, f.text, f.type, f.mentions FROM temp.names t CROSS JOIN corpus_form f "
                               "ON f.corpus=? AND f.name=t.name ORDER BY f.name, f.text, f.type", (corpus,))

    def name_documents(self, corpus: str) -> Iterator[tuple[str, list[str]]]:
        """``(name, ids of the documents that mention it)`` for every name of ``corpus``."""
        rows = self.db.execute("SELECT name, json_group_array(doc) FROM corpus_name WHERE corpus=? GROUP BY name",
                               (corpus,))
        return ((name, json.loads(docs)) for name, docs in rows)

    def document_counts(self, corpus: str, groups: list[list[str]]) -> list[int]:
        """For each group of names, how many documents of ``corpus`` mention one of them."""
        self._names_table([(n, i) for i, names in enumerate(groups) for n in names])
        counts = [0] * len(groups)
        for grp, n in self.db.execute("SELECT t.grp, count(DISTINCT c.doc) FROM temp.names t CROSS JOIN corpus_name c "
                                      "ON c.corpus=? AND c.name=t.name GROUP BY t.grp", (corpus,)):
            counts[grp] = n
        return counts

    def _names_table(self, rows: list[tuple[str, int]]) -> None:
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS names (name TEXT NOT NULL, grp INTEGER NOT NULL)")
        self.db.execute("DELETE FROM temp.names")
        self.db.executemany("INSERT INTO temp.names VALUES (?, ?)", rows)

    def dirty_names(self, corpus: str, after: int) -> tuple[set[str], int]:
        """The names whose counts in ``corpus`` changed after change number ``after``, and the
        number of the last change."""
        # the last number given (not the largest left: once every change is covered and deleted,
        # that would go back to 0, and a resolution covering "0" would never be kept)
        (upto,) = self.db.execute("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name='corpus_dirty'), 0)"
                                  ).fetchone()
        names = {n for (n,) in self.db.execute("SELECT name FROM corpus_dirty WHERE corpus=? AND seq>? AND seq<=?",
                                                (corpus, after, upto))}
        return names, upto

    def list_unchanged(self, corpus: str) -> bool:
        """True when the document list of ``corpus`` was last written by this kg's
        :meth:`replace_documents` (which records every change in ``corpus_dirty``), not by an
        older kg sharing the store."""
        now = self.db.execute(f"SELECT {_CHECK} FROM document WHERE corpus=?", (corpus,)).fetchone()
        kept = self.db.execute("SELECT docs, rowids, results FROM corpus_check WHERE corpus=?", (corpus,)).fetchone()
        return kept is not None and tuple(kept) == tuple(now)

    def resolution(self, corpus: str) -> tuple[str, int, bytes] | None:
        """``(code, last change covered, state)`` of the resolution kept for ``corpus``, or None."""
        return self.db.execute("SELECT code, upto, state FROM resolution WHERE corpus=?", (corpus,)).fetchone()

    def snapshot(self) -> "_transaction":
        """A read transaction: every query in it sees the store as one moment left it."""
        return _transaction(self.db, "BEGIN")

    def relations(self, corpus: str) -> Iterator[tuple]:
        """``(document id, RelationMention)`` for every relation of ``corpus`` whose two ends are
        names the same document mentions (in any of its parts)."""
        return ((row[0], RelationMention(*row[1:])) for row in self.relation_rows(corpus))

    def relation_rows(self, corpus: str, names: Iterable[str] | None = None) -> Iterator[tuple]:
        """:meth:`relations` as plain rows ``(document id, source, relation, target, evidence,
        confidence, amount)`` (no record made per row: seconds at 100,000 relations); with
        ``names``, only the relations one of whose ends is one of them."""
        linked = ("AND EXISTS (SELECT 1 FROM corpus_name n WHERE n.corpus=:c AND n.name=r.source AND n.doc=d.id) "
                  "AND EXISTS (SELECT 1 FROM corpus_name n WHERE n.corpus=:c AND n.name=r.target AND n.doc=d.id)")
        columns = "d.id, r.source, r.relation, r.target, r.evidence, r.confidence, r.amount"
        if names is None:
            return self.db.execute(f"SELECT {columns} FROM document d JOIN relation r ON r.result = d.result "
                                   f"WHERE d.corpus=:c {linked}", {"c": corpus})
        self._names_table([(n, 0) for n in names])
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS rels (result INTEGER NOT NULL, seq INTEGER NOT NULL)")
        db.execute("DELETE FROM temp.rels")
        # each relation once (UNION), found through the indexes on its ends
        db.execute("INSERT INTO temp.rels SELECT r.result, r.seq FROM temp.names t CROSS JOIN relation r "
                   "ON r.source = t.name UNION SELECT r.result, r.seq FROM temp.names t CROSS JOIN relation r "
                   "ON r.target = t.name")
        return db.execute(f"SELECT {columns} FROM temp.rels x CROSS JOIN relation r ON r.result = x.result "
                          f"AND r.seq = x.seq CROSS JOIN document d ON d.result = r.result "
                          f"WHERE d.corpus=:c {linked}", {"c": corpus})

    def entity_map(self, corpus: str) -> dict[str, str]:
        """name -> entity id, as the last assembly of ``corpus`` recorded it."""
        return dict(self.db.execute("SELECT name, entity FROM entity_name WHERE corpus=?", (corpus,)))

    def edge_state(self, corpus: str) -> tuple[str, int] | None:
        """``(code, last change covered)`` of the edges kept for ``corpus``, or None."""
        row = self.db.execute("SELECT code, upto FROM edge_state WHERE corpus=?", (corpus,)).fetchone()
        return None if row is None else tuple(row)

    def edge_rows(self, corpus: str) -> Iterator[tuple]:
        """The edges kept for ``corpus``: ``(source, target, relation, weight, confidence,
        evidence, evidence_all, sources, amount)``, every confidence included."""
        return self.db.execute("SELECT source, target, relation, weight, confidence, evidence, evidence_all, "
                               "sources, amount FROM corpus_edge WHERE corpus=?", (corpus,))

    def graph_tokens(self, corpus: str) -> tuple[str | None, str | None]:
        """``(assembled, written)``: the token of the graph the last assembly of ``corpus`` made
        (its ``entity`` and kept ``corpus_edge`` rows), and what the last recorded outputs were
        written from (as :meth:`record_outputs` was told), None when unknown."""
        row = self.db.execute("SELECT assembled, written FROM graph_token WHERE corpus=?", (corpus,)).fetchone()
        return (None, None) if row is None else tuple(row)

    def replace_entities(self, corpus: str, entities: Iterable[tuple], names: Iterable[tuple[str, str]],
                         resolution: tuple[str, int, bytes] | None = None, edges: tuple | None = None
                         ) -> tuple[str | None, str, set[str]]:
        """Record the resolved entities of ``corpus`` (rows ``(id, name, type, aliases, mentions,
        documents)``) and which entity each name went to; with ``resolution`` (code, last change
        covered, state), keep that state for the next build unless a newer one is kept already.
        Only rows that differ are rewritten.

        ``edges`` ``(code, upto, base, gone, rows)``: the edges made with these entities, kept
        only while they go with the kept resolution (same code and ``upto``): all of them when
        ``base`` is None, else the changes since the kept edges of state ``base`` (``(code,
        upto)``), ``gone`` the keys ``(source, target, relation)`` to delete, ``rows`` (as
        :meth:`edge_rows` gives them) to write. Else the kept edges are dropped.

        Returns ``(base, token, changed)``: the token of the graph the rows replaced described
        (:meth:`graph_tokens`), a new token for these, and the ids of the entities whose rows
        differ (new, changed or gone)."""
        entities = {e[0]: (corpus, e[0], e[1], e[2], "|".join(e[3]), e[4], e[5]) for e in entities}
        names = dict(names)
        with _transaction(self.db):
            db = self.db
            old = {r[1]: r for r in db.execute("SELECT * FROM entity WHERE corpus=?", (corpus,))}
            changed = {k for k, row in old.items() if entities.get(k) != row}
            changed.update(k for k, row in entities.items() if old.get(k) != row)
            db.executemany("DELETE FROM entity WHERE corpus=? AND id=?", ((corpus, k) for k in changed if k in old))
            db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (entities[k] for k in changed if k in entities))
            old = dict(db.execute("SELECT name, entity FROM entity_name WHERE corpus=?", (corpus,)))
            db.executemany("DELETE FROM entity_name WHERE corpus=? AND name=?",
                           ((corpus, n) for n, e in old.items() if names.get(n) != e))
            db.executemany("INSERT INTO entity_name VALUES (?, ?, ?)",
                           ((corpus, n, e) for n, e in names.items() if old.get(n) != e))
            if resolution is not None:
                code, upto, state = resolution
                kept = db.execute("SELECT upto FROM resolution WHERE corpus=?", (corpus,)).fetchone()
                if kept is None or kept[0] <= upto:
                    db.execute("INSERT OR REPLACE INTO resolution VALUES (?, ?, ?, ?)", (corpus, code, upto, state))
                    db.execute("DELETE FROM corpus_dirty WHERE corpus=? AND seq<=?", (corpus, upto))
            if edges is not None:
                self._replace_edges(corpus, *edges)
            base = self.graph_tokens(corpus)[0]
            token = uuid.uuid4().hex
            # "written" stays: the outputs are still those written from the graph it names
            db.execute("INSERT INTO graph_token VALUES (?, ?, NULL) ON CONFLICT (corpus) DO UPDATE "
                       "SET assembled=excluded.assembled", (corpus, token))
        return base, token, changed

    def _replace_edges(self, corpus: str, code: str, upto: int, base, gone, rows) -> None:
        db = self.db
        kept = db.execute("SELECT code, upto FROM resolution WHERE corpus=?", (corpus,)).fetchone()
        now = self.edge_state(corpus)
        if kept is None or tuple(kept) != (code, upto) or (base is not None and now != tuple(base)):
            # another build's entities are newer, or its edges are not the ones these changes
            # start from: the next build makes the edges from scratch
            db.execute("DELETE FROM edge_state WHERE corpus=?", (corpus,))
            return
        if base is None:
            db.execute("DELETE FROM corpus_edge WHERE corpus=?", (corpus,))
        else:
            db.executemany("DELETE FROM corpus_edge WHERE corpus=? AND source=? AND target=? AND relation=?",
                           ((corpus, *k) for k in gone))
        db.executemany("INSERT INTO corpus_edge VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((corpus, *row) for row in rows))
        if now != (code, upto):
            db.execute("INSERT OR REPLACE INTO edge_state VALUES (?, ?, ?)", (corpus, code, upto))


def _document_row(corpus: str, r: DocumentRow) -> tuple:
    """``r`` as a row of the ``document`` table."""
    return (corpus, r.id, r.part, r.path, r.size, r.mtime_ns, r.seen_ns, r.reader, r.content_hash, r.lang,
            meta_text(r.meta), r.result)


def meta_text(meta: tuple) -> str:
    """A document's metadata as the store holds it (JSON)."""
    return json.dumps(meta, ensure_ascii=False)


def _mention_row(m: Mention) -> tuple:
    return (m.name, m.type, m.text, m.start, m.end)


def meta_tuple(text: str) -> tuple:
    """A document's metadata from its JSON text in the store (see :func:`meta_text`)."""
    return () if text == "[]" else tuple(tuple(kv) for kv in json.loads(text))


class _transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any exception, Ctrl-C included).

    IMMEDIATE takes the write lock up front, so two builds queue instead of failing midway.
    ``begin="BEGIN"`` makes a read transaction (WAL readers see one snapshot and block no one).
    """

    def __init__(self, db: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE"):
        self.db, self.begin = db, begin

    def __enter__(self):
        self.db.execute(self.begin)
        return self.db

    def __exit__(self, exc_type, exc, tb):
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
        return False

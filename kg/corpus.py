"""Reading a corpus: paths in, :class:`~kg.records.Document` records out.

A document's id is its path relative to the folder it was found in (the file name for a file
given directly), so that ids are stable wherever the corpus lives. A file holding several
records (``.json``, ``.jsonl``, ``.csv``) gives one document per record, with the id
``<path>#<record id>``, or ``<path>#<n>`` for a record without an id (``n``: the line of a
``.jsonl`` or ``.csv`` record, the 1-based position in a ``.json`` list). A ``.json`` file
holding a single object is one document with the file's own id.

Formats: ``.txt`` and ``.md`` (plain text), ``.html``/``.htm`` (the visible text, one line per
paragraph; the ``<title>`` as metadata), ``.json``, ``.jsonl`` and ``.csv`` (a text field named
``text``, ``content``, ``body`` or ``article``; ``id``, ``title``, ``date`` and ``url`` kept as
metadata). Folders are read recursively in sorted order; hidden files and folders and unknown
suffixes are passed over. A file named explicitly with an unknown suffix is read if it is text.

Encodings: UTF-8 with or without a byte-order mark, UTF-16 and UTF-32 with one. Other text is
decoded as cp1252 (then latin-1) with a warning. Binary files (NUL bytes, bar a stray few in
UTF-8 text, whose control characters :func:`kg.text.normalize_text` removes), empty and blank
files, and malformed records, are skipped with an :class:`~kg.errors.InputWarning` naming the
file (and line).

A text longer than ``max_chars`` (default :data:`MAX_CHARS`) is cut at paragraph or sentence
boundaries by :func:`split_long_text` into pieces that spaCy accepts. Every piece keeps the
document's id, so a graph's ``sources`` still cite the file; the pieces carry ``("part", "k")``
in their metadata.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError, InputWarning
from .lang import SUPPORTED
from .records import Document

__all__ = ["SUFFIXES", "TEXT_FIELDS", "META_FIELDS", "MAX_CHARS", "iter_files", "iter_file_paths", "read_file", "read_documents",
           "documents_from_texts", "split_long_text", "html_text"]

#: File suffixes read as documents when a folder is walked.
SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv")
#: Field or column names that hold a record's text, in order of preference.
TEXT_FIELDS = ("text", "content", "body", "article")
#: Record fields kept as document metadata.
META_FIELDS = ("id", "title", "date", "url")
#: Longest text handed to spaCy in one piece. spaCy refuses texts over ``nlp.max_length``
#: (1,000,000 characters) and needs about 1 GB of memory per 100,000 characters for the parser
#: and NER; half the limit leaves room for the line breaks :func:`kg.text.normalize_text` inserts.
MAX_CHARS = 500_000

# Byte-order marks, longest first: a UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# A sentence end: . ! ? or … with any closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)\]]*\s+")
_SPACES = re.compile(r"\s+")


def _warn(message: str) -> None:
    warnings.warn(message, InputWarning, stacklevel=3)


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """Yield ``(file, document id)`` for every file to read under ``paths``, in sorted order.

    Every path is checked before anything is yielded: a missing one raises
    :class:`~kg.errors.InputError`.
    """
    for p, found in _listing(paths):
        if found is None:
            yield p, p.name
            continue
        for doc_id, root, name in sorted(found):
            yield Path(root, name), doc_id


def iter_file_paths(paths: Iterable[str | Path]) -> Iterator[tuple[str, str, tuple]]:
    """``(absolute path, document id, where)`` of every file :func:`iter_files` yields, in the
    same order, ``Path(*where)`` being the file :func:`iter_files` gives. The strings are made
    once per folder: a Path and an absolute path per file took more than a second at 100,000
    files."""
    for p, found in _listing(paths):
        if found is None:
            yield os.path.abspath(p), p.name, (p,)
            continue
        absolute: dict[str, str] = {}
        for doc_id, root, name in sorted(found):
            folder = absolute.get(root)
            if folder is None:
                folder = absolute[root] = os.path.abspath(root)
            yield os.path.join(folder, name), doc_id, (root, name)


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files :func:`iter_files` yields, without making their paths (seconds at 100k)."""
    return sum(1 if found is None else len(found) for _, found in _listing(paths))


def _listing(paths: Iterable[str | Path]) -> Iterator[tuple[Path, list | None]]:
    """``(path, None)`` for a file, ``(folder, [(document id, root, name)…])`` for a folder."""
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.exists():
            raise InputError(f"input path does not exist: {p} (give an existing file or folder of articles)")
    for p in paths:
        if not p.is_dir():
            yield p, None
            continue
        found = []
        for root, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            # Ids built from strings once per folder: Path.relative_to per file took seconds at 100k.
            rel = os.path.relpath(root, p)
            prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
            for name in files:
                if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES:
                    found.append((prefix + name, root, name))
        yield p, found


def read_documents(paths: Iterable[str | Path], *, max_chars: int = MAX_CHARS) -> Iterator[Document]:
    """Yield the documents of the files under ``paths`` (see the module notes for formats).

    Files and records that cannot be used are skipped with an :class:`~kg.errors.InputWarning`;
    a text longer than ``max_chars`` is yielded as several pieces sharing its id.
    """
    for f, doc_id in iter_files(paths):
        yield from read_file(f, doc_id, max_chars=max_chars)


def read_file(f: Path, doc_id: str, *, max_chars: int = MAX_CHARS) -> Iterator[Document]:
    """Yield the documents of one file found by :func:`iter_files` under the id it gave."""
    for doc in _read_file(f, doc_id):
        yield from _pieces(doc, max_chars)


def documents_from_texts(texts: Iterable[str] | dict[str, str], *, max_chars: int = MAX_CHARS) -> list[Document]:
    """Documents from in-memory texts: a dict ``{id: text}`` or a list (ids ``doc-0001``…)."""
    items = texts.items() if isinstance(texts, dict) else ((f"doc-{i:04d}", t) for i, t in enumerate(texts, 1))
    return [piece for i, t in items if t and t.strip() for piece in _pieces(Document(str(i), t), max_chars)]


def split_long_text(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars`` characters that join back into ``text``.

    Each cut falls after the last blank line before the limit, else the last line break, else
    the last sentence end, else the last space, else at the limit; never in the first half of
    a piece, so pieces stay large.

    >>> split_long_text("Un. Deux.\\n\\nTrois quatre.", 14)
    ['Un. Deux.\\n\\n', 'Trois quatre.']
    >>> split_long_text("court", 14)
    ['court']
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    pieces, start = [], 0
    while len(text) - start > max_chars:
        cut = _cut(text, start, start + max_chars)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    floor = start + (end - start) // 2
    for sep in ("\n\n", "\n"):
        i = text.rfind(sep, floor, end)
        if i >= 0:
            return i + len(sep)
    last = None
    for last in _SENTENCE_END.finditer(text, floor, end):
        pass
    if last is not None:
        return last.end()
    i = text.rfind(" ", floor, end)
    return i + 1 if i >= 0 else end


def _pieces(doc: Document, max_chars: int) -> Iterator[Document]:
    pieces = split_long_text(doc.text, max_chars)
    if len(pieces) == 1:
        yield doc
        return
    for k, piece in enumerate(pieces, 1):
        if piece.strip():
            yield replace(doc, text=piece, meta=doc.meta + (("part", str(k)),))


# --- files ---------------------------------------------------------------------------------------

def _read_file(f: Path, doc_id: str) -> list[Document]:
    if not f.is_file():
        _warn(f"{f}: not a regular file, skipped")
        return []
    try:
        data = f.read_bytes()
    except OSError as err:
        _warn(f"{f}: cannot be read ({err.strerror or err}), skipped")
        return []
    if not data:
        _warn(f"{f}: empty file, skipped")
        return []
    suffix = f.suffix.lower()
    text = _decode(data, f, legacy=suffix in SUFFIXES)
    if text is None:
        return []
    if not text.strip():
        _warn(f"{f}: only whitespace, skipped")
        return []
    if suffix in (".html", ".htm"):
        body, title = html_text(text)
        if not body.strip():
            _warn(f"{f}: no visible text, skipped")
            return []
        return [Document(doc_id, body, meta=(("title", title),) if title else ())]
    if suffix == ".json":
        return _json_documents(text, f, doc_id)
    if suffix == ".jsonl":
        return _jsonl_documents(text, f, doc_id)
    if suffix == ".csv":
        return _csv_documents(text, f, doc_id)
    return [Document(doc_id, text)]


def _decode(data: bytes, f: Path, *, legacy: bool) -> str | None:
    """Decode a file's bytes, newlines made ``\\n``; ``None`` (with a warning) if it is not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                _warn(f"{f}: starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()}, skipped")
                return None
            break
    else:
        sample = data[:8192]
        if sample.count(0) > max(1, len(sample) // 100):
            _warn(f"{f}: binary file (NUL bytes), skipped")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if 0 in data:
                _warn(f"{f}: binary file (NUL bytes), skipped")
                return None
            if not legacy:
                _warn(f"{f}: unknown file type and not UTF-8 text, skipped")
                return None
            try:
                text, codec = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, codec = data.decode("latin-1"), "latin-1"
            _warn(f"{f}: not UTF-8, decoded as {codec} (save it as UTF-8 to silence this)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- HTML ----------------------------------------------------------------------------------------

class _VisibleText(HTMLParser):
    """Collects the text a browser shows, one paragraph per line, and the ``<title>``."""

    HIDDEN = frozenset({"script", "style", "noscript", "template"})
    BLOCKS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form "
                       "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: list[str] = []
        self._current: list[str] = []
        self._hidden = 0
        self._in_title = False
        self._in_pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self._in_pre += tag == "pre"
            self._break()

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self._in_pre = max(0, self._in_pre - (tag == "pre"))
            self._break()

    def handle_data(self, data):
        if self._hidden:
            return
        if self._in_title:
            self.title.append(data)
        elif self._in_pre:
            lines = data.split("\n")
            for line in lines[:-1]:
                self._current.append(line)
                self._break()
            self._current.append(lines[-1])
        else:
            self._current.append(data)

    def _break(self):
        paragraph = _SPACES.sub(" ", "".join(self._current)).strip()
        if paragraph:
            self.paragraphs.append(paragraph)
        self._current = []

    def close(self):
        super().close()
        self._break()


def html_text(markup: str) -> tuple[str, str]:
    """Return the visible text of an HTML page (one line per paragraph) and its title.

    >>> html_text("<title>Une</title><p>Bonjour <b>le</b>\\n monde</p><script>x()</script><p>Fin</p>")
    ('Bonjour le monde\\nFin', 'Une')
    """
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return "\n".join(parser.paragraphs), _SPACES.sub(" ", "".join(parser.title)).strip()


# --- records: JSON, JSON Lines, CSV ---------------------------------------------------------------

def _record_document(rec, doc_id: str, where: str, position: int | None) -> Document | None:
    """The document of one record, or ``None`` with a warning; ``position`` None: the file's id."""
    if not isinstance(rec, dict):
        _warn(f"{where}: not an object with a text field, skipped")
        return None
    fields = {str(k).strip().lower(): v for k, v in rec.items() if k is not None}
    text = next((fields[k] for k in TEXT_FIELDS if isinstance(fields.get(k), str)), None)
    if text is None:
        _warn(f"{where}: no text field ({', '.join(TEXT_FIELDS)}), skipped")
        return None
    if not text.strip():
        _warn(f"{where}: empty text, skipped")
        return None
    meta = tuple((k, str(fields[k]).strip()) for k in META_FIELDS
                 if isinstance(fields.get(k), (str, int, float)) and str(fields[k]).strip())
    if position is not None:
        record_id = dict(meta).get("id") or str(position)
        doc_id = f"{doc_id}#{record_id}"
    lang = fields.get("lang") or fields.get("language")
    return Document(doc_id, text.replace("\r\n", "\n"), lang if lang in SUPPORTED else None, meta)


def _json_documents(text: str, f: Path, doc_id: str) -> list[Document]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        _warn(f"{f}:{err.lineno}: invalid JSON ({err.msg}), file skipped")
        return []
    if isinstance(data, dict):
        doc = _record_document(data, doc_id, str(f), None)
        return [doc] if doc else []
    if not isinstance(data, list):
        _warn(f"{f}: neither a JSON object nor a list of objects, skipped")
        return []
    docs = (_record_document(rec, doc_id, f"{f}: record {i}", i) for i, rec in enumerate(data, 1))
    return [d for d in docs if d]


def _jsonl_documents(text: str, f: Path, doc_id: str) -> list[Document]:
    docs = []
    # JSON Lines are split on \n alone: U+2028 and friends may stand raw inside JSON strings.
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            _warn(f"{f}:{lineno}: invalid JSON, skipped")
            continue
        doc = _record_document(rec, doc_id, f"{f}:{lineno}", lineno)
        if doc:
            docs.append(doc)
    return docs


def _csv_documents(text: str, f: Path, doc_id: str) -> list[Document]:
    first_line = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        header = [h.strip().lower() for h in next(csv.reader([first_line], delimiter=delimiter))]
        if any(h in TEXT_FIELDS for h in header):
            break
    else:
        _warn(f"{f}: no text column ({', '.join(TEXT_FIELDS)}) in the header line, skipped")
        return []
    docs = []
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))  # an article may exceed the 128 KiB default
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        next(reader)
        start = reader.line_num + 1
        for row in reader:
            if row and any(cell.strip() for cell in row):
                where = f"{f}:{start}"
                if len(row) != len(header):
                    _warn(f"{where}: {len(row)} fields where the header has {len(header)}, skipped")
                else:
                    doc = _record_document(dict(zip(header, row)), doc_id, where, start)
                    if doc:
                        docs.append(doc)
            start = reader.line_num + 1
    except csv.Error as err:
        _warn(f"{f}:{reader.line_num}: malformed CSV ({err}), rest of the file skipped")
    finally:
        csv.field_size_limit(old_limit)
    return docs

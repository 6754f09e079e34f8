"""Per-document result cache: rebuilding an unchanged corpus re-reads it but parses nothing.

Each document's :class:`~kg.records.DocResult` is stored as JSON under a key that names
everything its extraction depends on: the normalised text, the language, the spaCy pipeline
package (``name==version``) and spaCy's own version, ``kg.__version__``, a hash of kg's
extraction source files and lexicons (so editing a rule or a trigger word invalidates the cache),
and the gazetteer file's content when one is used. The document id is not part of the key: a
renamed or copied file is still a hit, and the stored result is given the current id.

Where: ``--cache-dir`` / ``cache_dir``, else ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``,
else ``~/.cache/kg``. The key is content-addressed, so one cache serves every corpus and output
folder of the user (and nothing lands in ``out/``, which is kept in git). Delete the folder to
reclaim space; nothing else ever removes entries.

Writes go to a temporary file in the same folder and are renamed into place, so an interrupted
build never leaves a half-written entry under a real key; an entry that cannot be read or parsed
is ignored, recomputed and overwritten. A cache folder that cannot be written only disables
caching, with one warning.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from dataclasses import replace
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .errors import KGWarning
from .records import DocResult, Document

__all__ = ["ResultCache", "default_cache_dir", "code_fingerprint", "runtime_id", "FORMAT"]

#: Bumped when the stored layout changes; part of every key.
FORMAT = "kg-docresult-1"

_PACKAGE = Path(__file__).resolve().parent
#: Package files that do not change a document's result: reading, cross-document stages, the
#: graph and its writers, the command line and this orchestration layer. Every other file of the
#: package (extraction rules, lexicons, the pipeline loader, text clean-up…) is hashed, so a new
#: rule module is covered without being listed here.
_NOT_EXTRACTION = frozenset({"__main__.py", "api.py", "cli.py", "corpus.py", "errors.py", "graph.py",
                             "resolve.py", "cache.py", "engines.py"})
_DATA_SUFFIXES = frozenset({".py", ".json", ".txt", ".tsv", ".csv", ".yml", ".yaml"})


def default_cache_dir() -> Path:
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
    h.update(f"{FORMAT}\0kg=={__version__}\0spacy=={_dist_version('spacy')}\0".encode())
    for path in _extraction_files():
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


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


class ResultCache:
    """A folder of cached :class:`DocResult` records, one JSON file per key.

    ``gazetteer`` is the gazetteer file the results are computed with (its content is hashed
    into every key). ``hits``, ``misses``, ``corrupt`` and ``written`` count this object's use.
    """

    def __init__(self, folder: str | Path | None = None, *, gazetteer: str | Path | None = None):
        self.folder = Path(folder).expanduser() if folder is not None else default_cache_dir()
        self.hits = self.misses = self.corrupt = self.written = 0
        self._writable = True
        gaz = hashlib.sha256(Path(gazetteer).read_bytes()).hexdigest() if gazetteer else "-"
        self._base = f"{code_fingerprint()}\0gazetteer={gaz}\0"
        self._prefix: dict[str, bytes] = {}

    def key(self, text: str, lang: str) -> str:
        """The key of ``text`` (already normalised) read as ``lang``."""
        prefix = self._prefix.get(lang)
        if prefix is None:
            prefix = self._prefix[lang] = f"{self._base}lang={lang}\0model={_model_id(lang)}\0".encode()
        return hashlib.sha256(prefix + text.encode("utf-8", "surrogatepass")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, document: Document | None = None) -> DocResult | None:
        """The stored result for ``key`` (renamed to ``document``'s id and meta), or None.

        A missing, unreadable or malformed entry is a miss; the next :meth:`put` replaces it.
        """
        try:
            data = json.loads(self.path(key).read_bytes())
            if data.get("key") != key:
                raise ValueError("entry stored under another key")
            result = DocResult.from_dict(data["result"])
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.corrupt += 1
            self.misses += 1
            return None
        self.hits += 1
        if document is not None:
            result = replace(result, doc_id=document.id, meta=tuple(document.meta))
        return result

    def put(self, key: str, result: DocResult) -> None:
        """Store ``result`` under ``key`` atomically (temporary file, then rename)."""
        if not self._writable:
            return
        path = self.path(key)
        payload = json.dumps({"key": key, "result": result.to_dict()}, ensure_ascii=False,
                             separators=(",", ":")).encode("utf-8", "surrogatepass")
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.replace(tmp, path)
            tmp = None
            self.written += 1
        except OSError as err:
            self._writable = False
            warnings.warn(f"cache folder {self.folder} is not writable ({err.strerror or err}); "
                          "results are not cached", KGWarning, stacklevel=2)
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

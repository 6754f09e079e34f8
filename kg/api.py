"""kg's Python API: the functions the CLI and the notebooks call.

A *document* is a :class:`~kg.records.Document` record (an id and a text).
:func:`~kg.corpus.read_documents` makes them from files and folders,
:func:`~kg.corpus.documents_from_texts` from strings:

>>> from kg import documents_from_texts
>>> [(d.id, d.text) for d in documents_from_texts({"a": "Brio signe avec Lumio."})]
[('a', 'Brio signe avec Lumio.')]
>>> extract(["seeds"])
Traceback (most recent call last):
...
TypeError: kg.extract takes Document records, not str ('seeds'): make them with kg.read_documents(paths) from files and folders, or kg.documents_from_texts(texts) from strings
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .corpus import SUFFIXES, documents_from_texts, read_documents
from .errors import InputError
from .graph import MIN_CONFIDENCE, assemble_graph
from .pipeline import process_documents
from .records import RELATIONS, DocResult, Document

__all__ = ["extract", "build_graph", "build_graph_from_texts", "build", "Build"]

#: The files :func:`build` writes in its output folder.
OUTPUT_FILES = ("graph.graphml", "graph.gexf", "graph.html")


def _as_paths(paths) -> list:
    if paths is None:
        return ["seeds"]
    if isinstance(paths, (str, Path)):
        return [paths]
    return list(paths)


def extract(documents: Iterable[Document], *, lang: str | None = None, gazetteer: str | None = None,
            progress: Callable[[DocResult], None] | None = None, jobs: int = 1,
            use_cache: bool = False, cache_dir: str | Path | None = None, engine: str = "local",
            scheduler: str | None = None) -> list[DocResult]:
    """Run the extraction over ``documents`` and return one result per document.

    ``jobs`` > 1 parses in that many processes. ``use_cache`` (or a ``cache_dir``) reuses the
    results of documents already read with the same code and pipeline (see :mod:`kg.cache`;
    default folder ``~/.cache/kg``). ``engine="dask"`` parses on the dask cluster whose
    scheduler is at ``scheduler`` (a local one of ``jobs`` workers without it). The results do
    not depend on any of these.
    """
    from .cache import ResultCache

    cache = ResultCache(cache_dir, gazetteer=gazetteer) if use_cache or cache_dir is not None else None
    results = []
    for res in process_documents(_checked(documents), lang=lang, gazetteer=gazetteer, jobs=jobs, cache=cache,
                                 engine=engine, scheduler=scheduler):
        results.append(res)
        if progress is not None:
            progress(res)
    return results


def _checked(documents) -> Iterator[Document]:
    """``documents`` as they come, stopping with a clear TypeError at the first non-Document."""
    if isinstance(documents, (str, Path, Document)):
        documents = [documents]
    for doc in documents:
        if not isinstance(doc, Document):
            raise TypeError(f"kg.extract takes Document records, not {type(doc).__name__} ({str(doc)[:40]!r}): "
                            "make them with kg.read_documents(paths) from files and folders, "
                            "or kg.documents_from_texts(texts) from strings")
        yield doc


def build_graph(paths=None, *, lang: str | None = None, gazetteer: str | None = None,
                progress: Callable[[DocResult], None] | None = None, jobs: int = 1,
                use_cache: bool = False, cache_dir: str | Path | None = None, engine: str = "local",
                scheduler: str | None = None, min_confidence: float = MIN_CONFIDENCE) -> nx.MultiDiGraph:
    """Read the articles under ``paths`` (a path or a list; default ``seeds/``) into one graph.

    ``lang`` forces "fr" or "en" (default: detected per document); ``gazetteer`` is a file of
    known entities (see :mod:`kg.gazetteer`); ``jobs``, ``use_cache``, ``cache_dir``, ``engine``
    and ``scheduler`` are those of :func:`extract`; edges below ``min_confidence`` (a single
    rumour) are left out, 0 keeps them all.
    """
    docs = read_documents(_as_paths(paths))
    return assemble_graph(extract(docs, lang=lang, gazetteer=gazetteer, progress=progress, jobs=jobs,
                                  use_cache=use_cache, cache_dir=cache_dir, engine=engine,
                                  scheduler=scheduler), min_confidence=min_confidence)


def build_graph_from_texts(texts: Iterable[str] | dict[str, str], *, lang: str | None = None,
                           gazetteer: str | None = None, min_confidence: float = MIN_CONFIDENCE) -> nx.MultiDiGraph:
    """Build a graph from in-memory texts: a dict ``{document id: text}`` or a list of texts."""
    return assemble_graph(extract(documents_from_texts(texts), lang=lang, gazetteer=gazetteer),
                          min_confidence=min_confidence)


@dataclass(frozen=True)
class Build:
    """What :func:`build` made: the graph, how many documents it read, the files it wrote."""

    graph: nx.MultiDiGraph
    documents: int
    files: tuple[Path, ...]

    def relation_counts(self) -> dict[str, int]:
        """Edges per relation, every relation of the contract included (0 when absent)."""
        counts = Counter(k for _, _, k in self.graph.edges(keys=True))
        return {rel: counts.get(rel, 0) for rel in (*RELATIONS, *sorted(set(counts) - set(RELATIONS)))}


def build(paths=None, out_dir: str | Path = "out", *, lang: str | None = None, gazetteer: str | Path | None = None,
          progress: Callable[[int, int], None] | None = None, jobs: int = 1, use_cache: bool = False,
          cache_dir: str | Path | None = None, engine: str = "local", scheduler: str | None = None,
          min_confidence: float = MIN_CONFIDENCE) -> Build:
    """Everything ``kg build`` does: read ``paths``, extract, assemble, write the outputs.

    ``out_dir`` receives ``graph.graphml``, ``graph.gexf`` and ``graph.html``, all replaced
    together and only once everything succeeded (nothing is written on an error). The folder is
    checked before any work. ``progress(done, total)`` is called after each document. The other
    options are those of :func:`build_graph`. Raises :class:`~kg.errors.InputError` when
    ``paths`` hold no document.
    """
    from .export import write_gexf, write_graphml, write_html
    from .export.atomic import atomic_batch, check_output_dir

    out_dir = check_output_dir(out_dir)
    paths = _as_paths(paths)
    docs = list(read_documents(paths))
    if not docs:
        raise InputError(f"no documents found in {', '.join(map(str, paths))}: give files or folders "
                         f"holding {', '.join(SUFFIXES)} articles")
    done = 0

    def step(_result: DocResult) -> None:
        nonlocal done
        done += 1
        progress(done, len(docs))

    results = extract(docs, lang=lang, gazetteer=str(gazetteer) if gazetteer else None,
                      progress=step if progress is not None else None, jobs=jobs, use_cache=use_cache,
                      cache_dir=cache_dir, engine=engine, scheduler=scheduler)
    graph = assemble_graph(results, min_confidence=min_confidence)
    writers = (write_graphml, write_gexf, write_html)
    with atomic_batch():  # the three files replaced together, only once all are written
        files = tuple(write(graph, out_dir / name) for write, name in zip(writers, OUTPUT_FILES))
    # A long text is cut into pieces that share its id: count ids, not pieces.
    return Build(graph=graph, documents=len({res.doc_id for res in results}), files=files)

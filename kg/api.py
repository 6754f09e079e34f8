"""kg's Python API: the functions the CLI and the notebooks call."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from .corpus import documents_from_texts, read_documents
from .graph import MIN_CONFIDENCE, assemble_graph
from .pipeline import process_documents
from .records import DocResult, Document

__all__ = ["extract", "build_graph", "build_graph_from_texts"]


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
    for res in process_documents(documents, lang=lang, gazetteer=gazetteer, jobs=jobs, cache=cache,
                                 engine=engine, scheduler=scheduler):
        results.append(res)
        if progress is not None:
            progress(res)
    return results


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

"""kg's Python API: the functions the CLI and the notebooks call."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from .corpus import documents_from_texts
from .graph import MIN_CONFIDENCE, assemble_graph, assemble_graph_from_store
from .pipeline import process_documents
from .records import DocResult, Document
from .update import Changes, update_corpus

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
    results of documents already read with the same code and pipeline, and stores the others
    (see :mod:`kg.store`; default folder ``~/.cache/kg``). ``engine="dask"`` parses on the dask
    cluster whose scheduler is at ``scheduler`` (a local one of ``jobs`` workers without it).
    The results do not depend on any of these.
    """
    from .store import Store

    store = Store(cache_dir, gazetteer=gazetteer) if use_cache or cache_dir is not None else None
    results = []
    try:
        for res in process_documents(documents, lang=lang, gazetteer=gazetteer, jobs=jobs, cache=store,
                                     engine=engine, scheduler=scheduler):
            results.append(res)
            if progress is not None:
                progress(res)
    finally:
        if store is not None:
            store.close()
    return results


def build_graph(paths=None, *, lang: str | None = None, gazetteer: str | None = None,
                progress: Callable[[str], None] | None = None, jobs: int = 1,
                use_cache: bool = False, cache_dir: str | Path | None = None, engine: str = "local",
                scheduler: str | None = None, min_confidence: float = MIN_CONFIDENCE,
                corpus: str | None = None, changes: Callable[[Changes], bool | None] | None = None
                ) -> nx.MultiDiGraph | None:
    """Read the articles under ``paths`` (a path or a list; default ``seeds/``) into one graph.

    ``lang`` forces "fr" or "en" (default: detected per document); ``gazetteer`` is a file of
    known entities (see :mod:`kg.gazetteer`); ``jobs``, ``engine`` and ``scheduler`` are those
    of :func:`extract`; edges below ``min_confidence`` (a single rumour) are left out, 0 keeps
    them all. ``progress`` is called with each file's id once it is read.

    With ``use_cache`` (or a ``cache_dir``) the build is incremental: the store keeps the
    documents of ``corpus`` (default: the paths given) and only new or changed articles are
    parsed (see :mod:`kg.update`); ``changes`` receives the counts of new, changed,
    unchanged and removed articles before the graph is assembled, and may return True to say
    that the graph is not needed (its outputs are up to date): then None is returned. Without
    ``use_cache``, a store in memory is used and dropped.
    """
    from .store import Store

    paths = _as_paths(paths)
    persistent = use_cache or cache_dir is not None
    corpus = corpus or "paths:" + "|".join(sorted(str(Path(p).resolve()) for p in paths))
    with Store(cache_dir, gazetteer=gazetteer) if persistent else Store.in_memory() as store:
        counts = update_corpus(paths, store, corpus, lang=lang, gazetteer=gazetteer, jobs=jobs, engine=engine,
                               scheduler=scheduler, progress=progress)
        if changes is not None and changes(counts):
            return None
        graph = assemble_graph_from_store(store, corpus, min_confidence=min_confidence)
        if persistent:
            store.prune()
    return graph


def build_graph_from_texts(texts: Iterable[str] | dict[str, str], *, lang: str | None = None,
                           gazetteer: str | None = None, min_confidence: float = MIN_CONFIDENCE) -> nx.MultiDiGraph:
    """Build a graph from in-memory texts: a dict ``{document id: text}`` or a list of texts."""
    return assemble_graph(extract(documents_from_texts(texts), lang=lang, gazetteer=gazetteer),
                          min_confidence=min_confidence)

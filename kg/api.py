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

from .corpus import SUFFIXES, count_files, documents_from_texts, iter_files
from .errors import InputError
from .graph import MIN_CONFIDENCE, assemble_from_store, assemble_graph
from .pipeline import process_documents
from .records import RELATIONS, DocResult, Document
from .update import Changes, output_reuse, outputs_up_to_date, record_outputs, update_corpus

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
    results of documents already read with the same code and pipeline (see :mod:`kg.store`;
    default folder ``~/.cache/kg``). ``engine="dask"`` parses on the dask cluster whose
    scheduler is at ``scheduler`` (a local one of ``jobs`` workers without it). The results do
    not depend on any of these.
    """
    from .store import Store

    store = Store(cache_dir, gazetteer=gazetteer) if use_cache or cache_dir is not None else None
    results = []
    try:
        for res in process_documents(_checked(documents), lang=lang, gazetteer=gazetteer, jobs=jobs, cache=store,
                                     engine=engine, scheduler=scheduler):
            results.append(res)
            if progress is not None:
                progress(res)
    finally:
        if store is not None:
            store.close()
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
    return _build_graph(paths, lang=lang, gazetteer=gazetteer, progress=progress, jobs=jobs, use_cache=use_cache,
                        cache_dir=cache_dir, engine=engine, scheduler=scheduler, min_confidence=min_confidence,
                        corpus=corpus, changes=changes)[0]


def _build_graph(paths, *, lang, gazetteer, progress, jobs, use_cache, cache_dir, engine, scheduler,
                 min_confidence, corpus, changes):
    """:func:`build_graph`, and how the graph differs from the previous one of the corpus (a
    :class:`kg.graph.GraphDelta`, or None)."""
    from .store import Store

    paths = _as_paths(paths)
    persistent = use_cache or cache_dir is not None
    corpus = corpus or "paths:" + "|".join(sorted(str(Path(p).resolve()) for p in paths))
    with Store(cache_dir, gazetteer=gazetteer) if persistent else Store.in_memory() as store:
        counts = update_corpus(paths, store, corpus, lang=lang, gazetteer=gazetteer, jobs=jobs, engine=engine,
                               scheduler=scheduler, progress=progress)
        if changes is not None and changes(counts):
            return None, None
        graph, delta = assemble_from_store(store, corpus, min_confidence=min_confidence)
        if persistent:
            store.prune()
    return graph, delta


def build_graph_from_texts(texts: Iterable[str] | dict[str, str], *, lang: str | None = None,
                           gazetteer: str | None = None, min_confidence: float = MIN_CONFIDENCE) -> nx.MultiDiGraph:
    """Build a graph from in-memory texts: a dict ``{document id: text}`` or a list of texts."""
    return assemble_graph(extract(documents_from_texts(texts), lang=lang, gazetteer=gazetteer),
                          min_confidence=min_confidence)


@dataclass(frozen=True)
class Build:
    """What :func:`build` made: the graph (None when the outputs were already up to date), how
    many documents it read, the files it wrote (or found up to date), and what changed since
    the last build into the same folder (:class:`~kg.update.Changes`)."""

    graph: nx.MultiDiGraph | None
    documents: int
    files: tuple[Path, ...]
    changes: Changes | None = None

    def relation_counts(self) -> dict[str, int]:
        """Edges per relation, every relation of the contract included (0 when absent)."""
        counts = Counter(k for _, _, k in self.graph.edges(keys=True)) if self.graph is not None else Counter()
        return {rel: counts.get(rel, 0) for rel in (*RELATIONS, *sorted(set(counts) - set(RELATIONS)))}


def build(paths=None, out_dir: str | Path = "out", *, lang: str | None = None, gazetteer: str | Path | None = None,
          progress: Callable[[int, int], None] | None = None, jobs: int = 1, use_cache: bool = False,
          cache_dir: str | Path | None = None, engine: str = "local", scheduler: str | None = None,
          min_confidence: float = MIN_CONFIDENCE) -> Build:
    """Everything ``kg build`` does: read ``paths``, extract, assemble, write the outputs.

    ``out_dir`` receives ``graph.graphml``, ``graph.gexf`` and ``graph.html``, all replaced
    together and only once everything succeeded (nothing is written on an error). The folder is
    checked before any work. ``progress(done, total)`` is called after each file read. With
    ``use_cache`` the store keeps one corpus per output folder, so only new or changed articles
    are parsed and, when nothing changed and the files are intact, nothing is written
    (``graph`` is None). The other options are those of :func:`build_graph`. Raises
    :class:`~kg.errors.InputError` when ``paths`` hold no document.
    """
    from .export import write_gexf, write_graphml, write_html
    from .export.atomic import atomic_batch, check_output_dir
    from .export.graphml import GraphFacts

    out_dir = check_output_dir(out_dir)
    paths = _as_paths(paths)
    # listing 100,000 files takes seconds: count them only for someone who shows the progress
    total = count_files(paths) if progress is not None else 0
    corpus = f"output:{Path(out_dir).resolve()}"
    targets = [Path(out_dir) / name for name in OUTPUT_FILES]
    found: list[Changes] = []
    done = 0

    def step(_file: str) -> None:
        nonlocal done
        done += 1
        progress(done, total)

    def up_to_date(changes: Changes) -> bool:
        found.append(changes)
        return use_cache and outputs_up_to_date(cache_dir, corpus, f"{changes.state}|{min_confidence}", targets)

    graph, delta = _build_graph(paths, lang=lang, gazetteer=str(gazetteer) if gazetteer else None,
                                progress=step if progress is not None else None, jobs=jobs, use_cache=use_cache,
                                cache_dir=cache_dir if use_cache else None, engine=engine, scheduler=scheduler,
                                min_confidence=min_confidence, corpus=corpus, changes=up_to_date)
    changes = found[0]
    if not changes.articles:
        raise InputError(f"no documents found in {', '.join(map(str, paths))}: give files or folders "
                         f"holding {', '.join(SUFFIXES)} articles")
    if graph is None:
        return Build(graph=None, documents=changes.articles, files=tuple(targets), changes=changes)
    # With the store, the pieces (nodes, edges) of the GraphML and GEXF files that did not change
    # are copied from the files the last build wrote (see kg.export.pieces): same bytes, less time.
    # With the graph's changes since the one the files were written from, the other nodes and
    # edges are copied without even being looked at.
    reuse, written = output_reuse(cache_dir, corpus, targets[:2]) if use_cache else ({}, None)
    same = delta if delta.known and written == f"{delta.base}|{min_confidence}" else None
    with atomic_batch():  # the three files replaced together, only once all are written
        facts = GraphFacts(graph, same)  # what both writers read of the graph, made once
        files = (write_graphml(graph, targets[0], reuse=reuse.get(targets[0]), facts=facts),
                 write_gexf(graph, targets[1], reuse=reuse.get(targets[1]), facts=facts),
                 write_html(graph, targets[2]))
    if use_cache:
        # what the files were written from, for the next build (only while every file id names
        # the same node or edge from one graph to the next: see GraphFacts)
        made_from = f"{delta.token}|{min_confidence}" if delta.token is not None and facts.plain else None
        record_outputs(cache_dir, corpus, f"{changes.state}|{min_confidence}", targets, reuse, graph=made_from)
    return Build(graph=graph, documents=changes.articles, files=files, changes=changes)

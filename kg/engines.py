"""Where documents are parsed: in this process, in N worker processes, or on a dask cluster.

Every engine takes a stream of :class:`Task` (one document to parse), cuts it into batches of
``batch_size`` documents, runs :func:`run_batch` on each batch (``nlp.pipe`` per language, then
:func:`~kg.document.extract_doc`), and yields the :class:`~kg.records.DocResult` records in input
order. Only those small records cross process boundaries, never spaCy objects, and each worker
loads a pipeline once (``kg.nlp.load_pipeline`` is cached per process). A spaCy ``Doc`` lives
only while its batch is being reduced.

The output does not depend on the engine or on how documents are batched (the parse of a
document does not depend on its batch-mates; ``tests/test_parallel.py`` checks the bytes).
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .errors import KGError
from .records import DocResult

__all__ = ["ENGINES", "Task", "run_batch", "open_engine", "LocalEngine", "ProcessEngine", "DaskEngine"]

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Task:
    """One document to parse: its normalised text and language."""

    doc_id: str
    lang: str
    text: str
    meta: tuple = ()


def run_batch(tasks: list[Task], gazetteer: str | None = None) -> list[DocResult]:
    """Parse and reduce ``tasks`` in this process, one ``nlp.pipe`` per language; input order."""
    from .document import extract_doc
    from .nlp import load_pipeline

    by_lang: dict[str, list[int]] = {}
    for i, task in enumerate(tasks):
        by_lang.setdefault(task.lang, []).append(i)
    out: list[DocResult | None] = [None] * len(tasks)
    for lang, idx in sorted(by_lang.items()):
        nlp = load_pipeline(lang, gazetteer=gazetteer)
        texts = [tasks[i].text for i in idx]
        for i, sdoc in zip(idx, nlp.pipe(texts, batch_size=len(texts))):
            out[i] = extract_doc(sdoc, tasks[i].doc_id, lang, meta=tasks[i].meta)
    return out


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while batch := list(islice(it, size)):
        yield batch


def _split(tasks: list[Task], parts: int) -> list[list[Task]]:
    """``tasks`` in ``parts`` contiguous, near-equal batches."""
    parts = max(1, min(parts, len(tasks)))
    size, extra = divmod(len(tasks), parts)
    out, start = [], 0
    for p in range(parts):
        end = start + size + (p < extra)
        out.append(tasks[start:end])
        start = end
    return out


class LocalEngine:
    """Batches parsed one after the other in this process."""

    def __init__(self, gazetteer: str | None = None):
        self.gazetteer = gazetteer

    def map(self, tasks: Iterable[Task], batch_size: int) -> Iterator[DocResult]:
        for batch in _batches(tasks, batch_size):
            yield from run_batch(batch, self.gazetteer)

    def close(self, abort: bool = False):
        pass


class _RemoteEngine:
    """Batches run elsewhere, a bounded number in flight, results in submission order."""

    workers = 1

    def __init__(self, gazetteer: str | None = None):
        # Workers may not share this process's working directory.
        self.gazetteer = str(Path(gazetteer).resolve()) if gazetteer else None

    def _start(self):
        pass

    def _submit(self, batch: list[Task]):
        raise NotImplementedError

    def _result(self, future) -> list[DocResult]:
        raise NotImplementedError

    def map(self, tasks: Iterable[Task], batch_size: int) -> Iterator[DocResult]:
        it = iter(tasks)
        head = list(islice(it, 1))
        if not head:
            return                      # nothing to parse: no worker is started
        self._start()
        # Look ahead one batch per worker: a corpus that fits is split evenly over the workers
        # instead of leaving all but one idle.
        first = head + list(islice(it, batch_size * self.workers - 1))
        if len(first) < batch_size * self.workers:
            batches: Iterator[list[Task]] = iter(_split(first, self.workers))
        else:
            batches = _batches(_chain(first, it), batch_size)
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(self._submit(batch))
            while len(in_flight) > 2 * self.workers:
                yield from self._result(in_flight.popleft())
        while in_flight:
            yield from self._result(in_flight.popleft())


def _chain(first, rest):
    yield from first
    yield from rest


def _process_batch(tasks: list[Task], gazetteer: str | None) -> tuple[str, list[DocResult]]:
    """Worker side: the worker's runtime id (see :func:`kg.store.runtime_id`) and the results."""
    from .store import runtime_id

    return runtime_id({t.lang for t in tasks}), run_batch(tasks, gazetteer)


class ProcessEngine(_RemoteEngine):
    """``jobs`` worker processes (spawned, so nothing is inherited by fork), each loading the
    pipeline once and returning plain results."""

    def __init__(self, jobs: int, gazetteer: str | None = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        super().__init__(gazetteer)
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_ignore_sigint)

    def _submit(self, batch):
        return self._pool.submit(_process_batch, batch, self.gazetteer)

    def _result(self, future):
        return future.result()[1]

    def close(self, abort: bool = False):
        if abort:
            # Ctrl-C or an error: stop now rather than finish the batches in flight.
            processes = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for proc in processes:
                proc.terminate()
            for proc in processes:
                proc.join(5)
        else:
            self._pool.shutdown(wait=True)


def _ignore_sigint():
    # Ctrl-C reaches the whole process group: the parent handles it and stops the workers.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# -- dask ---------------------------------------------------------------------------------

_WORKER_LOCK = threading.Lock()


def _dask_batch(tasks: list[Task], gazetteer: str | None) -> tuple[str, list[DocResult]]:
    # A dask worker may run several tasks at once in threads; one spaCy pipeline per process is
    # loaded once and used by one thread at a time.
    with _WORKER_LOCK:
        return _process_batch(tasks, gazetteer)


class DaskEngine(_RemoteEngine):
    """Batches spread over a ``dask.distributed`` cluster.

    ``scheduler`` is the scheduler's address (``tcp://host:8786``); without one, a local
    cluster of ``jobs`` single-threaded worker processes is started for the build. Workers need
    the same kg, spaCy pipelines and (if used) gazetteer file as this machine: a worker whose
    extraction code differs is refused, because its results would be stored under this
    machine's keys.
    """

    def __init__(self, scheduler: str | None = None, jobs: int = 1, gazetteer: str | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:
            raise KGError("the dask engine needs dask.distributed: run `pip install 'kg[dask]'`") from err
        super().__init__(gazetteer)
        self.scheduler, self.jobs = scheduler, jobs
        self._client = self._cluster = None
        self._client_cls, self._cluster_cls = Client, LocalCluster

    def _start(self):
        # Connect (or start the local cluster) at the first batch to parse: a fully cached
        # rebuild never touches the cluster.
        if self._client is not None:
            return
        try:
            if self.scheduler:
                self._client = self._client_cls(self.scheduler, timeout="20s")
            else:
                self._cluster = self._cluster_cls(n_workers=max(1, self.jobs), threads_per_worker=1,
                                                  processes=True, dashboard_address=None)
                self._client = self._client_cls(self._cluster)
        except (OSError, TimeoutError) as err:
            self.close()
            raise KGError(f"cannot reach the dask scheduler at {self.scheduler or 'a local cluster'}: {err}") from err
        info = self._client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def _submit(self, batch):
        return self._client.submit(_dask_batch, batch, self.gazetteer, pure=False)

    def _result(self, future):
        from .store import runtime_id

        ident, results = future.result()
        future.release()
        if ident != runtime_id({r.lang for r in results}):
            raise KGError("a dask worker runs different kg extraction code or pipeline versions than this "
                          "machine: install the same kg on the workers")
        return results

    def close(self, abort: bool = False):
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def open_engine(engine: str = "local", *, jobs: int = 1, scheduler: str | None = None,
                gazetteer: str | None = None):
    """The engine named ``engine`` ("local" or "dask"); "local" with ``jobs`` > 1 uses processes."""
    if engine == "local":
        if scheduler:
            raise KGError("--scheduler needs --engine dask")
        return ProcessEngine(jobs, gazetteer) if jobs > 1 else LocalEngine(gazetteer)
    if engine == "dask":
        return DaskEngine(scheduler, jobs, gazetteer)
    raise KGError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")

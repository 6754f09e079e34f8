"""Atomic file writes: a temporary file in the same folder, then a rename.

:func:`atomic_write` replaces one file; inside :func:`atomic_batch` the renames of every
:func:`atomic_write` wait for the end of the block, so a set of outputs (``graph.graphml`` and
``graph.html``) is replaced together or not at all. :func:`check_output_dir` tells early, before
any work, whether a folder can receive outputs.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import OutputError

__all__ = ["atomic_write", "atomic_batch", "check_output_dir"]

# (temporary file, final path) of the writes waiting for the end of the current atomic_batch.
_PENDING: ContextVar[list[tuple[str, Path]] | None] = ContextVar("kg_atomic_pending", default=None)


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


@contextmanager
def atomic_write(path: str | Path, mode: str = "wb"):
    """Open a temporary file that replaces ``path`` only if the block succeeds.

    An interrupted or failing write leaves any previous ``path`` untouched and no temporary
    file behind.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"output path is a folder, not a file: {path}")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OutputError(f"cannot write to {folder}: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        pending = _PENDING.get()
        if pending is None:
            os.replace(tmp, path)
        else:
            pending.append((tmp, path))
    except BaseException:
        _unlink(tmp)
        raise


@contextmanager
def atomic_batch():
    """Replace the files of every :func:`atomic_write` in the block together, at its end.

    If the block fails or is interrupted, no file is replaced and the temporary files are
    removed.
    """
    pending: list[tuple[str, Path]] = []
    token = _PENDING.set(pending)
    try:
        yield
    except BaseException:
        for tmp, _ in pending:
            _unlink(tmp)
        raise
    finally:
        _PENDING.reset(token)
    for i, (tmp, path) in enumerate(pending):
        try:
            os.replace(tmp, path)
        except BaseException:
            for rest, _ in pending[i:]:
                _unlink(rest)
            raise


def check_output_dir(folder: str | Path) -> Path:
    """Raise :class:`~kg.errors.OutputError` unless files can be written in ``folder``.

    Nothing is created: the folder, or the nearest existing folder above it, must be a
    writable folder.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output path is a file, not a folder: {folder} (choose another folder with -o)")
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot create output folder {folder}: {existing} is a file "
                          "(choose another folder with -o)")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to output folder {folder}: permission denied on {existing} "
                          "(choose another folder with -o)")
    return folder

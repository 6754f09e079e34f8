"""Atomic file writes: a temporary file in the same folder, then a rename."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

__all__ = ["atomic_write"]


@contextmanager
def atomic_write(path: str | Path, mode: str = "wb"):
    """Open a temporary file that replaces ``path`` only if the block succeeds.

    An interrupted or failing write leaves any previous ``path`` untouched.
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
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

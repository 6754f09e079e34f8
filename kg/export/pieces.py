"""Writing a file made of pieces (a head, the text of each node and edge, a tail), reusing the
bytes of every piece the previous version of the file already holds.

A writer describes its file as ``(head, pieces, tail)``, each piece ``(key, digest, render,
arg)``: its text is ``render(arg)``, and ``digest()`` (or ``digest`` None: never reused) is a
digest (:func:`digest`) of the plain values that text is made of, given the same head.
:func:`write_pieces` writes the file atomically; given a :class:`Reuse` holding the index the
previous write left (each piece's key, the digest of its values and its length), a piece whose
key and digest are unchanged is copied from the old file instead of being rendered again, in
runs of adjacent pieces. The file is byte for byte the one a write from nothing gives
(``tests/test_pieces.py``); only the time differs: rendering the 160,000 nodes and edges of a
100,000-article graph takes seconds, copying them a fraction of that.

The caller vouches that the old file is the one the index describes (kg keeps the index in its
store with the file's size and modification time, and passes it only while both match).
"""
from __future__ import annotations

import hashlib
import marshal
import mmap
import os
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write

__all__ = ["Reuse", "Same", "write_pieces", "plan_text", "digest"]


@dataclass
class Reuse:
    """The index of the file as the last write left it (``previous``, or None), and, after
    :func:`write_pieces`, the index of the new file (``index``)."""

    previous: bytes | None = None
    index: bytes | None = None


class Same:
    """A piece's digest function (``digest``) with the caller's word that the piece's text is the
    one the file the index describes holds under its key: the piece is copied from there without
    its digest being made (the old one is kept); one the old file lacks is rendered as any."""

    __slots__ = ("digest",)

    def __init__(self, digest):
        self.digest = digest


def plan_text(head: str, pieces, tail: str):
    """The text of a file described as ``(head, pieces, tail)``, piece by piece."""
    yield head
    for _, _, render, arg in pieces:
        yield render(arg)
    yield tail


def digest(inputs) -> bytes | None:
    """A digest of plain values (what a piece's text is made of), or None when marshal cannot
    hold them (such a piece is never reused)."""
    try:
        # version 2: no references between equal objects, so the digest depends on the values only,
        # never on which of them happen to be one object (a value read back from the store is not)
        return hashlib.blake2b(marshal.dumps(inputs, 2), digest_size=16).digest()
    except ValueError:                  # a value marshal cannot hold: never reused
        return None


def _old_pieces(path: Path, head: bytes, previous: bytes | None):
    """``(old file mapped, key -> (digest, offset, length))``, or None when nothing can be reused."""
    if previous is None:
        return None
    try:
        head_digest, size, keys, digests, lengths = marshal.loads(previous)
        if head_digest != hashlib.blake2b(head, digest_size=16).digest() or os.stat(path).st_size != size:
            return None
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    except (OSError, ValueError, EOFError, TypeError):
        return None
    where, offset = {}, len(head)
    for key, piece_digest, length in zip(keys, digests, lengths):
        where[key] = (piece_digest, offset, length)
        offset += length
    return data, where


def write_pieces(path: str | Path, head: str, pieces, tail: str, *, reuse: Reuse | None = None) -> Path:
    """Write ``head``, the text of each piece and ``tail`` to ``path`` (UTF-8) atomically;
    with ``reuse``, copy unchanged pieces from the old file and leave the new index in it."""
    path = Path(path)
    head_bytes = head.encode("utf-8")
    old = _old_pieces(path, head_bytes, reuse.previous) if reuse is not None else None
    data, where = old if old is not None else (b"", {})
    keys, digests, lengths = [], [], []
    with atomic_write(path) as fh:
        fh.write(head_bytes)
        start = end = 0                 # the run of old bytes waiting to be copied
        for key, digest_of, render, arg in pieces:
            hit = where.get(key)
            if type(digest_of) is Same:
                if hit is not None:     # vouched for: copied, its old digest stands for the same values
                    copy, piece_digest = True, hit[0]
                else:
                    copy, piece_digest = False, digest_of.digest() if reuse is not None else None
            else:
                piece_digest = digest_of() if reuse is not None and digest_of is not None else None
                copy = piece_digest is not None and hit is not None and hit[0] == piece_digest
            if copy:
                _, offset, length = hit
                if offset != end:
                    fh.write(data[start:end])
                    start = offset
                end = offset + length
            else:
                fh.write(data[start:end])
                start = end = 0
                text = render(arg).encode("utf-8")
                fh.write(text)
                length = len(text)
            keys.append(key)
            digests.append(piece_digest)
            lengths.append(length)
        fh.write(data[start:end])
        fh.write(tail.encode("utf-8"))
        size = fh.tell()
    if isinstance(data, mmap.mmap):
        data.close()
    if reuse is not None:
        reuse.index = marshal.dumps((hashlib.blake2b(head_bytes, digest_size=16).digest(), size, keys, digests,
                                     lengths))
    return path

"""A synthetic but realistic French corpus for the benchmarks.

The sentences of the French articles kg ships with (``seeds/``) and of the dev set
(``../shared/eval/dev/texts``) are recombined with a seeded RNG into ``n`` unique documents of
3–6k characters: each document samples its own sentences, in its own order, and groups them into
paragraphs, so no two documents are equal (checked) and every run gets the same corpus.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "dev" / "texts")
_SPLIT = re.compile(r"(?<=[.!?»\"”])\s+(?=[A-ZÀ-Ý«\"“])")


def french_sentences() -> list[str]:
    """Every distinct sentence of the French source texts, in a stable order."""
    sys.path.insert(0, str(ROOT))
    from kg.lang import detect_language
    from kg.text import normalize_text

    seen: dict[str, None] = {}
    for folder in SOURCES:
        if not folder.is_dir():
            continue
        for f in sorted(folder.glob("*.txt")):
            text = normalize_text(f.read_text(encoding="utf-8-sig"))
            if detect_language(text) != "fr":
                continue
            for line in text.splitlines():
                for sent in _SPLIT.split(line.strip()):
                    if len(sent) >= 25:
                        seen.setdefault(sent, None)
    if not seen:
        raise SystemExit("no French source texts found (seeds/ and ../shared/eval/dev/texts)")
    return list(seen)


def make_corpus(n: int, seed: int = 1234, min_chars: int = 3000, max_chars: int = 6000) -> dict[str, str]:
    """``{doc id: text}`` for ``n`` unique French documents."""
    pool = french_sentences()
    rng = random.Random(seed)
    docs: dict[str, str] = {}
    seen: set[str] = set()
    while len(docs) < n:
        target = rng.randint(min_chars, max_chars)
        order = rng.sample(range(len(pool)), len(pool))
        paragraphs, para, size = [], [], 0
        for i in order:
            para.append(pool[i])
            size += len(pool[i]) + 1
            if len(para) >= rng.randint(2, 4):
                paragraphs.append(" ".join(para))
                para = []
            if size >= target:
                break
        if para:
            paragraphs.append(" ".join(para))
        text = "\n\n".join(paragraphs) + "\n"
        if text not in seen:
            seen.add(text)
            docs[f"doc-{len(docs):06d}.txt"] = text
    return docs


def write_corpus(n: int, folder: Path, seed: int = 1234) -> Path:
    """Write the corpus as ``folder/doc-NNNNNN.txt`` files (skipped when already there)."""
    folder = Path(folder)
    stamp = folder / ".corpus"
    if stamp.exists() and stamp.read_text() == f"{n} {seed}\n":
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("doc-*.txt"):
        old.unlink()
    for doc_id, text in make_corpus(n, seed).items():
        (folder / doc_id).write_text(text, encoding="utf-8")
    stamp.write_text(f"{n} {seed}\n")
    return folder

"""Hand-built spaCy Docs for rule tests that need no model.

A sentence is written as ``text/POS/dep/head`` tokens (head: absolute token index) and a list of
entity spans ``(start, end, label)`` — the way spaCy's own tests build parsed Docs.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc


@lru_cache(maxsize=None)
def _vocab(lang: str):
    return spacy.blank(lang).vocab


def make_doc(spec: str, ents=(), lang: str = "fr", morphs: dict[int, str] | None = None, sents=(0,)) -> Doc:
    """Build a parsed Doc from ``spec``; ``morphs`` maps token index to a morphology string,
    ``sents`` lists the tokens that start a sentence (each sentence's heads stay inside it)."""
    words, pos, deps, heads = [], [], [], []
    for item in spec.split():
        text, p, dep, head = item.rsplit("/", 3)
        words.append(text.replace("_", " "))
        pos.append(p)
        deps.append(dep)
        heads.append(int(head))
    spaces = [not (i + 1 < len(words) and words[i + 1] in ".,") and not w.endswith("'") for i, w in enumerate(words)]
    ent_tags = ["O"] * len(words)
    for start, end, label in ents:
        ent_tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            ent_tags[i] = f"I-{label}"
    morph = [(morphs or {}).get(i, "") for i in range(len(words))]
    return Doc(_vocab(lang), words=words, spaces=spaces, pos=pos, deps=deps, heads=heads, ents=ent_tags,
               morphs=morph, sent_starts=[i in sents for i in range(len(words))])

"""Dependency patterns as data: each pack's ``dependency_patterns`` (``pack.json``), run with
spaCy's ``DependencyMatcher`` once per sentence that needs them, before any frame.

A pattern belongs to a frame; its first node is the trigger word (``"RIGHT_ID": "trigger"``)
and the other nodes name the tokens the frame needs ("verb", "head"…). Labels in patterns are
the pipeline's own, which is why patterns live in the pack of that pipeline's language.
"""
from __future__ import annotations

from collections import defaultdict

from spacy.matcher import DependencyMatcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from .lang import Lexicon

__all__ = ["pattern_matches"]

#: (language, id of the vocab) → (vocab, matcher, node names per pattern key); the vocab is kept
#: so that its id is never reused while the matcher lives.
_MATCHERS: dict[tuple[str, int], tuple[Vocab, DependencyMatcher, dict[str, tuple[str, ...]]]] = {}


def _matcher(lex: Lexicon, vocab: Vocab):
    key = (lex.lang, id(vocab))
    if key not in _MATCHERS:
        matcher = DependencyMatcher(vocab)
        nodes = {}
        for frame_name, patterns in lex.dependency_patterns.items():
            for n, pattern in enumerate(patterns):
                name = f"{frame_name}#{n}"      # one key per pattern: its nodes are known
                matcher.add(name, [pattern])
                nodes[name] = tuple(node["RIGHT_ID"] for node in pattern)
        _MATCHERS[key] = (vocab, matcher, nodes)
    return _MATCHERS[key][1:]


def pattern_matches(sent: Span, lex: Lexicon, frames) -> dict[tuple[str, int], list[dict[str, Token]]]:
    """``(frame, trigger token index) → [{node name: token}, …]`` for the patterns of ``frames``
    in ``sent``. Run on a sentence that has such a trigger only: a pattern's first node (a label,
    not a word) matches many tokens, and the matcher's cost grows with them."""
    if not any(f in lex.dependency_patterns for f in frames):
        return {}
    matcher, nodes = _matcher(lex, sent.doc.vocab)
    out: dict[tuple[str, int], list[dict[str, Token]]] = defaultdict(list)
    for match_id, ids in matcher(sent):
        name = sent.doc.vocab.strings[match_id]
        found = {node: sent[i] for node, i in zip(nodes[name], ids)}    # ids count from the sentence start
        out[(name.split("#")[0], found["trigger"].i)].append(found)
    return dict(out)

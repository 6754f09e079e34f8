"""Amounts of money in a sentence, and which of them a funder's phrase holds."""
from __future__ import annotations

from spacy.tokens import Span

from .lang import Lexicon
from .mentions import Ment

__all__ = ["amounts", "amount_for", "has_percent"]


def amounts(sent: Span, lex: Lexicon) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of each amount in ``sent``, offsets relative to the sentence."""
    return [(m.start(), m.end(), m.group(0).strip(" «»")) for m in lex.money.finditer(sent.text)]


def has_percent(sent: Span, lex: Lexicon) -> bool:
    return bool(lex.percent.search(sent.text))


def amount_for(sent: Span, lex: Lexicon, funder: Ment, near: int) -> str:
    """The amount ``funder`` gives: the one whose noun phrase holds the funder ("300 millions
    d'euros de soutien de X et 3 millions de Y": X gives 300 millions), the smallest such
    phrase winning; else the amount nearest the trigger at character ``near``."""
    found = amounts(sent, lex)
    if not found:
        return ""
    holding = []
    for start, end, text in found:
        phrase = _phrase(sent, start, end)
        if phrase is not None and phrase.start <= funder.start and funder.end <= phrase.end:
            holding.append((len(phrase), text))
    if holding:
        return min(holding)[1]
    rel = near - sent.start_char
    return min(found, key=lambda f: abs(f[0] - rel))[2]


def _phrase(sent: Span, start: int, end: int) -> Span | None:
    """The noun phrase an amount heads: the subtree of its token whose head lies outside it."""
    span = sent.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    left, right = head.left_edge.i, head.right_edge.i + 1
    return sent.doc[left:right]

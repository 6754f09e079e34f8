"""One sentence as relation frames see it: the searches of :mod:`kg.phrases` (noun phrases to
mentions) and :mod:`kg.reference` (descriptions and pronouns) over the syntax of
:mod:`kg.clauses`, plus the facts computed for the sentence before any frame runs."""
from __future__ import annotations

from spacy.tokens import Token

from . import clauses
from .lang import Lexicon
from .mentions import Ment
from .money import amounts, has_percent
from .phrases import Phrases
from .reference import References

__all__ = ["Sentence"]


class Sentence(Phrases, References):
    """Argument search inside one sentence of one document (see :class:`kg.document.DocContext`)."""

    def __init__(self, ctx, sent, index: int = 0, raiser: Ment | None = None, raiser_sent: int = -10,
                 matches: dict | None = None):
        self.ctx = ctx
        self.sent = sent
        self.index = index
        self.lex: Lexicon = ctx.lex
        #: the company raising money in this sentence or the last one that did (computed
        #: before any frame runs; frames only read it)
        self.raiser = raiser
        self.raiser_sent = raiser_sent
        self._matches = matches or {}           # the document's dependency-pattern matches

    def matches(self, tok: Token, frame_name: str) -> list[dict[str, Token]]:
        """The matches of ``frame_name``'s dependency patterns anchored on ``tok`` (see
        :mod:`kg.patterns`): node name → token."""
        return self._matches.get((frame_name, tok.i), [])

    def role(self, tok: Token) -> str:
        """The role of ``tok``'s dependency label in this language (see the pack's map)."""
        return self.lex.role(tok)

    def governor(self, tok: Token) -> Token:
        return clauses.governor(tok)

    def is_passive(self, tok: Token) -> bool:
        return clauses.is_passive(tok, self.lex)

    def recent_raiser(self, within: int = 2) -> bool:
        """A company raised money in this sentence or one of the last ``within``."""
        return self.raiser is not None and self.index - self.raiser_sent <= within

    def money(self) -> str:
        """The first amount of money in the sentence, "" if none."""
        found = amounts(self.sent, self.lex)
        return found[0][2] if found else ""

    def has_percent(self) -> bool:
        return has_percent(self.sent, self.lex)

"""Descriptions and pronouns to the named entities they stand for, inside one sentence."""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import arguments
from .coref import antecedent, most_salient
from .lang import known_places
from .mentions import NAMED, STRONG, Ment, is_place
from .names import name_key


class References:
    """Mixin of :class:`kg.sentence.Sentence`: needs ``ctx``, ``sent``, ``lex``, ``index``,
    ``role``, ``np`` and ``after`` (:class:`kg.phrases.Phrases`)."""

    def resolve(self, tok: Token) -> Ment | None:
        """A description or pronoun to the named entity it refers to, if any."""
        low, lex = tok.lower_, self.lex
        if low in lex.relative_pronouns:
            return self._relative(tok)
        if low in lex.descriptions and any(c.lower_ in lex.new_words for c in tok.children):
            for t in tok.doc[tok.i + 1:self.sent.end]:     # "la future société, baptisée X"
                if t.lower_ in lex.name_verbs:
                    named = self.after(t, window=3)
                    return named[0] if named else None
            return None
        named_here = any(self.role(c) in ("nmod", "compound", "appos") and c.i in self.ctx.token_ment for c in tok.children)
        if low in lex.descriptions and self.role(tok) == "appos" and tok.head.i in self.ctx.token_ment:
            return self.ctx.token_ment[tok.head.i]     # "X, the holding company which …" is X
        if low in lex.descriptions and not named_here:
            if not any(c.lower_ in lex.definite_determiners for c in tok.children if self.role(c) in ("det", "poss")):
                return None                     # "a group of banks", "une société" introduce, not refer
            return self._antecedent(tok)
        if low in lex.pronouns_subject and self.role(tok) in ("subj", "subjpass"):
            return self._antecedent(tok)
        if tok.i + 1 < self.sent.end and f"{low} {tok.nbor().lower_}" in lex.descriptions \
                and any(c.lower_ in lex.definite_determiners for c in tok.children if self.role(c) == "det"):
            return self._antecedent(tok.nbor())     # "La jeune pousse a signé": "pousse" parsed as the verb
        return None

    def _antecedent(self, tok: Token) -> Ment | None:
        ctx = self.ctx
        return antecedent(tok, ctx.mentions, ctx.token_ment, self.lex, ctx.sent_subjects, ctx.sent_of)

    def _relative(self, tok: Token) -> Ment | None:
        """"X, qui …": the noun the relative clause hangs on, up an apposition ("le fonds X, un
        spécialiste … qui"), or the name a participle gives it ("un centre, appelé X et situé
        à Y, qui …" is X)."""
        head = tok.head
        if self.role(head) not in ("relcl", "acl"):
            return None
        noun = head.head
        for _ in range(3):
            found = self.np(noun)
            if found and not all(m.type == "LOC" for m in found):
                return found[0]
            named = self._named_by_participle(noun)
            if named or found:
                return (named or found)[0]
            if self.role(noun) != "appos" or noun.head.i == noun.i:
                return None
            noun = noun.head
        return None

    def resolve_all(self, tok: Token) -> list[Ment]:
        """Like :meth:`resolve`, but a plural pronoun ("they", "ils") gets its whole list, and
        "les deux groupes" / "the two companies" the last two organisations named."""
        lex = self.lex
        n = next((lex.counted_plurals[c.lower_] for c in tok.children if c.lower_ in lex.counted_plurals), 0)
        if n and tok.lower_ in lex.descriptions:
            return self._last_named(tok, n)
        low = tok.lower_
        if low in lex.relative_pronouns and self.role(tok.head) == "relcl":
            noun = tok.head.head
            if self.role(noun) == "conj" and _plural_verb(tok.head):
                noun = noun.head                # "X and Y, who own …": the whole list owns
            found = [m for m in self.np(noun) if m.end <= tok.i]
            if len(found) >= 2 and _singular_verb(tok.head):
                return found[-1:]               # "Daventa and Kiyomi, which owns …": the last one
            if len(found) >= 2:
                return found                    # "Daventa and Kiyomi, which compete …"
        if low in lex.plural_pronouns:
            found = self._reported_subjects(tok)
            if found:
                return found
        ref = self.resolve(tok)
        if ref is None:
            return []
        if "Plur" in tok.morph.get("Number") or low in lex.plural_pronouns:
            return list(self.ctx.groups.get(id(ref), [ref]))
        return [ref]

    def _last_named(self, tok: Token, n: int) -> list[Ment]:
        """The last ``n`` entities named before ``tok``, organisations first."""
        candidates = [m for m in self.ctx.mentions if m.end <= tok.i and m.votes["PER"] < STRONG
                      and not is_place(m) and m.cue != NAMED]   # "une coentreprise baptisée X" is not one of them
        for pool in ([m for m in candidates if m.type == "ORG"], candidates):
            names: list[Ment] = []
            for m in reversed(pool):
                if m.name not in {x.name for x in names}:
                    names.append(m)
                if len(names) == n:
                    return names[::-1]
        return []

    def _reported_subjects(self, tok: Token) -> list[Ment]:
        """"X and Y said they would …": the subjects of the verb that reports the clause."""
        head = tok.head
        while self.role(head) in ("ccomp", "conj", "xcomp", "advcl") and head.head.i != head.i:
            head = head.head
            subj = [c for c in head.children if self.role(c) == "subj" and c.i < tok.i]
            if subj:
                found = self.np(subj[0])
                if found:
                    return found
        return []

    def _named_by_participle(self, noun: Token) -> list[Ment]:
        """The name given by "appelé X" when ``noun`` sits in a participle coordinated with it."""
        verb = noun.head
        for cand in (verb, verb.head if self.role(verb) == "conj" else None):
            if cand is not None and cand.lower_ in self.lex.name_verbs:
                for role, _, c in arguments(cand, self.lex):
                    if role in ("obj", "attr", "compound") or self.role(c) == "xcomp":
                        found = self.np(c)
                        if found:
                            return found
                for c in cand.children:
                    if self.role(c) == "xcomp":
                        return self.np(c)
        return []

    def topic(self, tok: Token) -> list[Ment]:
        """The organisation the text is about so far (a round with no owner named is its)."""
        candidates = [m for m in self.ctx.mentions if m.end <= tok.i and m.type in ("ORG", "MISC", "LOC")
                      and not m.place and name_key(m.text) not in known_places()]
        subjects = {id(x) for i, x in self.ctx.sent_subjects.items() if i < self.index}
        best = most_salient(candidates, subjects)
        return [best] if best is not None else []


def _singular_verb(verb: Token) -> bool:
    """A verb, or its auxiliary, agreeing with a singular subject ("which owns", "qui possède")."""
    return _agrees(verb, "Sing", "VBZ")


def _plural_verb(verb: Token) -> bool:
    """A verb, or its auxiliary, agreeing with a plural subject ("who own", "qui possèdent")."""
    return _agrees(verb, "Plur", "VBP")


def _agrees(verb: Token, number: str, tag: str) -> bool:
    return any(number in t.morph.get("Number") or t.tag_ == tag
               for t in [verb, *(c for c in verb.children if c.pos_ == "AUX")])

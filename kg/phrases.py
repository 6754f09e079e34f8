"""Noun phrases to mentions: which named entities a word, its list or its clause's subject names."""
from __future__ import annotations

from spacy.tokens import Token

from .clauses import CLAUSE_LINKS, arguments, unique
from .mentions import Ment


class Phrases:
    """Mixin of :class:`kg.sentence.Sentence`: needs ``ctx``, ``sent``, ``lex``, ``role`` and
    ``resolve_all`` (:class:`kg.reference.References`)."""

    def np(self, tok: Token, depth: int = 0, follow_of: bool = False) -> list[Ment]:
        """The mentions a noun phrase headed by ``tok`` names: lists, appositions, "comme X"."""
        if depth > 6:
            return []
        m = self.ctx.token_ment.get(tok.i)
        if m is not None:
            out = list(self.ctx.groups.get(id(m), [m]))
            for h in range(m.start, m.end):
                out += self._np_parts(tok.doc[h], m, depth, follow_of)
            return unique(out)
        resolved = self.resolve_all(tok)
        out = resolved + self._np_parts(tok, None, depth, follow_of) + self._np_modifiers(tok, depth)
        if not out:
            out = self._named_next(tok)
        if any(o.type != "LOC" for o in out):
            # "Dublin animation studio Pixelhouse": a place qualifying a named head
            out = [o for o in out if o.type != "LOC" or o.start > tok.i or o in resolved]
        return unique(out)

    def _np_parts(self, head: Token, m: Ment | None, depth: int, follow_of: bool) -> list[Ment]:
        """Names hanging on one head word of the phrase: a list, an apposition, "comme X",
        "l'un de X", "un centre appelé X"."""
        lex = self.lex
        out = []
        for role, prep, c in arguments(head, self.lex):
            if m is not None and m.start <= c.i < m.end:
                continue
            listed = role in ("conj", "appos") or role == "obl" and prep in lex.connectors_list
            if listed or role == "compound" and m is None and (c.i > head.i or _names_its_head(head, lex)):
                # a name's apposition describes it: "X, the arm of Y" does not name Y
                out += self.np(c, depth + 1, follow_of and not (m is not None and role == "appos"))
            elif role == "obl" and m is None and prep in lex.preps["of"] and depth < 3 \
                    and (follow_of and head.lower_ not in lex.purchase_nouns
                         or head.pos_ == "PRON" or head.lower_ in lex.generic_prefix_words):
                # money to "finance the purchase of X" pays X's seller, not X
                out += self.np(c, depth + 1, follow_of)
            elif role == "acl" and m is None and c.lower_ in lex.name_verbs:
                out += [x for r2, _, c2 in arguments(c, self.lex) if r2 in ("obj", "compound", "attr", "obl")
                        for x in self.np(c2, depth + 1)]
        return out

    def _named_next(self, tok: Token) -> list[Ment]:
        """"avec la marque Yeezy" with the name hung on the verb: an organisation word is
        named by the name right after it (past its adjectives), unless the parser made that
        name a subject or object of its own ("sell a stake to Italian bank Mediobanca")."""
        if tok.pos_ != "NOUN" or tok.lower_ not in self.lex.org_cues:
            return []
        i = tok.i + 1
        while i < self.sent.end and tok.doc[i].pos_ == "ADJ":
            i += 1
        m = self.ctx.token_ment.get(i)
        if m is None or m.start != i:
            return []
        root = min(tok.doc[m.start:m.end], key=lambda t: (t.head.i in range(m.start, m.end), t.i))
        return [] if self.role(root) in ("subj", "subjpass", "obj") else [m]

    def _np_modifiers(self, tok: Token, depth: int) -> list[Ment]:
        """"ses rivaux" is no mention, but "comme X" may hang on an adjective ("connus … comme
        X"), and the name itself on one ("le fonds souverain Bpifrance") or, misparsed, as a
        punctuation after it ("le groupe chinois Huawei")."""
        out = []
        for c in tok.children:
            if self.role(c) in ("punct", "dep") and c.i in self.ctx.token_ment and c.i > tok.i \
                    and all(t.pos_ == "ADJ" for t in tok.doc[tok.i + 1:c.i]):
                out += self.np(c, depth + 1)
            if self.role(c) in ("acl", "amod"):
                for role, prep, c2 in arguments(c, self.lex):
                    if role == "obl" and prep in self.lex.connectors_list:
                        out += self.np(c2, depth + 1)
                    elif role == "compound" and self.role(c) == "amod" and c2.i in self.ctx.token_ment:
                        out += self.np(c2, depth + 1)
        return out

    def role_mentions(self, tok: Token, roles: set[str], preps: frozenset | set = frozenset(),
                      follow_of: bool = False) -> list[Ment]:
        """The mentions of ``tok``'s arguments in ``roles`` (an "obl" one only with a
        preposition of ``preps``)."""
        out = []
        for role, prep, c in arguments(tok, self.lex):
            if role in roles and (role != "obl" or prep in preps):
                found = self.np(c, follow_of=follow_of)
                if role == "obl":       # "du" in "Corée du Sud" is the name's, not a complement's
                    found = [m for m in found if not _inside(m, c)]
                if not found and role == "obl" and c.lower_ in self.lex.generic_prefix_words:
                    found = self.after(c, window=3)     # "avec l'IA de Mistral" parsed apart
                out += found
        return unique(out)

    def subjects(self, verb: Token) -> list[Ment]:
        """Subject mentions of ``verb``, climbing through infinitives, gerunds and conjuncts.

        A clause whose subject names no entity ("les analystes") has no entity subject: the
        climb stops there rather than borrowing a subject from another clause.
        """
        cur = verb
        for _ in range(6):
            subj = [c for r, _, c in arguments(cur, self.lex) if r == "subj" or r == "subjpass" and cur.i != verb.i] \
                or self._dep_subject(cur)
            if subj:
                return unique([m for c in subj for m in self.np(c, follow_of=True)])
            role = self.role(cur)
            if cur.head.i == cur.i:
                break
            if role in ("xcomp", "obl", "ccomp", "advcl"):
                found = self._controller(cur.head)
                if found:
                    return found
            if role in ("relcl", "acl"):
                # a participle or relative describes its head noun (names written after the
                # clause belong to something else)
                found = [m for m in self.np(cur.head) if m.end <= cur.i]
                if found:
                    return found
            elif role not in CLAUSE_LINKS | {"obl", "nmod", "obj", "pobj", "prep", "amod", "attr"}:   # "X is keen to …"
                break
            cur = cur.head
        return []

    def _dep_subject(self, verb: Token) -> list[Token]:
        """"Kering s'allie avec …" with the unknown name parsed as a loose word ("dep"): a name
        opening the sentence, with only pronouns or auxiliaries between it and its verb."""
        for c in verb.children:
            if self.role(c) == "dep" and c.i < verb.i and c.i in self.ctx.token_ment:
                m = self.ctx.token_ment[c.i]
                if m.start == self.sent.start and all(t.pos_ in ("PRON", "AUX") for t in c.doc[m.end:verb.i]):
                    return [c]
        return []

    def _controller(self, verb: Token) -> list[Ment]:
        """"permettre à X de lever": the object of the governing verb controls the infinitive."""
        for role, prep, c in arguments(verb, self.lex):
            if role == "iobj" or role == "obl" and prep in self.lex.preps["dative"]:
                found = self.np(c)
                if found:
                    return found
        return []

    def before(self, tok: Token, window: int = 10) -> list[Ment]:
        """The nearest mention before ``tok`` in its sentence, with no verb in between."""
        for i in range(tok.i - 1, max(tok.i - 1 - window, self.sent.start - 1), -1):
            t = tok.doc[i]
            m = self.ctx.token_ment.get(i)
            if m is not None:
                return [m]
            if t.pos_ in ("VERB", "AUX") and i != tok.i - 1 or t.text in (";", ":"):
                return []
        return []

    def after(self, tok: Token, window: int = 8) -> list[Ment]:
        """The first list of mentions right after ``tok`` in its sentence (a fallback object)."""
        for i in range(tok.i + 1, min(tok.i + 1 + window, self.sent.end)):
            t = tok.doc[i]
            if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":", "?", "!"):
                return []
            m = self.ctx.token_ment.get(i)
            if m is not None:
                return list(self.ctx.groups.get(id(m), [m]))
        return []

    def listed_after(self, ms: list[Ment]) -> list[Ment]:
        """"les pionniers – A, B et C": a list after a dash or colon spells out the name before it."""
        if not ms:
            return []
        nxt = ms[-1].end
        if nxt < self.sent.end and self.sent.doc[nxt].text in ("–", "—", "-", ":"):
            listed = self.after(self.sent.doc[nxt], window=2)
            if len(listed) >= 2:
                return listed
        return []


def _names_its_head(head: Token, lex) -> bool:
    """A name before a noun names the phrase when the noun is a name or says what the name is
    ("the startup Mistral", "Dublin studio Pixelhouse"), not when it says what the name is
    about ("a three-year Linux program", "the Nokia plant"). (A name after the noun names it:
    "les vêtements Yeezy", "le vaccin Moderna".)"""
    low = head.lower_
    return head.pos_ in ("PROPN", "PRON") or low in lex.org_cues or low in lex.descriptions and low not in lex.project_words \
        or low in lex.person_cues or low in lex.generic_prefix_words or low.rstrip("s") in lex.org_cues


def _inside(m: Ment, tok: Token) -> bool:
    """``tok`` and the preposition before it are inner words of the name ``m``."""
    preps = [c for c in tok.children if c.dep_ == "case"] or [tok.head]     # "case" (UD) or "prep" → "pobj"
    return m.start < tok.i < m.end and any(m.start < p.i < tok.i for p in preps)

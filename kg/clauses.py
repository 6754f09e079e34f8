"""Clauses of a parsed sentence: syntactic arguments, noun phrases to mentions, subjects.

Dependency labels differ between the French (Universal Dependencies) and English (ClearNLP)
pipelines; :func:`arguments` maps both to one set of roles, and :class:`Sentence` answers the
questions relation frames ask ("which names does this noun phrase give?", "who is the subject of
this verb?"), resolving descriptions and pronouns on the way, so that the frames in
:mod:`kg.relations` stay language-neutral. Where news parses break, it falls back on word order.
"""
from __future__ import annotations

from spacy.tokens import Token

from .coref import antecedent, most_salient
from .lang import Lexicon, known_places, load_pack
from .mentions import NAMED, STRONG, Ment, is_place
from .money import amounts, has_percent
from .names import name_key

__all__ = ["Sentence", "arguments", "case_of", "unique", "is_place", "SUBJ", "SUBJ_PASS", "OBJ"]

SUBJ = {"nsubj", "csubj"}
SUBJ_PASS = {"nsubj:pass", "nsubjpass", "csubjpass"}
AUX_PASS = {"aux:pass", "auxpass"}
OBJ = {"obj", "dobj"}
IOBJ = {"iobj", "dative"}
CLAUSE_LINKS = {"advcl", "xcomp", "conj", "ccomp", "acl", "acl:relcl", "relcl", "parataxis"}


def arguments(tok: Token):
    """Yield ``(role, preposition, token)`` for the syntactic arguments of ``tok``.

    Roles: subj, subjpass, obj, iobj, agent, obl (with its preposition), poss, appos,
    compound (also French nmod without preposition), conj, acl.
    """
    for c in tok.children:
        dep = c.dep_
        if dep in SUBJ:
            yield "subj", "", c
        elif dep in SUBJ_PASS:
            yield "subjpass", "", c
        elif dep in OBJ:
            yield "obj", "", c
        elif dep in IOBJ:
            yield "iobj", "", c
        elif dep in ("obl:agent", "agent"):
            if dep == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        yield "agent", "", p
            else:
                yield "agent", "", c
        elif dep in ("nmod:poss", "poss") or dep == "det" and c.morph.get("Poss") == ["Yes"]:
            yield "poss", "", c
        elif dep.startswith(("obl", "nmod")):
            prep = case_of(c)
            yield ("obl" if prep else "compound"), prep, c
        elif dep == "prep":
            prep = c.lower_
            for p in c.children:
                if p.dep_ == "pobj":
                    yield "obl", prep, p
                elif p.dep_ == "prep":  # "such as", "ahead of"
                    for q in p.children:
                        if q.dep_ == "pobj":
                            yield "obl", f"{prep} {p.lower_}", q
                elif p.dep_ == "pcomp":
                    yield "obl", prep, p
        elif dep == "appos":
            yield "appos", "", c
        elif dep in ("compound", "flat", "flat:name") or dep == "amod" and c.pos_ == "PROPN":
            yield "compound", "", c
        elif dep == "conj":
            yield "conj", "", c
        elif dep in ("acl", "acl:relcl", "relcl"):
            yield "acl", "", c
        elif dep == "attr":
            yield "attr", "", c
        elif dep == "advmod" and c.lower_ in _pack(c).adverbial_preps:   # "auprès de X", "face à X"
            for g in c.children:                 # "auprès de X" parsed as adverb + "de X"
                if g.dep_.startswith(("obl", "nmod", "pobj")):
                    yield "obl", f"{c.lower_} {case_of(g)}".strip(), g
                elif g.dep_ == "prep":
                    for p in g.children:
                        if p.dep_ == "pobj":
                            yield "obl", f"{c.lower_} {g.lower_}", p
        # parsers hang the source of money on the amount ("300 millions d'euros de Tencent")
        if dep.startswith(("nmod", "obl")) and c.lower_ in _pack(c).amount_words or c.like_num and dep == "nummod":
            for role, prep, g in arguments(c):   # "un investissement de 300 M€ de Tencent"
                if role == "obl" and prep:
                    yield role, prep, g


def _pack(tok: Token) -> Lexicon:
    return load_pack(tok.doc.lang_)


def case_of(tok: Token) -> str:
    parts = [c.lower_ for c in tok.children if c.dep_ in ("case", "fixed") and c.i < tok.i]
    for c in tok.children:
        if c.dep_ == "case":
            parts += [f.lower_ for f in c.children if f.dep_ == "fixed"]
    return " ".join(parts).replace("’", "'")


class Sentence:
    """Argument search inside one sentence of one document."""

    def __init__(self, ctx, sent, index: int = 0, raiser: Ment | None = None, raiser_sent: int = -10):
        self.ctx = ctx
        self.sent = sent
        self.index = index
        self.lex: Lexicon = ctx.lex
        #: the company raising money in this sentence or the last one that did (computed
        #: before any frame runs; frames only read it)
        self.raiser = raiser
        self.raiser_sent = raiser_sent

    def role(self, tok: Token) -> str:
        """The role of ``tok``'s dependency label in this language (see the pack's map)."""
        return self.lex.role(tok)

    # -- noun phrases to mentions -------------------------------------------------------
    def np(self, tok: Token, depth: int = 0, follow_of: bool = False) -> list[Ment]:
        """The mentions a noun phrase headed by ``tok`` names: lists, appositions, "comme X"."""
        if depth > 6:
            return []
        out: list[Ment] = []
        m = self.ctx.token_ment.get(tok.i)
        if m is not None:
            out += self.ctx.groups.get(id(m), [m])
            heads = range(m.start, m.end)
        else:
            resolved = self.resolve_all(tok)
            out += resolved
            heads = [tok.i]
        doc = tok.doc
        for h in heads:
            for role, prep, c in arguments(doc[h]):
                if c.i in range(m.start, m.end) if m is not None else False:
                    continue
                if role in ("conj", "appos"):
                    out += self.np(c, depth + 1, follow_of)
                elif role == "compound" and m is None:
                    out += self.np(c, depth + 1, follow_of)
                elif role == "obl" and prep in self.lex.connectors_list:
                    out += self.np(c, depth + 1, follow_of)
                elif role == "obl" and m is None and (follow_of or tok.pos_ == "PRON" or tok.lower_ in self.lex.generic_prefix_words) \
                        and prep in self.lex.preps["of"] and depth < 3:
                    out += self.np(c, depth + 1, follow_of)
                elif role == "acl" and m is None and c.lower_ in self.lex.name_verbs:
                    for role2, _, c2 in arguments(c):
                        if role2 in ("obj", "compound", "attr", "obl"):
                            out += self.np(c2, depth + 1)
        # "ses rivaux" is no mention, but "comme X" may hang on an adjective ("connus … comme X"),
        # and the name itself on one ("le fonds souverain Bpifrance")
        if m is None:
            for c in tok.children:
                if c.dep_ in ("acl", "amod"):
                    for role, prep, c2 in arguments(c):
                        if role == "obl" and prep in self.lex.connectors_list:
                            out += self.np(c2, depth + 1)
                        elif role == "compound" and c.dep_ == "amod" and c2.i in self.ctx.token_ment:
                            out += self.np(c2, depth + 1)
        if m is None and any(o.type != "LOC" for o in out):
            # "Dublin animation studio Pixelhouse": a place qualifying a named head
            out = [o for o in out if o.type != "LOC" or o.start > tok.i or o in resolved]
        return unique(out)

    def resolve(self, tok: Token) -> Ment | None:
        """A description or pronoun to the named entity it refers to, if any."""
        low = tok.lower_
        if low in self.lex.relative_pronouns:
            head = tok.head
            if head.dep_ not in ("acl:relcl", "relcl", "acl"):
                return None
            noun = head.head
            for _ in range(3):            # "le fonds X, un spécialiste … qui": up the apposition
                found = self.np(noun)
                if found and not all(m.type == "LOC" for m in found):
                    return found[0]
                named = self._named_by_participle(noun)
                if named:                 # "un centre, appelé X et situé à Y, qui …" is X
                    return named[0]
                if found:
                    return found[0]
                if noun.dep_ != "appos" or noun.head is noun:
                    return None
                noun = noun.head
            return None
        if low in self.lex.descriptions and any(c.lower_ in self.lex.new_words for c in tok.children):
            for t in tok.doc[tok.i + 1:self.sent.end]:     # "la future société, baptisée X"
                if t.lower_ in self.lex.name_verbs:
                    named = self.after(t, window=3)
                    return named[0] if named else None
            return None
        if low in self.lex.descriptions and not any(c.dep_ in ("nmod", "compound", "flat:name", "appos") and c.i in self.ctx.token_ment for c in tok.children):
            if not any(c.lower_ in self.lex.definite_determiners for c in tok.children if c.dep_ in ("det", "poss")):
                return None                     # "a group of banks", "une société" introduce, not refer
            return antecedent(tok, self.ctx.mentions, self.ctx.token_ment, self.lex, self.ctx.sent_subjects, self.ctx.sent_of)
        if low in self.lex.pronouns_subject and tok.dep_ in SUBJ | SUBJ_PASS:
            return antecedent(tok, self.ctx.mentions, self.ctx.token_ment, self.lex, self.ctx.sent_subjects, self.ctx.sent_of)
        return None

    def resolve_all(self, tok: Token) -> list[Ment]:
        """Like :meth:`resolve`, but a plural pronoun ("they", "ils") gets its whole list, and
        "les deux groupes" / "the two companies" the last two organisations named."""
        n = next((self.lex.counted_plurals[c.lower_] for c in tok.children if c.lower_ in self.lex.counted_plurals), 0)
        if n and tok.lower_ in self.lex.descriptions:
            candidates = [m for m in self.ctx.mentions if m.end <= tok.i and m.votes["PER"] < STRONG
                          and not is_place(m) and m.cue != NAMED]   # "une coentreprise baptisée X" is not one of them
            for pool in ([m for m in candidates if m.type == "ORG"], candidates):   # organisations first
                names: list[Ment] = []
                for m in reversed(pool):
                    if m.name not in {x.name for x in names}:
                        names.append(m)
                    if len(names) == n:
                        return names[::-1]
            return []
        low = tok.lower_
        if low in self.lex.relative_pronouns and tok.head.dep_ in ("acl:relcl", "relcl"):
            found = [m for m in self.np(tok.head.head) if m.end <= tok.i]
            if len(found) >= 2:
                return found                    # "Daventa and Kiyomi, which compete …"
        if low in self.lex.plural_pronouns:
            head = tok.head                     # "X and Y said they would …"
            while head.dep_ in ("ccomp", "conj", "xcomp", "advcl") and head.head is not head:
                head = head.head
                subj = [c for c in head.children if c.dep_ in SUBJ and c.i < tok.i]
                if subj:
                    found = self.np(subj[0])
                    if found:
                        return found
        ref = self.resolve(tok)
        if ref is None:
            return []
        if "Plur" in tok.morph.get("Number") or low in self.lex.plural_pronouns:
            return list(self.ctx.groups.get(id(ref), [ref]))
        return [ref]

    # -- clause structure ---------------------------------------------------------------
    def _named_by_participle(self, noun: Token) -> list[Ment]:
        """The name given by "appelé X" when ``noun`` sits in a participle coordinated with it."""
        verb = noun.head
        for cand in (verb, verb.head if verb.dep_ == "conj" else None):
            if cand is not None and cand.lower_ in self.lex.name_verbs:
                for role, _, c in arguments(cand):
                    if role in ("obj", "attr", "compound") or c.dep_ == "xcomp":
                        found = self.np(c)
                        if found:
                            return found
                for c in cand.children:
                    if c.dep_ == "xcomp":
                        return self.np(c)
        return []

    def governor(self, tok: Token) -> Token:
        """The verb whose clause ``tok`` (a noun trigger) belongs to."""
        cur = tok
        for _ in range(4):
            if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
                return cur
            cur = cur.head
        return cur

    def subjects(self, verb: Token) -> list[Ment]:
        """Subject mentions of ``verb``, climbing through infinitives, gerunds and conjuncts.

        A clause whose subject names no entity ("les analystes") has no entity subject: the
        climb stops there rather than borrowing a subject from another clause.
        """
        cur = verb
        for _ in range(6):
            subj = [c for r, _, c in arguments(cur) if r == "subj" or r == "subjpass" and cur is not verb]
            if subj:
                return unique([m for c in subj for m in self.np(c, follow_of=True)])
            # "permettre à X de lever": the object of the governing verb controls the infinitive
            if cur.dep_ in ("xcomp", "obl", "obl:arg", "ccomp", "advcl") and cur.head is not cur:
                for role, prep, c in arguments(cur.head):
                    if role == "iobj" or role == "obl" and prep in self.lex.preps["dative"]:
                        found = self.np(c)
                        if found:
                            return found
            if cur.dep_ in ("acl:relcl", "relcl", "acl") and cur.head is not cur:
                # a participle or relative describes its head noun (names written after the
                # clause belong to something else)
                found = [m for m in self.np(cur.head) if m.end <= cur.i]
                if found:
                    return found
                cur = cur.head
                continue
            if cur.dep_ in CLAUSE_LINKS | {"obl", "obl:arg", "obl:mod", "nmod", "obj", "dobj", "pobj", "prep", "amod"} \
                    and cur.head is not cur:
                cur = cur.head
                continue
            break
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

    def topic(self, tok: Token) -> list[Ment]:
        """The organisation the text is about so far (a round with no owner named is its)."""
        candidates = [m for m in self.ctx.mentions if m.end <= tok.i and m.type in ("ORG", "MISC", "LOC")
                      and not m.place and name_key(m.text) not in known_places()]
        subjects = {id(x) for i, x in self.ctx.sent_subjects.items() if i < self.index}
        best = most_salient(candidates, subjects)
        return [best] if best is not None else []

    def recent_raiser(self, within: int = 2) -> bool:
        """A company raised money in this sentence or one of the last ``within``."""
        return self.raiser is not None and self.index - self.raiser_sent <= within

    def listed_after(self, ms: list[Ment]) -> list[Ment]:
        """"les pionniers – A, B et C": a list after a dash or colon spells out the name before it."""
        if not ms:
            return []
        last = ms[-1]
        nxt = last.end
        if nxt < self.sent.end and self.sent.doc[nxt].text in ("–", "—", "-", ":"):
            listed = self.after(self.sent.doc[nxt], window=2)
            if len(listed) >= 2:
                return listed
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

    def is_passive(self, tok: Token) -> bool:
        kids = {c.dep_ for c in tok.children}
        if kids & (SUBJ_PASS | AUX_PASS) or "agent" in kids or "obl:agent" in kids:
            return True
        return tok.dep_ in ("acl", "amod") and (tok.tag_ == "VBN" or "Part" in tok.morph.get("VerbForm")) \
            and any(r == "agent" or r == "obl" and p in self.lex.preps["agent"] for r, p, _ in arguments(tok))

    def role_mentions(self, tok: Token, roles: set[str], preps: frozenset | set = frozenset(), follow_of=False) -> list[Ment]:
        out = []
        for role, prep, c in arguments(tok):
            if role in roles and (role != "obl" or prep in preps):
                found = self.np(c, follow_of=follow_of)
                if not found and role == "obl" and c.lower_ in self.lex.generic_prefix_words:
                    found = self.after(c, window=3)     # "avec l'IA de Mistral" parsed apart
                out += found
        return unique(out)

    def money(self) -> str:
        """The first amount of money in the sentence, "" if none."""
        found = amounts(self.sent, self.lex)
        return found[0][2] if found else ""

    def has_percent(self) -> bool:
        return has_percent(self.sent, self.lex)


def unique(ms: list[Ment]) -> list[Ment]:
    seen, out = set(), []
    for m in ms:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out

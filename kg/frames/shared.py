"""Argument searches that frames of several relations use."""
from __future__ import annotations

from spacy.tokens import Token

from ..clauses import arguments, case_of, unique
from ..sentence import Sentence
from ..mentions import STRONG, Ment, is_place


def described(s: Sentence, tok: Token) -> list[Ment]:
    """The mentions a role noun describes: "X, actionnaire", "investor X", "X est un rival"."""
    m = s.ctx.token_ment.get(tok.i)
    if m is not None:
        return [m]
    out = _named_by(s, tok)
    if out:
        return out
    return unique(_predicated(s, tok) or apposed(s, tok))


def _partitive_head(s: Sentence, tok: Token) -> Token | None:
    """"un" in "l'un des rivaux", "one" in "one of the rivals": the word the plural noun is a
    part of, which the clause predicates."""
    head = tok.head
    if s.role(head) == "prep" and head.lower_ in s.lex.preps["of"]:
        head = head.head                        # English: "one" → "of" → "rivals"
    if head.i != tok.i and head.lower_.replace("’", "'") in s.lex.distributives \
            and case_of(tok, s.lex) in s.lex.preps["of"] | {""}:
        return head
    return None


def _named_by(s: Sentence, tok: Token) -> list[Ment]:
    """Names beside the noun: an apposition, a compound, a list, "comme X", "le concurrent X"."""
    out = []
    role = s.role(tok)
    if role == "appos" or role in ("compound", "nmod") and tok.head.i in s.ctx.token_ment:
        out += s.np(tok.head)
    for arg, prep, c in arguments(tok, s.lex):
        if arg in ("appos", "compound", "conj") or arg == "obl" and prep in s.lex.connectors_list:
            out += s.np(c)
    if tok.i + 1 < s.sent.end and (tok.i + 1) in s.ctx.token_ment:
        out += s.after(tok, window=1)          # "le concurrent X", "le service concurrent X"
    return unique(out)


def _predicated(s: Sentence, tok: Token) -> list[Ment]:
    """The subject the noun is said of ("X est un rival", "X est l'un des rivaux de Y", "X is one
    of the rivals of Y"), or the noun a participle describes."""
    one = _partitive_head(s, tok)
    if one is not None:
        tok = one
    out = []
    role = s.role(tok)
    # the French parser makes the noun after "devenir" its object: "X est devenu l'actionnaire de Y"
    copular = role == "obj" and tok.head.lower_ in s.lex.copular_verbs
    if role in ("attr", "xcomp", "root") or copular or any(s.role(c) == "cop" for c in tok.children):
        pred = tok.head if role in ("attr", "xcomp") or copular else tok
        out += s.subjects(pred) or s.role_mentions(pred, {"subjpass"})
    for c in tok.children:                      # "make its search engine a rival to Y": a small
        if s.role(c) == "subj" and c.i < tok.i:  # clause, whose subject is a thing of the clause's subject
            found = s.np(c)
            if not found and has_possessive(c) and tok.head.i != tok.i:
                found = s.subjects(s.governor(tok.head))
            out += found
    verb = _as_verb(s, tok)
    if verb is not None:                        # "X emerges as a rival to Y", "X se pose en concurrent de Y";
        out += s.role_mentions(verb, {"obj"}) or s.subjects(verb)   # "analysts see X as a rival"
    if role == "pobj" and s.role(tok.head.head) in ("acl", "amod"):
        out += s.np(tok.head.head.head)        # "X, considered as Y's competitor"
    if role == "obl" and s.role(tok.head) in ("acl", "amod"):
        out += s.np(tok.head.head)
    if role in ("amod", "acl") or tok.pos_ == "ADJ":
        out += s.np(tok.head) or s.after(tok, window=2)   # "le service concurrent X"
    return out


def _as_verb(s: Sentence, tok: Token) -> Token | None:
    """The verb a role noun is introduced to by "as", "comme", "en" ("emerging as a rival")."""
    lex, role = s.lex, s.role(tok)
    if role == "pobj" and tok.head.lower_ in lex.as_preps and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    if role == "obl" and tok.head.pos_ in ("VERB", "AUX") and case_of(tok, lex) in lex.as_preps:
        return tok.head
    return None


def apposed(s: Sentence, tok: Token) -> list[Ment]:
    """"X, le concurrent de Y": the name just before the comma that opens the noun phrase (not
    "X, whose biggest shareholder": a relative opens that one)."""
    i = tok.i - 1
    while i >= s.sent.start and tok.doc[i].pos_ in ("DET", "ADJ", "NUM") and tok.doc[i].text != "," \
            and tok.doc[i].lower_ not in s.lex.relative_pronouns:
        i -= 1
    if i - 1 >= s.sent.start and tok.doc[i].text == "," and (i - 1) in s.ctx.token_ment:
        return [s.ctx.token_ment[i - 1]]
    return []


def alongside(s: Sentence) -> list[Ment]:
    """Co-investors: "X a investi dans Y aux côtés de Z", "X invested in Y alongside Z"."""
    out = []
    for t in s.sent:
        if t.lower_ in s.lex.alongside_words:
            out += s.after(t, window=3)
    return out


def has_prep(s: Sentence, tok: Token, preps) -> bool:
    return any(r == "obl" and p in preps for r, p, _ in arguments(tok, s.lex))


def object_obl(s: Sentence, tok: Token, preps) -> list[Ment]:
    """The complement of a noun, or of the verb it is the object of: parsers hang "faces
    competition from X", "holds shares in X" on either word."""
    found = s.role_mentions(tok, {"obl"}, preps)
    if not found and s.role(tok) == "obj" and tok.head.i != tok.i:
        found = s.role_mentions(tok.head, {"obl"}, preps)
    return found


def nested_with(s: Sentence, tok: Token, depth: int = 2) -> list[Ment]:
    """"un accord de distribution avec X", "un contrat de livraison d'hydrogène avec X", "a
    contract signed with X": the partner hangs on a complement or participle of the trigger."""
    out = []
    if depth == 0:
        return out
    for role, _prep, c in arguments(tok, s.lex):
        if c.i in s.ctx.token_ment:
            continue
        participle = c.tag_ == "VBN" or "Part" in c.morph.get("VerbForm")
        if role == "obl" and c.pos_ == "NOUN" or role == "acl" and c.pos_ == "VERB" and participle:
            out += s.role_mentions(c, {"obl"}, s.lex.preps["with"]) + nested_with(s, c, depth - 1)
    return unique(out)


def distributed(s: Sentence, tok: Token) -> list[Ment]:
    """Names shared out after the trigger: "des partenariats avec X – l'un avec A, l'autre avec B"."""
    out = []
    doc = tok.doc
    for i in range(tok.i + 1, s.sent.end - 2):
        if doc[i].lower_.replace("’", "'") in s.lex.distributives and doc[i + 1].lower_ in s.lex.preps["with"]:
            out += s.after(doc[i + 1], window=6)
    return unique(out)


def subject_and_other(s: Sentence, tok: Token, roles: set[str], preps) -> list[tuple[Ment, Ment]]:
    """The subject against the named other ("X s'allie avec Y"), else the subjects among
    themselves when several are named together ("X et Y collaborent")."""
    from . import both_ways, pairs

    subj = s.subjects(tok)
    other = s.role_mentions(tok, roles, preps)
    if other:
        return pairs(subj, other)
    if len(subj) >= 2:
        return both_ways(subj)
    return []


def named_predicate(s: Sentence, tok: Token) -> list[Ment]:
    """The names a subject noun is said to be: "les actionnaires sont X, Y et Z" (the names head
    the copula), "its shareholders are X and Y", "whose investors include X and Y"."""
    head = tok.head
    if head.i in s.ctx.token_ment and any(s.role(c) == "cop" for c in head.children):
        return s.np(head)
    roles = {"attr"} | ({"obj"} if s.lex.participation.fullmatch(head.lower_) else set())
    return s.role_mentions(head, roles)


def relative_antecedent(s: Sentence, tok: Token) -> list[Ment]:
    """"Y, dont les actionnaires …", "Y, whose shareholders …": the name just before the relative
    pronoun that determines the noun (past its comma)."""
    doc = tok.doc
    holders = [tok] + ([tok.head] if s.role(tok) in ("xcomp", "attr", "obj") else [])   # "dont il est devenu actionnaire"
    # "Y, dont X est l'actionnaire": the parser may hang "dont" on the subject
    holders += [c for c in tok.children if s.role(c) == "subj" and c.i in s.ctx.token_ment]
    for c in (c for h in holders for c in h.children):
        if c.lower_ in s.lex.relative_pronouns and c.i < tok.i and s.role(c) in ("det", "poss", "compound", "nmod", "obl", "dep"):
            i = c.i - 1
            while i > s.sent.start and doc[i].pos_ == "PUNCT":
                i -= 1
            m = s.ctx.token_ment.get(i)
            return [m] if m is not None and not is_place(m) else []
    return []


def listed_with_owner(s: Sentence, tok: Token) -> tuple[list[Ment], list[Ment]]:
    """A role noun that is the subject of a listing clause: the names listed and the noun's
    owner. "X's competitors include A and B", "Calix competitors include A", "les concurrents
    de X sont A, B et C", "Y, whose partners include A", "Son concurrent est A" (the possessive's
    owner, see :func:`implied_owner`); no owner named: both lists empty."""
    if s.role(tok) != "subj":
        return [], []
    listed = named_predicate(s, tok)
    if not listed:
        return [], []
    lex = s.lex
    owners = s.role_mentions(tok, {"poss", "compound", "amod", "obl"}, lex.preps["of"])
    owners = [m for m in owners if m not in listed] or relative_antecedent(s, tok) \
        or (implied_owner(s, tok, listed, possessive_only=True) if has_possessive(tok) else [])
    return (listed, owners) if owners else ([], [])


def has_possessive(tok: Token) -> bool:
    """A possessive determiner on ``tok`` ("sa participation", "its engine", "ses rivaux")."""
    return any(c.morph.get("Poss") == ["Yes"] or c.tag_ == "PRP$" for c in tok.children)


def implied_owner(s: Sentence, tok: Token, named: list[Ment], possessive_only: bool = False) -> list[Ment]:
    """Whose rival or partner a role noun names when no "of" says it: a possessive's last name
    before ("X … ses rivaux Y"), else, when the sentence opens on it, the subject of the sentence
    before, of the same kind ("Orange a publié ses résultats. Son concurrent Free …"); else the
    subject of the clause ("X signed with partner Y")."""
    # "its rival Samsung": the small English parser makes "rival" an adjective of the name,
    # which takes the possessive
    if has_possessive(tok) or s.role(tok) in ("amod", "compound") and tok.head.i in s.ctx.token_ment \
            and has_possessive(tok.head):
        here = s.ctx.sent_of[tok.i]
        before = [m for m in s.ctx.mentions if m.end <= tok.i and m.sent == here and m not in named]
        # rivals and partners are of one kind: "Trump, nominated by the Republican Party, … his
        # rival Biden" is Trump's rival, not the party's
        alike = [m for m in before if named and (m.type == "PER") == (named[0].type == "PER")]
        if not before and named:
            return _previous_subject(s, here, named)
        return (alike or before)[-1:]
    if named and not possessive_only:
        verb = s.governor(tok.head if s.role(tok) in ("acl", "amod") or tok.pos_ == "VERB" else tok)
        owners = [m for m in s.subjects(verb) if m not in named] if verb.i != tok.i else []
        # "BP … Last week, rival Shell reported": a bare role word on a name, nobody of its kind
        # before it in the sentence, is the rival of the subject before
        if not owners and s.role(tok) in ("amod", "compound") and tok.head.i in s.ctx.token_ment \
                and not any(c.pos_ == "DET" for c in (*tok.children, *tok.head.children)):
            here = s.ctx.sent_of[tok.i]
            kind = named[0].type == "PER"
            if not any(m.end <= tok.i and m.sent == here and (m.type == "PER") == kind for m in s.ctx.mentions):
                owners = _previous_subject(s, here, named)
        return owners
    return []


def _previous_subject(s: Sentence, here: int, named: list[Ment]) -> list[Ment]:
    """The subject of the sentence before, when of the same kind as ``named`` and no place."""
    last = s.ctx.sent_subjects.get(here - 1)
    if last is not None and last not in named and _person(last) == _person(named[0]) and not is_place(last):
        return [last]
    return []


def _person(m: Ment) -> bool:
    """A person by more than the NER's word on one name ("Monzo" tagged PER is mostly a firm)."""
    return m.type == "PER" and (" " in m.name or m.votes["PER"] >= STRONG)

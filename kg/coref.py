"""In-document resolution: every mention gets the document's canonical name for its entity.

Names are merged by the rules of :mod:`kg.merge` with the scope "document" (the same name up
to case, accents, punctuation or a leading article; surnames; generic variants and short forms
of company names; acronyms; typos), plus the short form a text defines in brackets.

Descriptions ("la société", "the company") and subject pronouns are resolved where a relation
needs them, by :func:`antecedent`.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Token

from .lang import Lexicon, known_places
from .mentions import NAMED, STRONG, Ment
from .merge import Name, NameWords, UnionFind, merge_names, vote_type
from .names import name_key

__all__ = ["resolve_mentions", "antecedent", "most_salient"]


def resolve_mentions(mentions: list[Ment], lex: Lexicon) -> None:
    """Set ``name`` and the final ``type`` of every mention, in place (the rules of
    :mod:`kg.merge`, scope "document", plus "Full Name (ACR)" written in the text)."""
    groups: dict[str, list[Ment]] = defaultdict(list)
    for m in mentions:
        groups[_key(m)].append(m)
    names = {k: _name(k, ms) for k, ms in groups.items()}
    uf = UnionFind(names)
    for m in mentions:
        if m.alias_of is not None:
            uf.union(_key(m.alias_of), _key(m))
    merge_names(names, NameWords.of_packs([lex]), "document", uf)
    for members in uf.groups().values():
        ments = [m for k in members for m in groups[k]]
        votes = sum((names[k].votes for k in members), Counter())
        etype = vote_type(votes)
        name = _canonical(ments, etype)
        place = etype == "LOC" and any(m.place for m in ments)
        for m in ments:
            m.name, m.type, m.place = name, etype, place


def _key(m: Ment) -> str:
    return name_key(m.gazetteer or m.text)


def _name(key: str, ments: list[Ment]) -> Name:
    votes = sum((m.votes for m in ments), Counter())
    return Name(key, ments[0].text, votes, min(m.start for m in ments), votes["PER"] >= STRONG, len(ments))


def _canonical(ments: list[Ment], etype: str) -> str:
    gaz = sorted(m.gazetteer for m in ments if m.gazetteer)
    if gaz:
        return gaz[0]
    forms = Counter(m.text for m in ments)
    first = {}
    for m in ments:
        first.setdefault(m.text, m.start)
    if etype == "PER":
        return max(forms, key=lambda f: (len(f.split()), forms[f], -first[f]))
    # organisations: the most used multi-word form, else the most used form
    multi = [f for f in forms if len(f.split()) > 1 and len(f.split()) <= 6]
    pool = multi or list(forms)
    return max(pool, key=lambda f: (forms[f], -first[f]))


def antecedent(tok: Token, mentions: list[Ment], token_ment: dict, lex: Lexicon,
               sent_subjects: dict[int, Ment], sent_of: dict[int, int]) -> Ment | None:
    """The named entity a description ("la société") or subject pronoun refers back to.

    A description goes to the last entity it introduced ("la start-up X" … "la start-up"),
    else to the organisation the text is most about so far (mentions counted, sentence
    subjects twice, the latest winning ties). A pronoun goes to the subject of the sentence it
    reports ("X said it had …"), else to the latest sentence subject.
    """
    low = tok.lower_
    here = sent_of.get(tok.i, 0)
    before = [m for m in mentions if m.end <= tok.i]
    if low in lex.descriptions:
        same_cue = [m for m in before if m.cue == low or low in lex.project_words and m.cue == NAMED]
        if same_cue:
            return same_cue[-1]
        places = known_places()
        # a description points back to an earlier sentence: "Meta and Google invested in the
        # startup" is not about Meta or Google
        candidates = [m for m in before if (m.type in ("ORG", "MISC") or m.type == "LOC" and not m.place
                                            and name_key(m.text) not in places)
                      and m.sent < here]
        # "the Swedish company" is the one introduced as "Swedish battery maker X", or as
        # "X, le propriétaire sino-espagnol de …" ("l'entreprise espagnole")
        adjectives = {_stem(c.lower_, lex) for c in tok.children if lex.role(c) == "amod"}
        if adjectives:
            described = [m for m in candidates if adjectives & _described_by(tok.doc, m, lex)]
            if described:
                return described[-1]
        subjects = {id(s) for i, s in sent_subjects.items() if i < here}
        return most_salient(candidates, subjects)
    if low in lex.pronouns_subject:
        # "X said it had raised…": the subject of the reporting verb
        head = tok.head
        while lex.role(head) in ("ccomp", "conj", "xcomp", "advcl") and head.head.i != head.i:
            head = head.head
            for c in head.children:
                if lex.role(c) in ("subj", "subjpass") and c.i in token_ment:
                    return token_ment[c.i]
        subj = [s for i, s in sorted(sent_subjects.items()) if i < here or i == here and s.end <= tok.i]
        if low in lex.neuter_pronouns:
            # "it", "c'est" never stand for a person, and often for a thing just named: the last
            # named sentence subject ("Yahoo … Mr Yang told reporters … It now faces intense
            # rivalry") would be wrong both ways
            return _neuter_antecedent(tok, mentions, token_ment, lex, sent_subjects, sent_of)
        if subj:
            return subj[-1]
    return None


def _stem(word: str, lex: Lexicon) -> str:
    """An adjective without its agreement ("espagnole", "espagnols" → "espagnol")."""
    for end in lex.agreement_endings:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


def _described_by(doc, m: Ment, lex: Lexicon) -> set[str]:
    """The stems of the words that introduce ``m``: up to five before it in its own phrase (not
    across a preposition: "le propriétaire sino-espagnol de la chaîne X" does not describe X),
    and its apposition up to the next punctuation ("X, le propriétaire sino-espagnol de …")."""
    words = []
    for t in reversed(doc[max(0, m.start - 5):m.start]):
        if t.is_punct or t.pos_ == "ADP":
            break
        words.append(t)
    if m.end < len(doc) and doc[m.end].text == ",":
        for t in doc[m.end + 1:min(len(doc), m.end + 8)]:
            if t.is_punct and t.text != "-":
                break
            words.append(t)
    return {_stem(part, lex) for t in words for part in t.lower_.split("-") if part}


def _neuter_antecedent(tok: Token, mentions: list[Ment], token_ment: dict, lex: Lexicon,
                       sent_subjects: dict[int, Ment], sent_of: dict[int, int]) -> Ment | None:
    """"it", "c'est": what the subjects just before it stand for, walking back over the
    subjects of this and up to three earlier sentences: a named organisation, a description
    that resolves to one ("Now the firm employs 7,600 workers. … it now faces rivalry"), or
    another "it"; nothing when a person or another thing is the subject in between ("Although
    the device rolls …, it will face")."""
    doc = tok.doc
    here = sent_of.get(tok.i, 0)
    sents = list(doc.sents)
    for si in range(here, max(-1, here - 4), -1):
        sent = sents[si]
        if si == here:      # the subjects before it in its own sentence, nearest first
            words = [t for t in sent if t.i < tok.i and lex.role(t) in ("subj", "subjpass")][::-1]
        else:               # the main clause's subject of an earlier sentence
            words = [c for c in sent.root.children if lex.role(c) in ("subj", "subjpass")][:1]
        for t in words:
            m = token_ment.get(t.i)
            if m is not None:
                return m if m.type != "PER" else None
            if t.lower_ in lex.descriptions:
                return antecedent(t, mentions, token_ment, lex, sent_subjects, sent_of)
            if t.lower_ in lex.neuter_pronouns or (t.lower_ in lex.pronouns_subject and t.lower_ not in lex.plural_pronouns
                                                   and t.pos_ == "PRON" and si < here):
                continue        # another "it" (or "il", "elle" earlier): look further back
            if t.pos_ in ("NOUN", "PROPN"):
                # "Shares in engineering group Jarvis have soared on news that it is offloading …"
                inner = [token_ment[d.i] for d in t.subtree if d.i in token_ment and d.i < tok.i]
                return inner[0] if inner and inner[0].type != "PER" else None
    return None


def most_salient(candidates: list[Ment], subjects: set[int]) -> Ment | None:
    """The organisation a text is most about among ``candidates`` (mentions counted, sentence
    subjects twice, names the NER could not type as organisations half; the latest wins ties)."""
    score: Counter = Counter()
    last: dict[str, Ment] = {}
    for m in candidates:
        # a name the NER could not type counts half: it is as often a product as a company
        score[m.name] += (2 if id(m) in subjects else 1) * (1 if m.type == "ORG" else 0.5)
        last[m.name] = m
    if not score:
        return None
    return last[max(score, key=lambda n: (score[n], last[n].start))]

"""In-document resolution: every mention gets the document's canonical name for its entity.

Rules, each a habit of news writing:

* the same name up to case, accents, punctuation or a leading article is one entity;
* a person named in full is later called by the surname, sometimes with a title ("M. Roures");
* a company named in full is later called by its first word, minus a legal or generic suffix
  ("Mistral AI" → "Mistral", "Mistral IA", "l'IA Mistral"); a short form that fits two
  longer names stays apart;
* an acronym spelled out in the text ("General Motors" … "GM");
* a typo at edit distance 1 in a long name ("Deekseek").

Descriptions ("la société", "the company") and subject pronouns are resolved where a relation
needs them, by :func:`antecedent`.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Token

from .lang import Lexicon, known_places
from .mentions import NAMED, STRONG, Ment
from .names import edit_distance_le1, fold, name_key
from .resolve import TYPE_PRIORITY

__all__ = ["resolve_mentions", "antecedent", "most_salient", "core_key"]


def core_key(text: str, lex: Lexicon) -> str:
    """The name without generic leading or trailing words ("L'IA Mistral" → "mistral")."""
    words = [w for w in text.replace("’", "'").split() if w]
    while len(words) > 1 and words[0].lower() in lex.generic_prefix_words | lex.articles:
        words = words[1:]
        if words and words[0].lower() in lex.preps["of"]:
            words = words[1:]
    while len(words) > 1 and words[-1].lower() in lex.generic_name_words:
        words = words[:-1]
    return name_key(" ".join(words))


def _suffix_signature(text: str, lex: Lexicon) -> str:
    """The generic words of a name, with translations and spellings made equal."""
    words = [w.lower() for w in text.replace("’", "'").split()]
    generic = [lex.same_suffix.get(w, w) for w in words if w in lex.generic_name_words or w in lex.generic_prefix_words]
    return " ".join(sorted(set(generic)))


def _same_word(short: str, long: str) -> bool:
    """"Seaborne" is the first word of "Seaborne Renewables"; "Canal+" is not "Canal"."""
    return fold(short) == fold(long.split()[0])


def _initials(text: str, lex: Lexicon) -> str:
    skip = lex.articles | lex.preps["of"] | lex.conjunctions
    words = [w for w in text.replace("-", " ").split() if w.lower() not in skip]
    return "".join(w[0] for w in words if w[0].isalnum()).upper()


def resolve_mentions(mentions: list[Ment], lex: Lexicon) -> None:
    """Set ``name`` and the final ``type`` of every mention, in place."""
    groups: dict[str, list[Ment]] = defaultdict(list)
    for m in mentions:
        groups[name_key(m.gazetteer or m.text)].append(m)
    keys = list(groups)
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    def votes(k) -> Counter:
        c = Counter()
        for m in groups[k]:
            c.update(m.votes)
        return c

    def is_person(k) -> bool:
        v = votes(k)
        return v["PER"] > 0 and v["PER"] >= max(v.values())

    first_pos = {k: min(m.start for m in groups[k]) for k in keys}
    multi = [k for k in keys if len(groups[k][0].text.split()) > 1]

    # a stray capitalised word before a name the document uses more often ("Hope Mistral AI",
    # "Pioneer Openai": a translated epithet), unless it is a first name
    stray: set[str] = set()
    for k in multi:
        words = groups[k][0].text.split()
        tail = name_key(" ".join(words[1:]))
        if tail in groups and len(groups[tail]) > len(groups[k]) and words[0].lower() not in lex.first_names \
                and words[0][:1].isupper():
            union(tail, k)
            stray.update(m.text for m in groups[k])
    multi = [k for k in multi if groups[k][0].text not in stray]

    # surnames of people named in full, and the name with a title stripped
    surnames: dict[str, set[str]] = defaultdict(set)
    for k in multi:
        if is_person(k):
            surnames[name_key(groups[k][0].text.split()[-1])].add(k)
    for k in keys:
        if k in surnames and len(surnames[k]) == 1 and len(groups[k][0].text.split()) == 1:
            full = next(iter(surnames[k]))
            union(full, k)
            for m in groups[k]:
                m.votes["PER"] += STRONG

    # short forms and generic variants of organisation names
    cores: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        if not is_person(k):
            cores[core_key(groups[k][0].text, lex)].add(k)
    for ks in cores.values():
        # "Mistral AI" / "Mistral IA" / "L'IA Mistral" are one; "Mitsubishi Motors" and
        # "Mitsubishi Group" differ in a real suffix, so that core is ambiguous and left alone
        suffixes = {_suffix_signature(groups[k][0].text, lex) for k in ks} - {""}
        if len(ks) > 1 and len(suffixes) <= 1:
            base = min(ks, key=lambda k: first_pos[k])
            for k in ks:
                union(base, k)
    def sure_person(k) -> bool:
        return votes(k)["PER"] >= STRONG

    for k in keys:
        if sure_person(k) or len(groups[k][0].text.split()) != 1:
            continue
        # a one-word name that is the first word of exactly one longer non-person name: either
        # the rest is generic ("Cisco" / "Cisco Systems"), or the long name was written first
        # and the short one only after, the way news shortens a company it has introduced
        # ("Seaborne Renewables" … "Seaborne"); "Facebook" used before "Facebook Gaming" stays apart
        longer = {find(o) for o in multi if not is_person(o) and o != k
                  and name_key(groups[o][0].text.split()[0]) == k
                  and (all(w.lower() in lex.org_suffixes for w in groups[o][0].text.split()[1:])
                       or first_pos[o] < first_pos[k] and _same_word(groups[k][0].text, groups[o][0].text))}
        if len(longer) == 1:
            union(next(iter(longer)), k)

    # "Full Name (ACR)" defines the acronym
    for m in mentions:
        if m.alias_of is not None:
            union(name_key(m.alias_of.gazetteer or m.alias_of.text), name_key(m.gazetteer or m.text))

    # acronyms spelled out in the document
    for k in keys:
        text = groups[k][0].text
        if 2 <= len(text) <= 6 and text.replace(".", "").isalnum() and text.replace(".", "").upper() == text.replace(".", ""):
            acro = text.replace(".", "")
            cands = {find(o) for o in multi if _initials(groups[o][0].text, lex) == acro}
            if len(cands) == 1:
                union(next(iter(cands)), k)

    # typos in long names
    long_keys = sorted(k for k in keys if len(k) >= 7)
    single = {k for k in keys if len(groups[k][0].text.split()) == 1}
    for i, a in enumerate(long_keys):
        for b in long_keys[i + 1:]:
            # the NER often types a misspelt brand as a person: one-word names ignore types
            if edit_distance_le1(a, b) and (is_person(a) == is_person(b) or a in single and b in single):
                union(a, b)

    # a name and the same name with a complement: "Ligue 1" / "Ligue 1 de football"
    for k in multi:
        words = groups[k][0].text.split()
        for n in range(2, len(words) - 1):
            if words[n].lower() in lex.preps["of"]:
                shorter = name_key(" ".join(words[:n]))
                if shorter in parent and not is_person(shorter):
                    union(shorter, k)
                break

    clusters: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        clusters[find(k)].append(k)
    for members in clusters.values():
        ments = [m for k in members for m in groups[k]]
        v = Counter()
        for m in ments:
            v.update(m.votes)
        etype = min(v, key=lambda t: (-v[t], TYPE_PRIORITY.get(t, 9)))
        name = _canonical([m for m in ments if m.text not in stray] or ments, etype)
        for m in ments:
            m.name, m.type = name, etype


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
        candidates = [m for m in before if (m.type in ("ORG", "MISC") or m.type == "LOC" and name_key(m.text) not in places)
                      and m.sent < here]
        # "the Swedish company" is the one introduced as "Swedish battery maker X"
        adjectives = {c.lower_ for c in tok.children if c.dep_ == "amod"}
        if adjectives:
            described = [m for m in candidates if adjectives & {t.lower_ for t in tok.doc[max(0, m.start - 5):m.start]}]
            if described:
                return described[-1]
        subjects = {id(s) for i, s in sent_subjects.items() if i < here}
        return most_salient(candidates, subjects)
    if low in lex.pronouns_subject:
        # "X said it had raised…": the subject of the reporting verb
        head = tok.head
        while head.dep_ in ("ccomp", "conj", "xcomp", "advcl") and head.head is not head:
            head = head.head
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and c.i in token_ment:
                    return token_ment[c.i]
        subj = [s for i, s in sorted(sent_subjects.items()) if i < here or i == here and s.end <= tok.i]
        if subj:
            last = subj[-1]
            if low in lex.neuter_pronouns and last.type == "PER":
                return None
            return last
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

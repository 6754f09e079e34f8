"""Merging names into entities, in one document or across the corpus: one union-find, one set
of merge rules and one type vote, with the scope as a parameter.

:func:`kg.coref.resolve_mentions` (scope ``"document"``) groups a document's mentions by name
key; :func:`kg.resolve.resolve_entities` (scope ``"corpus"``) groups the documents' names. Both
describe each group as a :class:`Name` and call :func:`merge_names`. The rules, each a habit of
news writing:

* a person named in full is later called by the surname (document only);
* generic variants of one organisation name are one: "Mistral AI", "Mistral IA", "l'IA Mistral";
* a one-word short form joins the only longer non-person name it starts: "Cisco" → "Cisco
  Systems" (the rest is generic), and in a document "Seaborne" → "Seaborne Renewables" when
  the long name came first;
* an acronym spelled out in the document ("General Motors" … "GM");
* a typo at edit distance 1 in a long name ("Deekseek");
* a name and the same name with a complement ("Ligue 1" / "Ligue 1 de football", document only).

A description ("Mistral de la Chine", "la start-up") is never merged into a name: it is no
alias (descriptions are resolved where a relation needs them, by :func:`kg.coref.antecedent`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .learn.org_names import is_known_org
from .mentions import KNOWN_ORG, STRONG
from .names import edit_distance_le1, fold, name_key

__all__ = ["TYPE_PRIORITY", "Name", "NameWords", "UnionFind", "merge_names", "vote_type", "core_key"]

#: When votes tie, the more specific type wins.
TYPE_PRIORITY = {"PER": 0, "ORG": 1, "PRODUCT": 2, "LOC": 3, "MISC": 4}
#: Typos are only trusted in names long enough that one edit cannot make another real name.
TYPO_MIN_LEN = 7
SCOPES = ("document", "corpus")


def vote_type(votes: Counter) -> str:
    """The type with the most votes; on a tie the more specific one (``TYPE_PRIORITY``)."""
    return min(votes, key=lambda t: (-votes[t], TYPE_PRIORITY.get(t, 9), t))


class UnionFind:
    """Disjoint sets of name keys; the smaller key is the root, so results do not depend on
    the order of the unions."""

    def __init__(self, keys=()):
        self.parent: dict[str, str] = {k: k for k in keys}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for k in sorted(self.parent):
            out[self.find(k)].append(k)
        return out


@dataclass
class Name:
    """One name to merge: its key, the form that stands for it, its type votes, where it is
    first used (token index in a document; 0 across the corpus) and whether it is surely a person."""

    key: str
    text: str
    votes: Counter = field(default_factory=Counter)
    first: int = 0
    sure_person: bool = False
    count: int = 1              # mentions (a document) or documents' names (the corpus)

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def is_person(self) -> bool:
        v = self.votes
        return v["PER"] > 0 and v["PER"] >= max(v.values())


@dataclass(frozen=True)
class NameWords:
    """The word classes the merge rules read, from one language pack or from all of them."""

    articles: frozenset
    of: frozenset               # "de", "of": the preposition of a complement
    conjunctions: frozenset
    generic_prefix_words: frozenset
    generic_name_words: frozenset
    org_suffixes: frozenset
    same_suffix: dict

    @classmethod
    def of_packs(cls, packs) -> "NameWords":
        packs = list(packs)

        def union(attr):
            return frozenset().union(*(getattr(p, attr) for p in packs))

        return cls(union("articles"), frozenset().union(*(p.preps["of"] for p in packs)), union("conjunctions"),
                   union("generic_prefix_words"), union("generic_name_words"), union("org_suffixes"),
                   {k: v for p in packs for k, v in p.same_suffix.items()})


def core_key(text: str, words: NameWords) -> str:
    """The name without generic leading or trailing words ("L'IA Mistral" → "mistral")."""
    parts = [w for w in text.replace("’", "'").split() if w]
    while len(parts) > 1 and parts[0].lower() in words.generic_prefix_words | words.articles:
        parts = parts[1:]
        if parts and parts[0].lower() in words.of:
            parts = parts[1:]
    while len(parts) > 1 and parts[-1].lower() in words.generic_name_words:
        parts = parts[:-1]
    return name_key(" ".join(parts))


def merge_names(names: dict[str, Name], words: NameWords, scope: str, uf: UnionFind | None = None) -> UnionFind:
    """Apply the merge rules of ``scope`` ("document" or "corpus") to ``names`` (key → Name)."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")
    uf = uf or UnionFind()
    for k in names:
        uf.find(k)
    rules = [_surnames, _generic_variants, _short_forms, _acronyms, _typos, _complements] if scope == "document" \
        else [_short_forms, _typos]
    for rule in rules:
        rule(names, words, uf, scope)
    return uf


def _surnames(names, words, uf, scope) -> None:
    """"Paul Durand" … "Durand": the surname of exactly one person named in full."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for k, n in names.items():
        if len(n.words) > 1 and n.is_person:
            surnames[name_key(n.words[-1])].add(k)
    for k, n in names.items():
        # not a name the document calls an organisation more than a person ("United's chief
        # executive", "the United board" is no surname of "Shareholders United"); the list of
        # real organisations is no such call: "Bill Gates" … "Gates" is the person, not Gates Corp.
        org = n.votes["ORG"] - (KNOWN_ORG * n.count if is_known_org(n.text) else 0)
        if len(surnames.get(k, ())) == 1 and len(n.words) == 1 \
                and not (org >= 2 and org > n.votes["PER"]):
            uf.union(next(iter(surnames[k])), k)
            n.votes["PER"] += STRONG * n.count     # the surname is as sure as the full name
            n.sure_person = True
    # "Jeanne-Marie Gescher" (typed an organisation by the NER alone) … "Mrs Gescher": a surname
    # surely a person's makes the only full name ending in it a person's
    for k, n in names.items():
        if k in surnames or len(n.words) != 1 or n.votes["PER"] < STRONG or n.votes["ORG"] > n.votes["PER"]:
            continue
        full = [o for o, f in names.items() if 1 < len(f.words) <= 3 and name_key(f.words[-1]) == k
                and f.votes["ORG"] < STRONG and all(w[:1].isupper() for w in f.words)]
        if len(full) == 1:
            uf.union(full[0], k)
            n.sure_person = True


def _suffix_signature(text: str, words: NameWords) -> str:
    """The generic words of a name, with translations and spellings made equal."""
    generic = [words.same_suffix.get(w, w) for w in text.lower().replace("’", "'").split()
               if w in words.generic_name_words or w in words.generic_prefix_words]
    return " ".join(sorted(set(generic)))


def _generic_variants(names, words, uf, scope) -> None:
    """"Mistral AI" / "Mistral IA" / "L'IA Mistral" are one; "Mitsubishi Motors" and
    "Mitsubishi Group" differ in a real suffix, so that core is ambiguous and left alone."""
    cores: dict[str, list[str]] = defaultdict(list)
    for k, n in names.items():
        if not n.is_person:
            cores[core_key(n.text, words)].append(k)
    for ks in cores.values():
        suffixes = {_suffix_signature(names[k].text, words) for k in ks} - {""}
        if len(ks) > 1 and len(suffixes) <= 1:
            for k in ks[1:]:
                uf.union(ks[0], k)


def _short_forms(names, words, uf, scope) -> None:
    """A one-word name joins the only longer non-person name it is the first word of, when the
    rest is generic ("Cisco" / "Cisco Systems"), or, in a document, when the long name was
    written first: news shortens a company it has introduced ("Seaborne Renewables" …
    "Seaborne"), while "Facebook" used before "Facebook Gaming" stays apart. Types do not
    matter: the NER often types the short form of a company as a person."""
    # across articles only a legal form or "Group" may be left out: "Google" in one article and
    # "Google Cloud" or "United" and "United Bank" in others are different parties
    generic = words.org_suffixes | words.generic_name_words if scope == "document" else words.generic_name_words
    by_first: dict[str, list[str]] = defaultdict(list)
    for k, n in names.items():
        if len(n.words) > 1 and not n.is_person:
            by_first[name_key(n.words[0])].append(k)
    for k, n in names.items():
        if n.sure_person or len(n.words) != 1:
            continue
        longer = {uf.find(o) for o in by_first.get(k, ()) if o != k and (
            all(w.lower() in generic for w in names[o].words[1:])
            or scope == "document" and names[o].first < n.first and fold(n.text) == fold(names[o].words[0]))}
        if len(longer) == 1:
            uf.union(longer.pop(), k)


def _initials(text: str, words: NameWords) -> str:
    skip = words.articles | words.of | words.conjunctions
    return "".join(w[0] for w in text.replace("-", " ").split() if w.lower() not in skip and w[0].isalnum()).upper()


def _acronyms(names, words, uf, scope) -> None:
    """"GM" is "General Motors" when exactly one longer name has those initials."""
    multi = [k for k, n in names.items() if len(n.words) > 1]
    for k, n in names.items():
        acro = n.text.replace(".", "")
        if 2 <= len(n.text) <= 6 and acro.isalnum() and acro.upper() == acro:
            found = {uf.find(o) for o in multi if _initials(names[o].text, words) == acro}
            if len(found) == 1:
                uf.union(found.pop(), k)


def _typos(names, words, uf, scope) -> None:
    """Long names one edit apart ("Deekseek" / "DeepSeek"), both people or both not; one-word
    names ignore types (the NER often types a misspelt brand as a person). Across articles,
    where two real companies often differ by a letter ("LG Group" / "LS Group"), only longer
    names that agree on their first letters."""
    least = TYPO_MIN_LEN if scope == "document" else TYPO_MIN_LEN + 1
    # two keys one edit apart share a one-deletion variant (or one is a deletion of the other):
    # only those are compared, linear in the number of names rather than quadratic
    variants: dict[str, list[str]] = defaultdict(list)
    for k in sorted(k for k in names if len(k) >= least):
        for v in {k[:i] + k[i + 1:] for i in range(len(k))} | {k}:
            variants[v].append(k)
    pairs = {(a, b) for ks in variants.values() for a in ks for b in ks if a < b}
    for a, b in sorted(pairs):
        if (scope == "document" or a[:3] == b[:3]) and edit_distance_le1(a, b) and _same_kind(names[a], names[b]):
            uf.union(a, b)


def _same_kind(a: Name, b: Name) -> bool:
    return a.is_person == b.is_person or len(a.words) == 1 and len(b.words) == 1


def _complements(names, words, uf, scope) -> None:
    """"Ligue 1 de football" is "Ligue 1" when that name is used too."""
    for k, n in names.items():
        parts = n.words
        for i in range(2, len(parts) - 1):
            if parts[i].lower() in words.of:
                shorter = name_key(" ".join(parts[:i]))
                if shorter in names and not names[shorter].is_person:
                    uf.union(shorter, k)
                break

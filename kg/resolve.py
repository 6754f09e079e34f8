"""Cross-document entity resolution: one node per real-world entity.

Within a document, mentions already carry the document's canonical name (see
:mod:`kg.coref`). Here names from different documents are merged when they are the same name up
to case, accents, punctuation and a leading article, when one is a short form that points to
exactly one longer name (``Mistral`` → ``Mistral AI``), or when a long name differs by one typo.
Names that merely share a word are never merged.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from .names import edit_distance_le1, name_key, slug
from .records import DocResult, Entity

__all__ = ["resolve_entities", "resolve_names", "NameStats", "TYPE_PRIORITY"]

#: When votes tie, the more specific type wins.
TYPE_PRIORITY = {"PER": 0, "ORG": 1, "PRODUCT": 2, "LOC": 3, "MISC": 4}
#: Typos are only trusted in names long enough that one edit cannot make another real name.
_TYPO_MIN_LEN = 7


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key becomes the root, so the result does not depend on call order
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_entities(results: list[DocResult]) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    """Merge the document-level names of ``results`` into entities.

    Returns the entities and a map ``(doc_id, document-level name) -> entity id``.
    """
    stats = NameStats()
    for res in results:
        for m in res.mentions:
            stats.add(m.name, m.text, m.type, 1, res.doc_id)
    entities, key_to_id = resolve_names(stats)

    local_to_id = {}
    for res in results:
        for m in res.mentions:
            k = name_key(m.name)
            if k in key_to_id:
                local_to_id[(res.doc_id, m.name)] = key_to_id[k]
    return entities, local_to_id


class NameStats:
    """Counts over every mention whose document-level name has a given key (:func:`name_key`):
    surface forms, names, types and documents. Fed mention by mention or, from the store,
    by ``(name, text, type)`` group with its count."""

    def __init__(self):
        self.forms: dict[str, Counter] = defaultdict(Counter)       # surface forms
        self.names: dict[str, Counter] = defaultdict(Counter)       # document-level canonical names
        self.types: dict[str, Counter] = defaultdict(Counter)
        self.docs: dict[str, set] = defaultdict(set)
        self._keys: dict[str, str] = {}

    def key(self, name: str) -> str:
        k = self._keys.get(name)
        if k is None:
            k = self._keys[name] = name_key(name)
        return k

    def add(self, name: str, text: str, etype: str, count: int = 1, doc_id: str | None = None) -> None:
        k = self.key(name)
        if not k:
            return
        self.forms[k][text] += count
        self.names[k][name] += count
        self.types[k][etype] += count
        if doc_id is not None:
            self.docs[k].add(doc_id)

    def keys(self) -> Iterator[tuple[str, str]]:
        """Every ``(name, key)`` seen."""
        return iter(self._keys.items())

    def add_documents(self, name: str, doc_ids) -> None:
        k = self.key(name)
        if k:
            self.docs[k].update(doc_ids)


def resolve_names(stats: NameStats) -> tuple[list[Entity], dict[str, str]]:
    """The entities made of the names counted in ``stats``, and a map name key -> entity id."""
    forms, names, types, docs = stats.forms, stats.names, stats.types, stats.docs
    uf = _UnionFind()
    keys = sorted(names)
    for k in keys:
        uf.find(k)
    _merge_short_forms(keys, names, types, uf)
    _merge_typos(keys, types, uf)

    groups: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        groups[uf.find(k)].append(k)

    entities, key_to_id, used_ids = [], {}, set()
    for members in sorted(groups.values()):
        type_votes = Counter()
        name_votes = Counter()
        all_forms = Counter()
        all_docs = set()
        for k in members:
            type_votes.update(types[k])
            name_votes.update(names[k])
            all_forms.update(forms[k])
            all_forms.update(names[k])
            all_docs |= docs[k]
        etype = min(type_votes, key=lambda t: (-type_votes[t], TYPE_PRIORITY.get(t, 9), t))
        # The canonical name is the fullest name documents used: most words, then most used.
        name = max(name_votes, key=lambda n: (len(n.split()), name_votes[n], len(n), n))
        ent_id = slug(name)
        if ent_id in used_ids:
            n = 2
            while f"{ent_id}-{n}" in used_ids:
                n += 1
            ent_id = f"{ent_id}-{n}"
        used_ids.add(ent_id)
        aliases = tuple(sorted({f for f in all_forms if f != name}, key=lambda f: (f.casefold(), f)))
        entities.append(Entity(ent_id, name, etype, aliases, sum(types[k].total() for k in members),
                               tuple(sorted(all_docs))))
        for k in members:
            key_to_id[k] = ent_id
    return entities, key_to_id


def _generic_words() -> frozenset:
    from .lang import SUPPORTED
    from .lexicon import load_lexicon

    return frozenset().union(*(load_lexicon(lang).generic_name_words for lang in SUPPORTED))


def _merge_short_forms(keys, names, types, uf) -> None:
    """Merge a one-word name into the only longer name that is it plus generic words.

    ``Mistral`` joins ``Mistral AI`` and ``Cisco`` joins ``Cisco Systems``, but ``Facebook``
    stays apart from ``Facebook Gaming``; ``Mitsubishi`` stays alone when both
    ``Mitsubishi Motors`` and ``Mitsubishi Corp`` exist, since it could be either.
    """
    generic = _generic_words()
    first_word: dict[str, set[str]] = defaultdict(set)
    single = {}
    for k in keys:
        words = max(names[k], key=lambda n: names[k][n]).split()
        if len(words) == 1:
            single[name_key(words[0])] = k
        elif words and all(w.lower() in generic for w in words[1:]):
            first_word[name_key(words[0])].add(k)
    for w, k in single.items():
        longer = first_word.get(w, set())
        if len(longer) == 1 and _compatible(types[k], types[next(iter(longer))]):
            uf.union(k, next(iter(longer)))


def _merge_typos(keys, types, uf) -> None:
    """Merge long names one edit apart (``Deekseek`` / ``DeepSeek``), same type family only.

    Two names one edit apart share a one-deletion variant (a substitution or a swap) or one is
    a deletion of the other, so only names sharing one are compared: linear in the number of
    names instead of quadratic, which matters at 100,000 articles.
    """
    by_len: dict[int, list[str]] = defaultdict(list)
    for k in keys:
        if len(k) >= _TYPO_MIN_LEN:
            by_len[len(k)].append(k)
    for n, same in by_len.items():
        deleted: dict[str, list[str]] = defaultdict(list)
        for k in same:
            for v in _deletions(k):
                deleted[v].append(k)
        for k in same:
            for v in _deletions(k):
                for other in deleted[v]:
                    if other > k and edit_distance_le1(k, other) and _compatible(types[k], types[other]):
                        uf.union(k, other)
        exact = set(same)
        for longer in by_len.get(n + 1, ()):
            for v in _deletions(longer):
                if v in exact and _compatible(types[v], types[longer]):
                    uf.union(v, longer)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _compatible(a: Counter, b: Counter) -> bool:
    """Two names may be one entity unless one is clearly a person and the other is not."""
    ta = a.most_common(1)[0][0] if a else None
    tb = b.most_common(1)[0][0] if b else None
    return (ta == "PER") == (tb == "PER")

"""Cross-document entity resolution: one node per real-world entity.

Within a document, mentions already carry the document's canonical name (see
:mod:`kg.coref`). Here names from different documents are merged by the rules of
:mod:`kg.merge` with the scope "corpus": the same name up to case, accents, punctuation and a
leading article, a short form that points to exactly one longer name (``Mistral`` →
``Mistral AI``), or a long name one typo away. Names that merely share a word are never merged.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from .lang import SUPPORTED, load_pack
from .merge import TYPE_PRIORITY, Name, NameWords, merge_names, vote_type
from .names import name_key, slug
from .records import DocResult, Entity

__all__ = ["resolve_entities", "resolve_names", "NameStats", "TYPE_PRIORITY"]



def resolve_entities(results: Iterable[DocResult]) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    """Merge the document-level names of ``results`` into entities.

    Returns the entities and a map ``(doc_id, document-level name) -> entity id``.
    """
    stats = NameStats()
    local: set[tuple[str, str]] = set()          # (doc_id, document-level name): results are read once
    for res in results:
        for m in res.mentions:
            if stats.add(m.name, m.text, m.type, 1, res.doc_id):
                local.add((res.doc_id, m.name))
    entities, key_to_id = resolve_names(stats)
    return entities, {(doc_id, name): key_to_id[stats.key(name)] for doc_id, name in local}


def resolve_names(stats: "NameStats") -> tuple[list[Entity], dict[str, str]]:
    """The entities made of the names counted in ``stats``, and a map name key -> entity id."""
    names = {k: stats.name(k) for k in sorted(stats.names)}
    words = NameWords.of_packs(load_pack(lang) for lang in SUPPORTED)
    groups = merge_names(names, words, "corpus").groups()
    entities, key_to_id, used_ids = [], {}, set()
    for members in sorted(groups.values()):
        ent = stats.entity(members, used_ids)
        entities.append(ent)
        key_to_id.update(dict.fromkeys(members, ent.id))
    return entities, key_to_id


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

    def add(self, name: str, text: str, etype: str, count: int = 1, doc_id: str | None = None) -> bool:
        k = self.key(name)
        if not k:
            return False
        self.forms[k][text] += count
        self.names[k][name] += count
        self.types[k][etype] += count
        if doc_id is not None:
            self.docs[k].add(doc_id)
        return True

    def keys(self) -> Iterator[tuple[str, str]]:
        """Every ``(name, key)`` seen."""
        return iter(self._keys.items())

    def add_documents(self, name: str, doc_ids) -> None:
        k = self.key(name)
        if k:
            self.docs[k].update(doc_ids)

    def name(self, k: str) -> Name:
        text = max(self.names[k], key=lambda n: self.names[k][n])
        person = vote_type(self.types[k]) == "PER"
        return Name(k, text, Counter(self.types[k]), 0, person, len(self.docs[k]))

    def entity(self, members: list[str], used_ids: set[str]) -> Entity:
        type_votes, name_votes, all_forms, all_docs = Counter(), Counter(), Counter(), set()
        for k in members:
            type_votes.update(self.types[k])
            name_votes.update(self.names[k])
            all_forms.update(self.forms[k])
            all_forms.update(self.names[k])
            all_docs |= self.docs[k]
        # The canonical name is the fullest name documents used: most words, then most used.
        name = max(name_votes, key=lambda n: (len(n.split()), name_votes[n], len(n), n))
        ent_id = _unique_id(slug(name), used_ids)
        aliases = tuple(sorted({f for f in all_forms if f != name}, key=lambda f: (f.casefold(), f)))
        return Entity(ent_id, name, vote_type(type_votes), aliases, sum(self.types[k].total() for k in members),
                      tuple(sorted(all_docs)))


def _unique_id(ent_id: str, used_ids: set[str]) -> str:
    if ent_id in used_ids:
        n = 2
        while f"{ent_id}-{n}" in used_ids:
            n += 1
        ent_id = f"{ent_id}-{n}"
    used_ids.add(ent_id)
    return ent_id

"""Cross-document entity resolution: one node per real-world entity.

Within a document, mentions already carry the document's canonical name (see
:mod:`kg.coref`). Here names from different documents are merged by the rules of
:mod:`kg.merge` with the scope "corpus": the same name up to case, accents, punctuation and a
leading article, a short form that points to exactly one longer name (``Mistral`` →
``Mistral AI``), or a long name one typo away. Names that merely share a word are never merged.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from .lang import SUPPORTED, load_pack
from .merge import TYPE_PRIORITY, Name, NameWords, merge_names, vote_type
from .names import name_key, slug
from .records import DocResult, Entity

__all__ = ["resolve_entities", "TYPE_PRIORITY"]



def resolve_entities(results: Iterable[DocResult]) -> tuple[list[Entity], dict[tuple[str, str], str]]:
    """Merge the document-level names of ``results`` into entities.

    Returns the entities and a map ``(doc_id, document-level name) -> entity id``.
    """
    stats = _Stats()
    local: set[tuple[str, str]] = set()          # (doc_id, document-level name): results are read once
    for res in results:
        for m in res.mentions:
            if stats.add(res.doc_id, m):
                local.add((res.doc_id, m.name))
    names = {k: stats.name(k) for k in sorted(stats.names)}
    words = NameWords.of_packs(load_pack(lang) for lang in SUPPORTED)
    groups = merge_names(names, words, "corpus").groups()
    entities, key_to_id, used_ids = [], {}, set()
    for members in sorted(groups.values()):
        ent = stats.entity(members, used_ids)
        entities.append(ent)
        key_to_id.update(dict.fromkeys(members, ent.id))
    local_to_id = {(doc_id, name): key_to_id[name_key(name)] for doc_id, name in local}
    return entities, local_to_id


class _Stats:
    """Per name key: surface forms, document-level names, types and documents."""

    def __init__(self):
        self.forms: dict[str, Counter] = defaultdict(Counter)
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.types: dict[str, Counter] = defaultdict(Counter)
        self.docs: dict[str, set] = defaultdict(set)

    def add(self, doc_id: str, m) -> bool:
        k = name_key(m.name)
        if not k:
            return False
        self.forms[k][m.text] += 1
        self.names[k][m.name] += 1
        self.types[k][m.type] += 1
        self.docs[k].add(doc_id)
        return True

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

"""Cross-document entity resolution: one node per real-world entity.

Within a document, mentions already carry the document's canonical name (see
:mod:`kg.coref`). Here names from different documents are merged by the rules of
:mod:`kg.merge` with the scope "corpus": the same name up to case, accents, punctuation and a
leading article, a short form that points to exactly one longer name (``Mistral`` →
``Mistral AI``), or a long name one typo away. Names that merely share a word are never merged.
"""
from __future__ import annotations

import marshal
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .lang import SUPPORTED, load_pack
from .merge import TYPE_PRIORITY, TYPO_MIN_LEN, Name, NameWords, merge_names, vote_type
from .names import edit_distance_le1, name_key, slug
from .records import DocResult, Entity

__all__ = ["resolve_entities", "resolve_names", "resolve_store", "NameStats", "TYPE_PRIORITY"]



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


# -- from the store, kept incrementally ----------------------------------------------------------
#
# The corpus rules (kg.merge, scope "corpus") are local: a one-word name joins the only longer
# non-person name it starts whose other words are generic (a decision that reads that name and
# the names sharing its first word), and two long names one typo apart are joined (a decision
# that reads the two names). So the merges of a corpus are a set of edges between name keys, each
# edge a function of the one or two keys it joins, and the entities are the connected components
# of those edges. The state below keeps, per key, what the rules read of it, the edges and the
# entity made of each component; a build recomputes the features of the keys whose counts
# changed, the decisions that read them, the components and the entities that hold one of them,
# and reuses the rest. ``tests/test_resolve_store.py`` checks the result is the one a resolution
# from scratch gives, change after change.

#: State layout version (bumped when what is kept changes).
_STATE_VERSION = "2"
#: The two kinds of merge edge across articles (kg.merge's corpus rules).
SHORT_FORM, TYPO = "short-form", "one-edit"
#: Above this share of changed names, the state is rebuilt from scratch (cheaper than patching).
_FULL_SHARE = 0.2


@dataclass
class _State:
    keys: dict            # name -> key (names whose key is not empty)
    feats: dict           # key -> (text, is_person, sure_person, several words, first word's key, generic rest)
    edges: set            # (a, b, kind): a short form (a the long name) or a typo (a < b)
    groups: dict          # root key (the smallest) -> (members tuple, entity row)

    def dump(self) -> bytes:
        # marshal keeps sets and tuples as they are: nothing to convert either way (117,000 names
        # and their groups at 100,000 articles)
        return marshal.dumps((self.keys, self.feats, self.edges, self.groups))

    @classmethod
    def load(cls, blob: bytes) -> "_State":
        keys, feats, edges, groups = marshal.loads(blob)     # a state of this _STATE_VERSION (state_code)
        return cls(keys, feats, edges, groups)


def state_code() -> str:
    """What a kept resolution state is valid for: this kg (every source file, lexicons included)
    and this Python (the state is marshalled)."""
    from .store import package_fingerprint
    return f"{_STATE_VERSION}|{sys.version}|{package_fingerprint()}"


def resolve_store(store, corpus: str, *, incremental: bool = True) -> tuple[list[tuple], dict[str, str], tuple]:
    """The entities of ``corpus`` in ``store``, a map name -> entity id, and the resolution state
    to keep, ``(code, last change covered, state)`` (give it to
    :meth:`kg.store.Store.replace_entities`; None when the kept one is still right); the same
    entities as :func:`resolve_names` makes of the corpus's name counts.

    Entities are rows ``(id, name, type, aliases tuple, mentions, documents)``, sorted by id.
    The resolution the last assembly kept is reused, and only what the names changed since can
    affect is recomputed (``incremental=False``, a state of another kg or one that cannot be
    read, a document list an older kg wrote, or more than a fifth of the names changed: from
    scratch). Call it inside :meth:`kg.store.Store.snapshot`, so the counts and the list of
    changed names are one moment of the store.
    """
    code = state_code()
    kept = store.resolution(corpus)
    dirty, upto = store.dirty_names(corpus, kept[1] if kept else 0)
    state = None
    if incremental and kept is not None and kept[0] == code and store.list_unchanged(corpus):
        try:
            state = _State.load(kept[2])
        except (ValueError, EOFError, TypeError):      # damaged: made again
            state = None
        if state is not None and len(dirty) > _FULL_SHARE * max(1, len(state.keys)):
            state = None
    words = NameWords.of_packs(load_pack(lang) for lang in SUPPORTED)
    fresh = state is None
    if fresh:
        state = _full_state(store, corpus, words)
    elif dirty:
        _update_state(state, store, corpus, dirty, words)
    entities, group_id = _entity_rows(state)
    name_to_id = {name: group_id[k] for name, k in state.keys.items() if k in group_id}
    return entities, name_to_id, (code, upto, state) if fresh or dirty else None


def _counters(rows) -> tuple[dict, dict, dict]:
    names: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, Counter] = defaultdict(Counter)
    keys: dict[str, str] = {}
    for name, text, etype, count in rows:
        k = keys.get(name)
        if k is None:
            k = keys[name] = name_key(name)
        if not k:
            continue
        names[k][name] += count
        types[k][etype] += count
        forms[k][text] += count
    return names, types, forms


def _feature(k: str, names: Counter, types: Counter, words: NameWords) -> tuple:
    # as NameStats.name: the most used name (ties: the first in name order, the store's order)
    text = min(names, key=lambda n: (-names[n], n))
    per = types["PER"]
    is_person = per > 0 and per >= max(types.values())
    parts = text.split()
    multi = len(parts) > 1
    generic_rest = all(w.lower() in words.generic_name_words for w in parts[1:])
    return (text, is_person, vote_type(types) == "PER", multi, name_key(parts[0]) if multi else "", generic_rest)


def _short_edges(k: str, feats: dict, by_first: dict) -> list[tuple]:
    """The short-form edge of one-word key ``k`` (kg.merge._short_forms, scope corpus)."""
    f = feats.get(k)
    if f is None or f[3] or f[2]:          # gone, several words, or surely a person
        return []
    longer = [o for o in by_first.get(k, ()) if o != k]
    return [(longer[0], k, SHORT_FORM)] if len(longer) == 1 else []


def _long_name(f: tuple) -> bool:
    # kg.merge._short_forms indexes multi-word non-person names; only those with a generic rest
    # can take a short form across articles
    return f[3] and not f[1] and f[5]


def _same_kind(a: tuple, b: tuple) -> bool:
    return a[1] == b[1] or not a[3] and not b[3]


def _typo_edges(k: str, feats: dict, by_prefix: dict) -> list[tuple]:
    """The typo edges of key ``k`` (kg.merge._typos, scope corpus)."""
    if len(k) < TYPO_MIN_LEN + 1 or k not in feats:
        return []
    out = []
    for o in by_prefix.get(k[:3], ()):
        if o != k and abs(len(o) - len(k)) <= 1 and edit_distance_le1(k, o) and _same_kind(feats[k], feats[o]):
            out.append((min(k, o), max(k, o), TYPO))
    return out


def _indexes(feats: dict) -> tuple[dict, dict]:
    by_first: dict[str, list] = defaultdict(list)
    by_prefix: dict[str, list] = defaultdict(list)
    for k, f in feats.items():
        if _long_name(f):
            by_first[f[4]].append(k)
        if len(k) >= TYPO_MIN_LEN + 1:
            by_prefix[k[:3]].append(k)
    return by_first, by_prefix


def _full_state(store, corpus: str, words: NameWords) -> _State:
    names, types, forms = _counters(store.name_counts(corpus))
    keys = {}
    for k, counter in names.items():
        keys.update(dict.fromkeys(counter, k))
    feats = {k: _feature(k, names[k], types[k], words) for k in names}
    by_first, _ = _indexes(feats)
    edges = set()
    for k in feats:
        edges.update(_short_edges(k, feats, by_first))
    # Two keys one edit apart share a one-deletion variant (or one is a deletion of the other),
    # as in kg.merge._typos; with the same first three letters, a deletion from the fourth on.
    variants: dict[str, list] = defaultdict(list)
    for k in feats:
        if len(k) >= TYPO_MIN_LEN + 1:
            for v in {k[:i] + k[i + 1:] for i in range(3, len(k))} | {k}:
                variants[v].append(k)
    for ks in variants.values():
        if len(ks) > 1:
            for a in ks:
                for b in ks:
                    if a < b and a[:3] == b[:3] and edit_distance_le1(a, b) and _same_kind(feats[a], feats[b]):
                        edges.add((a, b, TYPO))
    state = _State(keys, feats, edges, {})
    _regroup(state, store, corpus, set(feats), (names, types, forms))
    return state


def _update_state(state: _State, store, corpus: str, dirty: set[str], words: NameWords) -> None:
    touched = {k for k in map(name_key, dirty) if k}
    by_key: dict[str, set] = defaultdict(set)
    for name, k in state.keys.items():
        if k in touched:
            by_key[k].add(name)
    for name in dirty:
        k = name_key(name)
        if k:
            by_key[k].add(name)
    names, types, forms = _counters(store.name_counts(corpus, [n for ns in by_key.values() for n in ns]))
    old_feats = {k: state.feats.get(k) for k in touched}
    for k in touched:
        for name in by_key[k]:
            state.keys.pop(name, None)
        if k in names:
            state.feats[k] = _feature(k, names[k], types[k], words)
            state.keys.update(dict.fromkeys(names[k], k))
        else:
            state.feats.pop(k, None)
    # the decisions that read a changed key: its own, and the short form of its first word
    shorts = {k for k in touched}
    for k in touched:
        for f in (old_feats[k], state.feats.get(k)):
            if f is not None and f[3]:
                shorts.add(f[4])
    old_edges = {e for e in state.edges
                 if e[2] == SHORT_FORM and e[1] in shorts or e[2] == TYPO and (e[0] in touched or e[1] in touched)}
    by_first, by_prefix = _indexes(state.feats)
    new_edges = set()
    for k in shorts:
        new_edges.update(_short_edges(k, state.feats, by_first))
    for k in touched:
        new_edges.update(_typo_edges(k, state.feats, by_prefix))
    state.edges -= old_edges
    state.edges |= new_edges
    # the keys whose component may have changed: the touched ones and every key an old or new
    # changed edge reaches (their old components are taken apart and made again)
    changed = set(touched)
    for a, b, _ in old_edges ^ new_edges:
        changed.update((a, b))
    _regroup(state, store, corpus, changed, None)


def _regroup(state: _State, store, corpus: str, changed: set, counters) -> None:
    """Recompute the components holding a key of ``changed`` (and of the components those keys
    were in), and the entity of every component that is new or holds a changed key."""
    member_of = {}
    for root, (members, _) in state.groups.items():
        for k in members:
            member_of[k] = root
    region = set()
    for k in changed:
        group = state.groups.pop(member_of.get(k), None)
        if group is not None:
            region.update(group[0])
        region.add(k)
    region = {k for k in region if k in state.feats}
    # components over the region: edges never leave a component, so edges with one end in the
    # region have both there (its keys' old components were taken whole)
    adj: dict[str, list] = defaultdict(list)
    for a, b, _ in state.edges:
        if a in region or b in region:
            adj[a].append(b)
            adj[b].append(a)
    new_groups = []
    seen = set()
    for k in sorted(region):
        if k in seen:
            continue
        seen.add(k)
        comp = [k]
        for x in comp:
            for y in adj.get(x, ()):
                if y not in seen:
                    seen.add(y)
                    comp.append(y)
        new_groups.append(tuple(sorted(comp)))
    if counters is None:
        wanted = [n for n, k in state.keys.items() if k in region]
        counters = _counters(store.name_counts(corpus, wanted))
    names, types, forms = counters
    docs = store.document_counts(corpus, [[n for k in g for n in names[k]] for g in new_groups])
    for members, n_docs in zip(new_groups, docs):
        state.groups[members[0]] = (members, _entity_row(members, names, types, forms, n_docs))


def _entity_row(members, names, types, forms, n_docs: int) -> tuple:
    # as NameStats.entity, the id left to _entity_rows
    type_votes, name_votes, all_forms = Counter(), Counter(), Counter()
    for k in members:
        type_votes.update(types[k])
        name_votes.update(names[k])
        all_forms.update(forms[k])
        all_forms.update(names[k])
    name = max(name_votes, key=lambda n: (len(n.split()), name_votes[n], len(n), n))
    aliases = tuple(sorted({f for f in all_forms if f != name}, key=lambda f: (f.casefold(), f)))
    return (slug(name), name, vote_type(type_votes), aliases, sum(types[k].total() for k in members), n_docs)


def _entity_rows(state: _State) -> tuple[list[tuple], dict[str, str]]:
    """Entity rows with their ids (made unique in the order of the sorted member lists, as
    :func:`resolve_names` does), sorted by id, and a map key -> entity id."""
    used: set[str] = set()
    rows, key_to_id = [], {}
    for root in sorted(state.groups, key=lambda r: state.groups[r][0]):
        members, (base, *entity) = state.groups[root]
        ent_id = _unique_id(base, used)
        rows.append((ent_id, *entity))
        key_to_id.update(dict.fromkeys(members, ent_id))
    rows.sort()
    return rows, key_to_id

"""Plain records passed between the stages of kg.

Every stage takes and returns these frozen dataclasses. They hold strings, numbers and
character offsets, never spaCy objects, so they can be cached, pickled to worker processes and
compared in tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RELATIONS", "SYMMETRIC", "ENTITY_TYPES", "Document", "Mention", "RelationMention", "DocResult", "Entity"]

#: Relation names, part of the output contract.
RELATIONS = ("funds", "partners-with", "competes-with")
#: Relations without a direction: stored once per pair, ends in sorted order.
SYMMETRIC = frozenset({"partners-with", "competes-with"})
#: Entity types, part of the output contract.
ENTITY_TYPES = ("ORG", "PER", "LOC", "PRODUCT", "MISC")


@dataclass(frozen=True)
class Document:
    """One article: ``id`` is its path relative to the folder given (or a caller's id)."""

    id: str
    text: str
    lang: str | None = None
    meta: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Mention:
    """One entity mention in a document.

    ``name`` is the document-level canonical name the mention resolved to (the fullest form
    the document uses), ``text`` the surface form as written; ``start``/``end`` are character
    offsets into the document text.
    """

    name: str
    type: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class RelationMention:
    """One relation stated in one sentence, between two document-level entity names.

    For symmetric relations ``source`` and ``target`` are in sorted order.
    """

    source: str
    relation: str
    target: str
    evidence: str
    confidence: float
    amount: str = ""


@dataclass(frozen=True)
class DocResult:
    """Everything kg keeps of one document once it has been read: the unit of caching."""

    doc_id: str
    lang: str
    mentions: tuple[Mention, ...] = ()
    relations: tuple[RelationMention, ...] = ()
    meta: tuple[tuple[str, str], ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "meta": [list(kv) for kv in self.meta],
            "mentions": [[m.name, m.type, m.text, m.start, m.end] for m in self.mentions],
            "relations": [[r.source, r.relation, r.target, r.evidence, r.confidence, r.amount]
                          for r in self.relations],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "DocResult":
        return cls(
            doc_id=d["doc_id"],
            lang=d["lang"],
            meta=tuple(tuple(kv) for kv in d.get("meta", ())),
            mentions=tuple(Mention(*m) for m in d["mentions"]),
            relations=tuple(RelationMention(*r) for r in d["relations"]),
        )


@dataclass(frozen=True)
class Entity:
    """One real-world entity of the graph, merged across documents.

    ``id`` is a stable slug of ``name``, usable as a GraphML node id.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    documents: tuple[str, ...]

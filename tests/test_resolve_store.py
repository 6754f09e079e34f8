"""Entity resolution kept in the store: after any sequence of changes, a build that patches the
kept resolution gives exactly what a resolution from scratch gives."""
from __future__ import annotations

import dataclasses
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.graphml import graphml_bytes
from kg.graph import _graph, assemble_graph_from_store
from kg.records import DocResult, Mention, RelationMention
from kg.resolve import NameStats, resolve_store
from kg.store import DocumentRow, Store

#: Names that exercise every corpus rule: short forms with a generic rest or not, a short form
#: with two candidates, people, typos (one word and several, same kind or not), slug clashes.
VOCABULARY = [
    ("Cisco", "ORG"), ("Cisco Systems", "ORG"), ("Cisco Group", "ORG"), ("CISCO", "PER"), ("Brio", "ORG"),
    ("Brio Gaming", "ORG"), ("Lumio", "PER"), ("Lumio AI", "ORG"), ("Lumio Group", "PER"), ("Deepseekia", "ORG"),
    ("Deekseekia", "ORG"), ("Deepseekib", "PER"), ("Deepseeki", "ORG"), ("Paul Durandeau", "PER"),
    ("Paul Durandeux", "PER"), ("Paul Durandeux", "ORG"), ("Durand", "PER"), ("Acme-Corp", "ORG"), ("Acme Corp", "ORG"),
    ("Acmé Corp", "LOC"), ("L'Observatoire", "ORG"), ("Observatoire", "ORG"), ("Observatoires", "ORG"),
    ("Mistral AI", "ORG"), ("Mistral", "ORG"), ("Mistral", "PER"), ("Mistrale AI", "ORG"), ("???", "ORG"),
    ("Solo", "ORG"), ("Solo Holding", "ORG"), ("Acme", "PER"), ("Brio Systems", "ORG"),
]
SURFACES = {"Cisco Systems": ["Cisco", "CSCO"], "Paul Durandeau": ["Durandeau"], "Mistral AI": ["Mistral"]}


def _result(rng: random.Random, doc_id: str) -> DocResult:
    picked = rng.sample(VOCABULARY, rng.randint(1, 4))
    mentions = []
    for name, etype in picked:
        for _ in range(rng.randint(1, 3)):
            text = rng.choice([name, *SURFACES.get(name, [])])
            mentions.append(Mention(name, etype, text, 0, len(text)))
    names = [n for n, _ in picked]
    relations = []
    if len(names) > 1 and rng.random() < 0.7:
        a, b = rng.sample(names, 2)
        relations.append(RelationMention(a, rng.choice(["funds", "partners-with"]), b, f"{a} et {b}.",
                                         rng.choice([0.4, 0.6, 0.9])))
    return DocResult(doc_id, "fr", tuple(mentions), tuple(relations), ())


def _stored(store: Store, rng: random.Random, n: int) -> list[DocumentRow]:
    """Rows of ``n`` documents ``d0``… whose made-up results are put in ``store``."""
    return [DocumentRow(f"d{i}", 0, f"h{i}", "fr", (), store.put(f"k{i}", f"h{i}", _result(rng, f"d{i}")))
            for i in range(n)]


def _snapshot(store: Store, corpus: str) -> tuple:
    graph = assemble_graph_from_store(store, corpus, min_confidence=0)
    tables = [store.db.execute(f"SELECT * FROM {t} WHERE corpus=? ORDER BY 2, 3", (corpus,)).fetchall()
              for t in ("entity", "entity_name")]
    return graphml_bytes(graph), [[row[1:] for row in rows] for rows in tables]


def _reference(store: Store, corpus: str) -> bytes:
    """The graph as kg made it before the resolution was kept: every count into NameStats, then
    kg.merge's rules over every name."""
    stats = NameStats()
    for name, text, etype, count in store.name_counts(corpus):
        stats.add(name, text, etype, count)
    for name, doc_ids in store.name_documents(corpus):
        stats.add_documents(name, doc_ids)
    return graphml_bytes(_graph(stats, store.relations(corpus), 0)[0])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_incremental_resolution_equals_resolution_from_scratch(seed):
    rng = random.Random(seed)
    with Store.in_memory() as store:
        results: dict[int, int] = {}                    # a made-up text number -> its result id

        def result_id(n: int) -> int:
            if n not in results:
                results[n] = store.put(f"k{n}", f"h{n}", _result(random.Random(n * 7919 + seed), f"t{n}"))
            return results[n]

        docs: dict[str, int] = {}
        for step in range(10):
            # add, remove and change documents, one at a time or several at once
            for _ in range(rng.choice([1, 1, 1, 2, 4])):
                if docs and rng.random() < 0.3:
                    del docs[rng.choice(sorted(docs))]
                else:
                    docs[f"d{rng.randint(0, 12)}.txt"] = rng.randint(0, 40)
            rows = [DocumentRow(doc, 0, f"h{n}", "fr", (), result_id(n)) for doc, n in sorted(docs.items())]
            store.replace_documents("grown", rows)
            if rng.random() < 0.8:                     # sometimes two changes before one assembly
                grown = _snapshot(store, "grown")
                store.replace_documents(f"fresh{step}", rows)
                assert grown == _snapshot(store, f"fresh{step}")
                assert grown[0] == _reference(store, "grown")
                with store.snapshot():
                    again = resolve_store(store, "grown", incremental=False)[:2]
                with store.snapshot():
                    assert resolve_store(store, "grown")[:2] == again


def test_a_state_of_another_kg_or_a_damaged_one_is_not_used(tmp_path, monkeypatch):
    rng = random.Random(3)
    with Store(tmp_path) as store:
        rows = _stored(store, rng, 8)
        store.replace_documents("c", rows)
        first = _snapshot(store, "c")
        store.db.execute("UPDATE resolution SET state=?", (b"not a state",))
        store.replace_documents("c", rows[:7])                 # a change, so that the state is read
        changed = _snapshot(store, "c")
        store.replace_documents("fresh", rows[:7])
        assert changed == _snapshot(store, "fresh")
        store.replace_documents("c", rows)
        monkeypatch.setattr("kg.resolve.state_code", lambda: "another kg")
        assert _snapshot(store, "c") == first
        # and the resolution of yet another kg replaces it even when no name changed since
        for module in ("kg.resolve", "kg.graph"):
            monkeypatch.setattr(f"{module}.state_code", lambda: "a third kg")
        assert _snapshot(store, "c") == first
        assert store.resolution("c")[0] == "a third kg" and store.edge_state("c")[0] == "a third kg"


def test_a_document_list_an_older_kg_wrote_means_a_resolution_from_scratch(tmp_path):
    rng = random.Random(4)
    with Store(tmp_path) as store:
        rows = _stored(store, rng, 10)
        store.replace_documents("c", rows[:6])
        _snapshot(store, "c")
        # an older kg, without corpus_dirty: the counts by difference, the list rewritten whole
        store.db.execute("BEGIN")
        store._count_names("c", [(r.id, r.result, 1) for r in rows[6:]])
        store.db.execute("DELETE FROM corpus_dirty")
        store.db.execute("DELETE FROM document WHERE corpus='c'")
        store.db.executemany("INSERT INTO document VALUES ('c', ?, 0, NULL, NULL, NULL, NULL, NULL, ?, 'fr', '[]', ?)",
                             [(r.id, r.content_hash, r.result) for r in rows])
        store.db.execute("COMMIT")
        store.replace_documents("fresh", rows)
        assert _snapshot(store, "c") == _snapshot(store, "fresh")


def test_kept_edges_are_patched_from_the_changed_names_only_and_equal_edges_made_from_scratch(tmp_path, monkeypatch):
    rng = random.Random(5)
    with Store(tmp_path) as store:
        rows = _stored(store, rng, 40)
        store.replace_documents("c", rows[:30])
        _snapshot(store, "c")
        everything = Store.relation_rows
        full_reads = []

        def counted(self, corpus, names=None):
            if names is None:
                full_reads.append(corpus)
            return everything(self, corpus, names)

        monkeypatch.setattr(Store, "relation_rows", counted)
        changed_text = dataclasses.replace(rows[5], content_hash="h39", result=rows[39].result)
        for n, change in enumerate((rows[:33], rows[2:33], rows[2:5] + [changed_text] + rows[6:33], rows[2:34])):
            store.replace_documents("c", change)
            patched = _snapshot(store, "c")
            assert full_reads == [], "every relation read again"
            store.replace_documents(f"fresh{n}", change)
            assert patched == _snapshot(store, f"fresh{n}")
            assert patched[0] == _reference(store, "c")
            edges = [store.db.execute("SELECT * FROM corpus_edge WHERE corpus=? ORDER BY 2, 3, 4", (c,)).fetchall()
                     for c in ("c", f"fresh{n}")]
            assert [r[1:] for r in edges[0]] == [r[1:] for r in edges[1]] and edges[0]
            full_reads.clear()
        # edges made with entities older than those kept (a build that finished late) are not
        # kept: the next build makes every edge again
        code, upto, _ = store.resolution("c")
        store.replace_entities("c", [], [], edges=(code, upto - 1, None, (), []))
        assert store.edge_state("c") is None
        store.replace_documents("c", rows[:20])
        _snapshot(store, "c")
        assert full_reads == ["c"]
        store.replace_documents("fresh", rows[:20])
        assert _snapshot(store, "c") == _snapshot(store, "fresh")
        assert store.edge_state("c") is not None

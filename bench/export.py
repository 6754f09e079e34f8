"""Time kg's writers on a large synthetic graph (default 50,000 entities, 200,000 relations).

    .venv/bin/python bench/export.py [--nodes 50000] [--edges 200000] [--profile]

The graph has the attributes of kg's output contract (see README) with realistic sizes: a
140-character evidence sentence per edge, a few aliases and sources. Each writer runs once into
a temporary folder; ``--profile`` prints where GraphML writing spends its time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TYPES = ("ORG", "ORG", "ORG", "PER", "PER", "LOC", "PRODUCT", "MISC")
RELATIONS = ("funds", "partners-with", "competes-with")
WORDS = ("groupe", "fonds", "capital", "start-up", "partenariat", "accord", "investit", "millions", "euros",
         "annonce", "société", "française", "rival", "marché", "technologie", "financement")


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 7):
    import networkx as nx

    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    names = [f"Entité {i} {rng.choice(WORDS).title()}" for i in range(n_nodes)]
    ids = [f"entite-{i}" for i in range(n_nodes)]
    for node, name in zip(ids, names):
        graph.add_node(node, label=name, type=rng.choice(TYPES),
                       aliases="|".join(f"{name.split()[0]} {k}" for k in range(rng.randint(0, 3))),
                       mentions=rng.randint(1, 40), documents=rng.randint(1, 10))
    # Preferential attachment-like degrees: a few hubs, a long tail.
    cum, total = [], 0.0
    for i in range(n_nodes):
        total += 1.0 / (i + 1) ** 0.8
        cum.append(total)
    seen: set = set()
    while len(seen) < n_edges:
        u, v = rng.choices(ids, cum_weights=cum, k=2)
        rel = rng.choice(RELATIONS)
        if u == v:
            continue
        if rel != "funds" and v < u:
            u, v = v, u
        if (u, v, rel) in seen:
            continue
        seen.add((u, v, rel))
        evidence = " ".join(rng.choice(WORDS) for _ in range(18)).capitalize() + "."
        graph.add_edge(u, v, key=rel, relation=rel, label=rel, weight=rng.randint(1, 5),
                       confidence=round(rng.uniform(0.5, 0.99), 3), evidence=evidence, evidence_all=evidence,
                       sources="|".join(f"doc-{rng.randint(0, 99999):06d}.txt" for _ in range(rng.randint(1, 3))),
                       amount=f"{rng.randint(1, 900)} millions d'euros" if rel == "funds" and rng.random() < .3 else "")
    return graph


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=50_000)
    ap.add_argument("--edges", type=int, default=200_000)
    ap.add_argument("--profile", action="store_true", help="profile the GraphML writer")
    args = ap.parse_args(argv)

    from kg.export import write_gexf, write_graphml, write_html

    t = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
          f"(built in {time.perf_counter() - t:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        for name, write in (("graphml", write_graphml), ("gexf", write_gexf), ("html", write_html)):
            path = Path(tmp) / f"graph.{name}"
            t = time.perf_counter()
            write(graph, path)
            print(f"write_{name:<8} {time.perf_counter() - t:7.1f} s   {path.stat().st_size / 2**20:8.1f} MB", flush=True)
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            write_graphml(graph, Path(tmp) / "profiled.graphml")
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
            print(out.getvalue())
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MB")


if __name__ == "__main__":
    main()

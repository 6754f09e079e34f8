"""Benchmark incremental builds on a store holding 100,000 articles' results.

    .venv/bin/python bench/store.py --docs 100000

Parsing 100,000 articles takes about six hours on the development machine, so the store is
synthesised instead, from the article files themselves:

1. ``bench/corpus/N/`` holds N unique French articles of 3–6k characters (``bench/corpus.py``),
   dated an hour back (older than kg's racy-file window, as a corpus built yesterday is).
2. Each file is read, normalised, its language detected and its result key computed exactly as
   ``kg build`` does; its result is made up with realistic sizes and overlap: 8–22 distinct
   names per article (15 on average, 1–3 mentions each: 22 mentions), one relation on average
   with a real sentence as evidence, names drawn from a Zipf law over 150,000 entities
   (exponent 1.05) with short forms and surnames as surface forms. The law is calibrated on
   real articles: at 150 articles it gives 1,371 distinct names, where kg finds 1,321 entities
   in 150 articles of ``../shared/corpus/news/fr``; at 100,000 it gives about 117,000.
3. The corpus is registered in the store as the last build into ``OUT`` had left it.

Then, each in a fresh process, wall time and peak RSS measured from outside (``bench/run.py``):
``kg build`` with nothing new and no outputs yet (assembles and writes everything), ``kg build``
again (outputs up to date), the build's phases timed in one process, ``kg build --no-cache`` of
10 new articles alone (their parse time) and ``kg build`` of the corpus plus those 10.
Results: stdout and ``bench/out/store-N.json``.

``--keep DIR`` keeps the filled store (filling 100,000 articles takes a while) and reuses it in
later runs while the corpus and kg's store code are the same; ``DIR/store`` and ``DIR/out`` are
then left as the last run made them, to profile a build on them. ``--runs`` picks the runs.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from corpus import make_corpus, write_corpus  # noqa: E402
from run import PY, machine, measure  # noqa: E402

#: Entities, Zipf exponent and rank offset of the name law (see the module notes).
VOCABULARY, ZIPF, OFFSET = 150_000, 1.05, 5
_SYLLABLES = ("ba be bi bo da de di do fa fe fi fo ga ge go ka ke ki ko la le li lo ma me mi mo na ne ni no "
              "pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zo lu mu nu ru tu").split()
_ORG_SUFFIXES = ("", "", "", "Capital", "Group", "AI", "Technologies", "Partners", "Bank", "Media", "Energie")
_FIRST = ("Jean", "Marie", "Pierre", "Sophie", "Luc", "Claire", "Paul", "Anne", "Louis", "Julie", "Marc", "Emma")

PHASES = r"""
import json, sys, time
from kg.store import Store
from kg.update import update_corpus
from kg.graph import assemble_graph_from_store
from kg.export import write_graphml, write_gexf, write_html
corpus_dir, store_dir, out, corpus = sys.argv[1:5]
times = {}
t = time.perf_counter()
with Store(store_dir) as store:
    changes = update_corpus([corpus_dir], store, corpus)
    times["scan_and_compare_s"] = time.perf_counter() - t
    t = time.perf_counter()
    graph = assemble_graph_from_store(store, corpus)
    times["assemble_s"] = time.perf_counter() - t
for name, write in (("graphml", write_graphml), ("gexf", write_gexf), ("html", write_html)):
    t = time.perf_counter()
    write(graph, f"{out}/graph.{name}")
    times[f"write_{name}_s"] = time.perf_counter() - t
times.update(entities=graph.number_of_nodes(), edges=graph.number_of_edges(), unchanged=changes.unchanged)
print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in times.items()}))
"""


def vocabulary(rng: random.Random) -> list[tuple[str, str]]:
    """``VOCABULARY`` distinct ``(name, type)``, most popular first."""
    out, seen = [], set()
    while len(out) < VOCABULARY:
        root = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        kind = rng.random()
        if kind < 0.55:
            name, etype = f"{root} {rng.choice(_ORG_SUFFIXES)}".strip(), "ORG"
        elif kind < 0.85:
            name, etype = f"{rng.choice(_FIRST)} {root}", "PER"
        elif kind < 0.93:
            name, etype = root, "LOC"
        else:
            name, etype = f"{root} {rng.randint(2, 9)}", "PRODUCT"
        if name not in seen:
            seen.add(name)
            out.append((name, etype))
    return out


def synthetic_result(rng: random.Random, text: str, names: list, weights: list) -> tuple[list, list]:
    """Mention rows ``(name, type, text, start, end)`` and relation rows for one article."""
    picked = list(dict.fromkeys(rng.choices(names, cum_weights=weights, k=rng.randint(8, 22))))
    mentions = []
    pos = 0
    step = max(1, len(text) // 40)
    for name, etype in picked:
        for i in range(rng.choice((1, 1, 1, 2, 2, 3))):
            surface = name
            if i and etype in ("ORG", "PER") and " " in name and rng.random() < 0.5:
                surface = name.split()[0 if etype == "ORG" else -1]
            mentions.append((name, etype, surface, pos, pos + len(surface)))
            pos += step
    relations = []
    orgs = [n for n, t in picked if t in ("ORG", "PER")]
    sentences = [s for s in text.split(". ") if len(s) > 40] or [text[:200]]
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 2))):
        if len(orgs) < 2:
            break
        a, b = rng.sample(orgs, 2)
        relation = rng.choice(("funds", "partners-with", "competes-with"))
        if relation != "funds" and b < a:
            a, b = b, a
        relations.append((a, relation, b, rng.choice(sentences)[:300] + ".", rng.choice((0.8, 0.8, 0.9, 0.4)),
                          rng.choice(("", "", "10 millions d'euros")) if relation == "funds" else ""))
    return mentions, relations


def fill_store(corpus_dir: Path, store_dir: Path, corpus: str, seed: int) -> dict:
    """Register every article of ``corpus_dir`` in a new store with a synthetic result."""
    from kg.corpus import iter_files, read_file
    from kg.lang import detect_language
    from kg.store import DocumentRow, Store, content_hash, reader_fingerprint
    from kg.text import normalize_text

    rng = random.Random(seed)
    names = vocabulary(rng)
    weights = list(itertools.accumulate(1.0 / (r + OFFSET) ** ZIPF for r in range(len(names))))
    seen_ns = time.time_ns()
    rows, n_mentions, n_relations, distinct = [], 0, 0, set()
    with Store(store_dir) as store:
        db = store.db
        db.execute("BEGIN IMMEDIATE")
        for rid, (f, doc_id) in enumerate(iter_files([corpus_dir]), 1):
            st = os.stat(f)
            [doc] = read_file(f, doc_id)
            text = normalize_text(doc.text)
            lang = detect_language(text)
            content = content_hash(text)
            mentions, relations = synthetic_result(rng, text, names, weights)
            db.execute("INSERT INTO result VALUES (?, ?, ?, ?, ?, ?)",
                       (rid, store.key(content, lang), content, lang, "synthetic", time.time()))
            db.executemany("INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(rid, i, *m) for i, m in enumerate(mentions)])
            db.executemany("INSERT INTO relation VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [(rid, i, *r) for i, r in enumerate(relations)])
            rows.append(DocumentRow(doc_id, 0, content, lang, (), rid, os.path.abspath(f), st.st_size,
                                    st.st_mtime_ns, seen_ns, reader_fingerprint()))
            n_mentions += len(mentions)
            n_relations += len(relations)
            distinct.update(m[0] for m in mentions)
        db.execute("COMMIT")
        store.replace_documents(corpus, rows)
    return {"articles": len(rows), "mentions": n_mentions, "relations": n_relations, "distinct_names": len(distinct),
            "store_mb": round(sum(p.stat().st_size for p in store_dir.iterdir()) / 2**20)}


def _template_stamp(args) -> str:
    """What a kept filled store depends on: the corpus, the seed, and the kg code that keys,
    reads and registers the articles."""
    import hashlib

    from kg.store import code_fingerprint, reader_fingerprint

    store_code = hashlib.sha256((ROOT / "kg" / "store.py").read_bytes() + Path(__file__).read_bytes()).hexdigest()
    return f"{args.docs} {args.seed} {code_fingerprint()} {reader_fingerprint()} {store_code}\n"


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="articles in the store (default 100000)")
    ap.add_argument("--add", type=int, default=10, help="new articles parsed for real (default 10)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--keep", metavar="DIR", type=Path,
                    help="work in DIR and keep it: the filled store is kept there (DIR/store-filled) and "
                         "copied for each later run with the same --docs, --seed and kg store code, instead "
                         "of being filled again; DIR/store and DIR/out are what the last run left (for "
                         "profiling). Default: a temporary folder, deleted")
    ap.add_argument("--runs", default="rebuilt,up_to_date,phases,alone,plus",
                    help="comma-separated runs to make, of rebuilt (nothing new, no outputs yet), "
                         "up_to_date, phases, alone (the new articles parsed alone) and plus (the corpus "
                         "plus the new articles); default all")
    args = ap.parse_args(argv)
    wanted = set(args.runs.split(","))

    corpus_dir = write_corpus(args.docs, HERE / "corpus" / str(args.docs), seed=args.seed)
    hour_ago = time.time() - 3600
    for f in corpus_dir.glob("doc-*.txt"):
        if f.stat().st_mtime > hour_ago:  # left alone once old enough: a kept store trusts its time stamp
            os.utime(f, (hour_ago, hour_ago))
    if args.keep is not None:
        work = args.keep.resolve()
        work.mkdir(parents=True, exist_ok=True)
        for old in ("src", "store", "out", "added", "phases", "alone", "unused"):
            shutil.rmtree(work / old, ignore_errors=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    # A snapshot of kg: edits to the checkout while the bench runs cannot change the code under test.
    shutil.copytree(ROOT / "kg", work / "src" / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(work / "src"), "KG_CACHE_DIR": str(work / "unused")}
    store_dir, out = work / "store", work / "out"
    corpus = f"output:{out.resolve()}"
    report: dict = {"machine": machine()}
    try:
        template, stamp = work / "store-filled", _template_stamp(args)
        if args.keep is not None and (template / "stamp").is_file() and (template / "stamp").read_text() == stamp:
            shutil.copytree(template, store_dir, ignore=shutil.ignore_patterns("stamp"))
            report["store"] = json.loads((template / "report.json").read_text())
            print(f"store (kept in {template}): {report['store']}", flush=True)
        else:
            t = time.perf_counter()
            report["store"] = fill_store(corpus_dir, store_dir, corpus, args.seed)
            report["store"]["fill_s"] = round(time.perf_counter() - t, 1)
            print(f"store: {report['store']}", flush=True)
            if args.keep is not None:
                shutil.rmtree(template, ignore_errors=True)
                shutil.copytree(store_dir, template)
                (template / "report.json").write_text(json.dumps(report["store"]))
                (template / "stamp").write_text(stamp)
        added = work / "added"
        added.mkdir()
        for i, text in enumerate(make_corpus(args.add, seed=args.seed + 1).values()):
            (added / f"new-{i:03d}.txt").write_text(text, encoding="utf-8")

        kg = [PY, "-m", "kg", "build"]
        runs = {
            "unchanged_outputs_rebuilt": [*kg, str(corpus_dir), "-o", str(out), "--cache-dir", str(store_dir)],
            "unchanged_outputs_up_to_date": [*kg, str(corpus_dir), "-o", str(out), "--cache-dir", str(store_dir)],
            f"parse_{args.add}_alone": [*kg, str(added), "-o", str(work / "alone"), "--no-cache"],
            f"plus_{args.add}": [*kg, str(corpus_dir), str(added), "-o", str(out), "--cache-dir", str(store_dir)],
        }
        short = dict(zip(runs, ("rebuilt", "up_to_date", "alone", "plus")))
        for name, cmd in runs.items():
            if name.startswith("parse_") and "phases" in wanted:
                (work / "phases").mkdir()
                r = measure([PY, "-c", PHASES, str(corpus_dir), str(store_dir), str(work / "phases"), corpus],
                            env, cwd=work)
                report["phases_unchanged"] = {**json.loads(r.pop("stdout")), **r}
                print(f"{'phases (unchanged corpus)':<30} {report['phases_unchanged']}", flush=True)
            if short[name] not in wanted:
                continue
            r = measure(cmd, env, cwd=work)
            r["summary"] = r.pop("stdout").splitlines()[0]
            report[name] = r
            print(f"{name:<30} {r['wall_s']:7.1f} s  cpu {r['cpu_s']:6.1f} s  peak {r['peak_rss_mb']:5d} MB  "
                  f"cores left {r['cores_left_by_others']:4.2f}  {r['summary']}", flush=True)
        if f"plus_{args.add}" in report and f"parse_{args.add}_alone" in report:
            plus, alone = report[f"plus_{args.add}"], report[f"parse_{args.add}_alone"]
            report["plus_minus_parse_alone_s"] = round(plus["wall_s"] - alone["wall_s"], 1)
            report["plus_minus_parse_alone_cpu_s"] = round(plus["cpu_s"] - alone["cpu_s"], 1)
            print(f"+{args.add} articles: {plus['wall_s']:.1f} s = their parse alone {alone['wall_s']:.1f} s + "
                  f"{plus['wall_s'] - alone['wall_s']:.1f} s (target <= + 10 s); CPU {plus['cpu_s']:.1f} s "
                  f"against {alone['cpu_s']:.1f} s")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    (HERE / "out").mkdir(exist_ok=True)
    path = HERE / "out" / f"store-{args.docs}.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return report


if __name__ == "__main__":
    main()

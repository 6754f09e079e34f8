"""Build and score the annotated sets with the referee, as the README's quality table reports them.

    .venv/bin/python bench/sets.py [--sets dev look check annot] [--out /tmp/kg-sets]
    KG_RELATIONS=rules .venv/bin/python bench/sets.py --sets check       # rules alone
    KG_SCORER=/tmp/heldout.json .venv/bin/python bench/sets.py --sets check  # a scorer trained
                                                                           # with kg train --hold-out-even

Sets: ``dev`` (``../shared/eval/dev``), ``look`` and ``check`` (the odd- and even-numbered
articles of ``../shared/eval/train``: read the errors of the first only), ``annot`` (the articles
annotated in ``data/annotated/gold``, texts in ``../shared/corpus/news``). Each set is copied to
``OUT/NAME`` (texts and gold), built with ``kg build --no-cache`` in a fresh process (so
``KG_RELATIONS`` and ``KG_SCORER`` apply) and scored by ``../shared/eval/score.py``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = ("dev", "look", "check", "annot")


def _number(stem: str) -> int:
    found = re.findall(r"\d+", stem)
    return int(found[-1]) if found else 0


def members(name: str, shared: Path = SHARED) -> list[tuple[Path, Path]]:
    """``(text, gold)`` files of the set ``name``."""
    if name == "annot":
        golds, texts = sorted((ROOT / "data/annotated/gold").glob("*.gold.json")), shared / "corpus/news"
    else:
        part = "dev" if name == "dev" else "train"
        golds, texts = sorted((shared / "eval" / part / "gold").glob("*.gold.json")), shared / "eval" / part / "texts"
        if name in ("look", "check"):
            golds = [g for g in golds if _number(g.name[: -len(".gold.json")]) % 2 == (1 if name == "look" else 0)]
    return [(texts / json.loads(g.read_text(encoding="utf-8"))["doc"], g) for g in golds]


def build_and_score(name: str, out: Path, shared: Path = SHARED) -> dict:
    """Copy the set under ``out/name``, build it and return the referee's figures."""
    where = out / name
    shutil.rmtree(where, ignore_errors=True)
    (where / "texts").mkdir(parents=True)
    (where / "gold").mkdir()
    for text, gold in members(name, shared):
        shutil.copy(text, where / "texts" / text.name)
        shutil.copy(gold, where / "gold" / gold.name)
    subprocess.run([str(ROOT / ".venv/bin/kg"), "build", str(where / "texts"), "-o", str(where / "graph"),
                    "--no-cache"], check=True, capture_output=True, env=os.environ.copy())
    result = subprocess.run([sys.executable, str(shared / "eval/score.py"), str(where / "graph/graph.graphml"),
                             str(where / "gold"), "--json"], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-sets"))
    ap.add_argument("--shared", type=Path, default=SHARED)
    a = ap.parse_args()
    print(f"{'set':6} {'docs':>4}  relations P / R / F1     entities F1")
    for name in a.sets:
        s = build_and_score(name, a.out, a.shared)
        r, e = s["relations"], s["entities"]
        print(f"{name:6} {len(members(name, a.shared)):>4}  {r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f}"
              f"   {e['f1']:.3f}")


if __name__ == "__main__":
    main()

"""Gazetteers: entities the user already knows, matched before the statistical NER.

A gazetteer file lists one entity per row: its canonical name, its type (ORG, PER, LOC,
PRODUCT, MISC) and optional aliases. CSV or TSV with a header ``name,type,aliases`` (aliases
joined with ``|``), or JSON: a list of ``{"name": …, "type": …, "aliases": […]}``. Matches are
case-insensitive, override the NER's spans, and every alias resolves to the canonical name.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from .errors import InputError
from .records import ENTITY_TYPES

__all__ = ["GazetteerEntry", "read_gazetteer", "add_gazetteer", "GAZETTEER_KB_ID"]

#: Marks spans that come from the gazetteer (``Span.kb_id_``).
GAZETTEER_KB_ID = "kg_gazetteer"


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()


def read_gazetteer(path: str | Path) -> list[GazetteerEntry]:
    """Read a gazetteer file; raises :class:`InputError` naming the file and the bad row."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read gazetteer {path}: {err}") from err
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"gazetteer {path}: invalid JSON at line {err.lineno}: {err.msg}") from err
        if not isinstance(rows, list):
            raise InputError(f"gazetteer {path}: expected a list of {{name, type, aliases}} objects")
    else:
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" or "\t" in text.splitlines()[0] else "excel"
        rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    entries = []
    for n, row in enumerate(rows, 2 if path.suffix.lower() != ".json" else 1):
        if not isinstance(row, dict) or not str(row.get("name") or "").strip():
            raise InputError(f"gazetteer {path}: row {n} has no name")
        etype = str(row.get("type") or "ORG").strip().upper()
        if etype not in ENTITY_TYPES:
            raise InputError(f"gazetteer {path}: row {n}: unknown type {etype!r}; use one of {', '.join(ENTITY_TYPES)}")
        aliases = row.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = [a for a in aliases.split("|")]
        aliases = tuple(a.strip() for a in aliases if a and a.strip())
        entries.append(GazetteerEntry(str(row["name"]).strip(), etype, aliases))
    return entries


def add_gazetteer(nlp: Language, path: str | Path) -> None:
    """Add an entity ruler after the NER that tags every name and alias of the gazetteer."""
    entries = read_gazetteer(path)
    ruler = nlp.add_pipe("entity_ruler", name="kg_gazetteer", after="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    patterns = []
    for e in entries:
        for surface in (e.name, *e.aliases):
            patterns.append({"label": e.type, "pattern": surface, "id": e.name})
    ruler.add_patterns(patterns)

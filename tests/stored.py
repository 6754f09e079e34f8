"""Files with their results stored by hand, for build tests that need no spaCy model."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

from kg.corpus import read_file
from kg.lang import detect_language
from kg.records import DocResult, Mention, RelationMention
from kg.store import Store, content_hash
from kg.text import normalize_text


def write_stored(store: Store, folder: Path, files: dict[str, str], age: float = 60.0) -> None:
    """Write ``files`` (name -> content) dated ``age`` seconds ago, and store for each of their
    documents, under the key a build computes, a result naming its capitalised words, the first
    two partners: no build parses them."""
    folder.mkdir(parents=True, exist_ok=True)
    past = time.time() - age
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        os.utime(path, (past, past))
        for doc in read_file(path, name):
            text = normalize_text(doc.text)
            lang = detect_language(text)
            names = re.findall(r"[A-Z]\w+", text)
            mentions = tuple(Mention(w, "ORG", w, 0, len(w)) for w in names)
            relations = (RelationMention(names[0], "partners-with", names[1], text, 0.9),) if len(names) > 1 else ()
            result = DocResult(doc.id, lang, mentions, relations)
            store.put(store.key(content_hash(text), lang), content_hash(text), result)

"""Language packs: validated on load, and the only place words of a language live."""
from __future__ import annotations

import ast
import copy
import json
import re
from importlib import resources
from pathlib import Path

import pytest

import kg
from kg.export.graphml import EDGE_KEYS, NODE_KEYS
from kg.frames import FRAMES
from kg.lang import SUPPORTED, LanguagePack, LanguagePackError, load_pack
from kg.lang.pack import ROLES
from kg.records import RELATIONS
from kg.relations import check_frames

PACKAGE = Path(kg.__file__).parent
#: At most this many string constants outside the packs may equal a word a pack holds.
WORD_BUDGET = 10


def _raw(lang: str, name: str) -> dict:
    return json.loads(resources.files("kg.lang").joinpath(lang, name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_pack_loads_and_names_registered_frames(lang):
    pack = load_pack(lang)
    check_frames(pack)
    assert pack.triggers and {t.relation for t in pack.triggers} <= set(RELATIONS)
    assert pack.pipeline["package"]


@pytest.mark.parametrize("file", ["lexicon.json", "pack.json"])
def test_a_missing_key_names_the_pack_and_the_key(file):
    lexicon, pack = _raw("fr", "lexicon.json"), _raw("fr", "pack.json")
    data = lexicon if file == "lexicon.json" else pack
    key = next(k for k in data if not k.startswith("_"))
    del data[key]
    with pytest.raises(LanguagePackError, match=rf"'fr'.*{file}.*{key!r}"):
        LanguagePack("fr", lexicon, pack)


def test_an_unknown_key_names_the_pack_and_the_key():
    lexicon = _raw("en", "lexicon.json")
    lexicon["speech_verbz"] = ["said"]
    with pytest.raises(LanguagePackError, match=r"'en'.*unknown key 'speech_verbz'"):
        LanguagePack("en", lexicon, _raw("en", "pack.json"))


def test_a_trigger_without_confidence_or_with_an_unknown_frame_is_refused():
    lexicon, pack = _raw("fr", "lexicon.json"), _raw("fr", "pack.json")
    broken = copy.deepcopy(lexicon)
    del broken["triggers"][0]["confidence"]
    with pytest.raises(LanguagePackError, match="no key 'confidence'"):
        LanguagePack("fr", broken, pack)
    lexicon["triggers"][0]["frame"] = "no_such_frame"
    with pytest.raises(LanguagePackError, match="unknown frame 'no_such_frame'"):
        check_frames(LanguagePack("fr", lexicon, pack))


def _pack_words() -> set[str]:
    """Every word or phrase a pack lists, and the plain alternatives of its trigger patterns."""
    words: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            words.add(value.lower().replace("’", "'"))
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k) if isinstance(v, (int, float)) else walk(v)

    for lang in SUPPORTED:
        data = _raw(lang, "lexicon.json")
        for trig in data.pop("triggers"):
            words.update(w for w in trig["words"].lower().split("|") if re.fullmatch(r"[^\W\d_]+", w))
        walk({k: v for k, v in data.items() if not k.startswith("_") and not k.endswith("pattern")})
    # kg's own identifiers (relation, frame and role names, GraphML attributes, language codes)
    identifiers = set(RELATIONS) | set(FRAMES) | ROLES | {k for k, _ in NODE_KEYS + EDGE_KEYS} | set(SUPPORTED)
    return {w for w in words - identifiers if re.search(r"[^\W\d_]", w)}


def _literals(path: Path):
    """String constants of a module, minus docstrings, mapping keys, subscripts and f-string parts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip, split = set(), set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Dict):
            skip.update(id(k) for k in node.keys if k is not None)
        if isinstance(node, ast.Subscript):
            skip.add(id(node.slice))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
            split.add(id(node.func.value))      # "le la les".split(): a word list in one constant
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value.replace("’", "'")     # as written: "AUX" is a tag, "aux" a word
            for word in text.split() if id(node) in split else [text]:
                yield node.lineno, word


def test_words_of_a_language_live_in_the_packs():
    words = _pack_words()
    found = [f"{path.relative_to(PACKAGE)}:{line}: {word!r}"
             for path in sorted(PACKAGE.rglob("*.py")) if "lang" not in path.relative_to(PACKAGE).parts
             for line, word in _literals(path) if word in words]
    assert len(found) <= WORD_BUDGET, "words of a language outside kg/lang/:\n" + "\n".join(found)


def test_a_dependency_pattern_must_start_at_the_trigger():
    lexicon, pack = _raw("fr", "lexicon.json"), _raw("fr", "pack.json")
    pack["dependency_patterns"]["joint_adverb"][0][0]["RIGHT_ID"] = "verb"
    with pytest.raises(LanguagePackError, match=r"'fr'.*joint_adverb.*'trigger'"):
        LanguagePack("fr", lexicon, pack)


def test_a_trigger_direction_must_agree_with_its_relation():
    lexicon = _raw("en", "lexicon.json")
    trig = next(t for t in lexicon["triggers"] if t["relation"] == "funds")
    trig["direction"] = "symmetric"
    with pytest.raises(LanguagePackError, match="'funds' is not symmetric"):
        LanguagePack("en", lexicon, _raw("en", "pack.json"))

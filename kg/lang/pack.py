"""A language pack: everything kg knows about one language, loaded from ``kg/lang/<code>/``.

``lexicon.json`` holds the words (trigger words with the relation, direction, confidence and
frame each states; prepositions by role; cue nouns, hedges, negations…) and ``pack.json`` the
rest: the spaCy pipeline to parse with, the parser's dependency labels mapped to the roles the
rules ask for, the name heuristics (capitalisation patterns) and the function words that detect
the language. The rules in :mod:`kg.mentions`, :mod:`kg.coref`, :mod:`kg.clauses` and
:mod:`kg.relations` read roles and word classes from a pack, never words.

Both files are validated when loaded: a missing or unknown key raises
:class:`LanguagePackError` naming the pack and the key, so a typo in a new pack fails at once
instead of silently becoming an empty word list.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import KGError
from ..records import RELATIONS, SYMMETRIC

__all__ = ["LanguagePack", "Lexicon", "Trigger", "LanguagePackError", "load_pack", "load_lexicon",
           "known_places", "available_packs"]


class LanguagePackError(KGError):
    """A language pack is missing, or one of its files has a missing or unknown key."""


#: Keys of ``lexicon.json`` and what each holds. "words": a list matched on lower-cased token
#: text; "regex": one full-match pattern; "strings": a list kept as written.
LEXICON_SCHEMA = {
    "articles": "words", "titles": "words", "person_cues": "words", "person_verbs": "words",
    "org_cues": "words", "org_suffixes": "words", "name_heads": "words", "generic_name_words": "words",
    "generic_prefix_words": "words", "same_suffix": "map", "descriptions": "descriptions",
    "pronouns_subject": "words", "plural_pronouns": "words", "plural_possessives": "words", "neuter_pronouns": "words",
    "relative_pronouns": "words", "demonym_pattern": "regex", "demonym_endings": "strings",
    "negation_words": "words", "hedges": "words", "money_pattern": "regex", "percent_pattern": "regex",
    "amount_words": "words", "connectors_list": "words", "triggers": "triggers", "preps": "preps",
    "participation_words": "regex", "contribution_nouns": "words", "part_words": "words",
    "sell_verbs": "words", "buy_verbs": "words", "give_verbs": "words", "receive_verbs": "words",
    "deny_verbs": "words", "name_verbs": "words", "supply_verbs": "words", "special_tokens": "strings",
    "conjunctions": "words", "list_separators": "words", "possessive_clitics": "words", "not_names": "words",
    "not_name_pattern": "regex", "distributives": "words", "institution_heads": "words",
    "appositive_org_pattern": "regex", "alongside_words": "words", "dispute_words": "words", "adverbial_preps": "words",
    "rank_cues": "words", "project_words": "words", "counted_plurals": "counts", "new_words": "words",
    "definite_determiners": "words", "plural_endings": "strings", "place_suffix_words": "words",
    "leading_articles": "strings", "partial_words": "words", "product_cues": "words", "employer_preps": "words",
    "org_role_nouns": "words", "portfolio_titles": "words", "as_preps": "words",
    "negation_particles": "words", "negation_particle_exceptions": "words", "conditional_pattern": "regex",
    "bid_nouns": "words", "demonstrative_pronouns": "words", "amount_abbreviations": "map",
    "purchase_nouns": "words", "state_names": "strings",
    "state_heads": "words", "agreement_endings": "strings", "copular_verbs": "words",
}
#: Prepositions by the role they introduce; every pack names all of them.
PREP_ROLES = ("with", "between", "from", "source", "into", "invested_in", "raised_from", "dative", "agent", "of",
              "against")
#: Keys of ``pack.json``.
PACK_SCHEMA = ("pipeline", "detection_words", "dependency_roles", "name_patterns", "dependency_patterns")
PIPELINE_KEYS = ("package", "distribution", "unused_components")
NAME_PATTERNS = ("capitalised", "org_like", "brand_like", "camel_case")
#: The roles a parser label may map to (see :mod:`kg.clauses`).
ROLES = frozenset({"subj", "subjpass", "obj", "iobj", "agent", "poss", "obl", "nmod", "prep", "pobj", "pcomp",
                   "appos", "compound", "conj", "acl", "relcl", "attr", "advmod", "neg", "case", "fixed", "det",
                   "aux", "auxpass", "mark", "cop", "xcomp", "ccomp", "advcl", "parataxis", "nummod", "amod",
                   "root", "npadvmod", "punct", "dep", "cc", "expl"})
TRIGGER_KEYS = {"words", "relation", "frame", "direction", "confidence", "needs_money", "needs_money_for",
                "needs_money_or_percent", "head", "blocked_by", "no_default_target", "money_or_prep"}


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that can state a relation: which relation, in which direction, with
    what base confidence, and the frame (:mod:`kg.relations`) that finds its arguments."""

    words: tuple[re.Pattern, ...]
    relation: str
    frame: str
    direction: str = "forward"      # "forward": the frame's first argument is the source
    confidence: float = 0.8
    needs_money: bool = False
    needs_money_for: frozenset = frozenset()
    needs_money_or_percent: bool = False
    head: int = 0                   # which word of a multi-word trigger heads it ("joint *venture*")
    blocked_by: frozenset = frozenset()     # a child word that makes it another word ("d'accord")
    no_default_target: bool = False  # no funded company borrowed from an earlier sentence
    money_or_prep: frozenset = frozenset()  # a complement that says it without the money ("une participation *dans* X")


class LanguagePack:
    """The compiled pack of one language: word classes as frozensets, patterns compiled."""

    def __init__(self, lang: str, data: dict, pack: dict):
        self.lang = lang
        self.data = data
        _check_keys(lang, "lexicon.json", data, LEXICON_SCHEMA)
        _check_keys(lang, "pack.json", pack, PACK_SCHEMA)
        for key, kind in LEXICON_SCHEMA.items():
            setattr(self, key, _compile(lang, key, kind, data[key]))
        self.descriptions = {w.lower(): t for t, words in data["descriptions"].items() for w in words}
        self.demonym = self.demonym_pattern
        self.appositive_org = self.appositive_org_pattern
        self.conditional = self.conditional_pattern
        self.money, self.percent = self.money_pattern, self.percent_pattern
        self.participation = self.participation_words
        self.triggers = tuple(_trigger(lang, t) for t in data["triggers"])
        self._first_word: dict[str, tuple[Trigger, ...]] = {}
        self.first_names = first_names()
        self.pipeline = _sub(lang, pack, "pipeline", PIPELINE_KEYS)
        self.detection_words = frozenset(pack["detection_words"])
        self.roles = dict(pack["dependency_roles"])
        unknown = sorted(set(self.roles.values()) - ROLES)
        if unknown:
            raise LanguagePackError(f"language pack {lang!r}: pack.json: dependency_roles maps to unknown role "
                                    f"{unknown[0]!r}")
        self.name_patterns = {k: re.compile(v) for k, v in _sub(lang, pack, "name_patterns", NAME_PATTERNS).items()}
        self.dependency_patterns = _patterns(lang, pack["dependency_patterns"])

    def role(self, tok) -> str:
        """The role of ``tok``'s dependency label ("nsubj" and "nsubj:pass" → "subj"…)."""
        return self.roles.get(tok.dep_, "dep")

    def triggers_starting(self, word: str) -> tuple[Trigger, ...]:
        """The triggers whose first word matches ``word`` (lower-cased), memoised."""
        found = self._first_word.get(word)
        if found is None:
            found = tuple(t for t in self.triggers if t.words[0].fullmatch(word))
            if len(self._first_word) < 200_000:     # bounded: a corpus has a finite vocabulary
                self._first_word[word] = found
        return found

    def __repr__(self):
        return f"LanguagePack({self.lang!r}, {len(self.triggers)} triggers)"


#: The name rule code used before packs held more than words.
Lexicon = LanguagePack


def _check_keys(lang: str, file: str, data: dict, schema) -> None:
    keys = {k for k in data if not k.startswith("_")}     # "_about": a comment
    for key in schema:
        if key not in keys:
            raise LanguagePackError(f"language pack {lang!r}: {file} has no key {key!r}")
    for key in sorted(keys - set(schema)):
        raise LanguagePackError(f"language pack {lang!r}: {file} has unknown key {key!r}")


def _patterns(lang: str, value: dict) -> dict[str, list[list[dict]]]:
    """Frame → DependencyMatcher patterns, each starting at the trigger word."""
    for frame_name, patterns in value.items():
        for pattern in patterns:
            if not pattern or pattern[0].get("RIGHT_ID") != "trigger":
                raise LanguagePackError(f"language pack {lang!r}: pack.json dependency_patterns {frame_name!r}: "
                                        "a pattern must start with the node 'trigger'")
    return value


def _sub(lang: str, pack: dict, key: str, names) -> dict:
    value = pack[key]
    _check_keys(lang, f"pack.json {key}", value, names)
    return dict(value)


def _compile(lang: str, key: str, kind: str, value):
    if kind == "words":
        return frozenset(w.lower().replace("’", "'") for w in value) | frozenset(w.lower() for w in value)
    if kind == "regex":
        return re.compile(value, re.I)
    if kind == "strings":
        return tuple(value)
    if kind == "counts":
        return {w.lower(): int(n) for w, n in value.items()}
    if kind == "map":
        return {k.lower(): v.lower() for k, v in value.items()}
    if kind == "preps":
        _check_keys(lang, "lexicon.json preps", value, PREP_ROLES)
        return {role: _compile(lang, key, "words", words) for role, words in value.items()}
    return value


def _trigger(lang: str, t: dict) -> Trigger:
    where = f"language pack {lang!r}: lexicon.json trigger {t.get('words')!r}"
    for key in ("words", "relation", "frame", "direction", "confidence"):
        if key not in t:
            raise LanguagePackError(f"{where} has no key {key!r}")
    for key in sorted(set(t) - TRIGGER_KEYS):
        raise LanguagePackError(f"{where} has unknown key {key!r}")
    if t["relation"] not in RELATIONS:
        raise LanguagePackError(f"{where}: unknown relation {t['relation']!r}; add it to kg.records.RELATIONS")
    if t["direction"] != ("symmetric" if t["relation"] in SYMMETRIC else "forward"):
        raise LanguagePackError(f"{where}: {t['relation']!r} is {'' if t['relation'] in SYMMETRIC else 'not '}"
                                f"symmetric (kg.records.SYMMETRIC), so its direction is not {t['direction']!r}")
    return Trigger(
        words=tuple(re.compile(w, re.I) for w in t["words"].split(" ")),
        relation=t["relation"], frame=t["frame"], direction=t["direction"], confidence=float(t["confidence"]),
        needs_money=t.get("needs_money", False),
        needs_money_for=frozenset(t.get("needs_money_for", ())),
        needs_money_or_percent=t.get("needs_money_or_percent", False),
        head=t.get("head", 0),
        blocked_by=frozenset(w.replace("’", "'") for w in t.get("blocked_by", ())),
        no_default_target=t.get("no_default_target", False),
        money_or_prep=frozenset(w.replace("’", "'") for w in t.get("money_or_prep", ())),
    )


def _read(lang: str, name: str) -> dict:
    try:
        text = resources.files("kg.lang").joinpath(lang, name).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as err:
        raise LanguagePackError(f"no language pack {lang!r}: kg/lang/{lang}/{name} is missing") from err
    return json.loads(text)


def available_packs() -> tuple[str, ...]:
    """The language codes that have a pack folder (``kg/lang/<code>/pack.json``)."""
    root = resources.files("kg.lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("pack.json").is_file()))


@lru_cache(maxsize=None)
def load_pack(lang: str) -> LanguagePack:
    """Return the validated pack of ``lang`` ("fr", "en"…)."""
    return LanguagePack(lang, _read(lang, "lexicon.json"), _read(lang, "pack.json"))


#: The name rule code used before packs held more than words.
load_lexicon = load_pack


def _shared_list(name: str) -> list[str]:
    text = resources.files("kg.lang").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    """Lower-cased first names (``kg/lang/first_names.txt``, shared by every language)."""
    return frozenset(w.lower() for w in _shared_list("first_names.txt"))


@lru_cache(maxsize=None)
def known_places() -> frozenset[str]:
    """Folded names of places that are never organisations (``kg/lang/places.txt``: proper
    names shared by every language, so they live beside the packs, not in one)."""
    from ..names import name_key

    return frozenset(name_key(line) for line in _shared_list("places.txt"))

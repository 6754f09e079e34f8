"""Language data for the extraction rules, loaded from ``kg/lexicons/<lang>.json``.

The rules in :mod:`kg.mentions`, :mod:`kg.coref` and :mod:`kg.relations` are language-neutral;
everything that names a word of a language lives in these files.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Lexicon", "Trigger", "load_lexicon", "known_places"]


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that can state a relation, with the frame that finds its arguments."""

    words: tuple[re.Pattern, ...]
    relation: str
    frame: str
    needs_money: bool = False
    needs_money_for: frozenset = frozenset()
    needs_money_or_percent: bool = False
    head: int = 0           # which word of a multi-word trigger heads it ("joint *venture*")


class Lexicon:
    """The compiled lexicon of one language."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self.data = data
        sets = ("articles", "titles", "person_cues", "person_verbs", "org_cues", "org_suffixes",
                "generic_name_words", "generic_prefix_words", "pronouns_subject", "relative_pronouns",
                "negation_words", "hedges", "connectors_list", "not_names", "distributives",
                "first_names", "institution_heads", "alongside_words", "adverbial_preps", "rank_cues",
                "project_words", "counted_plurals", "new_words",
                "definite_determiners")
        for name in sets:
            setattr(self, name, frozenset(w.lower() for w in data.get(name, ())))
        self.list_separators = frozenset(w.lower() for w in data.get("list_separators", (",", "et", "and")))
        self.descriptions = {w.lower(): t for t, words in data.get("descriptions", {}).items() for w in words}
        self.demonym = re.compile(data["demonym_pattern"], re.I) if data.get("demonym_pattern") else None
        self.appositive_org = re.compile(data.get("appositive_org_pattern", "(?!)"), re.I)
        self.money = re.compile(data["money_pattern"], re.I)
        self.percent = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|pour\s*cent|per\s*cent|percent)", re.I)
        self.participation = re.compile(data.get("participation_words", "(?!)"), re.I)
        self.preps = {k: frozenset(v) for k, v in data.get("preps", {}).items()}
        self.triggers = tuple(
            Trigger(
                words=tuple(re.compile(w, re.I) for w in t["words"].split(" ")),
                relation=t["relation"],
                frame=t["frame"],
                needs_money=t.get("needs_money", False),
                needs_money_for=frozenset(t.get("needs_money_for", ())),
                needs_money_or_percent=t.get("needs_money_or_percent", False),
                head=t.get("head", 0),
            )
            for t in data["triggers"]
        )
        self._first_word: dict[str, tuple[Trigger, ...]] = {}
        for key in ("sell_verbs", "buy_verbs", "give_verbs", "receive_verbs", "speech_verbs",
                    "deny_verbs", "name_verbs", "supply_verbs"):
            setattr(self, key, frozenset(w.lower() for w in data.get(key, ())))

    def triggers_starting(self, word: str) -> tuple[Trigger, ...]:
        """The triggers whose first word matches ``word`` (lower-cased), memoised."""
        found = self._first_word.get(word)
        if found is None:
            found = tuple(t for t in self.triggers if t.words[0].fullmatch(word))
            if len(self._first_word) < 200_000:     # bounded: a corpus has a finite vocabulary
                self._first_word[word] = found
        return found

    def __repr__(self):
        return f"Lexicon({self.lang!r}, {len(self.triggers)} triggers)"


@lru_cache(maxsize=None)
def known_places() -> frozenset[str]:
    """Folded names of places that are never organisations (``lexicons/places.txt``)."""
    from .names import name_key

    text = resources.files("kg").joinpath("lexicons", "places.txt").read_text(encoding="utf-8")
    return frozenset(name_key(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """Return the lexicon of ``lang`` ("fr" or "en")."""
    text = resources.files("kg").joinpath("lexicons", f"{lang}.json").read_text(encoding="utf-8")
    return Lexicon(lang, json.loads(text))

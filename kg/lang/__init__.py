"""Language packs (one folder per language: ``kg/lang/fr/``, ``kg/lang/en/``) and per-document
language detection, with no model to download.

News articles are long enough that counting a handful of very frequent function words (each
pack's ``detection_words``) is reliable, deterministic and costs nothing next to parsing.
"""
from __future__ import annotations

import re

from .pack import (LanguagePack, LanguagePackError, Lexicon, Trigger, available_packs, known_places, load_lexicon,
                   load_pack)

__all__ = ["SUPPORTED", "detect_language", "LanguagePack", "LanguagePackError", "Lexicon", "Trigger",
           "load_pack", "load_lexicon", "known_places"]

#: The languages kg has a pack for: adding a folder adds a language.
SUPPORTED = available_packs()

_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, default: str = "fr") -> str:
    """Return the code of the pack whose function words ``text`` uses most; ``default`` when
    there is no evidence.

    >>> detect_language("Le groupe a annoncé un partenariat avec la start-up.")
    'fr'
    >>> detect_language("The company said it had raised money from investors.")
    'en'
    >>> detect_language("12 345")
    'fr'
    """
    markers = {lang: load_pack(lang).detection_words for lang in SUPPORTED}
    counts = dict.fromkeys(SUPPORTED, 0)
    for word in _WORD.findall(text[:20000].lower()):
        for lang, words in markers.items():
            if word in words:
                counts[lang] += 1
    best = max(SUPPORTED, key=lambda lang: counts[lang])
    return best if counts[best] > 0 and counts[best] != min(counts.values()) else default

"""Per-document language detection (French or English), with no model to download.

News articles are long enough that counting a handful of very frequent function words is
reliable, deterministic and costs nothing next to parsing.
"""
from __future__ import annotations

import re

__all__ = ["SUPPORTED", "detect_language"]

SUPPORTED = ("fr", "en")

_MARKERS = {
    "fr": frozenset("le la les des du un une et est dans pour pas que qui sur avec au aux ce cette "
                    "son sa ses ont été elle il nous mais ou plus par".split()),
    "en": frozenset("the of and is in to for not that which on with at this its his her has have "
                    "was were been it we but or more by from".split()),
}
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ]+")


def detect_language(text: str, default: str = "fr") -> str:
    """Return ``"fr"`` or ``"en"`` for ``text``; ``default`` when there is no evidence.

    >>> detect_language("Le groupe a annoncé un partenariat avec la start-up.")
    'fr'
    >>> detect_language("The company said it had raised money from investors.")
    'en'
    >>> detect_language("12 345")
    'fr'
    """
    counts = dict.fromkeys(SUPPORTED, 0)
    for word in _WORD.findall(text[:20000].lower()):
        for lang, markers in _MARKERS.items():
            if word in markers:
                counts[lang] += 1
    best = max(SUPPORTED, key=lambda lang: counts[lang])
    return best if counts[best] > 0 and counts[best] != min(counts.values()) else default

"""Name normalisation shared by in-document and cross-document resolution."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "name_key", "slug", "edit_distance_le1"]


@lru_cache(maxsize=None)
def _leading_article() -> re.Pattern:
    """Articles a name may start with in any language (the packs' ``leading_articles``): keys
    must not depend on the language, since names merge across documents."""
    from .lang import SUPPORTED, load_pack

    words = sorted({fold(w) for lang in SUPPORTED for w in load_pack(lang).leading_articles}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) if w.endswith("'") else re.escape(w) + " " for w in words)
    return re.compile(rf"^(?:(?:{alternatives})\s*)+")


def fold(text: str) -> str:
    """Case- and accent-folded text with typographic apostrophes made plain.

    >>> fold("L’Élysée")
    "l'elysee"
    """
    s = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    return s.casefold().strip()


def name_key(name: str) -> str:
    """The key two surface forms of one name share: folded, no leading article, no punctuation.

    >>> name_key("L'Observatoire de l’Europe") == name_key("observatoire de l'Europe")
    True
    >>> name_key("OpenAI") == name_key("Openai")
    True
    """
    s = _leading_article().sub("", fold(name).replace("\u2019", "'"))
    return re.sub(r"[^0-9a-z]+", "", s)


def slug(name: str) -> str:
    """A stable id for a name, valid as an XML NMTOKEN (GraphML node id).

    >>> slug("Région Île-de-France")
    'region-ile-de-france'
    >>> slug("???")
    'entity'
    """
    s = re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-")
    return s or "entity"


def edit_distance_le1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution.

    >>> edit_distance_le1("deekseek", "deepseek"), edit_distance_le1("openai", "xai")
    (True, False)
    >>> edit_distance_le1("daimlerchrylser", "daimlerchrysler"), edit_distance_le1("abcd", "badc")
    (True, False)
    """
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        # one substitution, or two neighbours swapped ("Chrylser" / "Chrysler")
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
        return a[i + 1:] == b[i + 1:] or swapped
    return a[i:] == b[i + 1:]

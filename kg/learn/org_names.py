"""Real organisation names derived from data: the company ends of CORE's labelled relations,
and the listed companies of twenty stock indices (CAC 40, CAC Mid 60, FTSE 100, DAX, S&P 500,
Nikkei 225, …) as the ``pytickersymbols`` package (MIT) records them.

The NER of news-sized pipelines types many well-known companies as people, places or MISC
("Yukos", "Air Deccan"); a mention whose name is on this list gets an organisation vote, weaker
than a cue in the text ("M. X", "la start-up X") and stronger than the NER's label (see
:func:`kg.mentions.find_mentions`). The list is written by ``kg train`` from
``../shared/data/core/train.json`` (CC BY 4.0) and ``pytickersymbols`` (pinned in the ``train``
extra), never typed by hand.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..lang import known_places
from ..names import name_key

__all__ = ["build", "write", "is_known_org", "FILE"]

FILE = "org_names.txt"
#: Which ends of a CORE relation are sure to be organisations: both for relations between
#: companies, the second (the owner of a product or brand, the company whose shares a holder
#: owns) for the others. Keys are CORE's labels; other labels give no name.
_ORG_ENDS = {"collaboration": (1, 2), "competitor_of": (1, 2), "merged_with": (1, 2), "acquired_by": (1, 2),
             "subsidiary_of": (1, 2), "client_of": (1, 2), "regulated_by": (1, 2), "traded_on": (1, 2),
             "product_or_service_of": (2,), "brand_of": (2,), "shareholder_of": (2,)}
#: A company-form ending, as news leave it out: "Inc.", "S.p.A.", "AB", "PLC" (an abbreviation
#: with a dot, or a short all-capital word after the name).
_LEGAL = re.compile(r"(?:[A-Za-z]{1,4}\.)+[A-Za-z]{0,2}|[A-Z]{2,4}")


def _short(name: str) -> str:
    words = name.replace(",", " ").split()
    while len(words) > 1 and _LEGAL.fullmatch(words[-1]):
        words.pop()
    return " ".join(words)


#: The company form or collective word that ends a listed company's full name ("Pfizer Inc.",
#: "Vivendi SE", "BT Group"): news write the name without it.
_LISTED_ENDING = re.compile(r"(?:,?\s+(?:Inc\.?|Corp\.?|Corporation|Company|Co\.|Companies|plc|PLC|Ltd\.?|Limited"
                            r"|AG|SE|SA|S\.A\.|AB|ASA|N\.V\.|NV|Oyj|Group|Holdings?|Holding))+$")


def index_names(common_words: set[str]) -> set[str]:
    """The listed companies of ``pytickersymbols``' stock indices, full and without the company
    form; a short form that is one common word ("Next", "Target", "Ball") is left out, as the
    opening word of a sentence would otherwise be taken for the company."""
    try:
        from pytickersymbols import PyTickerSymbols
    except ImportError as err:
        from ..errors import KGError
        raise KGError("the list of organisation names needs pytickersymbols: pip install 'kg[train]'") from err
    names = set()
    for stock in PyTickerSymbols().get_all_stocks():
        full = " ".join(stock["name"].split())
        short = _LISTED_ENDING.sub("", full)
        short = short[4:] if short.startswith("The ") else short
        names.add(full)
        if " " in short or short.lower() not in common_words:
            names.add(short)
    return names


def _core_words(rows: list[dict]) -> set[str]:
    """Every word CORE's passages write in lower case: the common words of English prose."""
    words = set()
    for x in rows:
        words.update(w for w in re.findall(r"\b[a-z]+\b", " ".join(x["context"])))
    return words


def build(core_path: Path, *, listed: bool = True) -> list[str]:
    """The sorted organisation names of CORE's passages (full and without a legal ending) and,
    with ``listed``, of the stock indices (:func:`index_names`)."""
    rows = json.loads(Path(core_path).read_text(encoding="utf-8"))
    names = set()
    for x in rows:
        ends = [x["e1_name"], x["e2_name"]][:: -1 if x["invert_relation"] else 1]
        for name in (ends[k - 1] for k in _ORG_ENDS.get(x["relation"], ())):
            for form in {name.strip(), _short(name.strip())}:
                if len(form) >= 3 and any(c.isupper() for c in form):
                    names.add(form)
    if listed:
        names |= {n for n in index_names(_core_words(rows)) if len(n) >= 3}
    places = known_places()
    return sorted(n for n in names if name_key(n) not in places)     # "Chicago Tribune" stays


def write(names: list[str], path: Path) -> None:
    Path(path).write_text("# written by `kg train` from CORE (CC BY 4.0); one name a line\n"
                          + "\n".join(names) + "\n", encoding="utf-8")
    _keys.cache_clear()


@lru_cache(maxsize=1)
def _keys() -> frozenset[str]:
    text = resources.files("kg.learn").joinpath(FILE).read_text(encoding="utf-8")
    return frozenset(name_key(n) for n in text.splitlines() if n and not n.startswith("#"))


def is_known_org(name: str) -> bool:
    """Whether ``name`` is a real organisation's name on the list (case and accents folded).

    >>> is_known_org("coca-cola"), is_known_org("Paris")
    (True, False)
    """
    return name_key(name) in _keys()

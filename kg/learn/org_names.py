"""Real organisation names derived from data: the company ends of CORE's labelled relations.

The NER of news-sized pipelines types many well-known companies as people, places or MISC
("Yukos", "Air Deccan"); a mention whose name is on this list gets an organisation vote, weaker
than a cue in the text ("M. X", "la start-up X") and stronger than the NER's label (see
:func:`kg.mentions.find_mentions`). The list is written by ``kg train`` from
``../shared/data/core/train.json`` (CC BY 4.0), never typed by hand.
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


def build(core_path: Path) -> list[str]:
    """The sorted organisation names of CORE's passages (full and without a legal ending)."""
    names = set()
    for x in json.loads(Path(core_path).read_text(encoding="utf-8")):
        ends = [x["e1_name"], x["e2_name"]][:: -1 if x["invert_relation"] else 1]
        for name in (ends[k - 1] for k in _ORG_ENDS.get(x["relation"], ())):
            for form in {name.strip(), _short(name.strip())}:
                if len(form) >= 3 and any(c.isupper() for c in form):
                    names.add(form)
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

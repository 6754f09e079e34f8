"""Real organisation names derived from data: the company ends of CORE's labelled relations.

The NER of news-sized pipelines types many well-known companies as people, places or MISC
("Yukos", "Air Deccan"); a mention whose name is on this list gets an organisation vote, weaker
than a cue in the text ("M. X", "la start-up X") and stronger than the NER's label (see
:func:`kg.mentions.find_mentions`). The list is written by ``kg train`` from
``../shared/data/core/train.json`` (CC BY 4.0), never typed by hand.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..lexicon import known_places
from ..names import name_key

__all__ = ["build", "write", "is_known_org", "FILE"]

FILE = "org_names.txt"
#: CORE labels whose two ends are organisations, and those where only the second end (the
#: owner of a product or brand, the company a holder owns shares of) is sure to be one.
_BOTH_ORGS = frozenset({"collaboration", "competitor_of", "merged_with", "acquired_by", "subsidiary_of",
                        "client_of", "regulated_by", "traded_on"})
_SECOND_ORG = frozenset({"product_or_service_of", "brand_of", "shareholder_of"})
#: Company-form endings stripped to give the name as news write it ("Orbitz Worldwide, Inc.").
_LEGAL = ("inc", "inc.", "ltd", "ltd.", "limited", "plc", "plc.", "llc", "corp", "corp.", "co.", "s.a.",
          "s.p.a.", "ag", "ab", "sa", "nv", "n.v.", "gmbh", "as", "asa", "oyj", "pvt.")


def _short(name: str) -> str:
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in _LEGAL:
        words.pop()
    return " ".join(words)


def build(core_path: Path) -> list[str]:
    """The sorted organisation names of CORE's passages (full and without a legal ending)."""
    names = set()
    for x in json.loads(Path(core_path).read_text(encoding="utf-8")):
        ends = []
        if x["relation"] in _BOTH_ORGS:
            ends = [x["e1_name"], x["e2_name"]]
        elif x["relation"] in _SECOND_ORG:
            ends = [x["e1_name"] if x["invert_relation"] else x["e2_name"]]
        for name in ends:
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

"""Name merging shared by in-document and cross-corpus resolution (kg.merge), no model."""
from __future__ import annotations

from collections import Counter

import pytest

from kg.lang import SUPPORTED, load_pack
from kg.merge import Name, NameWords, merge_names, vote_type
from kg.names import name_key

WORDS = NameWords.of_packs(load_pack(lang) for lang in SUPPORTED)


def _names(*specs) -> dict[str, Name]:
    """``(text, {type: votes}, first)`` → the names to merge, keyed as resolution keys them."""
    out = {}
    for text, votes, first in specs:
        v = Counter(votes)
        out[name_key(text)] = Name(name_key(text), text, v, first, v["PER"] >= 5)
    return out


def _merged(names, scope) -> set[frozenset[str]]:
    return {frozenset(names[k].text for k in ks) for ks in merge_names(names, WORDS, scope).groups().values()}


@pytest.mark.parametrize("scope", ["document", "corpus"])
def test_a_short_form_joins_its_full_name_whatever_the_ner_typed_it(scope):
    # the NER typed the short form a person; the rest of the full name is generic
    names = _names(("Quorvex Systems", {"ORG": 6}, 0), ("Quorvex", {"PER": 1}, 9))
    assert _merged(names, scope) == {frozenset({"Quorvex", "Quorvex Systems"})}


def test_in_a_document_a_short_form_written_after_its_full_name_joins_it():
    names = _names(("Quorvex Dynamics", {"ORG": 6}, 0), ("Quorvex", {"PER": 1}, 9))
    assert _merged(names, "document") == {frozenset({"Quorvex", "Quorvex Dynamics"})}
    assert len(_merged(names, "corpus")) == 2     # across articles, "Dynamics" is no generic word


def test_a_short_form_used_before_a_longer_name_stays_apart_in_a_document():
    names = _names(("Brio", {"ORG": 1}, 0), ("Brio Gaming", {"ORG": 1}, 20))
    assert _merged(names, "document") == {frozenset({"Brio"}), frozenset({"Brio Gaming"})}


def test_a_description_built_on_a_place_is_no_alias_of_the_place():
    # "on l'appelle « le Kalo de la Norvège »": a description, not another name of the place
    names = _names(("Norvège", {"LOC": 3}, 0), ("Kalo de la Norvège", {"LOC": 1}, 30), ("Kalo", {"ORG": 4}, 5))
    assert not any({"Norvège", "Kalo de la Norvège"} <= g for g in _merged(names, "document"))


def test_a_sure_person_is_not_a_short_form_of_a_company():
    names = _names(("Jordan Motors", {"ORG": 6}, 0), ("Jordan", {"PER": 6}, 9))
    assert _merged(names, "document") == {frozenset({"Jordan"}), frozenset({"Jordan Motors"})}


def test_typos_acronyms_and_surnames_in_a_document():
    names = _names(("Deepseek", {"ORG": 2}, 0), ("Deekseek", {"PER": 1}, 40), ("General Motors", {"ORG": 2}, 3),
                   ("GM", {"ORG": 1}, 50), ("Paul Durand", {"PER": 6}, 7), ("Durand", {"PER": 1}, 60))
    assert _merged(names, "document") == {frozenset({"Deekseek", "Deepseek"}), frozenset({"GM", "General Motors"}),
                                          frozenset({"Durand", "Paul Durand"})}
    assert names["durand"].votes["PER"] >= 5     # the surname is now as sure as the full name


def test_the_corpus_scope_leaves_acronyms_and_surnames_alone():
    names = _names(("General Motors", {"ORG": 2}, 0), ("GM", {"ORG": 1}, 0), ("Paul Durand", {"PER": 6}, 0),
                   ("Durand", {"PER": 1}, 0))
    assert len(_merged(names, "corpus")) == 4


def test_type_vote_breaks_ties_by_specificity():
    assert vote_type(Counter({"LOC": 2, "ORG": 2})) == "ORG"
    assert vote_type(Counter({"PER": 1, "ORG": 2})) == "ORG"


def test_an_unknown_scope_is_refused():
    with pytest.raises(ValueError, match="scope"):
        merge_names({}, WORDS, "planet")


def test_across_articles_a_unit_or_a_bank_is_not_the_short_name():
    names = _names(("Google Cloud", {"ORG": 3}, 0), ("Google", {"ORG": 9}, 5),
                   ("United Bank", {"ORG": 2}, 0), ("United", {"ORG": 4}, 7))
    assert len(_merged(names, "corpus")) == 4
    assert len(_merged(names, "document")) == 2


def test_across_articles_names_a_letter_apart_stay_apart_unless_long_and_alike():
    names = _names(("LG Group", {"ORG": 3}, 0), ("LS Group", {"ORG": 2}, 4))
    assert len(_merged(names, "corpus")) == 2
    names = _names(("Deepseek Labs", {"ORG": 3}, 0), ("Deekseek Labs", {"ORG": 1}, 4))
    assert len(_merged(names, "corpus")) == 1

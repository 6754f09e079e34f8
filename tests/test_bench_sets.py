"""bench/sets.py: the look and check halves split the train set by article number, as the README says."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("sets", Path(__file__).parents[1] / "bench" / "sets.py")
sets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sets)

needs_shared = pytest.mark.skipif(not (sets.SHARED / "eval/train/gold").is_dir(), reason="needs ../shared")


def test_article_numbers_are_the_last_number_of_the_name():
    assert [sets._number(s) for s in ("tr_fr_07", "tr_en_12", "news_en_business_109", "seed")] == [7, 12, 109, 0]


@needs_shared
def test_look_and_check_halves_are_the_odd_and_even_train_articles_and_cover_it():
    look = {g.name for _, g in sets.members("look")}
    check = {g.name for _, g in sets.members("check")}
    train = {p.name for p in (sets.SHARED / "eval/train/gold").glob("*.gold.json")}
    assert look | check == train and not look & check
    assert all(sets._number(n.split(".")[0]) % 2 == 1 for n in look)
    assert all(text.is_file() for text, _ in sets.members("check"))

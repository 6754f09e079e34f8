"""Extraction quality on annotated articles, scored with kg's evaluator (the referee's rules).

The dev set lives in ../shared (the issue's targets); the challenge set in tests/fixtures was
written for the project without looking at the extractor, as a check on generalisation.
"""
from __future__ import annotations

import pytest

import kg
from conftest import ROOT, SHARED
from kg.evaluate import evaluate

pytestmark = pytest.mark.model

DEV = SHARED / "eval" / "dev"
CHALLENGE = ROOT / "tests" / "fixtures" / "challenge"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/dev not present")
def test_dev_set_meets_the_targets(nlp_fr, nlp_en):
    report = evaluate(kg.build_graph([DEV / "texts"]), [DEV / "gold"]).to_dict()
    assert report["relations"]["precision"] >= 0.90, report["wrong_relations"]
    assert report["relations"]["f1"] >= 0.85, report["missed_relations"]
    assert report["entities"]["f1"] >= 0.85, (report["missed_entities"], report["wrong_entities"])


def test_challenge_set_written_blind_keeps_precision(nlp_fr, nlp_en):
    report = evaluate(kg.build_graph([CHALLENGE / "texts"]), [CHALLENGE / "gold"]).to_dict()
    assert report["relations"]["precision"] >= 0.90, report["wrong_relations"]
    assert report["relations"]["f1"] >= 0.80, report["missed_relations"]

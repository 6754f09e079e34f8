"""The learned relation scorer: features on hand-built parses, decisions, retraining on a
tiny sample, and the shipped weights."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from handmade import make_doc
from kg.document import analyse_doc
from kg.learn.features import CLASSES, doc_candidates
from kg.learn.model import Scorer, WEIGHTS, _verdict, decide, load_scorer
from kg.learn.train import DEFAULTS, calibration, choose_threshold, fit, train

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def candidates(doc, lang="fr"):
    ctx, found = analyse_doc(doc, lang)
    return ctx, found, doc_candidates(ctx, found)


def test_a_trigger_between_the_pair_on_its_path_is_a_feature():
    # Orange investit dans Lumio .
    doc = make_doc("Orange/PROPN/nsubj/1 investit/VERB/ROOT/1 dans/ADP/case/3 Lumio/PROPN/obl:arg/1 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (3, 4, "ORG")])
    _, _, [cand] = candidates(doc)
    assert (cand.a.name, cand.b.name) == ("Orange", "Lumio")
    assert {"lcatrig=invest", "path=subj^/oblv", "rule=funds:ab", "tt=ORG_ORG"} <= set(cand.features)


def test_names_of_one_list_are_conjoined_and_share_no_trigger_path():
    # Google , Apple et Amazon publient des résultats .
    doc = make_doc("Google/PROPN/nsubj/5 ,/PUNCT/punct/2 Apple/PROPN/conj/0 et/CCONJ/cc/4 Amazon/PROPN/conj/0 "
                   "publient/VERB/ROOT/5 des/DET/det/7 résultats/NOUN/obj/5 ./PUNCT/punct/5",
                   [(0, 1, "ORG"), (2, 3, "ORG"), (4, 5, "ORG")])
    _, _, cands = candidates(doc)
    assert len(cands) == 3
    assert all("conjoined" in c.features and not any(f.startswith("ptrig=") for f in c.features) for c in cands)


def _scorer(weights, rule=0.3, new=0.9):
    return Scorer(weights, (0.0,) * len(CLASSES), {"rule": rule, "unbacked": new})


def test_a_rule_finding_stands_unless_the_scorer_finds_it_unlikely():
    doc = make_doc("Orange/PROPN/nsubj/1 investit/VERB/ROOT/1 dans/ADP/case/3 Lumio/PROPN/obl:arg/1 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (3, 4, "ORG")])
    ctx, found, [cand] = candidates(doc)
    keep = _scorer({"rule=funds:ab": (0, 3.0, 0, 0, 0)})
    drop = _scorer({"rule=funds:ab": (3.0, 0, 0, 0, 0)})
    assert [(f.source.name, f.relation, f.target.name) for f in decide(ctx, found, keep)] == [("Orange", "funds", "Lumio")]
    assert decide(ctx, found, drop) == []
    # without a rule, the same probability is not enough: new findings need the higher threshold
    cand.rules = []
    probs = keep.probabilities(cand.features)
    assert probs[CLASSES.index("funds:ab")] < 0.9 and _verdict(cand, probs, keep) == (None, 0.0)


def test_thresholds_and_calibration_come_from_held_out_outcomes():
    outcomes = [(0.1, False)] * 10 + [(0.35, True)] * 6 + [(0.35, False)] * 4 + [(0.7, True)] * 9 + [(0.7, False)]
    assert choose_threshold(outcomes, 0.85) == 0.4
    assert choose_threshold(outcomes, 0.99) == 1.01
    table = dict(calibration(outcomes))
    assert table[0.0] < table[0.3] < table[0.6] and table[0.6] == pytest.approx(10 / 12, abs=1e-3)


def _toy(n=40):
    """Separable toy examples in ten groups: 'up' means funds a→b, 'down' none."""
    out = []
    for i in range(n):
        label = "funds:ab" if i % 2 else "none"
        out.append((["bias", "up" if i % 2 else "down", f"noise={i % 3}"], label, 1.0, f"doc{i % 10}"))
    return out


def test_fit_learns_a_separable_toy_problem_deterministically():
    a, b = fit(_toy()), fit(_toy())
    assert a.weights == b.weights
    p = a.probabilities(["bias", "up"])
    assert max(range(len(CLASSES)), key=p.__getitem__) == CLASSES.index("funds:ab")
    assert a.probabilities(["bias", "down"])[0] > 0.5


def test_train_reports_cross_validation_and_round_trips_through_json(tmp_path):
    scorer, report = train(_toy(), folds=5)
    assert report["cv_news"]["precision"] == 1.0 and report["cv_news"]["recall"] == 1.0
    # rule findings right at every threshold: the chosen threshold would be the lowest, the floor holds
    backed = [(f + ["rule=funds:ab"] if label == "funds:ab" else f, label, w, g) for f, label, w, g in _toy()]
    scorer, report = train(backed, folds=5)
    assert report["cv_rule_backed"]["all"]["precision"] == 1.0
    assert scorer.thresholds["rule"] == report["params"]["rule_floor"] == DEFAULTS["rule_floor"]
    assert train(backed, folds=5, rule_floor=0.6)[0].thresholds["rule"] == 0.6
    again = Scorer.from_dict(json.loads(json.dumps(scorer.to_dict())))
    assert again.probabilities(["bias", "up"]) == pytest.approx(scorer.probabilities(["bias", "up"]), abs=1e-4)


def test_the_shipped_scorer_loads_offline_and_stays_small():
    from importlib import resources

    path = resources.files("kg.learn").joinpath(WEIGHTS)
    assert len(path.read_bytes()) < 3_000_000
    scorer = load_scorer()
    assert scorer.use_rules and 0 < scorer.thresholds["rule"] <= 1.01
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
    assert meta["seed"] == 0 and meta["examples"]["news"] > 1000 and meta["examples"]["core"] > 1000


@pytest.mark.model
@pytest.mark.skipif(not (SHARED / "eval" / "dev").is_dir(), reason="needs ../shared")
def test_kg_train_retrains_on_a_tiny_sample(tmp_path, nlp_fr, nlp_en):
    pytest.importorskip("sklearn")
    from kg.learn.train import train_scorer

    out = tmp_path / "scorer.json"
    exclude = {p.name[:-10] for p in (SHARED / "eval/train/gold").glob("*.gold.json")} - {"tr_en_01", "tr_fr_01"}
    report = train_scorer(SHARED, out, exclude=exclude, core_limit=30, folds=2)
    assert report["examples"]["core"] == 30 and report["examples"]["news"] > 100
    scorer = load_scorer(str(out))
    assert scorer.weights and set(scorer.thresholds) == {"rule", "unbacked"}



def test_a_trigger_word_inside_a_name_is_no_feature():
    from handmade import make_doc
    from kg.lang import load_lexicon
    from kg.learn.features import trigger_index
    # Brio United signed .   ("United" inside a name states no alliance)
    doc = make_doc("Brio/PROPN/compound/1 United/PROPN/nsubj/2 signed/VERB/ROOT/2 ./PUNCT/punct/2", [(0, 2, "ORG")], lang="en")
    lex = load_lexicon("en")
    assert 1 in trigger_index(doc[:], lex) and 1 not in trigger_index(doc[:], lex, taken={0, 1})

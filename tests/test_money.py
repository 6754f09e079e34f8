"""Which amount goes with which funder (kg.money), on a hand-built Doc."""
from __future__ import annotations

from handmade import make_doc
from kg.lang import load_pack
from kg.mentions import Ment
from kg.money import amount_for, amounts


def test_each_amount_goes_to_the_funder_whose_phrase_holds_it():
    # Orvane a 300 millions d'euros de soutien de Kalo et 3 millions d'euros de soutien de Brio .
    doc = make_doc("Orvane/PROPN/nsubj/1 a/VERB/ROOT/1 300/NUM/nummod/3 millions/NOUN/obj/1 d'/ADP/case/5 "
                   "euros/NOUN/nmod/3 de/ADP/case/7 soutien/NOUN/nmod/3 de/ADP/case/9 Kalo/PROPN/nmod/7 "
                   "et/CCONJ/cc/12 3/NUM/nummod/12 millions/NOUN/conj/3 d'/ADP/case/14 euros/NOUN/nmod/12 "
                   "de/ADP/case/16 soutien/NOUN/nmod/12 de/ADP/case/18 Brio/PROPN/nmod/16 ./PUNCT/punct/1")
    lex = load_pack("fr")
    [sent] = doc.sents
    assert [text for _, _, text in amounts(sent, lex)] == ["300 millions d'euros", "3 millions d'euros"]
    kalo, brio = Ment(9, 10, "Kalo", "ORG", 0), Ment(18, 19, "Brio", "ORG", 0)
    trigger = doc[16].idx                       # the second "soutien", next to the smaller amount
    assert amount_for(sent, lex, kalo, trigger) == "300 millions d'euros"
    assert amount_for(sent, lex, brio, trigger) == "3 millions d'euros"


def test_without_a_holding_phrase_the_amount_nearest_the_trigger_wins():
    # Kalo investit 5 millions d' euros dans Brio .  (the amount parsed apart from the funder)
    doc = make_doc("Kalo/PROPN/nsubj/1 investit/VERB/ROOT/1 5/NUM/nummod/3 millions/NOUN/obj/1 d'/ADP/case/5 "
                   "euros/NOUN/nmod/3 dans/ADP/case/7 Brio/PROPN/obl/1 ./PUNCT/punct/1")
    [sent] = doc.sents
    assert amount_for(sent, load_pack("fr"), Ment(0, 1, "Kalo", "ORG", 0), doc[1].idx) == "5 millions d'euros"

"""Relation rules on hand-built parses: each test pins one rule, no model needed."""
from __future__ import annotations

import pytest

from handmade import make_doc
from kg.document import extract_doc


@pytest.fixture(autouse=True)
def rules_alone(monkeypatch):
    """These tests pin the rules; the scorer that judges their findings has its own tests."""
    monkeypatch.setenv("KG_RELATIONS", "rules")


def rels(doc, lang="fr"):
    return {(r.source, r.relation, r.target) for r in extract_doc(doc, "t.txt", lang).relations}


def test_active_investment_gives_funder_to_funded():
    # Orange investit dans Lumio .
    doc = make_doc("Orange/PROPN/nsubj/1 investit/VERB/ROOT/1 dans/ADP/case/3 Lumio/PROPN/obl:arg/1 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (3, 4, "ORG")])
    assert rels(doc) == {("Orange", "funds", "Lumio")}


def test_passive_funding_reverses_the_roles():
    # Lumio est financée par Orange .
    doc = make_doc("Lumio/PROPN/nsubj:pass/2 est/AUX/aux:pass/2 financée/VERB/ROOT/2 par/ADP/case/4 "
                   "Orange/PROPN/obl:agent/2 ./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")])
    assert rels(doc) == {("Orange", "funds", "Lumio")}


def test_negated_funding_gives_no_edge():
    # Orange ne finance pas Lumio .
    doc = make_doc("Orange/PROPN/nsubj/2 ne/ADV/advmod/2 finance/VERB/ROOT/2 pas/ADV/advmod/2 Lumio/PROPN/obj/2 "
                   "./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")])
    assert rels(doc) == set()


def test_coordinated_subjects_each_partner_with_the_object_not_with_each_other():
    # Veolia et Iliad ont signé un partenariat avec Kalo .
    doc = make_doc("Veolia/PROPN/nsubj/4 et/CCONJ/cc/2 Iliad/PROPN/conj/0 ont/AUX/aux:tense/4 signé/VERB/ROOT/4 "
                   "un/DET/det/6 partenariat/NOUN/obj/4 avec/ADP/case/8 Kalo/PROPN/nmod/6 ./PUNCT/punct/4",
                   [(0, 1, "ORG"), (2, 3, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Kalo", "partners-with", "Veolia"), ("Iliad", "partners-with", "Kalo")}


def test_coordinated_subjects_of_an_agreement_partner_with_each_other():
    # Veolia et Iliad ont signé un accord .
    doc = make_doc("Veolia/PROPN/nsubj/4 et/CCONJ/cc/2 Iliad/PROPN/conj/0 ont/AUX/aux:tense/4 signé/VERB/ROOT/4 "
                   "un/DET/det/6 accord/NOUN/obj/4 ./PUNCT/punct/4", [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == {("Iliad", "partners-with", "Veolia")}


def test_rival_noun_with_possessive_links_the_listed_rivals_to_the_owner():
    # Twix domine , devant ses rivaux , Brio et Kalo .
    doc = make_doc("Twix/PROPN/nsubj/1 domine/VERB/ROOT/1 ,/PUNCT/punct/5 devant/ADP/case/5 ses/DET/det/5 "
                   "rivaux/NOUN/obl:mod/1 ,/PUNCT/punct/7 Brio/PROPN/appos/5 et/CCONJ/cc/9 Kalo/PROPN/conj/7 "
                   "./PUNCT/punct/1", [(0, 1, "ORG"), (7, 8, "ORG"), (9, 10, "ORG")], morphs={4: "Poss=Yes"})
    assert rels(doc) == {("Brio", "competes-with", "Twix"), ("Kalo", "competes-with", "Twix")}


def test_hedged_deal_keeps_a_lower_confidence():
    # Orange pourrait financer Lumio .
    doc = make_doc("Orange/PROPN/nsubj/1 pourrait/VERB/ROOT/1 financer/VERB/xcomp/1 Lumio/PROPN/obj/2 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (3, 4, "ORG")])
    [rel] = extract_doc(doc, "t.txt", "fr").relations
    assert (rel.source, rel.relation, rel.target) == ("Orange", "funds", "Lumio")
    assert rel.confidence < 0.5


def test_money_amount_is_attached_to_the_funds_edge():
    # Orange a investi 5 millions d' euros dans Lumio .
    doc = make_doc("Orange/PROPN/nsubj/2 a/AUX/aux:tense/2 investi/VERB/ROOT/2 5/NUM/nummod/4 millions/NOUN/obj/2 "
                   "d'/ADP/case/6 euros/NOUN/nmod/4 dans/ADP/case/8 Lumio/PROPN/obl:arg/2 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (8, 9, "ORG")])
    [rel] = extract_doc(doc, "t.txt", "fr").relations
    assert rel.relation == "funds" and rel.amount == "5 millions d'euros"


def test_english_passive_backing_by_agent():
    # Zenta was backed by Acme .
    doc = make_doc("Zenta/PROPN/nsubjpass/2 was/AUX/auxpass/2 backed/VERB/ROOT/2 by/ADP/agent/2 Acme/PROPN/pobj/3 "
                   "./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")], lang="en")
    assert rels(doc, "en") == {("Acme", "funds", "Zenta")}


def test_english_shareholder_apposition_funds_the_company():
    # Acme , a 30 % shareholder in Zenta , said .
    doc = make_doc("Acme/PROPN/nsubj/10 ,/PUNCT/punct/0 a/DET/det/5 30/NUM/nummod/4 %/NOUN/compound/5 "
                   "shareholder/NOUN/appos/0 in/ADP/prep/5 Zenta/PROPN/pobj/6 ,/PUNCT/punct/0 it/PRON/nsubj/10 "
                   "said/VERB/ROOT/10 ./PUNCT/punct/10", [(0, 1, "ORG"), (7, 8, "ORG")], lang="en")
    assert rels(doc, "en") == {("Acme", "funds", "Zenta")}


def test_relation_argument_typed_as_place_becomes_an_organisation():
    # Orange investit dans Lumio . (Lumio mis-tagged as a place)
    doc = make_doc("Orange/PROPN/nsubj/1 investit/VERB/ROOT/1 dans/ADP/case/3 Lumio/PROPN/obl:arg/1 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (3, 4, "LOC")])
    types = {m.name: m.type for m in extract_doc(doc, "t.txt", "fr").mentions}
    assert types["Lumio"] == "ORG"


def test_inflected_trigger_with_cedilla():
    # Orange finançait Lumio .
    doc = make_doc("Orange/PROPN/nsubj/1 finançait/VERB/ROOT/1 Lumio/PROPN/obj/1 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == {("Orange", "funds", "Lumio")}


def test_partner_as_a_role_needs_both_ends():
    # Brio , partenaire de Lumio , recrute .
    doc = make_doc("Brio/PROPN/nsubj/6 ,/PUNCT/punct/2 partenaire/NOUN/appos/0 de/ADP/case/4 Lumio/PROPN/nmod/2 "
                   ",/PUNCT/punct/0 recrute/VERB/ROOT/6 ./PUNCT/punct/6", [(0, 1, "ORG"), (4, 5, "ORG")])
    assert rels(doc) == {("Brio", "partners-with", "Lumio")}
    # Brio travaille avec des partenaires .
    doc = make_doc("Brio/PROPN/nsubj/1 travaille/VERB/ROOT/1 avec/ADP/case/4 des/DET/det/4 partenaires/NOUN/obl/1 "
                   "./PUNCT/punct/1", [(0, 1, "ORG")])
    assert rels(doc) == set()


def test_joint_adverb_frame_reads_its_dependency_pattern():
    # Brio et Kalo développent conjointement la plateforme .   /   … développent la plateforme conjointe .
    doc = make_doc("Brio/PROPN/nsubj/3 et/CCONJ/cc/2 Kalo/PROPN/conj/0 développent/VERB/ROOT/3 "
                   "conjointement/ADV/advmod/3 la/DET/det/6 plateforme/NOUN/obj/3 ./PUNCT/punct/3",
                   [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == {("Brio", "partners-with", "Kalo")}
    # the adverb on a noun, not a verb: the pattern does not match, no edge
    doc = make_doc("Brio/PROPN/nsubj/3 et/CCONJ/cc/2 Kalo/PROPN/conj/0 voient/VERB/ROOT/3 la/DET/det/5 "
                   "plateforme/NOUN/obj/3 conjointement/ADV/advmod/5 ./PUNCT/punct/3", [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == set()


def _raise_then_round():
    # Lumio a levé 5 millions d' euros lors d' un tour de table mené par Kalo .
    return make_doc("Lumio/PROPN/nsubj/2 a/AUX/aux/2 levé/VERB/ROOT/2 5/NUM/nummod/4 millions/NOUN/obj/2 "
                    "d'/ADP/case/6 euros/NOUN/nmod/4 lors/ADV/advmod/2 d'/ADP/case/10 un/DET/det/10 "
                    "tour/NOUN/obl:mod/2 de/ADP/case/12 table/NOUN/nmod/10 mené/VERB/acl/10 par/ADP/case/15 "
                    "Kalo/PROPN/obl:agent/13 ./PUNCT/punct/2", [(0, 1, "ORG"), (15, 16, "ORG")])


def test_round_owner_is_known_before_the_frames_run():
    # the round names no owner: it belongs to the company raising money in the sentence
    [rel] = extract_doc(_raise_then_round(), "t.txt", "fr").relations
    assert (rel.source, rel.relation, rel.target) == ("Kalo", "funds", "Lumio")
    assert rel.amount == "5 millions d'euros"


def test_frames_are_pure_functions_of_the_sentence():
    from kg.coref import resolve_mentions
    from kg.document import _context
    from kg.frames import FRAMES
    from kg.lang import load_pack
    from kg.mentions import find_mentions
    from kg.relations import match_triggers
    from kg.sentence import Sentence

    doc, lex = _raise_then_round(), load_pack("fr")
    mentions = find_mentions(doc, lex)
    resolve_mentions(mentions, lex)
    ctx = _context(doc, lex, mentions)
    before = {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
              for k, v in vars(ctx).items()}
    [sent] = doc.sents
    s = Sentence(ctx, sent, 0, raiser=mentions[0], raiser_sent=0)
    for tok, trig in match_triggers(sent, lex):
        first = FRAMES[trig.frame](s, tok, trig)
        assert FRAMES[trig.frame](s, tok, trig) == first     # same sentence in, same pairs out
    assert {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
            for k, v in vars(ctx).items()} == before            # and nothing shared was written


def test_percent_held_of_a_company_is_a_stake():
    # Kalo détient 20 % de Lumio .
    doc = make_doc("Kalo/PROPN/nsubj/1 détient/VERB/ROOT/1 20/NUM/nummod/3 %/NOUN/obj/1 de/ADP/case/5 "
                   "Lumio/PROPN/nmod/3 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == {("Kalo", "funds", "Lumio")}


def test_percent_held_of_the_whole_company_is_no_stake():
    # Kalo détient 100 % de Lumio .   (an acquisition, not funding)
    doc = make_doc("Kalo/PROPN/nsubj/1 détient/VERB/ROOT/1 100/NUM/nummod/3 %/NOUN/obj/1 de/ADP/case/5 "
                   "Lumio/PROPN/nmod/3 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == set()


def test_percent_bought_goes_to_the_company_not_to_what_describes_it():
    # Kalo bought 18 % of Lumio , the maker behind Brio .
    doc = make_doc("Kalo/PROPN/nsubj/1 bought/VERB/ROOT/1 18/NUM/nummod/3 %/NOUN/dobj/1 of/ADP/prep/3 "
                   "Lumio/PROPN/pobj/4 ,/PUNCT/punct/5 the/DET/det/8 maker/NOUN/appos/5 behind/ADP/prep/8 "
                   "Brio/PROPN/pobj/9 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG"), (10, 11, "ORG")], lang="en")
    assert rels(doc, "en") == {("Kalo", "funds", "Lumio")}


def test_competition_from_a_rival_faced_by_the_subject():
    # Kalo faces competition from Brio and Lumio .
    doc = make_doc("Kalo/PROPN/nsubj/1 faces/VERB/ROOT/1 competition/NOUN/dobj/1 from/ADP/prep/2 "
                   "Brio/PROPN/pobj/3 and/CCONJ/cc/4 Lumio/PROPN/conj/4 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (4, 5, "ORG"), (6, 7, "ORG")], lang="en")
    found = {(frozenset((a, b)), r) for a, r, b in rels(doc, "en")}
    assert found == {(frozenset(("Kalo", "Brio")), "competes-with"), (frozenset(("Kalo", "Lumio")), "competes-with")}


def test_competition_from_as_a_subject_names_no_second_side():
    # Competition from Brio hurts Kalo .   (who competes is not said)
    doc = make_doc("Competition/NOUN/nsubj/3 from/ADP/prep/0 Brio/PROPN/pobj/1 hurts/VERB/ROOT/3 "
                   "Kalo/PROPN/dobj/3 ./PUNCT/punct/3", [(2, 3, "ORG"), (4, 5, "ORG")], lang="en")
    assert rels(doc, "en") == set()


def test_uniting_against_pairs_each_side_with_the_other_not_within():
    # Orange , Kalo et Brio s' unissent contre Free et Lumio .
    doc = make_doc("Orange/PROPN/nsubj/6 ,/PUNCT/punct/2 Kalo/PROPN/conj/0 et/CCONJ/cc/4 Brio/PROPN/conj/2 "
                   "s'/PRON/expl:comp/6 unissent/VERB/ROOT/6 contre/ADP/case/8 Free/PROPN/obl:arg/6 "
                   "et/CCONJ/cc/10 Lumio/PROPN/conj/8 ./PUNCT/punct/6",
                   [(0, 1, "ORG"), (2, 3, "ORG"), (4, 5, "ORG"), (8, 9, "ORG"), (10, 11, "ORG")])
    found = {frozenset((a, b)) for a, r, b in rels(doc) if r == "competes-with"}
    assert found == {frozenset((a, b)) for a in ("Orange", "Kalo", "Brio") for b in ("Free", "Lumio")}


def test_uniting_without_an_opponent_is_no_rivalry():
    # Orange et Kalo s' unissent .
    doc = make_doc("Orange/PROPN/nsubj/4 et/CCONJ/cc/2 Kalo/PROPN/conj/0 s'/PRON/expl:comp/4 "
                   "unissent/VERB/ROOT/4 ./PUNCT/punct/4", [(0, 1, "ORG"), (2, 3, "ORG")])
    assert not {r for _, r, _ in rels(doc)} & {"competes-with"}


def test_co_shareholder_funds_the_company():
    # Kalo est co-actionnaire de Lumio .
    doc = make_doc("Kalo/PROPN/nsubj/2 est/AUX/cop/2 co-actionnaire/NOUN/ROOT/2 de/ADP/case/4 "
                   "Lumio/PROPN/nmod/2 ./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")])
    assert rels(doc) == {("Kalo", "funds", "Lumio")}


def test_shareholders_named_by_a_copula_fund_the_company_of_the_relative():
    # Lumio , dont les actionnaires sont Orange et Kalo .
    doc = make_doc("Lumio/PROPN/ROOT/0 ,/PUNCT/punct/0 dont/PRON/nmod/4 les/DET/det/4 actionnaires/NOUN/nsubj/6 "
                   "sont/AUX/cop/6 Orange/PROPN/acl:relcl/0 et/CCONJ/cc/8 Kalo/PROPN/conj/6 ./PUNCT/punct/0",
                   [(0, 1, "ORG"), (6, 7, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Orange", "funds", "Lumio"), ("Kalo", "funds", "Lumio")}


def test_shareholder_of_a_relative_company_after_becoming_one():
    # Orange rachète Lumio , dont Kalo est devenu actionnaire .
    doc = make_doc("Orange/PROPN/nsubj/1 rachète/VERB/ROOT/1 Lumio/PROPN/obj/1 ,/PUNCT/punct/2 dont/PRON/dep/7 "
                   "Kalo/PROPN/nsubj/7 est/AUX/aux/7 devenu/VERB/acl:relcl/2 actionnaire/NOUN/xcomp/7 "
                   "./PUNCT/punct/1", [(0, 1, "ORG"), (2, 3, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == {("Kalo", "funds", "Lumio")}


def test_shareholders_with_no_company_named_give_nothing():
    # Les actionnaires sont Orange et Kalo .   (shareholders of what is not said)
    doc = make_doc("Les/DET/det/1 actionnaires/NOUN/nsubj/3 sont/AUX/cop/3 Orange/PROPN/ROOT/3 et/CCONJ/cc/5 "
                   "Kalo/PROPN/conj/3 ./PUNCT/punct/3", [(3, 4, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == set()


def test_half_owned_by_is_a_stake():
    # Kalo is half owned by Brio .
    doc = make_doc("Kalo/PROPN/nsubjpass/3 is/AUX/auxpass/3 half/ADV/advmod/3 owned/VERB/ROOT/3 by/ADP/agent/3 "
                   "Brio/PROPN/pobj/4 ./PUNCT/punct/3", [(0, 1, "ORG"), (5, 6, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "funds", "Kalo")}


def test_owned_by_alone_is_a_parent_not_a_funder():
    # Kalo is owned by Brio .
    doc = make_doc("Kalo/PROPN/nsubjpass/2 is/AUX/auxpass/2 owned/VERB/ROOT/2 by/ADP/agent/2 "
                   "Brio/PROPN/pobj/3 ./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")], lang="en")
    assert rels(doc, "en") == set()


def test_a_stake_bought_in_a_company_is_funding_without_a_figure():
    # Fosters has bought a large stake in Southcorp .
    doc = make_doc("Fosters/PROPN/nsubj/2 has/AUX/aux/2 bought/VERB/ROOT/2 a/DET/det/5 large/ADJ/amod/5 "
                   "stake/NOUN/dobj/2 in/ADP/prep/5 Southcorp/PROPN/pobj/6 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (7, 8, "ORG")], lang="en")
    assert rels(doc, "en") == {("Fosters", "funds", "Southcorp")}


def test_a_stake_sold_to_a_buyer_funds_the_company_it_is_in_not_the_seller():
    # Apple sold its stake in Arma to SoftBank .
    doc = make_doc("Apple/PROPN/nsubj/1 sold/VERB/ROOT/1 its/PRON/poss/3 stake/NOUN/dobj/1 in/ADP/prep/3 "
                   "Arma/PROPN/pobj/4 to/ADP/prep/1 SoftBank/PROPN/pobj/6 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (5, 6, "ORG"), (7, 8, "ORG")], lang="en")
    assert rels(doc, "en") == {("SoftBank", "funds", "Arma")}


def test_the_apposition_of_a_subject_does_not_lend_its_parent_company_as_a_funder():
    # Alfa-Eco , the arm of Alfa Group , has a stake in Sun Interbrew .
    doc = make_doc("Alfa-Eco/PROPN/nsubj/8 ,/PUNCT/punct/0 the/DET/det/3 arm/NOUN/appos/0 of/ADP/prep/3 "
                   "Alfa_Group/PROPN/pobj/4 ,/PUNCT/punct/0 has/AUX/aux/8 has/VERB/ROOT/8 a/DET/det/10 "
                   "stake/NOUN/dobj/8 in/ADP/prep/10 Sun_Interbrew/PROPN/pobj/11 ./PUNCT/punct/8",
                   [(0, 1, "ORG"), (5, 6, "ORG"), (12, 13, "ORG")], lang="en")
    assert rels(doc, "en") == {("Alfa-Eco", "funds", "Sun Interbrew")}


def test_a_partnership_to_do_something_with_a_company_partners_the_owner_with_it():
    # BP has a partnership to develop the field with Rosneft .
    doc = make_doc("BP/PROPN/nsubj/1 has/VERB/ROOT/1 a/DET/det/3 partnership/NOUN/dobj/1 to/PART/aux/5 "
                   "develop/VERB/acl/3 the/DET/det/7 field/NOUN/dobj/5 with/ADP/prep/5 Rosneft/PROPN/pobj/8 "
                   "./PUNCT/punct/1", [(0, 1, "ORG"), (9, 10, "ORG")], lang="en")
    assert rels(doc, "en") == {("BP", "partners-with", "Rosneft")}


def test_subjects_announcing_their_joint_project_are_partners():
    # Brio et Kalo ont annoncé leur projet commun .
    doc = make_doc("Brio/PROPN/nsubj/4 et/CCONJ/cc/2 Kalo/PROPN/conj/0 ont/AUX/aux:tense/4 annoncé/VERB/ROOT/4 "
                   "leur/DET/det/6 projet/NOUN/obj/4 commun/ADJ/amod/6 ./PUNCT/punct/4",
                   [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == {("Brio", "partners-with", "Kalo")}
    # Brio et Kalo ont annoncé un projet commun ("un": not theirs, maybe a third party's)
    doc = make_doc("Brio/PROPN/nsubj/4 et/CCONJ/cc/2 Kalo/PROPN/conj/0 ont/AUX/aux:tense/4 annoncé/VERB/ROOT/4 "
                   "un/DET/det/6 projet/NOUN/obj/4 commun/ADJ/amod/6 ./PUNCT/punct/4",
                   [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == set()


def test_a_stake_held_in_which_names_the_company_the_relative_clause_hangs_on():
    # Nissan , in which Renault owns a stake , gained .
    doc = make_doc("Nissan/PROPN/nsubj/9 ,/PUNCT/punct/0 in/ADP/prep/5 which/PRON/pobj/2 Renault/PROPN/nsubj/5 "
                   "owns/VERB/relcl/0 a/DET/det/7 stake/NOUN/dobj/5 ,/PUNCT/punct/9 gained/VERB/ROOT/9 ./PUNCT/punct/9",
                   [(0, 1, "ORG"), (4, 5, "ORG")], lang="en")
    assert rels(doc, "en") == {("Renault", "funds", "Nissan")}


def test_a_stake_sold_with_no_buyer_named_was_held_by_the_seller():
    # Jarvis sold its stake in Tubelines .
    doc = make_doc("Jarvis/PROPN/nsubj/1 sold/VERB/ROOT/1 its/PRON/poss/3 stake/NOUN/dobj/1 in/ADP/prep/3 "
                   "Tubelines/PROPN/pobj/4 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")], lang="en")
    assert rels(doc, "en") == {("Jarvis", "funds", "Tubelines")}



def test_the_rivals_a_company_s_competitors_include_compete_with_it():
    # The competitors of Brio included Kalo and Lumio .
    doc = make_doc("The/DET/det/1 competitors/NOUN/nsubj/4 of/ADP/prep/1 Brio/PROPN/pobj/2 included/VERB/ROOT/4 "
                   "Kalo/PROPN/dobj/4 and/CCONJ/cc/5 Lumio/PROPN/conj/5 ./PUNCT/punct/4",
                   [(3, 4, "ORG"), (5, 6, "ORG"), (7, 8, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "competes-with", "Kalo"), ("Brio", "competes-with", "Lumio")}


def test_a_partner_to_a_company_by_the_copula_partners_with_it():
    # Brio is the official partner to Kalo .
    doc = make_doc("Brio/PROPN/nsubj/1 is/AUX/ROOT/1 the/DET/det/4 official/ADJ/amod/4 partner/NOUN/attr/1 "
                   "to/ADP/prep/4 Kalo/PROPN/pobj/5 ./PUNCT/punct/1", [(0, 1, "ORG"), (6, 7, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "partners-with", "Kalo")}


def test_the_maker_of_an_investment_in_a_company_funds_it():
    # Brio made an investment in Kalo .
    doc = make_doc("Brio/PROPN/nsubj/1 made/VERB/ROOT/1 an/DET/det/3 investment/NOUN/dobj/1 in/ADP/prep/3 "
                   "Kalo/PROPN/pobj/4 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "funds", "Kalo")}


def test_a_financing_led_by_investors_is_their_funding_of_its_owner():
    # Brio 's financing was led by Kalo , with participation from Lumio .
    doc = make_doc("Brio/PROPN/poss/2 's/PART/case/0 financing/NOUN/nsubjpass/4 was/AUX/auxpass/4 led/VERB/ROOT/4 "
                   "by/ADP/agent/4 Kalo/PROPN/pobj/5 ,/PUNCT/punct/4 with/ADP/prep/4 participation/NOUN/pobj/8 "
                   "from/ADP/prep/9 Lumio/PROPN/pobj/10 ./PUNCT/punct/4",
                   [(0, 1, "ORG"), (6, 7, "ORG"), (11, 12, "ORG")], lang="en")
    assert rels(doc, "en") == {("Kalo", "funds", "Brio"), ("Lumio", "funds", "Brio")}


def test_a_partner_named_beside_the_subject_s_clause_partners_with_the_subject():
    # Renault agreed a package with partner Nissan .
    doc = make_doc("Renault/PROPN/nsubj/1 agreed/VERB/ROOT/1 a/DET/det/3 package/NOUN/dobj/1 with/ADP/prep/1 "
                   "partner/NOUN/compound/6 Nissan/PROPN/pobj/4 ./PUNCT/punct/1", [(0, 1, "ORG"), (6, 7, "ORG")],
                   lang="en")
    assert ("Nissan", "partners-with", "Renault") in rels(doc, "en") or \
        ("Renault", "partners-with", "Nissan") in rels(doc, "en")
    # Goldman hired Paul Smith , a partner at Lazard .  (a person's job, not a partnership)
    doc = make_doc("Goldman/PROPN/nsubj/1 hired/VERB/ROOT/1 Paul/PROPN/compound/3 Smith/PROPN/dobj/1 ,/PUNCT/punct/3 "
                   "a/DET/det/6 partner/NOUN/appos/3 at/ADP/prep/6 Lazard/PROPN/pobj/7 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (2, 4, "PER"), (8, 9, "ORG")], lang="en")
    assert not any(r[1] == "partners-with" for r in rels(doc, "en"))


def test_english_subjects_of_their_common_project_are_partners():
    # Brio and Kalo announced their common project .
    doc = make_doc("Brio/PROPN/nsubj/3 and/CCONJ/cc/2 Kalo/PROPN/conj/0 announced/VERB/ROOT/3 their/PRON/poss/6 "
                   "common/ADJ/amod/6 project/NOUN/dobj/3 ./PUNCT/punct/3", [(0, 1, "ORG"), (2, 3, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "partners-with", "Kalo")}


def test_a_product_is_no_end_of_a_relation():
    # Acme competes with Zentra .  (Zentra tagged a product)
    spec = "Acme/PROPN/nsubj/1 competes/VERB/ROOT/1 with/ADP/prep/1 Zentra/PROPN/pobj/2 ./PUNCT/punct/1"
    assert rels(make_doc(spec, [(0, 1, "ORG"), (3, 4, "ORG")], lang="en"), "en") == {
        ("Acme", "competes-with", "Zentra")}
    assert rels(make_doc(spec, [(0, 1, "ORG"), (3, 4, "PRODUCT")], lang="en"), "en") == set()


def test_a_round_s_owner_may_hang_on_the_last_word_of_its_name():
    # Orange participe au tour de table de Brio .
    doc = make_doc("Orange/PROPN/nsubj/1 participe/VERB/ROOT/1 au/ADP/case/3 tour/NOUN/obl:arg/1 de/ADP/case/5 "
                   "table/NOUN/nmod/3 de/ADP/case/7 Brio/PROPN/nmod/5 ./PUNCT/punct/1", [(0, 1, "ORG"), (7, 8, "ORG")])
    assert rels(doc) == {("Orange", "funds", "Brio")}


def test_a_company_owned_by_two_is_funded_by_each_but_not_by_a_sole_owner():
    # Zenta is owned by Acme and Brio .
    doc = make_doc("Zenta/PROPN/nsubjpass/2 is/AUX/auxpass/2 owned/VERB/ROOT/2 by/ADP/agent/2 Acme/PROPN/pobj/3 "
                   "and/CCONJ/cc/4 Brio/PROPN/conj/4 ./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG"), (6, 7, "ORG")],
                   lang="en")
    assert rels(doc, "en") == {("Acme", "funds", "Zenta"), ("Brio", "funds", "Zenta")}
    # Zenta is owned by Acme .
    doc = make_doc("Zenta/PROPN/nsubjpass/2 is/AUX/auxpass/2 owned/VERB/ROOT/2 by/ADP/agent/2 Acme/PROPN/pobj/3 "
                   "./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")], lang="en")
    assert rels(doc, "en") == set()


def test_pronominal_verb_subject_acts_though_parsed_passive():
    # Mediapro s' est allié à Kalo . (the parser calls the subject of "s'est allié" passive)
    doc = make_doc("Mediapro/PROPN/nsubj:pass/3 s'/PRON/expl:comp/3 est/AUX/aux:tense/3 allié/VERB/ROOT/3 "
                   "à/ADP/case/5 Kalo/PROPN/obl:arg/3 ./PUNCT/punct/3", [(0, 1, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == {("Kalo", "partners-with", "Mediapro")}
    # a real passive keeps its passive subject: Lumio a été financée par Orange .
    doc = make_doc("Lumio/PROPN/nsubj:pass/3 a/AUX/aux:tense/3 été/AUX/aux:pass/3 financée/VERB/ROOT/3 "
                   "par/ADP/case/5 Orange/PROPN/obl:agent/3 ./PUNCT/punct/3", [(0, 1, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == {("Orange", "funds", "Lumio")}


def test_a_possessive_rival_belongs_to_the_last_name_of_its_kind():
    # Donald Trump a accepté la nomination du Parti , en présentant son rival Joe Biden .
    doc = make_doc("Donald/PROPN/nsubj/2 Trump/PROPN/flat:name/0 a/AUX/aux:tense/3 accepté/VERB/ROOT/3 la/DET/det/5 "
                   "nomination/NOUN/obj/3 du/ADP/case/7 Parti/PROPN/nmod/5 ,/PUNCT/punct/10 en/ADP/mark/10 "
                   "présentant/VERB/advcl/3 son/DET/det/12 rival/NOUN/obj/10 Joe/PROPN/appos/12 Biden/PROPN/flat:name/13 "
                   "./PUNCT/punct/3", [(0, 2, "PER"), (7, 8, "ORG"), (13, 15, "PER")], morphs={11: "Poss=Yes"})
    assert rels(doc) == {("Donald Trump", "competes-with", "Joe Biden")}


def test_the_agent_of_a_passive_verb_is_the_partner_of_en_partenariat_avec():
    # Le calcul a été développé par Riken en partenariat avec Fujitsu .
    doc = make_doc("Le/DET/det/1 calcul/NOUN/nsubj:pass/4 a/AUX/aux:tense/4 été/AUX/aux:pass/4 développé/VERB/ROOT/4 "
                   "par/ADP/case/6 Riken/PROPN/obl:agent/4 en/ADP/case/8 partenariat/NOUN/obl:mod/4 avec/ADP/case/10 "
                   "Fujitsu/PROPN/nmod/8 ./PUNCT/punct/4", [(6, 7, "ORG"), (10, 11, "ORG")])
    assert rels(doc) == {("Fujitsu", "partners-with", "Riken")}


def test_between_on_the_participle_of_a_partnership_noun():
    # Le succès tient aux alliances tissées entre Verdo et Kalo .
    doc = make_doc("Le/DET/det/1 succès/NOUN/nsubj/2 tient/VERB/ROOT/2 aux/ADP/case/4 alliances/NOUN/obl:arg/2 "
                   "tissées/VERB/acl/4 entre/ADP/case/7 Verdo/PROPN/obl:mod/5 et/CCONJ/cc/9 Kalo/PROPN/conj/7 "
                   "./PUNCT/punct/2", [(7, 8, "ORG"), (9, 10, "ORG")])
    assert rels(doc) == {("Kalo", "partners-with", "Verdo")}


def _who_own(verb: str, tag: str):
    # Lumio and Brix , who own(s) a stake in Kalo , spoke .
    return make_doc(f"Lumio/PROPN/nsubj/12 and/CCONJ/cc/2 Brix/PROPN/conj/0 ,/PUNCT/punct/2 who/PRON/nsubj/5 "
                    f"{verb}/VERB/relcl/2 a/DET/det/7 stake/NOUN/dobj/5 in/ADP/prep/7 Kalo/PROPN/pobj/8 ,/PUNCT/punct/2 "
                    f"then/ADV/advmod/12 spoke/VERB/ROOT/12 ./PUNCT/punct/12",
                    [(0, 1, "ORG"), (2, 3, "ORG"), (9, 10, "ORG")], lang="en", morphs={5: f"Number={tag}"})


def test_who_own_after_a_list_gives_the_whole_list_and_which_owns_its_last_name():
    assert rels(_who_own("own", "Plur"), "en") == {("Lumio", "funds", "Kalo"), ("Brix", "funds", "Kalo")}
    assert rels(_who_own("owns", "Sing"), "en") == {("Brix", "funds", "Kalo")}


def test_a_stake_word_needing_a_figure_is_a_stake_with_its_holding_preposition():
    # Renault possède une participation dans Nissan .
    doc = make_doc("Renault/PROPN/nsubj/1 possède/VERB/ROOT/1 une/DET/det/3 participation/NOUN/obj/1 dans/ADP/case/5 "
                   "Nissan/PROPN/nmod/3 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == {("Renault", "funds", "Nissan")}
    # Renault a une participation à la réunion .  (no holding preposition, no figure: no stake)
    doc = make_doc("Renault/PROPN/nsubj/1 possède/VERB/ROOT/1 une/DET/det/3 participation/NOUN/obj/1 à/ADP/case/6 "
                   "la/DET/det/6 Nissan/PROPN/nmod/3 ./PUNCT/punct/1", [(0, 1, "ORG"), (6, 7, "ORG")])
    assert rels(doc) == set()
    # British Telecom holds shares in Cegetel .  (the parser hangs "in Cegetel" on the verb)
    doc = make_doc("British/PROPN/compound/1 Telecom/PROPN/nsubj/2 holds/VERB/ROOT/2 shares/NOUN/dobj/2 in/ADP/prep/2 "
                   "Cegetel/PROPN/pobj/4 ./PUNCT/punct/2", [(0, 2, "ORG"), (5, 6, "ORG")], lang="en")
    assert rels(doc, "en") == {("British Telecom", "funds", "Cegetel")}


def test_competition_from_hung_on_the_verb_by_the_parser():
    # Lumio faces rivalry from firms such as Kalo .
    doc = make_doc("Lumio/PROPN/nsubj/1 faces/VERB/ROOT/1 rivalry/NOUN/dobj/1 from/ADP/prep/1 firms/NOUN/pobj/3 "
                   "such/ADJ/amod/6 as/ADP/prep/4 Kalo/PROPN/pobj/6 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (7, 8, "ORG")], lang="en")
    assert rels(doc, "en") == {("Kalo", "competes-with", "Lumio")}


def test_a_role_noun_introduced_by_as_describes_the_object_else_the_subject():
    # Lumio is emerging as a rival to Kalo .
    doc = make_doc("Lumio/PROPN/nsubj/2 is/AUX/aux/2 emerging/VERB/ROOT/2 as/ADP/prep/2 a/DET/det/5 rival/NOUN/pobj/3 "
                   "to/ADP/prep/5 Kalo/PROPN/pobj/6 ./PUNCT/punct/2", [(0, 1, "ORG"), (7, 8, "ORG")], lang="en")
    assert rels(doc, "en") == {("Kalo", "competes-with", "Lumio")}
    # Analysts see Lumio as a rival to Kalo .
    doc = make_doc("Analysts/NOUN/nsubj/1 see/VERB/ROOT/1 Lumio/PROPN/dobj/1 as/ADP/prep/1 a/DET/det/5 rival/NOUN/pobj/3 "
                   "to/ADP/prep/5 Kalo/PROPN/pobj/6 ./PUNCT/punct/1", [(2, 3, "ORG"), (7, 8, "ORG")], lang="en")
    assert rels(doc, "en") == {("Kalo", "competes-with", "Lumio")}
    # Le groupe Verdo se pose en concurrent de Kalo .
    doc = make_doc("Le/DET/det/1 groupe/NOUN/nsubj/4 Verdo/PROPN/appos/1 se/PRON/expl:pass/4 pose/VERB/ROOT/4 "
                   "en/ADP/case/6 concurrent/NOUN/obl:arg/4 de/ADP/case/8 Kalo/PROPN/nmod/6 ./PUNCT/punct/4",
                   [(2, 3, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Kalo", "competes-with", "Verdo")}


def test_ne_without_pas_negates_but_not_ne_que_nor_ne_plus():
    # L' alliance de Verdo et de Kalo n' avait pu se conclure .
    doc = make_doc("L'/DET/det/1 alliance/NOUN/nsubj/9 de/ADP/case/3 Verdo/PROPN/nmod/1 et/CCONJ/cc/6 de/ADP/case/6 "
                   "Kalo/PROPN/conj/3 n'/ADV/advmod/9 avait/AUX/aux:tense/9 pu/VERB/ROOT/9 se/PRON/expl:comp/11 "
                   "conclure/VERB/xcomp/9 ./PUNCT/punct/9", [(3, 4, "ORG"), (6, 7, "ORG")])
    assert rels(doc) == set()
    # Verdo n' a signé un accord qu' avec Kalo .  ("only with Kalo": a deal)
    doc = make_doc("Verdo/PROPN/nsubj/3 n'/ADV/advmod/3 a/AUX/aux:tense/3 signé/VERB/ROOT/3 un/DET/det/5 "
                   "accord/NOUN/obj/3 qu'/SCONJ/mark/8 avec/ADP/case/8 Kalo/PROPN/nmod/5 ./PUNCT/punct/3",
                   [(0, 1, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Kalo", "partners-with", "Verdo")}


def test_a_name_the_parser_conjoins_with_another_word_is_not_in_the_list_before_it():
    # Tolna , followed by Brix which is half owned by Kalo , and Verdo .
    doc = make_doc("Tolna/PROPN/ROOT/0 ,/PUNCT/punct/0 followed/VERB/acl/0 by/ADP/agent/2 Brix/PROPN/pobj/3 "
                   "which/PRON/nsubjpass/8 is/AUX/auxpass/8 half/ADV/advmod/8 owned/VERB/relcl/4 by/ADP/agent/8 "
                   "Kalo/PROPN/pobj/9 ,/PUNCT/punct/4 and/CCONJ/cc/4 Verdo/PROPN/conj/4 ./PUNCT/punct/0",
                   [(0, 1, "ORG"), (4, 5, "ORG"), (10, 11, "ORG"), (13, 14, "ORG")], lang="en")
    assert rels(doc, "en") == {("Kalo", "funds", "Brix")}


@pytest.mark.parametrize("verb, hedged", [("constituerait", True), ("constituait", False), ("déclarait", False)])
def test_a_french_conditional_hedges_though_the_parser_calls_it_an_imperfect(verb, hedged):
    # Verdo constituerait une alliance avec Kalo .
    doc = make_doc(f"Verdo/PROPN/nsubj/1 {verb}/VERB/ROOT/1 une/DET/det/3 alliance/NOUN/obj/1 avec/ADP/case/5 "
                   "Kalo/PROPN/nmod/3 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")],
                   morphs={1: "Mood=Ind|Tense=Imp"})
    [rel] = extract_doc(doc, "t.txt", "fr").relations
    assert (rel.confidence < 0.5) == hedged


def test_any_deal_is_hypothetical():
    # Any deal between Verdo and Kalo faces a veto .
    doc = make_doc("Any/DET/det/1 deal/NOUN/nsubj/6 between/ADP/prep/1 Verdo/PROPN/pobj/2 and/CCONJ/cc/3 "
                   "Kalo/PROPN/conj/3 faces/VERB/ROOT/6 a/DET/det/8 veto/NOUN/dobj/6 ./PUNCT/punct/6",
                   [(3, 4, "ORG"), (5, 6, "ORG")], lang="en")
    [rel] = extract_doc(doc, "t.txt", "en").relations
    assert rel.confidence < 0.5


def test_making_something_with_an_organisation_is_a_partnership_but_making_alone_is_not():
    # Verdo a développé ce moteur avec Kalo .  (the parser hangs "avec Kalo" on the engine)
    doc = make_doc("Verdo/PROPN/nsubj/2 a/AUX/aux:tense/2 développé/VERB/ROOT/2 ce/DET/det/4 moteur/NOUN/obj/2 "
                   "avec/ADP/case/6 Kalo/PROPN/nmod/4 ./PUNCT/punct/2", [(0, 1, "ORG"), (6, 7, "ORG")])
    assert rels(doc) == {("Kalo", "partners-with", "Verdo")}
    # Verdo et Kalo ont développé des moteurs .  (two makers, no "avec": nothing)
    doc = make_doc("Verdo/PROPN/nsubj/4 et/CCONJ/cc/2 Kalo/PROPN/conj/0 ont/AUX/aux:tense/4 développé/VERB/ROOT/4 "
                   "des/DET/det/6 moteurs/NOUN/obj/4 ./PUNCT/punct/4", [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == set()


def test_a_verb_that_needs_with_gives_the_scorer_no_trigger_feature():
    from kg.lang import load_lexicon
    from kg.learn.features import trigger_index
    doc = make_doc("Verdo/PROPN/nsubj/1 développé/VERB/ROOT/1 un/DET/det/3 accord/NOUN/obj/1 ./PUNCT/punct/1", [(0, 1, "ORG")])
    index = trigger_index(doc[:], load_lexicon("fr"))
    assert 1 not in index and [t.frame for t in index[3]] == ["partner_noun"]


def test_money_put_into_a_company_funds_it_but_not_money_put_aside():
    # Verdo a mis 50 millions d' euros dans Kalo .
    doc = make_doc("Verdo/PROPN/nsubj/2 a/AUX/aux:tense/2 mis/VERB/ROOT/2 50/NUM/nummod/4 millions/NOUN/obj/2 "
                   "d'/ADP/case/6 euros/NOUN/nmod/4 dans/ADP/case/8 Kalo/PROPN/obl:arg/2 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Verdo", "funds", "Kalo")}
    # Verdo put $ 50m aside for Kalo .
    doc = make_doc("Verdo/PROPN/nsubj/1 put/VERB/ROOT/1 $/SYM/nmod/3 50m/NUM/dobj/1 aside/ADV/advmod/1 for/ADP/prep/1 "
                   "Kalo/PROPN/pobj/5 ./PUNCT/punct/1", [(0, 1, "ORG"), (6, 7, "ORG")], lang="en")
    assert rels(doc, "en") == set()
    # Verdo put $ 50m into Kalo .
    doc = make_doc("Verdo/PROPN/nsubj/1 put/VERB/ROOT/1 $/SYM/nmod/3 50m/NUM/dobj/1 into/ADP/prep/1 "
                   "Kalo/PROPN/pobj/4 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")], lang="en")
    assert rels(doc, "en") == {("Verdo", "funds", "Kalo")}


def test_a_name_modifying_a_noun_before_it_is_not_what_the_phrase_names():
    # Verdo invested in a Kalo program .  (the program is about Kalo) / in the startup Kalo .
    program = make_doc("Verdo/PROPN/nsubj/1 invested/VERB/ROOT/1 in/ADP/prep/1 a/DET/det/5 Kalo/PROPN/compound/5 "
                       "program/NOUN/pobj/2 ./PUNCT/punct/1", [(0, 1, "ORG"), (4, 5, "ORG")], lang="en")
    assert rels(program, "en") == set()
    startup = make_doc("Verdo/PROPN/nsubj/1 invested/VERB/ROOT/1 in/ADP/prep/1 the/DET/det/4 startup/NOUN/compound/5 "
                       "Kalo/PROPN/pobj/2 ./PUNCT/punct/1", [(0, 1, "ORG"), (5, 6, "ORG")], lang="en")
    assert rels(startup, "en") == {("Verdo", "funds", "Kalo")}


def test_a_rival_bid_sets_its_bidder_against_the_other_bidder_not_the_target():
    # Verdo a déposé une offre concurrente de celle de Kalo pour racheter Tolna .
    doc = make_doc("Verdo/PROPN/nsubj/2 a/AUX/aux:tense/2 déposé/VERB/ROOT/2 une/DET/det/4 offre/NOUN/obj/2 "
                   "concurrente/ADJ/amod/4 de/ADP/case/7 celle/PRON/nmod/4 de/ADP/case/9 Kalo/PROPN/nmod/7 "
                   "pour/ADP/mark/11 racheter/VERB/advcl/2 Tolna/PROPN/obj/11 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (9, 10, "ORG"), (12, 13, "ORG")])
    assert rels(doc) == {("Kalo", "competes-with", "Verdo")}
    # Verdo made a rival bid for Tolna .  (no other bidder named: nothing, and never the target)
    doc = make_doc("Verdo/PROPN/nsubj/1 made/VERB/ROOT/1 a/DET/det/4 rival/ADJ/amod/4 bid/NOUN/dobj/1 for/ADP/prep/4 "
                   "Tolna/PROPN/pobj/5 ./PUNCT/punct/1", [(0, 1, "ORG"), (6, 7, "ORG")], lang="en")
    assert rels(doc, "en") == set()


def test_a_stake_held_by_its_possessor_with_no_buying_verb():
    # Verdo's 44% stake in Kalo was cut .
    doc = make_doc("Verdo/PROPN/poss/4 's/PART/case/0 44/NUM/nummod/3 %/NOUN/compound/4 stake/NOUN/nsubjpass/8 "
                   "in/ADP/prep/4 Kalo/PROPN/pobj/5 was/AUX/auxpass/8 cut/VERB/ROOT/8 ./PUNCT/punct/8",
                   [(0, 1, "ORG"), (6, 7, "ORG")], lang="en")
    assert rels(doc, "en") == {("Verdo", "funds", "Kalo")}
    # Verdo a réduit sa participation dans Kalo .  (the possessive is the clause's subject)
    doc = make_doc("Verdo/PROPN/nsubj/2 a/AUX/aux:tense/2 réduit/VERB/ROOT/2 sa/DET/det/4 participation/NOUN/obj/2 "
                   "dans/ADP/case/6 Kalo/PROPN/nmod/4 ./PUNCT/punct/2", [(0, 1, "ORG"), (6, 7, "ORG")],
                   morphs={3: "Poss=Yes"})
    assert rels(doc) == {("Verdo", "funds", "Kalo")}


def test_its_largest_creditor_funds_the_name_before_it():
    # Tolna said Verdo , its largest creditor , agreed .
    doc = make_doc("Tolna/PROPN/nsubj/1 said/VERB/ROOT/1 Verdo/PROPN/nsubj/8 ,/PUNCT/punct/2 its/PRON/poss/6 "
                   "largest/ADJ/amod/6 creditor/NOUN/appos/2 ,/PUNCT/punct/2 agreed/VERB/ccomp/1 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (2, 3, "ORG")], lang="en", morphs={4: "Poss=Yes"})
    assert rels(doc, "en") == {("Verdo", "funds", "Tolna")}


def test_the_company_of_a_stake_hung_on_its_percent():
    # Verdo a pris une participation de 15 % de Kalo .
    doc = make_doc("Verdo/PROPN/nsubj/2 a/AUX/aux:tense/2 pris/VERB/ROOT/2 une/DET/det/4 participation/NOUN/obj/2 "
                   "de/ADP/case/7 15/NUM/nummod/7 %/NOUN/nmod/4 de/ADP/case/9 Kalo/PROPN/nmod/7 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (9, 10, "ORG")])
    assert rels(doc) == {("Verdo", "funds", "Kalo")}


_FIRM_THEN_IT = ("Lumio/PROPN/nsubj/1 grew/VERB/ROOT/1 ./PUNCT/punct/1 "
                 "The/DET/det/4 {subject}/NOUN/nsubj/5 hired/VERB/ROOT/5 staff/NOUN/dobj/5 ./PUNCT/punct/5 "
                 "It/PRON/nsubj/9 faces/VERB/ROOT/9 rivalry/NOUN/dobj/9 from/ADP/prep/10 Kalo/PROPN/pobj/11 ./PUNCT/punct/9")


@pytest.mark.parametrize("subject, found", [("firm", True), ("device", False)])
def test_it_is_what_the_subjects_before_it_stand_for(subject, found):
    # Lumio grew . The firm (device) hired staff . It faces rivalry from Kalo .
    doc = make_doc(_FIRM_THEN_IT.format(subject=subject), [(0, 1, "ORG"), (12, 13, "ORG")], lang="en", sents=(0, 3, 8))
    assert rels(doc, "en") == ({("Kalo", "competes-with", "Lumio")} if found else set())


def test_a_small_clause_whose_subject_is_a_thing_of_the_clause_subject():
    # Verdo is keen to make its engine a rival to Kalo .  (a wish: hedged)
    doc = make_doc("Verdo/PROPN/nsubj/1 is/AUX/ROOT/1 keen/ADJ/acomp/1 to/PART/aux/4 make/VERB/xcomp/2 its/PRON/poss/6 "
                   "engine/NOUN/nsubj/8 a/DET/det/8 rival/NOUN/dobj/4 to/ADP/prep/8 Kalo/PROPN/pobj/9 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (10, 11, "ORG")], lang="en", morphs={5: "Poss=Yes"})
    [rel] = extract_doc(doc, "t.txt", "en").relations
    assert (rel.source, rel.relation, rel.target) == ("Kalo", "competes-with", "Verdo") and rel.confidence < 0.5


def test_working_with_an_organisation_is_a_partnership_only_between_organisations():
    # Verdo is working with Kalo to launch a service .
    doc = make_doc("Verdo/PROPN/nsubj/2 is/AUX/aux/2 working/VERB/ROOT/2 with/ADP/prep/2 Kalo/PROPN/pobj/3 "
                   "to/PART/aux/6 launch/VERB/advcl/2 ./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")], lang="en")
    assert rels(doc, "en") == {("Kalo", "partners-with", "Verdo")}
    # Ann Lee is working with Kalo .  (a person working with a company: a job, not a deal)
    doc = make_doc("Ann/PROPN/nsubj/3 Lee/PROPN/flat/0 is/AUX/aux/3 working/VERB/ROOT/3 with/ADP/prep/3 "
                   "Kalo/PROPN/pobj/4 ./PUNCT/punct/3", [(0, 2, "PERSON"), (5, 6, "ORG")], lang="en")
    assert rels(doc, "en") == set()


def test_one_thing_created_by_two_organisations_makes_them_partners():
    # Le consortium a été créé par Orange et Lumio .
    spec = ("Le/DET/det/1 consortium/NOUN/nsubj:pass/4 a/AUX/aux:tense/4 été/AUX/aux:pass/4 créé/VERB/ROOT/4 "
            "par/ADP/case/6 Orange/PROPN/obl:agent/4 et/CCONJ/cc/8 Lumio/PROPN/conj/6 ./PUNCT/punct/4")
    doc = make_doc(spec, [(6, 7, "ORG"), (8, 9, "ORG")], morphs={1: "Gender=Masc|Number=Sing"})
    assert rels(doc) == {("Lumio", "partners-with", "Orange")}
    # "Les produits …": things in the plural may each be one maker's
    plural = make_doc(spec.replace("Le/", "Les/").replace("consortium/", "produits/"), [(6, 7, "ORG"), (8, 9, "ORG")],
                      morphs={1: "Gender=Masc|Number=Plur"})
    assert rels(plural) == set()
    # … and people who found a company are its founders, not partners
    people = make_doc(spec, [(6, 7, "PER"), (8, 9, "PER")], morphs={1: "Gender=Masc|Number=Sing"})
    assert rels(people) == set()


def test_who_leads_a_round_funds_it_and_is_not_the_company_raising_it():
    # Brio led the round , with participation from Vexa .
    doc = make_doc("Brio/PROPN/nsubj/1 led/VERB/ROOT/1 the/DET/det/3 round/NOUN/dobj/1 ,/PUNCT/punct/1 "
                   "with/ADP/prep/1 participation/NOUN/pobj/5 from/ADP/prep/6 Vexa/PROPN/pobj/7 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (8, 9, "ORG")], lang="en")
    assert rels(doc, "en") == set()


def test_a_co_investor_hung_on_the_verb_is_no_company_invested_in():
    # Xavier Niel a investi dans Lumio aux côtés de Vexa .  (the parser hangs "aux côtés" on the verb)
    doc = make_doc("Xavier/PROPN/nsubj/3 Niel/PROPN/flat:name/0 a/AUX/aux:tense/3 investi/VERB/ROOT/3 dans/ADP/case/5 "
                   "Lumio/PROPN/obl:mod/3 aux/ADP/case/7 côtés/NOUN/obl:arg/3 de/ADP/case/9 Vexa/PROPN/nmod/7 "
                   "./PUNCT/punct/3", [(0, 2, "PER"), (5, 6, "ORG"), (9, 10, "ORG")])
    assert rels(doc) == {("Xavier Niel", "funds", "Lumio"), ("Vexa", "funds", "Lumio")}


def test_a_contest_that_opposes_two_companies_makes_them_rivals_but_a_lawsuit_does_not():
    # La bataille oppose Orange à Lumio .
    doc = make_doc("La/DET/det/1 bataille/NOUN/nsubj/2 oppose/VERB/ROOT/2 Orange/PROPN/obj/2 à/ADP/case/5 "
                   "Lumio/PROPN/obl:arg/2 ./PUNCT/punct/2", [(3, 4, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == {("Lumio", "competes-with", "Orange")}
    # Le litige oppose Orange à Lumio .
    doc = make_doc("Le/DET/det/1 litige/NOUN/nsubj/2 oppose/VERB/ROOT/2 Orange/PROPN/obj/2 à/ADP/case/5 "
                   "Lumio/PROPN/obl:arg/2 ./PUNCT/punct/2", [(3, 4, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == set()


def test_companies_fighting_in_court_are_no_rivals():
    # Vexa and Brio fought for the market .  /  … fought over patents in court .
    spec = "Vexa/PROPN/nsubj/3 and/CCONJ/cc/0 Brio/PROPN/conj/0 fought/VERB/ROOT/3 {}/ADP/prep/3 the/DET/det/6 {}/NOUN/pobj/4 ./PUNCT/punct/3"
    ents = [(0, 1, "ORG"), (2, 3, "ORG")]
    assert rels(make_doc(spec.format("for", "market"), ents, lang="en"), "en") == {("Brio", "competes-with", "Vexa")}
    assert rels(make_doc(spec.format("in", "court"), ents, lang="en"), "en") == set()


def test_a_possessive_rival_opening_a_sentence_is_the_rival_of_the_subject_before():
    # Orange publie ses résultats .  Son concurrent Lumio gagne .
    doc = make_doc("Orange/PROPN/nsubj/1 publie/VERB/ROOT/1 ses/DET/det/3 résultats/NOUN/obj/1 ./PUNCT/punct/1 "
                   "Son/DET/det/6 concurrent/NOUN/nsubj/8 Lumio/PROPN/appos/6 gagne/VERB/ROOT/8 ./PUNCT/punct/8",
                   [(0, 1, "ORG"), (7, 8, "ORG")], sents=(0, 5),
                   morphs={5: "Poss=Yes"})
    assert rels(doc) == {("Lumio", "competes-with", "Orange")}
    # … but a person's rival is no company's ("Son concurrent Jean Dupont")
    doc = make_doc("Orange/PROPN/nsubj/1 publie/VERB/ROOT/1 ses/DET/det/3 résultats/NOUN/obj/1 ./PUNCT/punct/1 "
                   "Son/DET/det/6 concurrent/NOUN/nsubj/9 Jean/PROPN/appos/6 Dupont/PROPN/flat:name/7 "
                   "gagne/VERB/ROOT/9 ./PUNCT/punct/9", [(0, 1, "ORG"), (7, 9, "PER")], sents=(0, 5),
                   morphs={5: "Poss=Yes"})
    assert rels(doc) == set()


def test_a_bare_rival_word_on_a_name_is_the_rival_of_the_subject_before():
    # Brio grew .  Later , rival Vexa fell .   /   … , the rival Vexa fell .  (a determiner: no owner)
    spec = "Brio/PROPN/nsubj/1 grew/VERB/ROOT/1 ./PUNCT/punct/1 Later/ADV/advmod/{v} ,/PUNCT/punct/{v} {det}rival/NOUN/compound/{n} Vexa/PROPN/nsubj/{v} fell/VERB/ROOT/{v} ./PUNCT/punct/{v}"
    doc = make_doc(spec.format(v=8 - 1, n=6, det=""), [(0, 1, "ORG"), (6, 7, "ORG")], lang="en", sents=(0, 3))
    assert rels(doc, "en") == {("Brio", "competes-with", "Vexa")}
    doc = make_doc(spec.format(v=8, n=7, det="the/DET/det/7 "), [(0, 1, "ORG"), (7, 8, "ORG")], lang="en", sents=(0, 3))
    assert rels(doc, "en") == set()


def test_a_name_owning_the_noun_after_it_is_no_list_item():
    from kg.document import analyse_doc
    # Vexa , Brio 's rival , grew .   /   Vexa , Brio grew .
    doc = make_doc("Vexa/PROPN/nsubj/6 ,/PUNCT/punct/0 Brio/PROPN/poss/4 's/PART/case/2 rival/NOUN/appos/0 "
                   ",/PUNCT/punct/0 grew/VERB/ROOT/6 ./PUNCT/punct/6", [(0, 1, "ORG"), (2, 3, "ORG")], lang="en")
    ctx, _ = analyse_doc(doc, "en")
    assert [len(ctx.groups[id(m)]) for m in ctx.mentions] == [1, 1]
    assert rels(doc, "en") == {("Brio", "competes-with", "Vexa")}
    listed = make_doc("Vexa/PROPN/nsubj/3 ,/PUNCT/punct/0 Brio/PROPN/conj/0 grew/VERB/ROOT/3 ./PUNCT/punct/3",
                      [(0, 1, "ORG"), (2, 3, "ORG")], lang="en")
    ctx, _ = analyse_doc(listed, "en")
    assert [len(ctx.groups[id(m)]) for m in ctx.mentions] == [2, 2]


def test_the_signing_of_a_deal_is_a_deal_but_being_d_accord_is_not():
    # Orange annonce la signature d' un accord avec Lumio .   /   Orange est d' accord avec Lumio .
    doc = make_doc("Orange/PROPN/nsubj/1 annonce/VERB/ROOT/1 la/DET/det/3 signature/NOUN/obj/1 d'/ADP/case/6 "
                   "un/DET/det/6 accord/NOUN/nmod/3 avec/ADP/case/8 Lumio/PROPN/nmod/6 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Lumio", "partners-with", "Orange")}
    doc = make_doc("Orange/PROPN/nsubj/3 est/AUX/cop/3 d'/ADP/case/3 accord/NOUN/ROOT/3 avec/ADP/case/5 "
                   "Lumio/PROPN/nmod/3 ./PUNCT/punct/3", [(0, 1, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == set()


def test_a_percent_sold_to_a_buyer_is_the_buyers_stake():
    # Accor a cédé 30 % de Orbis à Lumio .
    doc = make_doc("Accor/PROPN/nsubj/2 a/AUX/aux:tense/2 cédé/VERB/ROOT/2 30/NUM/nummod/4 %/NOUN/obj/2 "
                   "de/ADP/case/6 Orbis/PROPN/nmod/4 à/ADP/case/8 Lumio/PROPN/obl:arg/2 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (6, 7, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Lumio", "funds", "Orbis")}


def test_money_provided_is_a_loan_not_a_supply_deal():
    # Brio provided a credit facility of $ 1bn to Vexa .
    doc = make_doc("Brio/PROPN/nsubj/1 provided/VERB/ROOT/1 a/DET/det/4 credit/NOUN/compound/4 facility/NOUN/dobj/1 "
                   "of/ADP/prep/4 $/SYM/nmod/7 1bn/NUM/pobj/5 to/ADP/dative/1 Vexa/PROPN/pobj/8 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (9, 10, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "funds", "Vexa")}


def test_a_shareholder_of_the_nearest_name_not_of_a_later_complement():
    # Kalo , actionnaire de Lumio sous tutelle de Vexa , vote .   (the parser hangs "de Vexa" on the noun)
    doc = make_doc("Kalo/PROPN/nsubj/9 ,/PUNCT/punct/2 actionnaire/NOUN/appos/0 de/ADP/case/4 Lumio/PROPN/nmod/2 "
                   "sous/ADP/case/6 tutelle/NOUN/nmod/2 de/ADP/case/8 Vexa/PROPN/nmod/2 vote/VERB/ROOT/9 ./PUNCT/punct/9",
                   [(0, 1, "ORG"), (4, 5, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Kalo", "funds", "Lumio")}
    # Kalo est actionnaire de Lumio , de Vexa et de Brio .   (each one's)
    doc = make_doc("Kalo/PROPN/nsubj/2 est/AUX/cop/2 actionnaire/NOUN/ROOT/2 de/ADP/case/4 Lumio/PROPN/nmod/2 "
                   ",/PUNCT/punct/2 de/ADP/case/7 Vexa/PROPN/nmod/2 et/CCONJ/cc/10 de/ADP/case/10 Brio/PROPN/conj/7 "
                   "./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG"), (7, 8, "ORG"), (10, 11, "ORG")])
    assert rels(doc) == {("Kalo", "funds", "Lumio"), ("Kalo", "funds", "Vexa"), ("Kalo", "funds", "Brio")}


def test_rivals_given_as_examples_are_someone_elses_not_each_others():
    # The group faces rivals such as Vexa and Brio .   /   … rival makers Vexa and Brio .
    doc = make_doc("The/DET/det/1 group/NOUN/nsubj/2 faces/VERB/ROOT/2 rivals/NOUN/dobj/2 such/ADJ/amod/5 "
                   "as/ADP/prep/3 Vexa/PROPN/pobj/5 and/CCONJ/cc/6 Brio/PROPN/conj/6 ./PUNCT/punct/2",
                   [(6, 7, "ORG"), (8, 9, "ORG")], lang="en")
    assert rels(doc, "en") == set()
    doc = make_doc("It/PRON/nsubj/1 pits/VERB/ROOT/1 rival/ADJ/amod/3 makers/NOUN/dobj/1 Vexa/PROPN/appos/3 "
                   "and/CCONJ/cc/4 Brio/PROPN/conj/4 ./PUNCT/punct/1", [(4, 5, "ORG"), (6, 7, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "competes-with", "Vexa")}


def test_a_name_in_competition_with_another():
    # Deezer , en concurrence avec Lumio , perd .
    doc = make_doc("Deezer/PROPN/obl:mod/7 ,/PUNCT/punct/7 en/ADP/case/3 concurrence/NOUN/obl:mod/7 avec/ADP/case/5 "
                   "Lumio/PROPN/nmod/3 ,/PUNCT/punct/7 perd/VERB/ROOT/7 ./PUNCT/punct/7", [(0, 1, "ORG"), (5, 6, "ORG")])
    assert rels(doc) == {("Deezer", "competes-with", "Lumio")}


def test_joining_forces_with_a_partner_the_parser_hangs_on_forces():
    # Brio has joined forces with Vexa .
    doc = make_doc("Brio/PROPN/nsubj/2 has/AUX/aux/2 joined/VERB/ROOT/2 forces/NOUN/dobj/2 with/ADP/prep/3 "
                   "Vexa/PROPN/pobj/4 ./PUNCT/punct/2", [(0, 1, "ORG"), (5, 6, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "partners-with", "Vexa")}


def test_companies_that_unite_are_allies():
    # Sanofi et Lumio unissent leurs forces .   /   Orange et Lumio s' unissent contre Vexa .
    doc = make_doc("Sanofi/PROPN/nsubj/3 et/CCONJ/cc/2 Lumio/PROPN/conj/0 unissent/VERB/ROOT/3 leurs/DET/det/5 "
                   "forces/NOUN/obj/3 ./PUNCT/punct/3", [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == {("Lumio", "partners-with", "Sanofi")}
    doc = make_doc("Orange/PROPN/nsubj/4 et/CCONJ/cc/2 Lumio/PROPN/conj/0 s'/PRON/expl/4 unissent/VERB/ROOT/4 "
                   "contre/ADP/case/6 Vexa/PROPN/obl:arg/4 ./PUNCT/punct/4", [(0, 1, "ORG"), (2, 3, "ORG"), (6, 7, "ORG")])
    assert rels(doc) == {("Lumio", "partners-with", "Orange"), ("Orange", "competes-with", "Vexa"),
                         ("Lumio", "competes-with", "Vexa")}


def test_an_unnamed_raiser_is_not_the_last_name_before_its_verb():
    # La start-up , dont les actionnaires sont Orange , Kalo et Lumio , a levé 20 millions .
    doc = make_doc("La/DET/det/1 start-up/NOUN/nsubj/14 ,/PUNCT/punct/1 dont/PRON/nmod/5 les/DET/det/5 "
                   "actionnaires/NOUN/nsubj/7 sont/AUX/cop/7 Orange/PROPN/advcl/1 ,/PUNCT/punct/9 "
                   "Kalo/PROPN/conj/7 et/CCONJ/cc/11 Lumio/PROPN/conj/7 ,/PUNCT/punct/14 a/AUX/aux:tense/14 "
                   "levé/VERB/ROOT/14 20/NUM/nummod/16 millions/NOUN/obj/14 ./PUNCT/punct/14",
                   [(7, 8, "ORG"), (9, 10, "ORG"), (11, 12, "ORG")])
    assert rels(doc) == set()


def test_the_preposition_inside_a_place_name_makes_it_no_owner_of_the_deal():
    # Brio a conclu une alliance avec Vexa en Corée du Sud .
    doc = make_doc("Brio/PROPN/nsubj/2 a/AUX/aux:tense/2 conclu/VERB/ROOT/2 une/DET/det/4 alliance/NOUN/obj/2 "
                   "avec/ADP/case/6 Vexa/PROPN/nmod/4 en/ADP/case/8 Corée/PROPN/nmod/4 du/ADP/case/10 "
                   "Sud/PROPN/nmod/4 ./PUNCT/punct/2", [(0, 1, "ORG"), (6, 7, "ORG"), (8, 11, "LOC")])
    assert rels(doc) == {("Brio", "partners-with", "Vexa")}


def test_a_name_the_parser_hangs_as_punctuation_on_its_description():
    # Le groupe chinois Lumio est le grand rival de l' américain Vexa .
    doc = make_doc("Le/DET/det/1 groupe/NOUN/nsubj/7 chinois/ADJ/amod/1 Lumio/PROPN/punct/1 est/AUX/cop/7 "
                   "le/DET/det/7 grand/ADJ/amod/7 rival/NOUN/ROOT/7 de/ADP/case/10 l'/DET/det/10 "
                   "américain/PROPN/nmod/7 Vexa/PROPN/nmod/10 ./PUNCT/punct/7", [(3, 4, "ORG"), (11, 12, "ORG")])
    assert rels(doc) == {("Lumio", "competes-with", "Vexa")}


def test_an_opening_name_parsed_as_a_loose_word_is_the_subject():
    # Lumio s' allie avec Vexa .  (the unknown name tagged X, "dep")
    doc = make_doc("Lumio/X/dep/2 s'/PRON/expl:pass/2 allie/VERB/ROOT/2 avec/ADP/case/4 Vexa/PROPN/obl:arg/2 "
                   "./PUNCT/punct/2", [(0, 1, "ORG"), (4, 5, "ORG")])
    assert rels(doc) == {("Lumio", "partners-with", "Vexa")}


def test_a_stake_sold_to_a_buyer_the_parser_hangs_on_the_noun():
    # Brio a cédé sa participation dans Lumio à Vexa .
    doc = make_doc("Brio/PROPN/nsubj/2 a/AUX/aux:tense/2 cédé/VERB/ROOT/2 sa/DET/det/4 participation/NOUN/obj/2 "
                   "dans/ADP/case/6 Lumio/PROPN/nmod/4 à/ADP/case/8 Vexa/PROPN/nmod/4 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (6, 7, "ORG"), (8, 9, "ORG")], morphs={3: "Poss=Yes"})
    assert rels(doc) == {("Vexa", "funds", "Lumio")}


def test_an_organisation_word_is_named_by_the_name_right_after_it():
    # Gap a conclu un partenariat avec la marque Yeezy .  (the parser hangs Yeezy on the verb)
    doc = make_doc("Gap/PROPN/nsubj/2 a/AUX/aux:tense/2 conclu/VERB/ROOT/2 un/DET/det/4 partenariat/NOUN/obj/2 "
                   "avec/ADP/case/7 la/DET/det/7 marque/NOUN/obl:mod/2 Yeezy/NOUN/obl:mod/2 ./PUNCT/punct/2",
                   [(0, 1, "ORG"), (8, 9, "ORG")])
    assert rels(doc) == {("Gap", "partners-with", "Yeezy")}


def test_a_stake_sold_to_a_buyer_with_no_company_named_as_held_is_no_funding():
    # It opted to sell a stake to Italian bank Vexa .  (the stake is in a company named earlier)
    doc = make_doc("Brio/PROPN/nsubj/1 opted/VERB/ROOT/1 to/PART/aux/3 sell/VERB/xcomp/1 a/DET/det/5 "
                   "stake/NOUN/dobj/3 to/ADP/prep/5 Italian/ADJ/amod/8 bank/NOUN/pobj/6 Vexa/PROPN/dep/1 "
                   "./PUNCT/punct/1", [(0, 1, "ORG"), (9, 10, "ORG")], lang="en")
    assert rels(doc, "en") == set()


def test_a_possessive_role_noun_listing_its_names_belongs_to_the_subject_before():
    # Orange publie ses résultats .  Son principal concurrent est Lumio .
    doc = make_doc("Orange/PROPN/nsubj/1 publie/VERB/ROOT/1 ses/DET/det/3 résultats/NOUN/obj/1 ./PUNCT/punct/1 "
                   "Son/DET/det/7 principal/ADJ/amod/7 concurrent/NOUN/nsubj/9 est/AUX/cop/9 Lumio/PROPN/ROOT/9 "
                   "./PUNCT/punct/9", [(0, 1, "ORG"), (9, 10, "ORG")], sents=(0, 5), morphs={5: "Poss=Yes"})
    assert rels(doc) == {("Lumio", "competes-with", "Orange")}
    # … one name the NER alone calls a person is of the company's kind
    doc = make_doc("Brio/PROPN/nsubj/1 grew/VERB/ROOT/1 ./PUNCT/punct/1 Its/PRON/poss/5 main/ADJ/amod/5 "
                   "rival/NOUN/nsubj/6 is/AUX/ROOT/6 Vexa/PROPN/attr/6 ./PUNCT/punct/6",
                   [(0, 1, "ORG"), (7, 8, "PERSON")], sents=(0, 3), lang="en", morphs={3: "Poss=Yes"})
    assert rels(doc, "en") == {("Brio", "competes-with", "Vexa")}


def test_a_multi_word_description_the_parser_splits_still_refers_back():
    # Lumio est une jeune pousse .  La jeune pousse a signé un accord avec Vexa .  ("pousse" parsed as a verb)
    doc = make_doc("Lumio/PROPN/nsubj/4 est/AUX/cop/4 une/DET/det/4 jeune/ADJ/amod/4 pousse/NOUN/ROOT/4 "
                   "./PUNCT/punct/4 La/DET/det/7 jeune/ADJ/nsubj/8 pousse/VERB/ROOT/8 a/AUX/aux:tense/10 "
                   "signé/VERB/xcomp/8 un/DET/det/12 accord/NOUN/obj/10 avec/ADP/case/14 Vexa/PROPN/obl:mod/10 "
                   "./PUNCT/punct/8", [(0, 1, "ORG"), (14, 15, "ORG")], sents=(0, 6))
    assert rels(doc) == {("Lumio", "partners-with", "Vexa")}


def test_an_industry_word_refers_back_to_the_company():
    # Brio was founded in 2015 .  The fintech raised $ 80m from Vexa .
    doc = make_doc("Brio/PROPN/nsubjpass/2 was/AUX/auxpass/2 founded/VERB/ROOT/2 in/ADP/prep/2 2015/NUM/pobj/3 "
                   "./PUNCT/punct/2 The/DET/det/7 fintech/NOUN/nsubj/8 raised/VERB/ROOT/8 $/SYM/nmod/10 "
                   "80m/NUM/dobj/8 from/ADP/prep/8 Vexa/PROPN/pobj/11 ./PUNCT/punct/8",
                   [(0, 1, "ORG"), (12, 13, "ORG")], sents=(0, 6), lang="en")
    assert rels(doc, "en") == {("Vexa", "funds", "Brio")}


def test_companies_locked_in_a_war_together_are_rivals():
    # Brio and Vexa are locked in a price war .
    doc = make_doc("Brio/PROPN/nsubjpass/4 and/CCONJ/cc/0 Vexa/PROPN/conj/0 are/AUX/auxpass/4 locked/VERB/ROOT/4 "
                   "in/ADP/prep/4 a/DET/det/8 price/NOUN/compound/8 war/NOUN/pobj/5 ./PUNCT/punct/4",
                   [(0, 1, "ORG"), (2, 3, "ORG")], lang="en")
    assert rels(doc, "en") == {("Brio", "competes-with", "Vexa")}


def test_a_relative_dont_the_parser_hangs_on_the_shareholder():
    # Lumio , dont Vexa Partners est l' actionnaire majoritaire , prépare son entrée .
    doc = make_doc("Lumio/PROPN/obl:mod/10 ,/PUNCT/punct/7 dont/PRON/nmod/3 Vexa/X/nsubj/7 Partners/PROPN/nmod/3 "
                   "est/AUX/cop/7 l'/DET/det/7 actionnaire/NOUN/conj/0 majoritaire/ADJ/amod/7 ,/PUNCT/punct/10 "
                   "prépare/VERB/ROOT/10 ./PUNCT/punct/10", [(0, 1, "ORG"), (3, 5, "ORG")])
    assert rels(doc) == {("Vexa Partners", "funds", "Lumio")}


def test_shareholders_listed_by_a_plural_verb_of_inclusion():
    # Les actionnaires de Lumio comprennent Vexa et Brio .
    doc = make_doc("Les/DET/det/1 actionnaires/NOUN/nsubj/4 de/ADP/case/3 Lumio/PROPN/nmod/1 comprennent/VERB/ROOT/4 "
                   "Vexa/PROPN/obj/4 et/CCONJ/cc/7 Brio/PROPN/conj/5 ./PUNCT/punct/4",
                   [(3, 4, "ORG"), (5, 6, "ORG"), (7, 8, "ORG")])
    assert rels(doc) == {("Vexa", "funds", "Lumio"), ("Brio", "funds", "Lumio")}


def test_a_consortium_led_by_two_companies_makes_them_partners():
    # Un consortium mené par Brio et Vexa a remporté le contrat .
    doc = make_doc("Un/DET/det/1 consortium/NOUN/nsubj/8 mené/VERB/acl/1 par/ADP/case/4 Brio/PROPN/obl:agent/2 "
                   "et/CCONJ/cc/6 Vexa/PROPN/conj/4 a/AUX/aux:tense/8 remporté/VERB/ROOT/8 le/DET/det/10 "
                   "contrat/NOUN/obj/8 ./PUNCT/punct/8", [(4, 5, "ORG"), (6, 7, "ORG")])
    assert rels(doc) == {("Brio", "partners-with", "Vexa")}


def test_together_parsed_as_an_object_noun_is_still_the_adverb_unless_determined():
    # Brio et Vexa ont lancé ensemble la plateforme .   /   … ont acheté un ensemble immobilier .
    doc = make_doc("Brio/PROPN/nsubj/4 et/CCONJ/cc/2 Vexa/PROPN/conj/0 ont/AUX/aux:tense/4 lancé/VERB/ROOT/4 "
                   "ensemble/NOUN/obj/4 la/DET/det/7 plateforme/NOUN/appos/5 ./PUNCT/punct/4",
                   [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == {("Brio", "partners-with", "Vexa")}
    doc = make_doc("Brio/PROPN/nsubj/4 et/CCONJ/cc/2 Vexa/PROPN/conj/0 ont/AUX/aux:tense/4 acheté/VERB/ROOT/4 "
                   "un/DET/det/6 ensemble/NOUN/obj/4 immobilier/ADJ/amod/6 ./PUNCT/punct/4",
                   [(0, 1, "ORG"), (2, 3, "ORG")])
    assert rels(doc) == set()


def test_a_relative_whose_opens_no_apposition():
    # Brio , whose biggest shareholder is Vexa , said no .
    doc = make_doc("Brio/PROPN/nsubj/8 ,/PUNCT/punct/0 whose/DET/poss/4 biggest/ADJ/amod/4 shareholder/NOUN/nsubj/5 "
                   "is/AUX/relcl/0 Vexa/PROPN/acomp/5 ,/PUNCT/punct/0 said/VERB/ROOT/8 no/ADV/advmod/8 ./PUNCT/punct/8",
                   [(0, 1, "ORG"), (6, 7, "ORG")], lang="en")
    assert rels(doc, "en") == {("Vexa", "funds", "Brio")}

"""Entity clean-up, typing and resolution on hand-built Docs and records."""
from __future__ import annotations

from handmade import make_doc
from kg.document import extract_doc
from kg.records import DocResult, Mention
from kg.resolve import resolve_entities


def names(doc, lang="fr"):
    return {(m.text, m.name, m.type) for m in extract_doc(doc, "t.txt", lang).mentions}


def test_articles_titles_and_trailing_words_are_cut_from_spans():
    # La Commission européenne de présenter un plan , selon le président Paul Durand .
    doc = make_doc("La/DET/det/1 Commission/PROPN/nsubj/3 européenne/ADJ/amod/1 de/ADP/mark/3 présenter/VERB/ROOT/3 "
                   "un/DET/det/5 plan/NOUN/obj/3 ,/PUNCT/punct/3 selon/ADP/case/10 le/DET/det/10 président/NOUN/obl/3 "
                   "Paul/PROPN/flat:name/10 Durand/PROPN/flat:name/11 ./PUNCT/punct/3",
                   [(0, 4, "ORG"), (10, 13, "PER")])
    got = {t for t, _, _ in names(doc)}
    assert got == {"Commission européenne", "Paul Durand"}


def test_fragments_are_not_entities():
    # L' homme qu' il voit .
    doc = make_doc("L'/DET/det/1 homme/NOUN/nsubj/3 qu'/PRON/obj/3 il/PRON/nsubj/3 voit/VERB/ROOT/3 ./PUNCT/punct/3",
                   [(0, 1, "MISC"), (2, 3, "MISC")])
    assert names(doc) == set()


def test_cue_noun_types_a_misread_company():
    # La start-up Lumio recrute .
    doc = make_doc("La/DET/det/1 start-up/NOUN/nsubj/3 Lumio/PROPN/appos/1 recrute/VERB/ROOT/3 ./PUNCT/punct/3",
                   [(2, 3, "LOC")])
    assert names(doc) == {("Lumio", "Lumio", "ORG")}


def test_surname_resolves_to_the_full_name_used_earlier():
    # Paul Durand parle . M. Durand sourit .
    doc = make_doc("Paul/PROPN/nsubj/2 Durand/PROPN/flat:name/0 parle/VERB/ROOT/2 ./PUNCT/punct/2 "
                   "M./NOUN/nsubj/6 Durand/PROPN/flat:name/4 sourit/VERB/ROOT/6 ./PUNCT/punct/6",
                   [(0, 2, "PER"), (4, 6, "ORG")])
    assert ("Durand", "Paul Durand", "PER") in names(doc)


def test_short_forms_and_translated_suffixes_join_the_company_name():
    # Lumio AI grandit . Lumio IA recrute et Lumio vend .
    doc = make_doc("Lumio/PROPN/nsubj/2 AI/PROPN/flat:name/0 grandit/VERB/ROOT/2 ./PUNCT/punct/2 "
                   "Lumio/PROPN/nsubj/6 IA/PROPN/flat:name/4 recrute/VERB/ROOT/6 et/CCONJ/cc/9 Lumio/PROPN/nsubj/9 "
                   "vend/VERB/conj/6 ./PUNCT/punct/6", [(0, 2, "ORG"), (4, 6, "MISC"), (8, 9, "LOC")])
    assert {n for _, n, _ in names(doc)} == {"Lumio AI"}


def test_a_word_shared_with_a_different_name_does_not_merge():
    # Brio vend . Brio Gaming perd .
    doc = make_doc("Brio/PROPN/nsubj/1 vend/VERB/ROOT/1 ./PUNCT/punct/1 Brio/PROPN/nsubj/5 Gaming/PROPN/flat:name/3 "
                   "perd/VERB/ROOT/5 ./PUNCT/punct/5", [(0, 1, "ORG"), (3, 5, "ORG")])
    assert {n for _, n, _ in names(doc)} == {"Brio", "Brio Gaming"}


def test_acronym_spelled_out_in_the_text():
    # General Motors vend . GM achète .
    doc = make_doc("General/PROPN/nsubj/2 Motors/PROPN/flat:name/0 sells/VERB/ROOT/2 ./PUNCT/punct/2 "
                   "GM/PROPN/nsubj/5 buys/VERB/ROOT/5 ./PUNCT/punct/5", [(0, 2, "ORG"), (4, 5, "ORG")], lang="en")
    assert ("GM", "General Motors", "ORG") in names(doc, "en")


def test_typo_at_edit_distance_one_in_a_long_name():
    # Zentrafix vend . Zentrafyx achète .
    doc = make_doc("Zentrafix/PROPN/nsubj/1 vend/VERB/ROOT/1 ./PUNCT/punct/1 Zentrafyx/PROPN/nsubj/4 "
                   "achète/VERB/ROOT/4 ./PUNCT/punct/4", [(0, 1, "ORG"), (3, 4, "PER")])
    assert len({n for _, n, _ in names(doc)}) == 1


def _res(doc_id, *mentions):
    return DocResult(doc_id, "fr", tuple(Mention(n, t, n, 0, len(n)) for n, t in mentions))


def test_cross_document_case_accent_and_short_form_variants_merge():
    ents, local = resolve_entities([_res("a", ("OpenAI", "ORG"), ("Lumio AI", "ORG")),
                                    _res("b", ("Openai", "ORG"), ("Lumio", "MISC")),
                                    _res("c", ("Société Générale", "ORG")), _res("d", ("Societe generale", "ORG"))])
    assert len(ents) == 3
    assert local[("a", "OpenAI")] == local[("b", "Openai")]
    assert local[("a", "Lumio AI")] == local[("b", "Lumio")]
    lumio = next(e for e in ents if e.id == local[("a", "Lumio AI")])
    assert lumio.name == "Lumio AI" and lumio.type == "ORG" and lumio.documents == ("a", "b")


def test_cross_document_names_sharing_a_word_stay_apart():
    ents, _ = resolve_entities([_res("a", ("Brio", "ORG")), _res("b", ("Brio Gaming", "ORG"))])
    assert sorted(e.name for e in ents) == ["Brio", "Brio Gaming"]


def test_a_company_introduced_in_full_is_then_shortened():
    # Kalo Launch vend . Kalo achète .
    doc = make_doc("Kalo/PROPN/nsubj/2 Launch/PROPN/flat:name/0 vend/VERB/ROOT/2 ./PUNCT/punct/2 "
                   "Kalo/PROPN/nsubj/5 achète/VERB/ROOT/5 ./PUNCT/punct/5", [(0, 2, "ORG"), (4, 5, "PER")])
    assert {n for _, n, _ in names(doc)} == {"Kalo Launch"}


def test_bracketed_short_form_is_an_alias_and_completes_the_name():
    # L' Agence de l' environnement et de la maîtrise ( Ademe ) finance Kalo .
    spec = ("L'/DET/det/1 Agence/PROPN/nsubj/12 de/ADP/case/4 l'/DET/det/4 environnement/NOUN/nmod/1 et/CCONJ/cc/8 "
            "de/ADP/case/8 la/DET/det/8 maîtrise/NOUN/conj/4 (/PUNCT/punct/10 Ademe/PROPN/appos/1 )/PUNCT/punct/10 "
            "finance/VERB/ROOT/12 Kalo/PROPN/obj/12 ./PUNCT/punct/12")
    doc = make_doc(spec, [(1, 5, "ORG"), (10, 11, "ORG"), (13, 14, "ORG")])
    full = "Agence de l'environnement et de la maîtrise"
    assert {(t, n) for t, n, _ in names(doc)} >= {(full, full), ("Ademe", full)}


def test_an_amount_the_ner_took_for_a_name_is_no_entity():
    # Vodafone paid 100bn .
    doc = make_doc("Vodafone/PROPN/nsubj/1 paid/VERB/ROOT/1 100bn/NUM/dobj/1 ./PUNCT/punct/1",
                   [(0, 1, "ORG"), (2, 3, "ORG")], lang="en")
    assert {t for t, _, _ in names(doc, "en")} == {"Vodafone"}


def test_one_word_only_the_ner_calls_a_person_is_an_organisation_but_a_surname_stays_a_person():
    # Webroot sells software , said Paul Durand . Durand smiled .
    doc = make_doc("Webroot/PROPN/nsubj/1 sells/VERB/ROOT/1 software/NOUN/dobj/1 ,/PUNCT/punct/1 said/VERB/parataxis/1 "
                   "Paul/PROPN/nsubj/4 Durand/PROPN/flat/5 ./PUNCT/punct/1 Durand/PROPN/nsubj/9 smiled/VERB/ROOT/9 "
                   "./PUNCT/punct/9", [(0, 1, "PERSON"), (5, 7, "PERSON"), (8, 9, "PERSON")], lang="en")
    typed = {t: ty for t, _, ty in names(doc, "en")}
    assert typed["Webroot"] == "ORG" and typed["Durand"] == "PER" and typed["Paul Durand"] == "PER"

"""One parsed document in, one :class:`~kg.records.DocResult` out.

The stages inside a document: mentions (:mod:`kg.mentions`), in-document resolution
(:mod:`kg.coref`), relations (:mod:`kg.relations`), then type repair from the roles relations
give their arguments (a funder, partner or rival is an organisation or a person, not a place).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from .coref import resolve_mentions
from .lang import Lexicon, known_places, load_lexicon
from .learn.model import decide
from .names import name_key
from .mentions import KNOWN_ORG, STRONG, Ment, find_mentions
from .records import SYMMETRIC, DocResult, Mention, RelationMention
from .relations import find_relations

__all__ = ["extract_doc", "DocContext"]


@dataclass
class DocContext:
    """What the relation rules of one document share."""

    doc: Doc
    lex: Lexicon
    mentions: list[Ment]
    token_ment: dict[int, Ment] = field(default_factory=dict)
    sent_of: dict[int, int] = field(default_factory=dict)
    sent_subjects: dict[int, Ment] = field(default_factory=dict)
    groups: dict[int, list[Ment]] = field(default_factory=dict)


_SUBJECT_ROLES = ("subj", "subjpass")


def _context(doc: Doc, lex: Lexicon, mentions: list[Ment]) -> DocContext:
    ctx = DocContext(doc, lex, mentions)
    for m in mentions:
        for i in range(m.start, m.end):
            ctx.token_ment[i] = m
    _list_groups(ctx)
    for si, sent in enumerate(doc.sents):
        for t in sent:
            ctx.sent_of[t.i] = si
        # the sentence is about the subject of its main verb, else the first named subject
        # ("La néobanque X a obtenu …, a-t-elle annoncé"), else a name it opens on
        subjects = [c for c in sent.root.children if lex.role(c) in _SUBJECT_ROLES and c.i in ctx.token_ment]
        subjects = subjects or [t for t in sent if lex.role(t) in _SUBJECT_ROLES and t.i in ctx.token_ment]
        if subjects:
            ctx.sent_subjects[si] = ctx.token_ment[subjects[0].i]
        else:
            words = [t for t in sent if not t.is_punct and not t.is_space][:4]
            opener = next((ctx.token_ment[t.i] for t in words if t.i in ctx.token_ment), None)
            if opener is not None and name_key(opener.text) not in known_places() and opener.type != "PER" \
                    or opener is not None and words and words[0].i in ctx.token_ment:
                ctx.sent_subjects[si] = opener
    return ctx


def _list_groups(ctx: DocContext) -> None:
    """Group mentions written as one list ("A, B et C", "A and B"): parsers often attach only
    the first item where the sentence puts the whole list, so a rule that reaches one item
    reaches all of them."""
    run: list[Ment] = []
    prev = None
    for m in ctx.mentions:
        if prev is not None and m.sent == prev.sent and _sure_person(m) == _sure_person(prev) \
                and _joins_a_list(ctx.doc[prev.end:m.start], ctx.lex) and not _conjoined_elsewhere(ctx, prev, m) \
                and not _possessor(ctx, m):
            run.append(m)
        else:
            _close(ctx, run)
            run = [m]
        prev = m
    _close(ctx, run)


def _possessor(ctx: DocContext, m: Ment) -> bool:
    """"Lyft, Uber's rival, …": a name with a possessive clitic owns the noun after it, it is no
    item of a list with the name before."""
    doc = ctx.doc
    return m.end + 1 < len(doc) and doc[m.end].lower_ in ctx.lex.possessive_clitics and not doc[m.end + 1].is_punct


def _conjoined_elsewhere(ctx: DocContext, prev: Ment, m: Ment) -> bool:
    """``prev`` closes a relative clause that ``m`` is outside of: "TNK-BP,
    which is half owned by BP, and Surgutneftegaz" lists Surgutneftegaz with TNK-BP, not with BP."""
    a = ctx.doc[prev.start:prev.end].root
    for t in a.ancestors:
        if ctx.lex.role(t) == "relcl" and t.i < prev.start:
            return not any(m.start <= d.i < m.end for d in t.subtree)
    return False


def _joins_a_list(between, lex: Lexicon) -> bool:
    """"A, B et C", "A and B", and items with their description: "Renault et la start-up
    grenobloise Voltéa", "Skylance and Spanish telecoms group Veritel", "de la chaîne A et de la
    plateforme de streaming B"."""
    if not 0 < len(between) <= 7:
        return False
    words = [t.lower_ for t in between]
    if len(between) <= 3 and all(w in lex.list_separators for w in words):
        return any(w in lex.list_separators for w in words)
    if not lex.conjunctions & set(words) or words[0] not in lex.conjunctions | {","}:
        return False
    return all(w in lex.list_separators or w in lex.conjunctions or w in lex.preps["of"]
               or t.pos_ in ("DET", "ADJ") or t.pos_ == "NOUN" and t.text.islower() for w, t in zip(words, between))


def _sure_person(m: Ment) -> bool:
    """A person by more than the NER's word ("M. Dupont", "Paul Durand")."""
    return m.type == "PER" and m.votes["PER"] >= STRONG


def _close(ctx: DocContext, run: list[Ment]) -> None:
    for m in run:
        ctx.groups[id(m)] = run


def _drop_name_pairs(mentions: list[Ment]) -> list[Ment]:
    """Drop "Margotton-Lizarazu": two people of the document joined by a hyphen are no entity."""
    people = {m.name.split()[-1].lower() for m in mentions if m.type == "PER" and " " in m.name}
    out = []
    for m in mentions:
        parts = m.text.lower().split("-")
        if len(parts) == 2 and all(p in people for p in parts):
            continue
        out.append(m)
    return out


def _harmonise_lists(ctx: DocContext) -> None:
    """Items of one list share a type: a name typed only by the NER, listed among at least two
    organisations ("Samsung, Andreessen Horowitz, IBM"), is an organisation."""
    renamed = {}
    for m in ctx.mentions:
        group = ctx.groups.get(id(m), [m])
        others = [o for o in group if o is not m and o.name != m.name]
        if len(others) >= 2 and m.type != "ORG" and sum(o.type == "ORG" for o in others) >= max(2, len(others) - 1) \
                and sum(m.votes.values()) <= 1:
            renamed[m.name] = "ORG"
    for m in ctx.mentions:
        if m.name in renamed:
            m.type = renamed[m.name]


def analyse_doc(doc: Doc, lang: str) -> tuple[DocContext, list]:
    """The mentions of ``doc`` resolved in the document, and what the relation rules find."""
    lex = load_lexicon(lang)
    mentions = find_mentions(doc, lex)
    resolve_mentions(mentions, lex)
    mentions = _drop_name_pairs(mentions)
    ctx = _context(doc, lex, mentions)
    _harmonise_lists(ctx)
    return ctx, find_relations(ctx)


#: Funding frames whose target only a company can be: rounds, raising, stakes, shareholders
#: ("invest in" is not one: a firm invests in its own products).
_COMPANY_FRAMES = frozenset({"round", "raise", "stake_noun", "investor_noun", "percent_held", "part_owned"})


def extract_doc(doc: Doc, doc_id: str, lang: str, meta=()) -> DocResult:
    """Reduce a parsed spaCy ``Doc`` to plain records: mentions and relation mentions."""
    ctx, found = analyse_doc(doc, lang)
    company_targets = {f.target.name for f in found if f.relation == "funds" and f.frame in _COMPANY_FRAMES}
    found = decide(ctx, found)
    lex, mentions = ctx.lex, ctx.mentions

    # arguments of relations are organisations or people: repair places and misc names
    role_names = {f.source.name for f in found} | {f.target.name for f in found}
    places = known_places()
    weak_people = {m.name for m in mentions if m.type == "PER" and " " not in m.name and m.votes["PER"] < STRONG}
    weak_people -= {m.name for m in mentions if m.votes["PER"] >= STRONG}
    funders = {f.source.name for f in found if f.relation == "funds"}
    # what has funding rounds, shareholders or stakes is a company: a "product" only the NER
    # believed in ("a $50m round in Stripe"), not one a cue of the text named ("the X handset")
    funded = {f.target.name for f in found if f.relation == "funds"} & company_targets
    funded -= {m.name for m in mentions if m.votes["PRODUCT"] >= KNOWN_ORG}
    for m in mentions:
        if m.name in weak_people and m.name[1:].islower() and not m.place and name_key(m.name) not in places:
            m.type = "ORG"      # news introduce a person by full name: one word alone, that only the
                                # NER calls a person, is mostly a company or a brand ("Yukos", "Webroot")
        if m.name in role_names and not m.place and name_key(m.name) not in places and (
                m.type in ("LOC", "MISC") or m.name in weak_people
                or m.type == "PRODUCT" and (m.name in funders or m.name in funded)):
            m.type = "ORG"      # a one-word "person" only the NER believed in, funding or rivalling;
                                # a "product" that pays (products do not invest)

    records = tuple(Mention(m.name, m.type, m.text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text))
                    for m in mentions)
    rels = []
    sents = list(doc.sents)
    for f in found:
        if "PRODUCT" in (f.source.type, f.target.type):
            continue            # products compete, but the graph's ends are who makes or funds them
        src, dst = f.source.name, f.target.name
        if f.relation in SYMMETRIC and dst < src:
            src, dst = dst, src
        evidence = " ".join(sents[f.sent].text.split())
        rels.append(RelationMention(src, f.relation, dst, evidence, round(f.confidence, 3), f.amount))
    return DocResult(doc_id, lang, records, tuple(_dedupe(rels)), tuple(meta))


def _dedupe(rels: list[RelationMention]) -> list[RelationMention]:
    """One record per (pair, relation, sentence): the most confident one."""
    best: dict[tuple, RelationMention] = {}
    for r in rels:
        key = (r.source, r.relation, r.target, r.evidence)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.source, r.relation, r.target, r.evidence))

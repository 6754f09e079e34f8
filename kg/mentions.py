"""Entity mentions from a parsed spaCy ``Doc``: span clean-up and type repair.

The statistical NER of news-sized models is noisy: spans swallow articles, titles and
trailing words ("Commission européenne de présenter un plan"), fragments such as "L'" appear,
and types are often wrong (a start-up tagged as a place). Each rule here repairs one of these
from the span's own tokens or its immediate context, using only the language's lexicon.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span

from .lang import Lexicon, known_places
from .learn.org_names import is_known_org
from .names import fold, name_key

__all__ = ["Ment", "LABEL_MAP", "find_mentions", "is_place"]

#: spaCy labels (French WikiNER and English OntoNotes schemes) to kg's types; unlisted labels
#: (dates, amounts, nationalities…) are not entities of the graph.
LABEL_MAP = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
             "MISC": "MISC", "PRODUCT": "PRODUCT", "WORK_OF_ART": "PRODUCT", "EVENT": "MISC"}


@dataclass
class Ment:
    """A mention during extraction (token offsets into the spaCy Doc); see :class:`kg.records.Mention`."""

    start: int
    end: int
    text: str
    type: str
    sent: int
    votes: Counter = field(default_factory=Counter)
    name: str = ""
    cue: str = ""           # the description noun that introduced it ("start-up", "groupe")
    gazetteer: str = ""      # the canonical name a gazetteer gives it
    alias_of: "Ment | None" = None   # "Full Name (ACR)": the ACR mention points to Full Name
    place: bool = False      # surely a place ("Austin-based"); resolution spreads it to the entity's mentions


def is_place(m: Ment) -> bool:
    """A place, not an organisation: typed LOC and known as a place or marked as one."""
    return m.type == "LOC" and (m.place or name_key(m.name or m.text) in known_places())


def find_mentions(doc: Doc, lex: Lexicon) -> list[Ment]:
    """Return the cleaned, typed entity mentions of ``doc``, in text order."""
    sent_index = {}
    for i, sent in enumerate(doc.sents):
        for j in range(sent.start, sent.end):
            sent_index[j] = i
    mentions: list[Ment] = []
    taken: set[int] = set()
    mid_caps = {t.lower_ for t in doc if t.text[:1].isupper() and not _opens(t)}
    ent_texts = Counter(e.text for e in doc.ents)
    # an institution before an entity of the NER at the same place: "Etat" alone is not a name
    for ent in sorted([*_institutions(doc, lex), *doc.ents, *_missed_names(doc, lex, mid_caps)], key=lambda e: e.start):
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        taken.update(range(ent.start, ent.end))
        etype = LABEL_MAP.get(ent.label_)
        if etype is None and ent.label_ == "NORP" and is_known_org(ent.text):
            etype = "MISC"      # "Verizon" called a nationality by the small English model
        if etype is None:
            continue
        gaz = bool(ent.ent_id_)         # set by the gazetteer's entity ruler
        trusted = gaz or ent.kb_id_ == "kg_institution"
        span = ent if trusted else _clean_span(ent, lex)
        if span is None:
            continue
        for span, etype in [(span, etype)] if trusted else _split_joined(span, etype, ent_texts, lex):
            text = span.text.strip()
            if not trusted and (_is_noise(span, text, etype, lex) or _opening_word(span, mid_caps, lex)):
                continue
            m = Ment(span.start, span.end, text, etype, sent_index.get(span.start, 0),
                     gazetteer=ent.ent_id_ if gaz else "")
            m.votes[etype] += STRONG * 10 if gaz else 1
            _vote_from_context(doc, m, lex)
            mentions.append(m)
    _link_parenthesised(doc, mentions)
    _brand_plurals(mentions, lex)
    return _repeat_known_names(doc, mentions, sent_index, lex)


def _split_joined(span: Span, etype: str, ent_texts: Counter, lex: Lexicon) -> list[tuple[Span, str]]:
    """Two names glued into one span are two mentions (with their types): by a hyphen,
    "Grégoire Margotton-Bixente Lizarazu" (a first name after the hyphen, a full name before
    it), "le partenariat CIO-Airbnb" (two names the document also uses alone), while
    "Rolls-Royce", "Alfa-Eco" stay whole; a company and its boss, "le patron de Xbox Phil
    Spencer" (a first name and a surname ending the span), while "Philip Morris" stays whole;
    by a conjunction, "Airbus and Thales" (a known organisation and a known one or a name the
    document uses alone), while "Procter & Gamble", "Santé et Travail" and a known "X and Y"
    stay whole."""
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        t = doc[i]
        if t.lower_ in lex.conjunctions and t.is_alpha and not is_known_org(span.text):
            left, right = doc[span.start:i], doc[i + 1:span.end]
            known = [is_known_org(side.text) for side in (left, right)]
            if any(known) and all(side[0].text[:1].isupper() and (k or ent_texts[side.text])
                                  for side, k in zip((left, right), known)):
                return [(left, etype), (right, etype)]
            break
    for i in range(span.start + 1, span.end - 1):
        if span.end - i in (2, 3) and _first_name(doc[i].lower_, lex) and not _first_name(doc[i - 1].lower_, lex) \
                and all(t.text[:1].isupper() and t.is_alpha for t in doc[i:span.end]) and doc[i - 1].text != "-" \
                and not any(t.lower_ in lex.org_cues or t.lower_ in lex.institution_heads or t.lower_ in lex.titles
                            for t in doc[span.start:i]):
            person = (doc[i:span.end], "PER")
            if etype != "PER":
                return [(doc[span.start:i], etype), person]
            if any(t.pos_ != "PROPN" for t in doc[span.start:i]):
                return [person]         # "Maître Antoine Vey", not "Meir Ben Shabbat"
    for i in range(span.start + 1, span.end - 1):
        t = doc[i]
        if t.text != "-" or doc[i - 1].whitespace_ or t.whitespace_:
            continue
        left, right = doc[span.start:i], doc[i + 1:span.end]
        if etype == "PER":
            if len(left) >= 2 and len(right) >= 2 and right[0].text[:1].isupper() \
                    and (_first_name(right[0].lower_, lex) or _first_name(left[0].lower_, lex)):
                return [(left, etype), (right, etype)]
        elif ent_texts[left.text] and ent_texts[right.text] and ent_texts[span.text] <= 1 \
                and not is_known_org(span.text):
            return [(left, etype), (right, etype)]
        break
    return [(span, etype)]


def _brand_plurals(mentions: list[Ment], lex: Lexicon) -> None:
    """"Range Rovers", "Opels": the plural of a brand the document or the list of real
    organisations names is its products, not the company."""
    names = Counter(name_key(m.text) for m in mentions)
    for m in mentions:
        text = m.text
        for e in lex.plural_endings:
            stem = text[:-len(e)]
            # the brand written more often than its plural ("Hendrick Motorsports" once misspelt
            # "Motorsport" is one name)
            if text.endswith(e) and len(stem) >= 3 and stem[-1:].isalpha() and stem[-1:].islower() \
                    and not is_known_org(text) \
                    and (names[name_key(stem)] > names[name_key(text)] or is_known_org(stem)):
                m.votes["PRODUCT"] += STRONG * 2     # more than a known organisation and the NER
                break


def _repeat_known_names(doc: Doc, mentions: list[Ment], sent_index: dict[int, int], lex: Lexicon) -> list[Ment]:
    """A name the NER found once is the same name elsewhere in the document: tag the other
    occurrences it missed, and the first word of a longer organisation name used alone
    ("Seaborne Renewables" … "Seaborne and Northlight compete")."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    known: dict[str, str] = {}
    for m in mentions:
        words = m.text.split()
        best = max(m.votes, key=lambda t: (m.votes[t], t)) if m.votes else m.type
        if len(words) == 1 and m.text[:1].isupper() and best in ("ORG", "PER", "MISC") \
                and not (lex.demonym and lex.demonym.fullmatch(m.text)) and name_key(m.text) not in known_places():
            known.setdefault(m.text, best)
        elif len(words) > 1 and m.type == "ORG" and words[0][:1].isupper() and len(words[0]) > 3 \
                and not (lex.demonym and lex.demonym.fullmatch(words[0])) and words[0].lower() not in lex.first_names \
                and words[0].lower() not in lex.org_cues and name_key(words[0]) not in known_places():
            known.setdefault(words[0], "ORG")
    if not known:
        return mentions
    extra = []
    texts = [t.text for t in doc]
    for i, text in enumerate(texts):
        if i not in covered and text in known and text.isalpha() \
                and not (i + 1 < len(texts) and texts[i + 1][:1].isupper() and texts[i + 1].isalpha()) \
                and not _in_hyphenated_word(doc, i):
            m = Ment(i, i + 1, text, known[text], sent_index.get(i, 0))
            m.votes[known[text]] += 1
            extra.append(m)
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _in_hyphenated_word(doc: Doc, i: int) -> bool:
    """Token ``i`` is glued to a hyphen on either side ("pay-TV", "TV-style"): part of a word."""
    before = i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_
    after = i + 1 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_
    return before or after


def _link_parenthesised(doc: Doc, mentions: list[Ment]) -> None:
    """"l'Agence de l'environnement et de la maîtrise de l'énergie (Ademe)": the name runs up
    to the bracket, and the bracketed name is its short form. The NER often stops the long
    name at its first lower-case word."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        for j in range(m.end, min(len(doc) - 2, m.end + 10)):
            t = doc[j]
            if t.text == "(":
                inner = by_start.get(j + 1)
                if inner is not None and inner.end < len(doc) and doc[inner.end].text == ")" and inner is not m:
                    if j > m.end:
                        m.end = j
                        m.text = doc[m.start:j].text.strip()
                    inner.alias_of = m
                break
            if t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "NUM") or t.i in by_start or t.is_sent_start:
                break




def _institutions(doc: Doc, lex: Lexicon) -> list[Span]:
    """Institutions named by a head word and a nationality ("le gouvernement français"), and the
    state by its capitalised name ("l'État a injecté …", "le soutien de l'Etat": public money),
    not the head of state ("le chef de l'État") nor a compound ("l'État-major")."""
    out = []
    for t in doc[:-1]:
        nxt = doc[t.i + 1]
        if t.lower_ in lex.institution_heads and nxt.pos_ == "ADJ" and lex.demonym and lex.demonym.fullmatch(nxt.lower_):
            out.append(Span(doc, t.i, t.i + 2, label="ORG", kb_id="kg_institution"))
        elif t.text in lex.state_names and t.i >= 1 and doc[t.i - 1].lower_ in lex.definite_determiners \
                and nxt.text != "-" and not (t.i >= 3 and doc[t.i - 2].lower_ in lex.preps["of"]
                                             and doc[t.i - 3].lower_ in lex.state_heads):
            out.append(Span(doc, t.i, t.i + 1, label="ORG", kb_id="kg_institution"))
    return out


#: Roles of a word that is an argument of a verb or preposition (a name the NER may miss).
_ARGUMENT_ROLES = frozenset({"subj", "subjpass", "obj", "pobj", "obl", "agent", "npadvmod"})


def _missed_names(doc: Doc, lex: Lexicon, mid_caps: set[str]) -> list[Span]:
    """Proper names no entity covers, labelled MISC for repair later: brand-like words (inner
    capitals, "xAI", "YouTube", or short all-capital names, "IBM", "TF1", but not the end of a
    hyphenated word, "pay-TV"), and runs of two or more capitalised proper nouns ("General
    Catalyst"). ``mid_caps``: the words the document capitalises inside a sentence."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    tokens = list(doc)                  # one pass of Token objects: indexing a Doc builds new ones
    pos = [t.pos_ for t in tokens]
    name_like = [p == "PROPN" and t.text[:1].isupper() and t.is_alpha for p, t in zip(pos, tokens)]
    out = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        j = i
        while j < n and j not in covered and name_like[j] and (j == i or not tokens[j].is_sent_start):
            j += 1
        if j - i >= 2:
            out.append(Span(doc, i, j, label="MISC"))
            i = j
            continue
        if i in covered:
            pass
        elif lex.name_patterns["brand_like"].match(t.text) and pos[i] in ("PROPN", "NOUN", "X") \
                and not (t.is_sent_start and t.text.isupper() and len(t.text) > 4) \
                and not _in_hyphenated_word(doc, i):
            out.append(Span(doc, i, i + 1, label="MISC"))
        elif name_like[i] and len(t) > 2 and lex.role(t) in _ARGUMENT_ROLES and t.head.pos_ in ("VERB", "ADP", "AUX") \
                and not (i + 1 < n and pos[i + 1] == "PROPN"):
            out.append(Span(doc, i, i + 1, label="MISC"))   # "Tesla competes with BYD"
        elif _missed_listed_company(tokens, i, covered, name_like, pos, mid_caps, lex):
            out.append(Span(doc, i, i + 1, label="MISC"))
        i += 1
    return out


def _missed_listed_company(tokens, i: int, covered: set[int], name_like: list[bool], pos: list[str],
                           mid_caps: set[str], lex: Lexicon) -> bool:
    """A listed company the tagger missed: "Barclays lent …" (tagged a noun), "Uber's rival",
    "Orange and Vodafone", "Vodafone and Orange" (a name listed with another); not part of a longer name ("Festival
    of Speed", "Warp Speed", "Blu-ray"), nor a common word opening a sentence or a quote
    ("Speed is …") unless the text capitalises it inside one too."""
    t, n = tokens[i], len(tokens)
    role = lex.role(t)
    if not (t.text[:1].isupper() and t.is_alpha and len(t) > 2 and is_known_org(t.text)):
        return False
    listed = role in ("conj", "appos") and (t.head.i in covered or name_like[t.head.i]) \
        or any(lex.role(c) == "conj" and (c.i in covered or name_like[c.i]) for c in t.children)
    if not (role in _ARGUMENT_ROLES or role == "poss" or listed):
        return False
    glued = i + 1 < n and tokens[i + 1].text == "-" and not t.whitespace_
    in_name = i + 1 < n and name_like[i + 1] or i >= 1 and name_like[i - 1] and not t.is_sent_start \
        or i >= 2 and tokens[i - 1].lower_ in lex.preps["of"] and tokens[i - 2].text[:1].isupper()
    return not glued and not in_name and (pos[i] == "PROPN" or not _opens(t) or t.lower_ in mid_caps)


def _clean_span(ent: Span, lex: Lexicon) -> Span | None:
    doc = ent.doc
    start, end = ent.start, ent.end
    # cut at the first verb, pronoun or subordinator: "Commission européenne de présenter un plan"
    for i in range(start, end):
        t = doc[i]
        if i > start and (t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or t.text in ("«", "»", "(", ")", '"', "“", "”")
                          or t.text in ("-", "–", "—") and doc[i - 1].whitespace_):
            end = i                     # "Twitch 1 - Mixer 0": a spaced dash separates names
            break
        if i > start and t.pos_ == "ADP" and i + 1 < end and doc[i + 1].pos_ in ("VERB", "AUX"):
            end = i
            break
    # cut where an amount starts: "Apple 1.8 billion euros"
    for i in range(start + 1, end):
        if doc[i].like_num and lex.money.match(doc[i:end].text):
            end = i
            break
    # "ministère des Armées": the NER keeps only the capitalised part of an institution's name
    # (not "l'administration de Vladimir Poutine": a person's name stays a person's name)
    if start >= 2 and doc[start - 2].lower_ in lex.institution_heads and doc[start - 1].lower_ in lex.preps["of"] \
            and LABEL_MAP.get(ent.label_) != "PER" and doc[start].lower_ not in lex.first_names:
        start -= 2
    capitalised = lex.name_patterns["capitalised"]
    # strip leading articles, titles and lower-case words ("pointe Deepseek", "le président X")
    while start < end:
        t = doc[start]
        low = t.lower_
        if low in lex.articles or low in lex.titles or t.is_punct or t.is_space:
            start += 1
        elif t.is_sent_start and start + 1 < end and fold(low) in _prepositions(lex) \
                and capitalised.match(doc[start + 1].text):
            start += 1                  # "A Wall Street, …": a preposition opening the sentence ("À")
        elif low in lex.generic_prefix_words and start + 1 < end and capitalised.match(doc[start + 1].text):
            start += 1                  # "AI NVIDIA", "IA Mistral": a translated descriptor
        elif not capitalised.match(t.text) and start + 1 < end and capitalised.match(doc[start + 1].text) \
                and not _is_org_head_word(low, lex) and t.pos_ != "PROPN":
            start += 1
        else:
            break
    # strip trailing function words and punctuation; a trailing possessive "'s"
    while end > start:
        t = doc[end - 1]
        if t.is_punct or t.is_space or t.pos_ in ("ADP", "DET", "CCONJ") or t.lower_ in lex.possessive_clitics:
            end -= 1
        else:
            break
    if end <= start:
        return None
    if _after_portfolio_title(doc, start, lex):
        # "le ministre de la Santé Jérôme Salomon": the portfolio is no organisation; a person
        # named after it is kept
        person = next((i for i in range(start + 1, end - 1) if doc[i].lower_ in lex.first_names
                       and capitalised.match(doc[i].text)), None)
        if person is None:
            return None
        start = person
    return doc[start:end]


@lru_cache(maxsize=None)
def _prepositions(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(w) for words in lex.preps.values() for w in words if " " not in w)


def _after_portfolio_title(doc: Doc, start: int, lex: Lexicon) -> bool:
    """"ministre de la Santé", "Minister of Finance": the name is a minister's portfolio."""
    j = start - 1
    if j >= 0 and doc[j].lower_ in lex.articles and doc[j].lower_ not in lex.preps["of"]:
        j -= 1
    return j >= 1 and doc[j].lower_ in lex.preps["of"] and doc[j - 1].lower_ in lex.portfolio_titles


def _first_name(word: str, lex: Lexicon) -> bool:
    """A common first name, or a compound of them ("Jeanne-Marie")."""
    return word in lex.first_names or "-" in word and all(p in lex.first_names for p in word.split("-"))


def _plural_of(low: str, words: frozenset, lex: Lexicon) -> bool:
    return low not in words and any(low.endswith(e) and low[:-len(e)] in words for e in lex.plural_endings)


#: A model number or code ending a name: "PlayStation 5", "Airbus A320", "Mercedes C180", not a year.
_MODEL = re.compile(r"(?:\d{1,3}|[A-Z]{0,3}\d{2,4}[A-Za-z]{0,3}|[A-Z]{1,3}\d[A-Za-z\d]*)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _vote_from_frames(doc: Doc, m: Ment, lex: Lexicon) -> None:
    """Type votes from the roles a name plays in business frames, and product names.

    * "analysts at X", "un analyste chez X": the employer of a person is an organisation;
    * "shares in X", "les actionnaires de X", "X's chief executive": what only an organisation has;
    * "PlayStation 5", "Airbus A320": a name ending in a model number is a product; "the X
      handset", "le X modèle": a product word after the name (weaker: "Nokia handsets" is a
      company's products, and the company's other mentions outvote it).
    """
    span = doc[m.start:m.end]
    place = name_key(m.text) in known_places()
    j = m.start - 1
    if j >= 0 and doc[j].lower_ in lex.articles and doc[j].lower_ not in lex.preps["of"]:
        j -= 1                          # "de la", "of the"
    if j >= 1 and not place:
        prep, noun = doc[j].lower_, doc[j - 1].lower_
        two = f"{doc[j - 2].lower_} {noun}" if j >= 2 else ""
        if prep in lex.employer_preps and (noun in lex.person_cues or _plural_of(noun, lex.person_cues, lex)):
            m.votes["ORG"] += STRONG
        elif prep in lex.preps["of"] and (noun in lex.org_role_nouns or two in lex.org_role_nouns or _after_percent(doc, j, lex)):
            m.votes["ORG"] += STRONG    # "20 % de Colas": only an organisation is held in shares
    if m.end + 1 < len(doc) and doc[m.end].lower_ in lex.possessive_clitics and not place:
        nxt = doc[m.end + 1].lower_
        two = f"{nxt} {doc[m.end + 2].lower_}" if m.end + 2 < len(doc) else ""
        if nxt in lex.org_role_nouns or two in lex.org_role_nouns:
            m.votes["ORG"] += STRONG
    last = span[-1].text
    if len(span) >= 2 and _MODEL.fullmatch(last) and not _YEAR.fullmatch(last) \
            and name_key(span[0].text) not in known_places() \
            and not any(t.lower_ in lex.org_cues or t.lower_ in lex.org_suffixes or t.lower_ in lex.institution_heads
                        for t in span):
        m.votes["PRODUCT"] += STRONG    # "PlayStation 5", "Mercedes Benz C180", not "France 2", "Ligue 1"
    if m.end < len(doc) and doc[m.end].lower_ in lex.product_cues and doc[m.end].pos_ == "NOUN" \
            and m.start > 0 and doc[m.start - 1].lower_ in lex.definite_determiners:
        m.votes["PRODUCT"] += KNOWN_ORG  # "the N-Gage handset"


def _after_percent(doc: Doc, j: int, lex: Lexicon) -> bool:
    """A share ("20 %", "20 per cent") ends just before token ``j``."""
    return any(lex.percent.fullmatch(doc[k:j].text) for k in range(max(0, j - 3), j))


def _is_org_head_word(low: str, lex: Lexicon) -> bool:
    # "ministère des Forces armées", "gouvernement français": lower-case heads that belong to the name
    return low in lex.institution_heads


#: One capital letter and a number: a channel or company name ("M6", "3M", "E4").
_LETTER_NUMBER = re.compile(r"[A-Z]\d{1,3}|\d{1,3}[A-Z]")
#: A number with a lower-case magnitude ("100bn", "5m", "20k"): an amount the NER took for a name.
_AMOUNT = re.compile(r"\d[\d.,]*\s?[a-z]{0,3}")


def _is_noise(span: Span, text: str, etype: str, lex: Lexicon) -> bool:
    letters = [c for c in text if c.isalpha()]
    if _AMOUNT.fullmatch(text) or len(letters) < 2 and not (etype == "ORG" and _LETTER_NUMBER.fullmatch(text)):
        return True                     # but "M6", "3M": a capital and a number the NER calls a company
    if not any(lex.name_patterns["capitalised"].match(t.text) for t in span):
        return True
    if span.end < len(span.doc) and span.doc[span.end].text == ":" and (span.start == 0 or span[0].is_sent_start):
        return True                     # "Banque : la néobanque …": a section label, not a name
    first = span[0]
    if not lex.name_patterns["capitalised"].match(first.text) and first.pos_ != "PROPN" and not _is_org_head_word(first.lower_, lex):
        return True                     # "percée de l'IA": a common noun phrase, not a name
    if len(span) == 1 and span[0].lower_ in lex.articles | lex.titles | lex.generic_name_words | lex.not_names:
        return True
    if lex.not_name_pattern.fullmatch(text):
        return True                     # "Series B", "série A": a funding round, not an organisation
    if len(span) == 1 and span[0].pos_ in ("PRON", "DET", "ADP", "VERB", "AUX") \
            and not (etype == "ORG" and span[0].pos_ == "PRON" and len(text) >= 3 and text.isupper() and text.isalpha()):
        return True                     # but "PSA" tagged a pronoun: pronouns are not acronyms
    if etype in ("LOC", "MISC") and lex.demonym and len(span) == 1 and lex.demonym.fullmatch(text) \
            and not lex.name_patterns["org_like"].search(text) and text[-1] in "sSnNeE":
        # nationalities and demonyms ("Européens", "American") are not entities of the graph
        return text.lower().endswith(lex.demonym_endings)
    return False


def _opens(t) -> bool:
    """The first word of a sentence, or the first after its opening quote or dash."""
    return t.is_sent_start or t.i > 0 and t.nbor(-1).is_sent_start and (t.nbor(-1).is_quote or t.nbor(-1).is_punct)


def _opening_word(span: Span, mid_caps: set[str], lex: Lexicon) -> bool:
    """"Enquête", "Englués", "COMMANDANT": one word opening a sentence, tagged as no proper noun,
    that the document never writes capitalised inside a sentence, is a word, not a name. Not a
    word no dictionary holds ("Capgemini", tagged X: foreign), a capital inside ("TotalEnergies")
    or a digit ("TF1")."""
    t = span[0]
    return len(span) == 1 and _opens(t) and t.pos_ not in ("PROPN", "X") and t.lower_ not in mid_caps \
        and not lex.name_patterns["camel_case"].match(t.text) and not any(c.isdigit() for c in t.text) \
        and not is_known_org(t.text)


#: The cue of a mention introduced by a naming verb ("appelé X", "called X").
NAMED = "<named>"
#: Weight of a type cue from the text itself, against 1 for each statistical NER label: the
#: NER of news-sized models is weakest on brand names, which is where cues are strongest.
STRONG = 5
#: A name on the list of real organisations (:mod:`kg.learn.org_names`) outvotes the NER's
#: label but not a cue of the text ("M. Ford" is a person).
KNOWN_ORG = 3


def _vote_from_context(doc: Doc, m: Ment, lex: Lexicon) -> None:
    """Type votes from the span's own words and the words around it."""
    span = doc[m.start:m.end]
    words = [t.lower_ for t in span]
    if len(words) > 1 and words[-1] in lex.org_suffixes:
        m.votes["ORG"] += STRONG
    if len(words) > 1 and words[0] in lex.name_heads and span[0].text[:1].isupper():
        m.votes["ORG"] += STRONG        # "Comité international olympique", "Bank of England"
    if is_known_org(m.text):
        m.votes["ORG"] += KNOWN_ORG
    if m.type == "PER" and any(lex.name_patterns["camel_case"].match(t.text) or "&" in t.text for t in span):
        m.votes["ORG"] += STRONG        # "YouTube", "StreamElements", "Bio&Co": brands, not people
    # "le suédois X", "l'américain X": a lower-case nationality standing for "the Swedish group"
    # ("la console X": a product word that looks like a nationality is none)
    if m.start >= 2 and lex.demonym and doc[m.start - 1].is_lower and lex.demonym.fullmatch(doc[m.start - 1].text) \
            and doc[m.start - 1].lower_ not in lex.product_cues \
            and doc[m.start - 2].lower_ in lex.definite_determiners and m.end - m.start <= 3:
        m.votes["ORG"] += STRONG
    # "the Nintendo DS": a name a listed company's name qualifies is its product, unless itself
    # a company ("ISP Freedom2surf": "ISP" is no company)
    prev = doc[m.start - 1] if m.start > 0 else None
    if prev is not None and prev.ent_type_ == "ORG" and lex.role(prev) == "compound" \
            and m.start <= prev.head.i < m.end and is_known_org(prev.text) and not is_known_org(m.text):
        m.votes["PRODUCT"] += STRONG
    if 2 <= len(words) <= 3 and _first_name(words[0], lex) and all(t.text[:1].isupper() for t in span):
        m.votes["PER"] += STRONG        # "Elon Musk", "Arthur Mensch", "Jeanne-Marie Gescher"
    _vote_from_frames(doc, m, lex)
    # "la start-up X", "le groupe X", "French tech company X", "la plateforme de streaming X",
    # "le patron X", "M. X": a cue noun within the same noun phrase, just before the name
    for j in range(m.start - 1, max(-1, m.start - 7), -1):
        t = doc[j]
        low = t.lower_
        if low in lex.person_cues and m.end - m.start <= 3:
            if j == m.start - 1:        # "le patron X", not "le patron de Mediapro"
                # "a director at analyst Gartner": the cue describes the employer, a firm
                employer = j > 0 and doc[j - 1].lower_ in lex.employer_preps
                m.votes["ORG" if employer else "PER"] += STRONG
            break
        if j == m.start - 1 and m.end - m.start == 1 and _plural_of(low, lex.person_cues, lex):
            m.votes["ORG"] += STRONG    # "telecom analysts Ovum": people in the plural naming one firm
            break
        if j == m.start - 1 and low in lex.product_cues:
            # "la console X", "the game X"; but "le fabricant de puces X" names the maker
            maker = j >= 2 and doc[j - 1].lower_ in lex.preps["of"] and doc[j - 2].lower_ in lex.org_cues
            m.votes["ORG" if maker else "PRODUCT"] += STRONG
            break
        if low in lex.org_cues:
            # "l'IA Mistral" is an AI company, "l'IA en Chine" is not: short cues must touch the name
            if (j == m.start - 1 or len(low) > 2) and name_key(m.text) not in known_places():
                m.votes["ORG"] += STRONG
                m.cue = low
            break
        if t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") or low in lex.conjunctions:
            break
    # "un centre de données appelé X": what gets a name this way is usually a project
    if m.start > 0 and doc[m.start - 1].lower_ in lex.name_verbs and not m.cue:
        m.cue = NAMED
    # "X, une plateforme pour les diffuseurs", "X, a tech startup": an apposition after it
    after = doc[m.end:min(len(doc), m.end + 8)].text
    if lex.appositive_org.match(after):
        # "Matt Williams, a fund manager at …": a person cue in the apposition names a person
        # ("a fund manger at": the organisation word must head the phrase, not qualify its head)
        end = m.end + 1
        while end < min(len(doc), m.end + 8) and not (doc[end].is_punct and doc[end].text != "-"
                                                      or doc[end].pos_ in ("ADP", "AUX", "SCONJ")
                                                      or doc[end].pos_ == "VERB" and lex.role(doc[end]) != "amod"):
            end += 1
        phrase = doc[m.end:end]
        head = lex.appositive_org.match(phrase.text)
        if lex.person_cues & {t.lower_ for t in phrase[2:]}:
            m.votes["PER"] += STRONG
        elif head and phrase.root.idx - phrase.start_char < head.end():
            m.votes["ORG"] += STRONG    # the organisation word heads the phrase ("la filiale jeux vidéo")
    # "Austin-based": a name glued to a word of location is a place
    if m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ in lex.place_suffix_words:
        m.votes["LOC"] += STRONG
        m.place = True
    # the subject of a speech verb after it ("a déclaré Mensch", "said Smith") is a person
    if m.start > 0 and doc[m.start - 1].lower_ in lex.person_verbs and m.end - m.start <= 3:
        m.votes["PER"] += 1

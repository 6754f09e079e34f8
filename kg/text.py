"""Text clean-up applied before parsing.

Scraped news often glues paragraphs together ("Trump.Depuis", "la L2.Le groupe") and carries
control characters. Both break sentence splitting or later XML output, so they are repaired
here, once, before spaCy sees the text.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text"]

#: Words that open sentences, and never continue a name after a space.
_OPENERS = ("Le|La|Les|Un|Une|Des|Il|Ils|Elle|Elles|Selon|Pour|Dans|Au|Aux|Ce|Cette|Ces|Mais|Depuis|Après|"
            "Lors|Alors|The|It|He|She|They|But|According|However|Its|This|These")
# A sentence end glued to the next sentence: a lower-case letter, a digit or a closing
# quote/bracket, then . ! ? (optionally a closing quote), then an upper-case letter or an
# opening quote. Upper-case before the dot is left alone so that "U.S.A" and "M.Roures"-like
# abbreviations are not split.
_GLUED = re.compile(r"(?<=[a-zà-ÿ0-9)\]»\"”’%])([.!?]+[\"”»]?)(?=[A-ZÀ-Ý«\"“])")
# The same after an acronym or a "+" ("du PAF.Présentée par", "sur Canal+.Outre"): two capitals
# then a capitalised word of three letters or more, which initials such as "U.S.A." never are.
_GLUED_AFTER_CAPS = re.compile(rf"(?<=[A-Z]{{2}}|.\+)(\.)(?=[A-ZÀ-Ý][a-zà-ÿ]{{2,}}|(?:{_OPENERS}) )")
# A sentence that ends on a word glued to a number opening the next ("Bruno Le Maire.45
# milliards", "le BTP.5 milliards"); a decimal ("2.5") has a digit before its point.
_GLUED_NUMBER = re.compile(r"(?<=[A-Za-zà-ÿ]{2})\.(?=\d+[\s,])")
# A sentence glued to a dash-framed heading ("le cabinet Roundhill.- Débaucher n'est pas jouer -").
_GLUED_BEFORE_HEADING = re.compile(r"(?<=[\w)»\"”])\.(?=-\s*[A-ZÀ-Ý])")
# A dash-framed heading glued to the text ("- Objectif : 3 millions -Pour TF1").
_GLUED_HEADING = re.compile(r"(?<=\S) -(?=[A-ZÀ-Ý])")
# A headline or caption glued to the sentence after it with no stop at all ("par BFM BusinessLes
# deux partenaires", "Christian EstrosiSelon le Journal"): a lower-case letter directly followed
# by a capitalised word that opens sentences, then a space. Names with inner capitals
# ("YouTube", "McDonald") never continue with one of these words and a space.
_GLUED_OPENER = re.compile(rf"(?<=[a-zà-ÿ])(?=(?:{_OPENERS}) )")
# Characters XML 1.0 forbids, and other C0/C1 controls that only come from broken scraping.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def normalize_text(text: str) -> str:
    """Return ``text`` ready for parsing: NFC, no control characters, glued sentences split.

    >>> normalize_text("annoncé par Trump.Depuis, la L2.Le groupe")
    'annoncé par Trump.\\nDepuis, la L2.\\nLe groupe'
    >>> normalize_text("du PAF.Présentée par X sur Canal+.Outre")
    'du PAF.\\nPrésentée par X sur Canal+.\\nOutre'
    >>> normalize_text("le cabinet Roundhill.- Débaucher n'est pas jouer -Twitch")
    "le cabinet Roundhill.\\n- Débaucher n'est pas jouer\\n-Twitch"
    >>> normalize_text("les U.S.A. et M. Roures")
    'les U.S.A. et M. Roures'
    >>> normalize_text("à Air France-KLM.Le plan, Bruno Le Maire.45 milliards, soit 2.5 %")
    'à Air France-KLM.\\nLe plan, Bruno Le Maire.\\n45 milliards, soit 2.5 %'
    >>> normalize_text("par BFM BusinessLes deux partenaires, sur YouTube Les")
    'par BFM Business\\nLes deux partenaires, sur YouTube Les'
    """
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    text = _GLUED.sub(lambda m: m.group(1) + "\n", text)
    text = _GLUED_AFTER_CAPS.sub(lambda m: m.group(1) + "\n", text)
    text = _GLUED_NUMBER.sub(".\n", text)
    text = _GLUED_BEFORE_HEADING.sub(".\n", text)
    text = _GLUED_HEADING.sub("\n-", text)
    text = _GLUED_OPENER.sub("\n", text)
    return text

"""Words of an article for the taggers: one tokenizer and one folding rule shared by the
gazetteer, the topic vocabularies and the near-duplicate fingerprints, so that a name is
written the same way in the tables as in the text.

Folding is case-insensitive and accent-insensitive for Latin scripts ("Beyrouth",
"BEYROUTH", "Béyrouth" -> ``beyrouth``; "Großbritannien" -> ``grossbritannien``). Arabic is
folded the way Arabic search engines do: diacritics and tatweel removed, the alef forms
(أ إ آ ٱ) written ا, ى written ي and ة written ه.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# A word: letters and digits, plus the Arabic diacritics and tatweel that sit inside words.
# Apostrophes, hyphens and dots split words ("Lebanon's", "l'Iran", "US-Russian", "U.S.").
WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+")
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_SENTENCE_END = re.compile(r"[.!?:;\n]")
_OPENING_QUOTES = "“«‘„"


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The matching form of one word (see the module docstring)."""
    if word.isascii():
        return word.lower()
    if ARABIC_LETTER.search(word):
        return _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Token(NamedTuple):
    text: str  # as written
    key: str  # folded
    start: int  # character offsets in the (NFC-normalized) text
    end: int


def normalize(text: str) -> str:
    """NFC, so that offsets and words agree however the page encoded its accents."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def tokenize(text: str) -> list[Token]:
    """The words of an NFC-normalized text (see :func:`normalize`)."""
    return [Token(w := m.group(), fold(w), m.start(), m.end()) for m in WORD.finditer(text)]


def starts_sentence(text: str, tokens: list[Token], i: int) -> bool:
    """Whether token i is the first word of a sentence, of a quotation or of the text."""
    if i == 0:
        return True
    gap = text[tokens[i - 1].end : tokens[i].start]
    if _SENTENCE_END.search(gap):
        return True
    gap = gap.rstrip()
    if not gap:
        return False
    if gap[-1] in _OPENING_QUOTES:
        return True
    return gap[-1] == '"' and (len(gap) == 1 or gap[-2].isspace())


def words(text: str) -> list[str]:
    """Just the folded words, for the cheap passes (topics, fingerprints)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return [fold(w) for w in WORD.findall(text)]


def is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def is_arabic(word: str) -> bool:
    return bool(ARABIC_LETTER.match(word))


# -- the parts of an article --------------------------------------------------------------------

#: How much a word counts by where it is: a headline says what the article is about.
ZONE_TITLE = 3.0
ZONE_SUBTITLE = 2.0
ZONE_LEAD = 1.5


def paragraphs(body: str) -> list[str]:
    parts = [p.strip() for p in body.split("\n\n")]
    if len(parts) == 1:
        parts = [p.strip() for p in body.split("\n")]
    return [p for p in parts if p]


def zones(title: str, subtitle: str | None, body: str) -> list[tuple[float, str, bool]]:
    """(weight, text, is_lead) for each part of the article."""
    zones = [(ZONE_TITLE, title or "", False), (ZONE_SUBTITLE, subtitle or "", False)]
    for i, text in enumerate(paragraphs(body or "")):
        weight = ZONE_LEAD if i == 0 else max(0.5, 1.0 - 0.02 * i)
        zones.append((weight, text, i == 0))
    return zones

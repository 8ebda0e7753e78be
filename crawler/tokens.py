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
from itertools import islice
from operator import itemgetter

# A word: letters and digits, plus the Arabic diacritics and tatweel that sit inside words.
# Apostrophes, hyphens and dots split words ("Lebanon's", "l'Iran", "US-Russian", "U.S.").
WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+")
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
# In a text without underscores and Arabic marks, WORD matches what \w+ matches, and \w+ is
# matched about twice as fast: most texts are such texts.
_PLAIN_WORD = re.compile(r"\w+")
_NOT_PLAIN = re.compile(r"[_\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_WORDS_AND_GAPS = re.compile(f"({WORD.pattern})")
_PLAIN_WORDS_AND_GAPS = re.compile(f"({_PLAIN_WORD.pattern})")
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


def normalize(text: str) -> str:
    """NFC, so that offsets and words agree however the page encoded its accents."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


class Words:
    """The words of an NFC-normalized text (see :func:`normalize`), as parallel lists.

    ``texts[i]`` is word i as written and ``keys[i]`` its folded form; ``gaps[i]`` is the
    text just before word i (``gaps[-1]``, the text after the last word). The lists are made
    by the regular expression engine and ``map``, not word by word in Python: an article has
    thousands of words and the taggers look closely at only a few of them.
    """

    def __init__(self, text: str) -> None:
        pattern = _WORDS_AND_GAPS if _NOT_PLAIN.search(text) else _PLAIN_WORDS_AND_GAPS
        parts = pattern.split(text)  # gap, word, gap, word, ..., gap
        self.text = text
        self.texts: list[str] = parts[1::2]
        self.gaps: list[str] = parts[0::2]
        self.keys: list[str] = list(map(fold, self.texts))
        #: Whether each word starts with a capital letter.
        self.capitalized: list[bool] = list(map(str.isupper, map(itemgetter(0), self.texts)))
        self._parts = parts

    def __len__(self) -> int:
        return len(self.texts)

    def span(self, start: int, stop: int) -> str:
        """The text of words start to stop - 1, with what is between them."""
        return "".join(self._parts[2 * start + 1 : 2 * stop])

    def after(self, i: int, size: int) -> str:
        """The first ``size`` characters of the text after word i."""
        text = ""
        for part in islice(self._parts, 2 * i + 2, None):
            if len(text) >= size:
                break
            text += part
        return text[:size]

    def starts_sentence(self, i: int) -> bool:
        """Whether word i is the first word of a sentence, of a quotation or of the text."""
        if i == 0:
            return True
        gap = self.gaps[i]
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
    pattern = WORD if _NOT_PLAIN.search(text) else _PLAIN_WORD
    return list(map(fold, pattern.findall(text)))


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


def article_words(title: str, subtitle: str | None, body: str) -> list[Words]:
    """The words of each part of an article: its title, its standfirst (empty when it has
    none), then each paragraph of its body; tokenized once for all the taggers."""
    texts = [normalize(title or ""), normalize(subtitle or "")]
    # NFC never joins characters across a line break, so normalizing the body first gives
    # the same paragraphs as normalizing each.
    texts += paragraphs(normalize(body or ""))
    return [Words(text) for text in texts]


def body_keys(parts: list[Words]) -> list[str]:
    """The folded words of the body of :func:`article_words`: ``words(body)``, without
    tokenizing it again (paragraphs split at whitespace, which no word holds)."""
    return [key for part in parts[2:] for key in part.keys]


def zones(parts: list[Words]) -> list[tuple[float, Words, bool]]:
    """(weight, words, is_lead) for each part of :func:`article_words`."""
    zones = [(ZONE_TITLE, parts[0], False), (ZONE_SUBTITLE, parts[1], False)]
    for i, part in enumerate(parts[2:]):
        weight = ZONE_LEAD if i == 0 else max(0.5, 1.0 - 0.02 * i)
        zones.append((weight, part, i == 0))
    return zones

"""Text clean-up shared by every extraction step: whitespace, invisible characters, NFC.

A no-break space (U+00A0) inside a sentence is kept: publishers use it on purpose (before a
French colon, around a linked word) and the archive must keep the text as printed. Only
ordinary whitespace is collapsed, and leading or trailing no-break spaces are trimmed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")
#: Characters that carry no text: zero-width space, BOM, soft hyphen, word joiner.
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad\u2060]")
_EDGE = " \t\n\r\f\v\u00a0\u2007\u202f\u2028\u2029"
#: Whitespace that ``str.split()`` breaks on but :func:`clean` keeps (no-break and other
#: typographic spaces, the ASCII separators). A text without any is collapsed by ``split``.
_KEPT_SPACES = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_QUOTES = "\"'“”„‟«»‹›‘’‚‛「」『』"


def nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


#: The steps of one extraction clean and compare the same strings again and again (a run's
#: text, then its element's, then its comparison key): strings up to this long are memoized.
_MEMO_MAX_CHARS = 5_000


def clean(text: str | None) -> str:
    """One line of text: invisible characters dropped, whitespace collapsed, edges trimmed."""
    if not text:
        return ""
    return _clean_memo(text) if len(text) <= _MEMO_MAX_CHARS else _clean(text)


def _clean(text: str) -> str:
    if text.isascii():
        return " ".join(text.split())
    text = _INVISIBLE.sub("", text)
    if _KEPT_SPACES.search(text) is None:
        return nfc(" ".join(text.split()))  # the same result as below, much faster
    return nfc(_SPACES.sub(" ", text).strip(_EDGE))


_clean_memo = lru_cache(maxsize=1024)(_clean)


def comparable(text: str) -> str:
    """A key for "same text?": case, quotes, spacing and edge punctuation ignored."""
    if not text:
        return ""
    return _comparable_memo(text) if len(text) <= _MEMO_MAX_CHARS else _comparable(text)


def _comparable(text: str) -> str:
    text = clean(text).replace("\u00a0", " ").casefold()
    return text.strip(_QUOTES + " .,;:!?…-–—")


_comparable_memo = lru_cache(maxsize=1024)(_comparable)


def words(text: str) -> frozenset[str]:
    """A vocabulary written as one whitespace-separated string."""
    return frozenset(text.split())

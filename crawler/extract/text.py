"""Text clean-up shared by every extraction step: whitespace, invisible characters, NFC.

A no-break space (U+00A0) inside a sentence is kept: publishers use it on purpose (before a
French colon, around a linked word) and the archive must keep the text as printed. Only
ordinary whitespace is collapsed, and leading or trailing no-break spaces are trimmed.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")
#: Characters that carry no text: zero-width space, BOM, soft hyphen, word joiner.
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad\u2060]")
_EDGE = " \t\n\r\f\v\u00a0\u2007\u202f\u2028\u2029"
_QUOTES = "\"'“”„‟«»‹›‘’‚‛「」『』"


def nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """One line of text: invisible characters dropped, whitespace collapsed, edges trimmed."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.split())
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    return nfc(text.strip(_EDGE))


def comparable(text: str) -> str:
    """A key for "same text?": case, quotes, spacing and edge punctuation ignored."""
    text = clean(text).replace("\u00a0", " ").casefold()
    return text.strip(_QUOTES + " .,;:!?…-–—")


def words(text: str) -> frozenset[str]:
    """A vocabulary written as one whitespace-separated string."""
    return frozenset(text.split())

"""Escaping text for XML 1.0 documents (feeds, OPML) and HTML pages.

Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE, U+FFFF) are dropped:
one of them in an article would make the whole feed unreadable to a conforming parser.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_chars(text: str) -> str:
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def esc(text: str) -> str:
    """Text content: ``&``, ``<`` and ``>`` escaped (``>`` too, for ``]]>``)."""
    return xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """A double-quoted attribute value."""
    return esc(text).replace('"', "&quot;")

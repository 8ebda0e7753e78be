"""Bytes to text: which encoding a page is really in, whatever it declares.

Order of evidence: a byte-order mark; bytes that are valid UTF-8 (a page in a legacy
single-byte encoding is practically never valid UTF-8 by accident, while servers and
templates often mislabel UTF-8); the declared charset (HTTP header, then ``<meta>``) when it
decodes without error and gives letters of the script the page's language uses; otherwise a
detector (charset-normalizer), steered by the language. ISO-8859-1 and US-ASCII labels mean
windows-1252, as the WHATWG Encoding standard says browsers do.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:+-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.I)
_HTML_LANG = re.compile(rb"""<html[^>]*\blang\s*=\s*["']?([a-zA-Z]{2,3})""", re.I)

#: WHATWG: these labels decode as windows-1252 in every browser.
_ALIASES = {
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gbk",
    "euc_kr": "cp949",
}
#: Languages written in a script other than Latin, with a regex for that script's letters.
_SCRIPTS = {
    "arabic": (re.compile(r"[\u0600-\u06ff]"), {"ar", "fa", "ur", "ps", "ku", "sd", "ug"}),
    "cyrillic": (re.compile(r"[\u0400-\u04ff]"), {"ru", "uk", "bg", "sr", "mk", "be", "kk", "ky"}),
    "greek": (re.compile(r"[\u0370-\u03ff]"), {"el"}),
    "hebrew": (re.compile(r"[\u0590-\u05ff]"), {"he", "yi"}),
}
_WESTERN = ["cp1252"]
_PREFERRED = {
    **dict.fromkeys(
        ("en", "fr", "de", "es", "it", "pt", "nl", "da", "sv", "no", "nb", "fi", "ca", "ga"),
        _WESTERN,
    ),
    "ar": ["cp1256", "iso8859_6"],
    "fa": ["cp1256"],
    "ur": ["cp1256"],
    "ru": ["cp1251", "koi8_r"],
    "uk": ["cp1251", "koi8_u"],
    "bg": ["cp1251"],
    "el": ["cp1253", "iso8859_7"],
    "he": ["cp1255", "iso8859_8"],
    "tr": ["cp1254"],
    "pl": ["cp1250", "iso8859_2"],
    "cs": ["cp1250", "iso8859_2"],
    "hu": ["cp1250", "iso8859_2"],
}


def _normalize(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset the server or the page claims (HTTP header first, as browsers do)."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and (name := _normalize(match.group(1))):
            return name
    head = body[:4096]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match and (name := _normalize(match.group(1).decode("ascii", "replace"))):
            return name
    return None


def page_language(body: bytes) -> str | None:
    match = _HTML_LANG.search(body[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _fits_language(text: str, language: str | None) -> bool:
    """Does decoded text use the script its language needs (no ``Ø§Ù„`` for Arabic)?"""
    if not language:
        return True
    non_ascii = [c for c in text[:100_000] if ord(c) > 127 and c.isalpha()]
    if not non_ascii:
        return True
    for pattern, languages in _SCRIPTS.values():
        if language in languages:
            hits = sum(1 for c in non_ascii if pattern.match(c))
            return hits >= 0.6 * len(non_ascii)
    # A Latin-script language: letters of other scripts mean a wrong single-byte table.
    foreign = sum(1 for c in non_ascii if any(p.match(c) for p, _ in _SCRIPTS.values()))
    return foreign <= 0.2 * len(non_ascii)


def _detect(body: bytes, language: str | None) -> str:
    preferred = _PREFERRED.get(language or "", [])
    for name in preferred:
        try:
            text = body.decode(name)
        except UnicodeDecodeError:
            continue
        if _fits_language(text, language):
            return name
    best = from_bytes(body[:200_000]).best()
    if best is None:
        return "cp1252"
    name = _normalize(best.encoding) or "cp1252"
    return name


def decode_html(
    body: bytes, content_type: str | None = None, language_hint: str | None = None
) -> tuple[str, str]:
    """``(text, encoding)`` for an HTML page given as bytes (see the module docstring)."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return body[len(bom) :].decode(name, "replace"), name
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8"
    declared = declared_charset(body, content_type)
    language = page_language(body) or language_hint
    if declared and declared not in {"utf-8", "utf-16", "utf-16-le", "utf-16-be"}:
        try:
            text = body.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            if _fits_language(text, language):
                return text, declared
            log.debug("declared charset %s does not fit language %s", declared, language)
    name = _detect(body, language)
    if declared and name != declared:
        log.debug("charset: declared %s, decoded as %s", declared, name)
    return body.decode(name, "replace"), name

"""Decoding: the bytes decide when the declared charset is wrong or missing."""

from __future__ import annotations

import pytest

from crawler.extract.charset import declared_charset, decode_html

ARABIC = "البرلمان يقر إصلاح القضاء"
FRENCH = "Un prêt accordé à l'État, cœur du débat"


def _page(text: str, meta: str = "", lang: str = "ar") -> str:
    return (
        f'<html lang="{lang}"><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>'
    )


@pytest.mark.parametrize(
    ("page", "content_type", "encoding"),
    [
        # windows-1256 bytes, but header and <meta> say UTF-8
        (
            _page(ARABIC, '<meta charset="utf-8">').encode("cp1256"),
            "text/html; charset=utf-8",
            "cp1256",
        ),
        # UTF-8 bytes labelled windows-1256: valid UTF-8 wins
        (
            _page(ARABIC, '<meta charset="windows-1256">').encode("utf-8"),
            "text/html; charset=windows-1256",
            "utf-8",
        ),
        # windows-1256, nothing declared
        (_page(ARABIC).encode("cp1256"), "text/html", "cp1256"),
        # Latin text labelled UTF-8 in a single-byte encoding
        (_page(FRENCH, '<meta charset="utf-8">', "fr").encode("cp1252"), None, "cp1252"),
        # ISO-8859-1 label: browsers read windows-1252 (œ is 0x9C there)
        (_page(FRENCH, '<meta charset="iso-8859-1">', "fr").encode("cp1252"), None, "cp1252"),
        # a byte-order mark beats everything
        (
            b"\xef\xbb\xbf" + _page(ARABIC, '<meta charset="windows-1256">').encode("utf-8"),
            None,
            "utf-8",
        ),
    ],
)
def test_decoding_follows_the_bytes(page: bytes, content_type: str | None, encoding: str) -> None:
    text, used = decode_html(page, content_type)
    assert (used, ARABIC in text or FRENCH in text) == (encoding, True)


@pytest.mark.parametrize(
    ("head", "content_type", "declared"),
    [
        (b'<meta charset="windows-1252">', None, "cp1252"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
            None,
            "cp1252",
        ),
        (b"<meta charset=utf-8>", "text/html; charset=windows-1256", "cp1256"),
        (b'<meta charset="no-such-charset">', None, None),
        (b"", "text/html", None),
    ],
)
def test_declared_charset(head: bytes, content_type: str | None, declared: str | None) -> None:
    assert declared_charset(b"<html><head>" + head, content_type) == declared

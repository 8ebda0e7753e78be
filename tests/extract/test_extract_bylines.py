"""Bylines and agencies: people in authors, agencies under their canonical names."""

from __future__ import annotations

import pytest

from crawler.extract import canonical_agency
from crawler.extract.agencies import agencies_in, dateline_agencies
from crawler.extract.bylines import parse_byline


@pytest.mark.parametrize(
    ("byline", "authors", "agencies"),
    [
        ("By Mary Martin, Reuters | 02/07/2024 8:45 PM ET", ["Mary Martin"], ["Reuters"]),
        ("Par François Laurent avec AFP", ["François Laurent"], ["AFP"]),
        ("Von Sarah Werner mit Reuters", ["Sarah Werner"], ["Reuters"]),
        ("Von Laura Weber, dpa", ["Laura Weber"], ["dpa"]),
        ("بقلم رنا سليمان و محمد الزين", ["رنا سليمان", "محمد الزين"], []),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"], []),
        ("di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"], []),
        ("Автор: Ирина Соколова", ["Ирина Соколова"], []),
        ("By SAM JONES Staff Writer", ["SAM JONES"], []),
        ("By Jane Doe, Senior Correspondent in Beirut", ["Jane Doe"], []),
        ("By Test Writer", ["Test Writer"], []),
        ("AFP", [], ["AFP"]),
        ("By AFP Staff", [], ["AFP"]),
        ("By Jane Doe, AFP correspondent", ["Jane Doe"], ["AFP"]),
        ("أ ف ب", [], ["AFP"]),
        ("د ب أ", [], ["dpa"]),
        ("Staff writer", [], []),
        ("La Rédaction", [], []),
        ("فريق التحرير", [], []),
        ("Redaktion", [], []),
    ],
)
def test_parse_byline(byline: str, authors: list[str], agencies: list[str]) -> None:
    found = parse_byline(byline, set())
    assert (found.authors, found.agencies) == (authors, agencies)


def test_the_publication_is_nobody() -> None:
    assert parse_byline("By The Levant Post", {"the levant post"}).authors == []


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Agence France-Presse", "AFP"),
        ("REUTERS", "Reuters"),
        ("رويترز", "Reuters"),
        ("The Associated Press", "AP"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("(AFP)", "AFP"),
        ("A.F.P.", "AFP"),
        ("ТАСС", "TASS"),
        ("Lusa", "Lusa"),
        ("Reuters staff", None),
        ("Apple", None),
    ],
)
def test_canonical_agency(name: str, canonical: str | None) -> None:
    assert canonical_agency(name) == canonical


@pytest.mark.parametrize(
    ("paragraph", "agencies"),
    [
        ("BEIRUT, May 3 (AFP) - Syrian troops entered the town.", ["AFP"]),
        ("Berlin (dpa) - Bahnreisende müssen sich einstellen.", ["dpa"]),
        ("WASHINGTON, June 12 (Reuters) - The Fed held rates.", ["Reuters"]),
        ("القاهرة (رويترز) - أظهرت بيانات", ["Reuters"]),
        ("НОВОСИБИРСК, 12 марта. /ТАСС/. Движение открыто.", ["TASS"]),
        ("PARIS (AFP/Reuters) - Talks resumed.", ["AFP", "Reuters"]),
        ("A military source told AFP that forces controlled the town.", []),
        ("The price (in dollars) - rose again.", []),
    ],
)
def test_dateline_agencies(paragraph: str, agencies: list[str]) -> None:
    assert dateline_agencies(paragraph) == agencies


def test_agencies_in_text_keeps_first_mention_order() -> None:
    assert agencies_in("Photos: REUTERS/A. B.; text: AFP and dpa, AFP") == ["Reuters", "AFP", "dpa"]

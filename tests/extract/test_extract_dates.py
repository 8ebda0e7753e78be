"""Dates as markup gives them and as pages print them, in several languages."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from crawler.extract.dates import find_dates, local_iso, parse_iso, url_date

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2013-05-19T20:31:00+03:00", "2013-05-19T20:31:00+03:00", "second"),
        ("2024-01-13T11:05:22.123Z", "2024-01-13T11:05:22+00:00", "second"),
        ("2024-01-13T11:05", "2024-01-13T11:05:00+01:00", "minute"),
        ("2024-01-13", "2024-01-13T00:00:00+01:00", "day"),
        ("Sun, 19 May 2013 20:31:00 +0300", "2013-05-19T20:31:00+03:00", "second"),
        ("20240113T110522Z", "2024-01-13T11:05:22+00:00", "second"),
    ],
)
def test_parse_iso(text: str, iso: str, precision: str) -> None:
    parsed = parse_iso(text, PARIS)
    assert (parsed.value.isoformat(), parsed.precision) == (iso, precision)


@pytest.mark.parametrize("text", ["yesterday", "2024-13-40", "", "12345"])
def test_parse_iso_rejects(text: str) -> None:
    assert parse_iso(text, PARIS) is None


@pytest.mark.parametrize(
    ("text", "month_first", "iso", "precision"),
    [
        ("May 3, 2024 10:15 AM EDT", True, "2024-05-03T10:15:00-04:00", "minute"),
        ("Publié le 3 mai 2024 à 10h15", False, "2024-05-03T10:15:00+02:00", "minute"),
        ("03.05.2024, 10:15 Uhr", False, "2024-05-03T10:15:00+02:00", "minute"),
        ("3. Mai 2024, 10:15 Uhr", False, "2024-05-03T10:15:00+02:00", "minute"),
        ("الجمعة ٣ أيار ٢٠٢٤ - ١٠:١٥", False, "2024-05-03T10:15:00+02:00", "minute"),
        ("9 فبراير 2024 8:10 م", False, "2024-02-09T20:10:00+01:00", "minute"),
        ("05/03/2024 8:45 PM ET", True, "2024-05-03T20:45:00-04:00", "minute"),
        ("05/03/2024 à 10:15 (GMT)", False, "2024-03-05T10:15:00+00:00", "minute"),
        ("Friday 3 May 2024 10.15 BST", False, "2024-05-03T10:15:00+01:00", "minute"),
        ("12 de marzo de 2024 - 15:35", False, "2024-03-12T15:35:00+01:00", "minute"),
        ("10 febbraio 2024 08:15", False, "2024-02-10T08:15:00+01:00", "minute"),
        ("12 марта 2024, 14:05", False, "2024-03-12T14:05:00+01:00", "minute"),
        ("Updated 3 May 2024 at 10:15 GMT+3", False, "2024-05-03T10:15:00+03:00", "minute"),
        ("May 20, 2013", True, "2013-05-20T00:00:00+02:00", "day"),
        ("14:32 GMT, 5 March 2024", False, "2024-03-05T14:32:00+00:00", "minute"),
        ("Updated 2:05 pm, Tuesday March 5, 2024", True, "2024-03-05T14:05:00+01:00", "minute"),
        ("2024年3月16日 14時30分", False, "2024-03-16T14:30:00+01:00", "minute"),
        ("2024年3月5日", False, "2024-03-05T00:00:00+01:00", "day"),
    ],
)
def test_printed_dates(text: str, month_first: bool, iso: str, precision: str) -> None:
    found = find_dates(text, PARIS, month_first=month_first)
    assert (found[0].value.isoformat(), found[0].precision) == (iso, precision)


def test_numeric_date_order_follows_the_url() -> None:
    found = find_dates("02/07/2024", PARIS, month_first=False, url_day=date(2024, 2, 7))
    assert found[0].value.date() == date(2024, 2, 7)


def test_several_dates_in_one_line() -> None:
    found = find_dates("Publié le 3 mai 2024 à 10h15, mis à jour le 4 mai 2024 à 11h00", PARIS)
    assert [d.value.isoformat() for d in found] == [
        "2024-05-03T10:15:00+02:00",
        "2024-05-04T11:00:00+02:00",
    ]


@pytest.mark.parametrize("text", ["2 hours ago", "Page 3 of 12", "Tel. 05 31 2024 11"])
def test_no_date_in_text(text: str) -> None:
    assert find_dates(text, PARIS) == []


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://x.test/politics/2024/05/03/slug-100123.html", date(2024, 5, 3)),
        ("http://x.test/stories/20240207/100652.htm", date(2024, 2, 7)),
        ("http://x.test/news/2024-05-03-slug", date(2024, 5, 3)),
        ("http://x.test/news/slug-100123", None),
        ("http://2024.example/a?d=20240503", None),
    ],
)
def test_url_date(url: str, day: date | None) -> None:
    assert url_date(url) == day


@pytest.mark.parametrize(
    ("text", "iso"),
    [("May 20, 2013", "2013-05-20"), ("May 20, 2013 4:05 pm", "2013-05-20T16:05:00+02:00")],
)
def test_local_iso_keeps_the_page_precision(text: str, iso: str) -> None:
    found = find_dates(text, PARIS, month_first=True)[0]
    assert local_iso(found.value, found.precision) == iso

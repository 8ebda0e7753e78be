"""Which time zone a page's local times are in, when the page does not say.

A visible date such as "3 mai 2024 à 10h15" has no offset. In order: a zone abbreviation
next to the time ("EDT", "BST", "MEZ"); the zone the caller knows for the source; the country
the page names (top-level domain, ``geo.*`` and ``og:locale`` tags, a region in ``lang``);
the country the language and its month names point to; UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Abbreviations printed next to times, to an IANA zone (DST applied) or a fixed offset (hours).
ABBREVIATIONS: dict[str, str | float] = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "wet": 0,
    "west": 1,
    "bst": 1,
    "cet": 1,
    "mez": 1,
    "cest": 2,
    "mesz": 2,
    "eet": 2,
    "eest": 3,
    "msk": 3,
    "trt": 3,
    "ast": 3,  # Arabia Standard Time on the pages we read; Atlantic time prints AST too
    "gst": 4,
    "pkt": 5,
    "ist": 5.5,
    "ict": 7,
    "wib": 7,
    "hkt": 8,
    "sgt": 8,
    "pht": 8,
    "awst": 8,
    "jst": 9,
    "kst": 9,
    "acst": 9.5,
    "aest": 10,
    "aedt": 11,
    "nzst": 12,
    "nzdt": 13,
    "wat": 1,
    "cat": 2,
    "sast": 2,
    "eat": 3,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "akst": -9,
    "akdt": -8,
    "hst": -10,
    "et": "America/New_York",
    "ct": "America/Chicago",
    "mt": "America/Denver",
    "pt": "America/Los_Angeles",
}

#: Main zone of a country (ISO 3166-1 alpha-2, lower case).
COUNTRY_ZONES: dict[str, str] = {
    "ae": "Asia/Dubai",
    "ar": "America/Argentina/Buenos_Aires",
    "at": "Europe/Vienna",
    "au": "Australia/Sydney",
    "be": "Europe/Brussels",
    "bh": "Asia/Bahrain",
    "br": "America/Sao_Paulo",
    "ca": "America/Toronto",
    "ch": "Europe/Zurich",
    "cl": "America/Santiago",
    "cn": "Asia/Shanghai",
    "cz": "Europe/Prague",
    "de": "Europe/Berlin",
    "dk": "Europe/Copenhagen",
    "dz": "Africa/Algiers",
    "eg": "Africa/Cairo",
    "es": "Europe/Madrid",
    "fi": "Europe/Helsinki",
    "fr": "Europe/Paris",
    "gb": "Europe/London",
    "uk": "Europe/London",
    "gr": "Europe/Athens",
    "hk": "Asia/Hong_Kong",
    "ie": "Europe/Dublin",
    "il": "Asia/Jerusalem",
    "in": "Asia/Kolkata",
    "iq": "Asia/Baghdad",
    "ir": "Asia/Tehran",
    "it": "Europe/Rome",
    "jo": "Asia/Amman",
    "jp": "Asia/Tokyo",
    "ke": "Africa/Nairobi",
    "kr": "Asia/Seoul",
    "kw": "Asia/Kuwait",
    "lb": "Asia/Beirut",
    "lu": "Europe/Luxembourg",
    "ma": "Africa/Casablanca",
    "mx": "America/Mexico_City",
    "ng": "Africa/Lagos",
    "nl": "Europe/Amsterdam",
    "no": "Europe/Oslo",
    "nz": "Pacific/Auckland",
    "om": "Asia/Muscat",
    "pk": "Asia/Karachi",
    "pl": "Europe/Warsaw",
    "ps": "Asia/Hebron",
    "pt": "Europe/Lisbon",
    "qa": "Asia/Qatar",
    "ro": "Europe/Bucharest",
    "ru": "Europe/Moscow",
    "sa": "Asia/Riyadh",
    "se": "Europe/Stockholm",
    "sn": "Africa/Dakar",
    "sy": "Asia/Damascus",
    "tn": "Africa/Tunis",
    "tr": "Europe/Istanbul",
    "ua": "Europe/Kyiv",
    "us": "America/New_York",
    "ye": "Asia/Aden",
    "za": "Africa/Johannesburg",
}
#: Country-code domains that are sold as generic names (news.co, x.tv, ...).
_GENERIC_TLDS = frozenset({"co", "io", "tv", "me", "fm", "ai", "ly", "to", "ws", "cc", "am"})

#: Where a language's press mostly is, when nothing else tells.
LANGUAGE_ZONES: dict[str, str] = {
    "fr": "Europe/Paris",
    "de": "Europe/Berlin",
    "es": "Europe/Madrid",
    "it": "Europe/Rome",
    "pt": "Europe/Lisbon",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "ru": "Europe/Moscow",
    "uk": "Europe/Kyiv",
    "tr": "Europe/Istanbul",
    "el": "Europe/Athens",
    "he": "Asia/Jerusalem",
    "fa": "Asia/Tehran",
    "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul",
    "zh": "Asia/Shanghai",
    "ar": "Asia/Riyadh",
}
#: Arabic month names tell the region: Syriac names (أيار, تشرين) are Levantine, French-derived
#: ones (جانفي, أوت) are Maghrebi.
ARABIC_MONTH_STYLE_ZONES = {"levant": "Asia/Beirut", "maghreb": "Africa/Algiers"}

_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})?$")
_REGION = re.compile(r"^[a-z]{2,3}[-_]([a-z]{2})\b", re.I)


def fixed_or_named(value: str | float) -> tzinfo:
    if isinstance(value, str):
        return ZoneInfo(value)
    return timezone(timedelta(hours=value)) if value else UTC


def zone_for_abbreviation(abbreviation: str) -> tzinfo | None:
    value = ABBREVIATIONS.get(abbreviation.lower().strip("()."))
    return None if value is None else fixed_or_named(value)


def named_zone(name: str | None) -> tzinfo | None:
    """An IANA zone ("Europe/Paris") or a fixed offset ("+01:00", as a feed's dates give)."""
    if not name:
        return None
    match = _OFFSET.match(name.strip())
    if match:
        sign = -1 if match.group(1) == "-" else 1
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        return timezone(sign * timedelta(hours=hours, minutes=minutes)) if hours <= 14 else None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def country_of_page(url: str, locale_tags: list[str], country_tags: list[str]) -> str | None:
    """The country a page's own tags or its domain name point to.

    ``locale_tags`` are language tags with a region (``en-GB``, ``ar_LB``); ``country_tags``
    start with a country code (``geo.region`` ``LB-BA``, ``geo.country`` ``lb``).
    """
    for tag in country_tags:
        code = tag.strip()[:3].lower().rstrip("-_")
        if code in COUNTRY_ZONES:
            return code
    for tag in locale_tags:
        match = _REGION.match(tag.strip())
        if match and match.group(1).lower() in COUNTRY_ZONES:
            return match.group(1).lower()
    host = (urlsplit(url).hostname or "").lower()
    tld = host.rsplit(".", 1)[-1]
    if tld in COUNTRY_ZONES and tld not in _GENERIC_TLDS:
        return tld
    return None


def guess_zone(
    url: str,
    *,
    hint: str | None = None,
    locale_tags: list[str] | None = None,
    country_tags: list[str] | None = None,
    language: str | None = None,
    arabic_month_style: str | None = None,
) -> tzinfo:
    """The zone to read the page's local times in (see the module docstring)."""
    zone = named_zone(hint)
    if zone:
        return zone
    country = country_of_page(url, locale_tags or [], country_tags or [])
    if country:
        return ZoneInfo(COUNTRY_ZONES[country])
    if language == "ar" and arabic_month_style in ARABIC_MONTH_STYLE_ZONES:
        return ZoneInfo(ARABIC_MONTH_STYLE_ZONES[arabic_month_style])
    if language in LANGUAGE_ZONES:
        return ZoneInfo(LANGUAGE_ZONES[language])
    return UTC

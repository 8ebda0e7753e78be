"""Names of the regions feeds are made for: countries (ISO 3166-1) and world regions.

World regions come from :mod:`archive.geo` (the slugs the crawler labels articles with).
Country names are ISO 3166-1's short names, the common name where ISO's official one is
long ("Syria", not "Syrian Arab Republic"), in ``countries.json`` beside this module.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from archive.geo import REGION_BY_SLUG, world_region_name

COUNTRIES_FILE = Path(__file__).with_name("countries.json")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@cache
def _countries() -> dict[str, str]:
    names: dict[str, str] = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    return names


def country_name(code: str) -> str | None:
    """``sy`` or ``SY`` -> ``Syria``; None if it is not an ISO 3166-1 alpha-2 code."""
    return _countries().get(code.upper())


def is_country(code: str) -> bool:
    return len(code) == 2 and country_name(code) is not None


def is_world_region(slug: str) -> bool:
    return slug in REGION_BY_SLUG


def is_region_key(value: str) -> bool:
    """Valid in a region feed URL: a country code in lower case or a world-region slug."""
    if len(value) == 2:
        return value.islower() and is_country(value)
    return bool(_SLUG.match(value))


def region_name(value: str) -> str:
    """A country code or world-region slug -> its name."""
    if len(value) == 2:
        return country_name(value) or value.upper()
    name = world_region_name(value)
    return name if name != value else value.replace("-", " ").capitalize()

"""The world-region table (archive/geo.py)."""

import re

import pycountry
import pytest

from archive.geo import AREAS, REGION_BY_SLUG, WORLD_REGIONS, world_region, world_region_name


@pytest.mark.parametrize(
    ("code", "slug", "name"),
    [
        ("SY", "middle-east", "Middle East"),
        ("lb", "middle-east", "Middle East"),
        ("EG", "middle-east", "Middle East"),
        ("IR", "middle-east", "Middle East"),
        ("GE", "western-asia", "Western Asia"),
        ("LY", "northern-africa", "Northern Africa"),
        ("FR", "western-europe", "Western Europe"),
        ("GB", "northern-europe", "Northern Europe"),
        ("US", "northern-america", "Northern America"),
        ("MX", "central-america", "Central America"),
        ("AU", "australia-new-zealand", "Australia and New Zealand"),
        ("XK", "southern-europe", "Southern Europe"),
    ],
)
def test_country_to_region(code, slug, name):
    region = world_region(code)
    assert (region.slug, region.name) == (slug, name)


@pytest.mark.parametrize("code", [None, "", "ZZ", "AQ"])
def test_no_region(code):
    assert world_region(code) is None


def test_every_country_but_antarctica_has_exactly_one_region():
    codes = [c for r in WORLD_REGIONS for c in r.countries]
    assert len(codes) == len(set(codes))
    assert {c.alpha_2 for c in pycountry.countries} - set(codes) == {"AQ"}


def test_slugs_are_lowercase_ascii_and_areas_known():
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", slug) for slug in REGION_BY_SLUG)
    assert {r.area for r in WORLD_REGIONS} == set(AREAS)


def test_name_of_a_slug():
    assert world_region_name("middle-east") == "Middle East"
    assert world_region_name("atlantis") == "atlantis"

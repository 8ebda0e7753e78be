import itertools
from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.discovery import Listing, merge_listings
from crawler.work import listing_offset, reconcile_zone

PARIS = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("printed", "announced", "expected"),
    [
        # 03:56 printed, read as Paris time; the sitemap says 03:56:54 UTC: the page is in UTC.
        (
            datetime(2024, 4, 3, 3, 56, tzinfo=PARIS),
            datetime(2024, 4, 3, 3, 56, 54, tzinfo=UTC),
            "2024-04-03T03:56:00+00:00",
        ),
        # Same instant: the guess was right.
        (
            datetime(2024, 4, 3, 3, 56, tzinfo=PARIS),
            datetime(2024, 4, 3, 1, 56, 30, tzinfo=UTC),
            "2024-04-03T03:56:00+02:00",
        ),
        # Kathmandu is UTC+5:45: quarter hours count.
        (
            datetime(2024, 4, 3, 10, 0, tzinfo=UTC),
            datetime(2024, 4, 3, 4, 15, tzinfo=UTC),
            "2024-04-03T10:00:00+05:45",
        ),
        # Not a whole number of quarter hours apart: a different time, not a zone error.
        (
            datetime(2024, 4, 3, 10, 0, tzinfo=UTC),
            datetime(2024, 4, 3, 9, 23, tzinfo=UTC),
            "2024-04-03T10:00:00+00:00",
        ),
        # Days apart: the listing is about something else (an update): keep the page's.
        (
            datetime(2024, 4, 3, 10, 0, tzinfo=UTC),
            datetime(2024, 4, 6, 10, 0, tzinfo=UTC),
            "2024-04-03T10:00:00+00:00",
        ),
    ],
)
def test_reconcile_zone(printed, announced, expected):
    assert reconcile_zone(printed, announced).isoformat() == expected


@pytest.mark.parametrize(
    ("published", "hint"),
    [
        (datetime(2024, 5, 3, 10, tzinfo=timezone(timedelta(hours=3))), "+03:00"),
        (datetime(2024, 5, 3, 10, tzinfo=timezone(timedelta(hours=-4, minutes=-30))), "-04:30"),
        (datetime(2024, 5, 3, 10, tzinfo=UTC), None),  # GMT feeds say nothing about the newsroom
        (None, None),
    ],
)
def test_listing_offset(published, hint):
    assert listing_offset(Listing("http://x/a", published=published)) == hint


def test_merge_listings_keeps_what_each_knows():
    feed = Listing("http://x/a", title="A", via="section")
    sitemap = Listing(
        "http://x/a",
        published=datetime(2024, 5, 3, tzinfo=UTC),
        modified=datetime(2024, 5, 4, tzinfo=UTC),
        via="sitemap",
    )
    merged = merge_listings(feed, sitemap)
    assert (merged.title, merged.published, merged.modified, merged.via) == (
        "A",
        datetime(2024, 5, 3, tzinfo=UTC),
        datetime(2024, 5, 4, tzinfo=UTC),
        "sitemap",
    )


def test_merging_listings_does_not_depend_on_grouping():
    """The spider keeps what later listings add apart from the first (which travels with the
    request) and merges the two when the page arrives: the same as merging in order."""
    day = datetime(2024, 5, 3, tzinfo=UTC)
    listings = [
        Listing("http://x/a", via="section"),
        Listing("http://x/a", title="A", modified=day, via="feed"),
        Listing("http://x/a", published=day, modified=day.replace(day=5), via="sitemap"),
        Listing("http://x/a", title="B", published=day.replace(day=1), via="sitemap"),
    ]
    for first, *later in itertools.permutations(listings):
        in_order = first
        for other in later:
            in_order = merge_listings(in_order, other)
        apart = later[0]
        for other in later[1:]:
            apart = merge_listings(apart, other)
        assert merge_listings(first, apart) == in_order

"""Archive -> feed bytes, compared with reviewed golden files (fixed dates, no clock)."""

from __future__ import annotations

import feedfixture
import pytest

from archive import parse_config
from feeds.documents import FeedSettings
from feeds.publish import publish

REGENERATE = "run scripts/regen_feed_golden.py, review the diff and commit it"


@pytest.mark.parametrize("relpath", feedfixture.GOLDEN)
def test_matches_golden_file(published, relpath):
    golden = feedfixture.GOLDEN_DIR / relpath
    assert golden.exists(), f"{golden} is missing: {REGENERATE}"
    assert (published / relpath).read_bytes() == golden.read_bytes(), (
        f"{relpath} differs from its golden file: if the change is intended, {REGENERATE}"
    )


def test_same_archive_same_bytes(tmp_path, published):
    """A second archive built from the same data publishes byte-identical feeds."""
    config = parse_config(feedfixture.SOURCES_TOML)
    archive = feedfixture.build_archive(tmp_path / "again.db")
    out = tmp_path / "public"
    publish(archive, config, FeedSettings(feedfixture.BASE_URL, 4), out, archives=True)
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*") if p.is_file())
    assert names == sorted(
        p.relative_to(published).as_posix() for p in published.rglob("*.*") if p.is_file()
    )
    for name in names:
        if name != ".newsdesk-publish.json":
            assert (out / name).read_bytes() == (published / name).read_bytes(), name

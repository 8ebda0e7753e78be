#!/usr/bin/env python3
"""Rewrite the feeds' golden files from the fixture archive: archive -> feed XML and JSON.

    .venv/bin/python scripts/regen_feed_golden.py

The fixture archive (tests/feeds/feedfixture.py) has fixed dates, so the output never depends
on the clock. Review the diff before committing: it is what subscribers will see.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "feeds")]

import feedfixture  # noqa: E402

from archive import parse_config  # noqa: E402
from feeds.documents import FeedSettings  # noqa: E402
from feeds.publish import publish  # noqa: E402


def main() -> int:
    config = parse_config(feedfixture.SOURCES_TOML)
    settings = FeedSettings(feedfixture.BASE_URL, config.settings.feed_items)
    with tempfile.TemporaryDirectory() as tmp:
        archive = feedfixture.build_archive(Path(tmp) / "archive.db")
        out = Path(tmp) / "public"
        publish(archive, config, settings, out, archives=True)
        if feedfixture.GOLDEN_DIR.exists():
            shutil.rmtree(feedfixture.GOLDEN_DIR)
        for relpath in feedfixture.GOLDEN:
            target = feedfixture.GOLDEN_DIR / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / relpath, target)
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

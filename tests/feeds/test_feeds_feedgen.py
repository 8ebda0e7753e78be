"""Why feeds/atom.py writes Atom itself: feedgen 1.0.0 drops rel, type and length from entry
links (its issues 135 and 143), so an enclosure becomes a second alternate link. When this
test fails, feedgen is fixed and the choice can be revisited."""

from __future__ import annotations

from datetime import UTC, datetime

import w3c_rules
from feedgen.feed import FeedGenerator


def test_feedgen_1_0_loses_entry_link_relations():
    fg = FeedGenerator()
    fg.id("https://feeds.example.com/feeds/all.atom")
    fg.title("t")
    fg.updated(datetime(2024, 5, 3, tzinfo=UTC))
    entry = fg.add_entry()
    entry.id("urn:uuid:0dc962a0-3401-5636-8cf2-3f100362e779")
    entry.title("Ceasefire talks resume in Geneva")
    entry.updated(datetime(2024, 5, 3, tzinfo=UTC))
    entry.author(name="Rana Haddad")
    entry.summary("s")
    entry.link(href="https://news.example.com/a", rel="alternate", type="text/html")
    entry.link(
        href="https://news.example.com/a.jpg", rel="enclosure", type="image/jpeg", length="1"
    )
    atom = fg.atom_str()
    assert b'<link href="https://news.example.com/a.jpg"/>' in atom
    assert "entry 0: DuplicateAtomLink" in w3c_rules.check(atom)[0]

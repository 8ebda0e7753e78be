"""OPML 2.0 of every named feed, in one folder per kind, for importing into any reader."""

from __future__ import annotations

from collections.abc import Sequence

from .catalog import SITE
from .model import KIND_TITLES, KINDS, FeedSpec
from .xmltext import attr, esc


def feeds_opml(specs: Sequence[FeedSpec], base_url: str, fmt: str = "rss") -> bytes:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{esc(SITE)} feeds</title>",
        "    <docs>http://opml.org/spec2.opml</docs>",
        "  </head>",
        "  <body>",
    ]
    for kind in KINDS:
        of_kind = [s for s in specs if s.kind == kind]
        if not of_kind:
            continue
        lines.append(f'    <outline text="{attr(KIND_TITLES[kind])}">')
        for spec in of_kind:
            lines.append(
                f'      <outline type="rss" text="{attr(spec.title)}" title="{attr(spec.title)}" '
                f'xmlUrl="{attr(spec.url(base_url, fmt))}" '
                f'htmlUrl="{attr(base_url + spec.html_path.lstrip("/"))}"/>'
            )
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")

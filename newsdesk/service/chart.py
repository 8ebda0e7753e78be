"""A stacked bar chart as inline SVG: articles per day, one colour per topic or region.

No script and no external file: the status page stays one self-contained document.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Sequence

#: Colour-blind-safe categorical palette (Tableau 10); the last colour is for "other".
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
)
OTHER_COLOUR = "#bab0ac"
WIDTH, HEIGHT = 800, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 240, 12, 28


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def top_labels(rows: Sequence[tuple[str, str, int]], limit: int) -> list[str]:
    """The ``limit`` labels with the most articles (ties by name)."""
    total: dict[str, int] = defaultdict(int)
    for _, label, n in rows:
        total[label] += n
    return sorted(total, key=lambda k: (-total[k], k))[:limit]


def stacked_bars(
    title: str,
    days: Sequence[str],
    rows: Sequence[tuple[str, str, int]],
    *,
    name: Callable[[str], str] = str,
    limit: int = len(PALETTE),
) -> str:
    """``rows`` are ``(day, label, articles)``; labels past the top ``limit`` become "other"."""
    shown = top_labels(rows, limit)
    series = [*shown, "other"]
    counts: dict[str, dict[str, int]] = {day: defaultdict(int) for day in days}
    for day, label, n in rows:
        if day in counts:
            counts[day][label if label in shown else "other"] += n
    peak = max((sum(c.values()) for c in counts.values()), default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(days), 1)
    colour = {label: PALETTE[i] for i, label in enumerate(shown)} | {"other": OTHER_COLOUR}
    parts = [
        f'<svg class="chart" role="img" aria-label="{_e(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="system-ui,sans-serif" font-size="11">',
        f"<title>{_e(title)}</title>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#888"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 8}" text-anchor="end">{peak}</text>',
        f'<text x="{LEFT - 4}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for i, day in enumerate(days):
        x = LEFT + i * step + step * 0.15
        y: float = TOP + plot_h
        for label in series:
            n = counts[day].get(label, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
                f'height="{h:.1f}" fill="{colour[label]}"><title>{_e(day)} '
                f"{_e(name(label) if label != 'other' else 'other')}: {n}</title></rect>"
            )
        if i % 2 == len(days) % 2 or len(days) <= 7:
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - 10}" text-anchor="middle">'
                f"{_e(day[5:])}</text>"
            )
    legend = [label for label in series if any(counts[d].get(label) for d in days)]
    for i, label in enumerate(legend):
        y = TOP + 4 + i * 16
        text = name(label) if label != "other" else "other"
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 12}" y="{y}" width="10" height="10" '
            f'fill="{colour[label]}"/><text x="{WIDTH - RIGHT + 28}" y="{y + 9}">{_e(text)}</text>'
        )
    if not legend:
        parts.append(
            f'<text x="{LEFT + plot_w / 2:.0f}" y="{TOP + plot_h / 2:.0f}" text-anchor="middle" '
            'fill="#666">no articles in these days yet</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

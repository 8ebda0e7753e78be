"""The ``/status`` page (HTML, refreshes itself) and the ``newsdesk status`` table."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from archive.taxonomy import topic_title
from feeds.regions import region_name

from .chart import stacked_bars
from .status import SourceStatus, Status

REFRESH_S = 30
_STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;max-width:72rem;margin:1.5rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.25rem .6rem;"
    "border-bottom:1px solid #ddd;text-align:left;vertical-align:top}th{background:#f4f4f4}"
    "td.n{text-align:right}.ok{color:#1a7f37}.failed,.timeout{color:#cf222e}"
    ".running,.interrupted{color:#9a6700}.meta{color:#555}.err{max-width:24rem;"
    "font-size:.85rem;color:#555}figure{margin:0 0 1.5rem}figcaption{font-weight:600}"
)

#: Columns of ``newsdesk status`` (table and CSV).
TABLE_COLUMNS = (
    "source",
    "result",
    "last_run",
    "started",
    "next_run",
    "new",
    "fetched",
    "errors",
    "articles",
    "failures",
    "retry_at",
    "last_error",
)


def _e(value: object) -> str:
    return "" if value is None else html.escape(str(value), quote=True)


def table_rows(status: Status) -> list[list[Any]]:
    return [
        [
            s.source,
            s.last_result or "never",
            s.last_run_id,
            s.last_started_at,
            s.next_run_at,
            s.new,
            s.fetched,
            s.errors,
            s.articles,
            s.consecutive_failures,
            s.retry_at,
            s.last_error,
        ]
        for s in status.sources
    ]


def _source_row(s: SourceStatus) -> str:
    result = s.last_result or "never"
    backoff = f"{s.consecutive_failures} failed, retry {s.retry_at}" if s.retry_at else ""
    cells = [
        f'<td><span title="{_e(s.name)}">{_e(s.source)}</span></td>',
        f"<td>{_e(s.last_started_at)}{f' (run {s.last_run_id})' if s.last_run_id else ''}</td>",
        f'<td class="{_e(result)}">{_e(result)}</td>',
        f"<td>{_e(s.next_run_at)}</td>",
        *(f'<td class="n">{_e(v)}</td>' for v in (s.new, s.fetched, s.errors, s.articles)),
        f"<td>{_e(backoff)}</td>",
        f'<td class="err">{_e(s.last_error)}</td>',
    ]
    return f'<tr id="source-{_e(s.source)}">{"".join(cells)}</tr>'


def _runs_table(runs: Sequence[dict[str, Any]]) -> list[str]:
    head = "".join(
        f"<th>{h}</th>"
        for h in ("run", "started", "finished", "status", "sources", "new", "fetched", "errors")
    )
    rows = [
        f"<tr><td>{r['id']}</td><td>{_e(r['started_at'])}</td><td>{_e(r['finished_at'])}</td>"
        f'<td class="{_e(r["status"])}">{_e(r["status"])}</td>'
        f"<td>{_e(', '.join(_json_list(r['sources'])))}</td>"
        f'<td class="n">{r["new"]}</td><td class="n">{r["fetched"]}</td>'
        f'<td class="n">{r["errors"]}</td></tr>'
        for r in runs
    ]
    return ['<table id="runs">', f"<tr>{head}</tr>", *rows, "</table>"]


def _json_list(text: str) -> list[str]:
    import json

    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _service_lines(status: Status) -> list[str]:
    svc = status.service
    lines = []
    if svc:
        lines.append(
            f'<p class="meta">Service pid {_e(svc.get("pid"))}, '
            f"up since {_e(svc.get('started_at'))}; "
            f"archive {_e(svc.get('archive'))}; {status.totals.get('articles', 0)} articles; "
            f"page generated {_e(status.generated_at)} (refreshes every {REFRESH_S}s).</p>"
        )
        running = svc.get("running") or []
        if running:
            lines.append(
                f'<p id="now">Crawling now: {_e(", ".join(running))} '
                f"(since {_e(svc.get('running_since'))}).</p>"
            )
        else:
            lines.append(f'<p id="now">Idle; next crawl at {_e(svc.get("next_run_at"))}.</p>')
    return lines


def status_page(status: Status, base_url: str) -> bytes:
    header = (
        *("source", "last run", "result", "next run", "new", "fetched", "errors"),
        *("articles", "backoff", "last error"),
    )
    body = [
        "<h1>newsdesk status</h1>",
        *_service_lines(status),
        f'<p><a href="{_e(base_url)}">Feeds</a> · <a href="{_e(base_url)}status.json">JSON</a>'
        f' · <a href="{_e(base_url)}metrics">Prometheus metrics</a></p>',
        "<h2>Sources</h2>",
        '<table id="sources">',
        "<tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>",
        *[_source_row(s) for s in status.sources],
        "</table>",
        "<h2>Articles per day</h2>",
        '<figure id="chart-topic"><figcaption>By topic (publication day, UTC)</figcaption>',
        stacked_bars("Articles per day by topic", status.days, status.by_topic, name=topic_title),
        "</figure>",
        '<figure id="chart-region"><figcaption>By region (primary country, publication day, '
        "UTC)</figcaption>",
        stacked_bars("Articles per day by region", status.days, status.by_region, name=region_name),
        "</figure>",
        "<h2>Recent runs</h2>",
        *_runs_table(status.runs),
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="refresh" content="{REFRESH_S}">',
        "<title>newsdesk status</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")

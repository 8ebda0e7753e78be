"""``/metrics``: the status in the Prometheus text exposition format (version 0.0.4)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from archive.timestamps import parse_text

from .status import Status

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass(frozen=True)
class ServiceCounters:
    """What only the running service knows, counted since it started."""

    started_at: float  # Unix time
    crawls: Mapping[str, int] = field(default_factory=dict)  # run result -> count
    source_crawls: Mapping[tuple[str, str], int] = field(default_factory=dict)
    crawl_seconds: float = 0.0
    crawling: bool = False


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(labels: Mapping[str, str]) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f'{k}="{_label(v)}"' for k, v in labels.items()) + "}"


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def metric(
        self,
        name: str,
        kind: str,
        help_text: str,
        samples: Iterable[tuple[Mapping[str, str], float]],
    ) -> None:
        self.lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
        for labels, value in samples:
            number = int(value) if float(value).is_integer() else round(value, 3)
            self.lines.append(f"{name}{_labels(labels)} {number}")


def _ts(text: str | None) -> float:
    return parse_text(text).timestamp() if text else 0.0


def rss_bytes() -> int:
    """Resident set size of this process (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def metrics_text(status: Status, counters: ServiceCounters | None) -> str:
    w = _Writer()
    src = status.sources
    w.metric(
        "newsdesk_articles",
        "gauge",
        "Articles in the archive.",
        [({}, status.totals.get("articles", 0))],
    )
    w.metric(
        "newsdesk_source_articles",
        "gauge",
        "Articles in the archive per source.",
        [({"source": s.source}, s.articles) for s in src],
    )
    new = status.totals.get("new", {})
    w.metric(
        "newsdesk_source_new_articles_total",
        "counter",
        "Articles archived for the first time, per source, over all runs.",
        [({"source": s.source}, new.get(s.source) or 0) for s in src],
    )
    errors = status.totals.get("errors", {})
    w.metric(
        "newsdesk_source_fetch_errors_total",
        "counter",
        "Fetch and parse errors recorded per source, over all runs.",
        [({"source": s.source}, errors.get(s.source) or 0) for s in src],
    )
    w.metric(
        "newsdesk_source_up",
        "gauge",
        "1 if the source's last crawl succeeded.",
        [({"source": s.source}, int(s.last_result == "ok")) for s in src],
    )
    w.metric(
        "newsdesk_source_consecutive_failures",
        "gauge",
        "Failed crawls of the source since its last success.",
        [({"source": s.source}, s.consecutive_failures) for s in src],
    )
    w.metric(
        "newsdesk_source_last_run_timestamp_seconds",
        "gauge",
        "Start of the source's last scheduled crawl (Unix time).",
        [({"source": s.source}, _ts(s.last_started_at)) for s in src],
    )
    w.metric(
        "newsdesk_source_next_run_timestamp_seconds",
        "gauge",
        "When the source is crawled next (Unix time).",
        [({"source": s.source}, _ts(s.next_run_at)) for s in src],
    )
    w.metric(
        "newsdesk_source_backoff_until_timestamp_seconds",
        "gauge",
        "While the source is failing: no crawl before this time (Unix time; 0: none).",
        [({"source": s.source}, _ts(s.retry_at)) for s in src],
    )
    runs = status.totals.get("runs", {})
    w.metric(
        "newsdesk_runs",
        "gauge",
        "Crawl runs recorded in the archive, by status.",
        [({"status": k}, runs[k]) for k in sorted(runs)],
    )
    if counters is not None:
        _service_metrics(w, counters)
    return "\n".join(w.lines) + "\n"


def _service_metrics(w: _Writer, c: ServiceCounters) -> None:
    w.metric(
        "newsdesk_service_crawls_total",
        "counter",
        "Crawls this service ran, by result.",
        [({"result": k}, c.crawls[k]) for k in sorted(c.crawls)],
    )
    w.metric(
        "newsdesk_service_source_crawls_total",
        "counter",
        "Scheduled crawls of each source by this service, by result.",
        [({"source": s, "result": r}, n) for (s, r), n in sorted(c.source_crawls.items())],
    )
    w.metric(
        "newsdesk_service_crawl_seconds_total",
        "counter",
        "Seconds spent in crawl child processes.",
        [({}, c.crawl_seconds)],
    )
    w.metric(
        "newsdesk_service_crawl_running",
        "gauge",
        "1 while a crawl child runs.",
        [({}, int(c.crawling))],
    )
    w.metric(
        "newsdesk_service_start_time_seconds",
        "gauge",
        "When this service started (Unix time).",
        [({}, c.started_at)],
    )
    w.metric(
        "process_resident_memory_bytes",
        "gauge",
        "Resident memory of the service process (crawl children not included).",
        [({}, rss_bytes())],
    )

"""``newsdesk reextract``: run extraction and tagging again over the stored pages.

When the extractor improves, the archive can catch up without fetching anything: every kept
raw page goes through the same :func:`crawler.work.process_page` as a crawl, and through the
same writer, so a changed article keeps its old version as a revision and the run is recorded
in ``runs`` (trigger ``reextract``) with its counts.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from archive import open_archive
from archive.crawlstate import raw_page_ids, source_hint_rows, stored_page
from archive.timestamps import parse_text

from .items import PageItem, SourceHints
from .run import RunReport, default_workers
from .work import Dropped, extraction_pool, process_page
from .writer import ArchiveWriter


def reextract(
    archive_path: str | Path,
    *,
    source_ids: list[str] | None = None,
    workers: int | None = None,
    out: TextIO | None = None,
) -> RunReport:
    out = out or sys.stdout
    archive = open_archive(archive_path)
    status, message = "failed", None
    writer = ArchiveWriter(archive, [], trigger="reextract")
    try:
        hints = {
            sid: SourceHints(sid, language, country, tuple(json.loads(topics)), timezone)
            for sid, language, country, topics, timezone in source_hint_rows(archive.conn)
        }
        ids = raw_page_ids(archive.conn, source_ids or ())

        def pages() -> Iterator[PageItem]:
            for article_id in ids:
                page = stored_page(archive.conn, article_id)
                yield PageItem(
                    source_id=page.source_id,
                    requested_url=page.url,
                    url=page.url,
                    status=page.http_status,
                    body=page.html,
                    content_type=page.content_type,
                    fetched_at=parse_text(page.fetched_at),
                    hints=hints[page.source_id],
                )

        workers = default_workers() if workers is None else workers
        if workers > 0:
            with extraction_pool(workers) as pool:
                results = pool.map(process_page, pages(), chunksize=8)
                _store_all(writer, results)
        else:
            _store_all(writer, map(process_page, pages()))
        status = "ok"
    except BaseException as exc:
        message = f"{type(exc).__name__}: {exc}"
        status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        raise
    finally:
        try:
            writer.finish(status, message)
        finally:
            archive.close()
    report = RunReport(writer.run_id, status, writer.total, dict(writer.per_source))
    for source_id, counts in sorted(report.per_source.items()):
        print(f"source {source_id}: {counts.summary()}", file=out)
    print(f"reextract run {report.run_id} {report.status}: {report.total.summary()}", file=out)
    return report


def _store_all(writer: ArchiveWriter, results: Iterator) -> None:  # type: ignore[type-arg]
    for result in results:
        if isinstance(result, Dropped):
            writer.drop(result.page.source_id, result.reason)
        else:
            writer.count(result.page.source_id, "fetched")
            writer.store(result)

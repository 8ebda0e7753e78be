"""``newsdesk publish``: the feeds as static files, rebuilt only where they changed.

The output has the same paths as the server (``feeds/topic/politics.atom``,
``feeds/topic/politics/archive/3.rss``, ``feeds.opml``, ``index.html``) and the same bytes.

How a later run knows what changed: ``.newsdesk-publish.json`` in the output directory keeps,
per document, a signature of what it is made of (its entry ids, its place in the archive,
the feed's title and the settings) and the hash of the bytes written, plus the archive's feed
stamp at that time. The archive stamps every article whose entry may have changed
(``feed_stamps``, kept by triggers). A document is rebuilt when its signature changed or it
holds an article stamped since the last run; a rebuilt document whose bytes are the same is
not written again. Everything else is left alone, which after a crawl is nearly every file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.db import open_reader
from archive.feed_queries import (
    Connection,
    changed_since,
    entry_records,
    feed_state,
    selection_ids,
    snapshot,
)
from archive.sources import Config

from . import atom, entries, jsonfeed, rss, sanitize
from .catalog import named_feeds
from .documents import FeedSettings, archive_page_count, empty_updated, make_document
from .entries import build_entry
from .model import FORMATS, Entry, FeedSpec, Page
from .opml import feeds_opml
from .pages import index_page
from .render import RENDERERS
from .websub import ping

log = logging.getLogger(__name__)

MANIFEST = ".newsdesk-publish.json"
MANIFEST_VERSION = 1
#: Articles loaded from the archive per query while rendering.
CHUNK = 2000


def _renderer_hash() -> str:
    """Changing how entries or documents are written changes every file: rebuild them all."""
    digest = hashlib.sha256()
    for module in (atom, entries, jsonfeed, rss, sanitize):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class DocPlan:
    """One document of one feed (in every format), before it is rendered."""

    spec: FeedSpec
    number: int | None  # None: subscription document
    ids: tuple[int, ...]  # newest first
    pages: int
    signature: str

    @property
    def relpath(self) -> str:
        path = self.spec.path.lstrip("/")
        return path if self.number is None else f"{path}/archive/{self.number}"


@dataclass
class PublishReport:
    full: bool
    feeds: int = 0
    documents: int = 0  # documents in the output (each in three formats)
    rebuilt: int = 0  # documents rendered this run
    written: list[str] = field(default_factory=list)  # files whose bytes changed
    removed: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    pinged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kind = "full" if self.full else "incremental"
        return (
            f"{kind} publish: {self.feeds} feeds, {self.documents} documents, "
            f"{self.rebuilt} rebuilt, {len(self.written)} files written, "
            f"{len(self.removed)} removed in {self.elapsed_s:.2f} s"
        )


def _signature(spec: FeedSpec, number: int | None, ids: tuple[int, ...], pages: int | bool,
               settings: FeedSettings, extra: str) -> str:  # fmt: skip
    parts: list[Any] = [
        spec.kind, spec.key, spec.title, spec.description, spec.language, spec.html_path,
        number, pages, settings.base_url, settings.hub, extra, list(ids),
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def plan_documents(
    conn: Connection,
    specs: list[FeedSpec],
    settings: FeedSettings,
    extra: str,
    *,
    archives: bool,
) -> list[DocPlan]:
    """Every document to publish: each feed's subscription document and, with ``archives``,
    its RFC 5005 archive pages."""
    size = settings.page_size
    plans = []
    for spec in specs:
        if archives:
            ids = selection_ids(conn, spec.selection, newest_first=False)
            pages = archive_page_count(len(ids), spec, size)
            newest = tuple(reversed(ids[-size:]))
        else:
            ids, pages = [], 0
            newest = tuple(selection_ids(conn, spec.selection, limit=size))
        for number in range(1, pages + 1):
            chunk = tuple(reversed(ids[(number - 1) * size : number * size]))
            # A page changes when a newer one appears (its next-archive link), not with
            # every new page after that.
            sig = _signature(spec, number, chunk, number < pages, settings, extra)
            plans.append(DocPlan(spec, number, chunk, pages, sig))
        # An empty feed's updated time is the archive's: it belongs in its signature.
        empty = "" if newest else "|" + empty_updated(conn).isoformat()
        sig = _signature(spec, None, newest, pages, settings, extra + empty)
        plans.append(DocPlan(spec, None, newest, pages, sig))
    return plans


def _read_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("%s is unreadable (%s): publishing everything", path, exc)
        return None
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return None
    return data


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


class _Writer:
    """Writes files whose bytes changed; remembers every file's hash for the manifest."""

    def __init__(self, out_dir: Path, old_files: dict[str, str], report: PublishReport) -> None:
        self.out_dir = out_dir
        self.old_files = old_files
        self.files: dict[str, str] = {}
        self.report = report

    def write(self, relpath: str, data: bytes) -> None:
        sha = _sha(data)
        self.files[relpath] = sha
        path = self.out_dir / relpath
        if self.old_files.get(relpath) == sha and path.exists():
            return
        _write_atomic(path, data)
        self.report.written.append(relpath)

    def keep(self, relpath: str) -> None:
        self.files[relpath] = self.old_files[relpath]


def _fragments(
    conn: Connection, ids: list[int], base_url: str
) -> Iterator[tuple[int, Entry, dict[str, str]]]:
    for start in range(0, len(ids), CHUNK):
        for record in entry_records(conn, ids[start : start + CHUNK]):
            entry = build_entry(record, base_url)
            yield record.id, entry, {f: RENDERERS[f].entry_fragment(entry) for f in FORMATS}


def publish(
    archive_path: str | Path,
    config: Config,
    settings: FeedSettings,
    out_dir: str | Path,
    *,
    full: bool = False,
    archives: bool = False,
) -> PublishReport:
    """Write every feed under ``out_dir``; only what changed unless ``full``.

    With ``archives``, every feed's RFC 5005 archive pages too, and the feeds link to them
    (the same bytes as the server's); without, the feeds have no ``prev-archive`` link.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    manifest = None if full else _read_manifest(out)
    extra = _renderer_hash()
    if manifest is not None and manifest.get("archives") != archives:
        manifest = None
    report = PublishReport(full=manifest is None)
    old_docs: dict[str, str] = manifest["docs"] if manifest else {}
    writer = _Writer(out, manifest["files"] if manifest else {}, report)
    conn = open_reader(archive_path)
    try:
        with snapshot(conn):
            state = feed_state(conn)
            changed = changed_since(conn, int(manifest["state"])) if manifest else set()
            specs = named_feeds(conn, config)
            plans = plan_documents(
                conn, specs, settings, f"{extra}|archives={archives}", archives=archives
            )
            fallback = empty_updated(conn)
            dirty = [
                p
                for p in plans
                if old_docs.get(p.relpath) != p.signature
                or any(i in changed for i in p.ids)
                or any(f"{p.relpath}.{fmt}" not in writer.old_files for fmt in FORMATS)
            ]
            dirty_paths = {p.relpath for p in dirty}
            for p in plans:
                if p.relpath not in dirty_paths:
                    for fmt in FORMATS:
                        writer.keep(f"{p.relpath}.{fmt}")
            _render_dirty(conn, dirty, settings, fallback, writer)
    finally:
        conn.close()
    writer.write("index.html", index_page(specs, settings.base_url))
    writer.write("feeds.opml", feeds_opml(specs, settings.base_url))
    for relpath in sorted(set(writer.old_files) - set(writer.files)):
        (out / relpath).unlink(missing_ok=True)
        report.removed.append(relpath)
    _write_atomic(
        out / MANIFEST,
        json.dumps(
            {
                "version": MANIFEST_VERSION,
                "archives": archives,
                "state": state,
                "docs": {p.relpath: p.signature for p in plans},
                "files": writer.files,
            },
            sort_keys=True,
        ).encode(),
    )
    report.feeds = len(specs)
    report.documents = len(plans)
    report.rebuilt = len(dirty)
    if settings.hub:
        report.pinged = _ping_changed(settings, plans, report.written)
    report.elapsed_s = time.perf_counter() - started
    log.info(report.summary())
    return report


def _render_dirty(
    conn: Connection,
    dirty: list[DocPlan],
    settings: FeedSettings,
    fallback: Any,
    writer: _Writer,
) -> None:
    """Render dirty documents in one pass over their articles in id order.

    Each article's entry is rendered once per format and dropped as soon as the last
    document that holds it is written, so memory stays at a few pages' worth.
    """
    refs: dict[int, int] = defaultdict(int)
    for p in dirty:
        for i in p.ids:
            refs[i] += 1
    pending = sorted(dirty, key=lambda p: max(p.ids, default=0))
    done: dict[int, tuple[Entry, dict[str, str]]] = {}
    position = 0

    def flush(up_to: int) -> None:
        nonlocal position
        while position < len(pending) and max(pending[position].ids, default=0) <= up_to:
            _emit(pending[position], done, settings, fallback, writer)
            for i in pending[position].ids:
                refs[i] -= 1
                if refs[i] == 0:
                    done.pop(i, None)
            position += 1

    flush(0)
    for article_id, entry, fragments in _fragments(conn, sorted(refs), settings.base_url):
        done[article_id] = (entry, fragments)
        flush(article_id)
    flush(2**63)


def _emit(
    plan: DocPlan,
    done: dict[int, tuple[Entry, dict[str, str]]],
    settings: FeedSettings,
    fallback: Any,
    writer: _Writer,
) -> None:
    present = [done[i] for i in plan.ids if i in done]
    doc = make_document(
        plan.spec, [e for e, _ in present], Page(plan.number, plan.pages), settings, fallback
    )
    for fmt in FORMATS:
        data = RENDERERS[fmt].document(doc, [f[fmt] for _, f in present])
        writer.write(f"{plan.relpath}.{fmt}", data)


def _ping_changed(settings: FeedSettings, plans: list[DocPlan], written: list[str]) -> list[str]:
    """WebSub: tell the hub which subscription documents changed."""
    current = {f"{p.relpath}.{fmt}" for p in plans if p.number is None for fmt in FORMATS}
    urls = [settings.base_url + path for path in written if path in current]
    if urls and settings.hub:
        ping(settings.hub, urls)
    return urls

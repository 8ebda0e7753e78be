"""Where an extraction process's time goes: CPU per page for each stage of
:func:`crawler.work.process_page`, and the fixed cost of starting a process.

    python bench/worker_stages.py [--articles 600] [--site DIR]

Stages, timed with the process's CPU clock on the same pages in one process: extraction,
tagging, the story fingerprint, compressing the raw page, and pickling the result both ways
(what the trip back to the crawl process costs). The start-up cost (imports, then the
tagging tables) is taken in fresh interpreters.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import sites  # noqa: E402

from archive.writes import compress_raw  # noqa: E402
from crawler.dedup import fingerprint  # noqa: E402
from crawler.extract import NotAnArticle, extract_article  # noqa: E402
from crawler.items import PageItem, SourceHints  # noqa: E402
from crawler.tagging import tag_article  # noqa: E402
from crawler.tagging import warm_up as tagging_warm_up  # noqa: E402
from crawler.work import process_page  # noqa: E402

ORIGIN = "http://127.0.0.1:8000"

STARTUP = """
import time
start = time.process_time()
import crawler.work
imported = time.process_time()
crawler.work.warm_up()
print(imported - start, time.process_time() - imported)
"""


def pages(site: Path, limit: int) -> list[PageItem]:
    out = []
    for record in sites.truth(site):
        if record["publisher"] == "badinputs.test":
            continue
        path = site / "sites" / unquote(record["url_path"]).lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        out.append(
            PageItem(
                source_id=record["publisher"],
                requested_url=ORIGIN + record["url_path"],
                url=ORIGIN + record["url_path"],
                status=200,
                body=path.read_bytes(),
                content_type="text/html; charset=utf-8",
                fetched_at=datetime.now(UTC),
                hints=SourceHints(record["publisher"]),
            )
        )
        if len(out) == limit:
            break
    return out


def clock(label: str, n: int, fn, items: list) -> list:  # type: ignore[no-untyped-def]
    start = time.process_time()
    results = [fn(item) for item in items]
    ms = (time.process_time() - start) * 1000 / n
    print(f"{label:<28}{ms:7.2f} ms/page")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--site", type=Path, help="an existing make_sites.py output folder")
    args = parser.parse_args(argv)
    if args.site is None:
        args.site = sites.generate(
            Path(tempfile.mkdtemp(prefix="newsdesk-stages-")) / "site",
            articles=args.articles,
            bad_inputs=False,
        )
    items = pages(args.site, args.articles)
    n = len(items)
    print(f"{n} article pages, {sum(len(p.body) for p in items) / n / 1024:.0f} KB each")

    runs = [
        subprocess.run(
            [sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(3)
    ]
    imports, tables = (min(float(run[i]) for run in runs) for i in (0, 1))
    print(f"process start: imports {imports:.2f} s, tagging tables {tables:.2f} s (best of 3)")

    tagging_warm_up()
    for item in items[:20]:  # first-call caches out of the figures
        process_page(item)

    def extract(page: PageItem):  # type: ignore[no-untyped-def]
        try:
            return extract_article(page.body, page.url, content_type=page.content_type)
        except NotAnArticle:
            return None

    extractions = [e for e in clock("extract_article", n, extract, items) if e is not None]
    clock(
        "tag_article",
        n,
        lambda e: tag_article(
            e.title, e.subtitle, e.body, language=e.language, section=e.section, url=e.url,
            keywords=tuple(e.keywords),
        ),
        extractions,
    )  # fmt: skip
    clock("fingerprint", n, lambda e: fingerprint(e.title, e.body), extractions)
    clock("compress_raw", n, lambda p: compress_raw(p.body), items)
    results = clock("process_page (all)", n, process_page, items)
    blobs = clock("pickle the result", n, pickle.dumps, results)
    clock("unpickle it (crawl process)", n, pickle.loads, blobs)
    clock("pickle the page (to worker)", n, pickle.dumps, items)
    print(json.dumps({"result_bytes": sum(map(len, blobs)) // n}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Feeds under load: serving with a real load tool, and publishing every feed as files.

    python bench/serve_feeds.py [--articles 100000] [--duration 10] [--write-benchmarks]

1. Builds a synthetic archive (kept in --workdir and reused while its parameters match):
   20 sources (6 with full text), 17 topics, 40 countries in their world regions, one article
   in ten a copy of a story carried by another outlet, images on most.
2. Starts ``newsdesk serve`` in its own process and loads it with wrk from another process:
   a feed answered 200 (gzip, as readers ask) and the same feed answered 304 (If-None-Match).
3. Times ``newsdesk publish`` of every feed and its archive pages, then adds 100 articles
   and times the incremental publish that follows, counting the documents it rebuilt.

Figures are printed; --write-benchmarks also writes them into the "Feeds" section of
BENCHMARKS.md with the command that produced them.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive import Article, Image, Label, open_archive, parse_config  # noqa: E402
from archive.geo import world_region  # noqa: E402
from archive.taxonomy import TOPICS  # noqa: E402
from archive.writes import set_labels, sync_sources, upsert_article  # noqa: E402

NEWSDESK = [str(Path(sys.executable).with_name("newsdesk"))]
FEED = "/feeds/all.atom"
SEARCH = "/feeds/search.atom?q=ceasefire"
WORDS = [
    "government",
    "minister",
    "said",
    "talks",
    "would",
    "continue",
    "after",
    "the",
    "army",
    "announced",
    "a",
    "ceasefire",
    "in",
    "the",
    "north",
    "while",
    "officials",
    "warned",
    "that",
    "prices",
    "could",
    "rise",
    "again",
    "next",
    "month",
    "as",
    "the",
    "central",
    "bank",
    "kept",
    "rates",
    "unchanged",
    "and",
    "the",
    "opposition",
    "called",
    "for",
    "new",
    "elections",
]
COUNTRIES = [
    "SY",
    "LB",
    "IQ",
    "JO",
    "IL",
    "PS",
    "EG",
    "SA",
    "AE",
    "IR",
    "TR",
    "YE",
    "FR",
    "DE",
    "GB",
    "IT",
    "ES",
    "UA",
    "RU",
    "PL",
    "US",
    "CA",
    "MX",
    "BR",
    "AR",
    "CO",
    "CN",
    "JP",
    "KR",
    "IN",
    "PK",
    "AF",
    "NG",
    "KE",
    "ZA",
    "ET",
    "SD",
    "ML",
    "NE",
    "AU",
]
START = datetime(2024, 1, 1, tzinfo=UTC)


def sources_toml(full: bool = True) -> str:
    lines = ["[settings]", "feed_items = 50", ""]
    for s in range(20):
        lines += [
            "[[source]]",
            f'id = "source{s:02d}"',
            f'name = "Source {s:02d}"',
            f'url = "https://source{s:02d}.example.com/"',
            f'language = "{"ar" if s % 5 == 4 else "en"}"',
            f"full_text = {'true' if s % 3 == 0 else 'false'}",
            "",
        ]
    lines += [
        "[[query]]",
        'id = "syria-conflict"',
        'title = "Syria: conflict"',
        'topic = "conflict-war-peace"',
        'region = "sy"',
        "",
        "[[query]]",
        'id = "ceasefire"',
        'title = "Ceasefire"',
        'q = "ceasefire"',
        "",
    ]
    return "\n".join(lines)


def make_article(i: int, rnd: random.Random, *, crawl: bool = False) -> tuple[Article, list[Label]]:
    """Article ``i``; ``crawl`` makes it one of a crawl of one source about one place."""
    source = "source00" if crawl else f"source{i % 20:02d}"
    url = f"https://{source}.example.com/news/{i:07d}-story"
    paragraphs = [" ".join(rnd.choices(WORDS, k=40)) for _ in range(5)]
    published = START + timedelta(minutes=5 * i)
    article = Article(
        url=url,
        canonical_url=url,
        url_key=url.removeprefix("https://"),
        source_id=source,
        title=" ".join(rnd.choices(WORDS, k=8)).capitalize(),
        subtitle=" ".join(rnd.choices(WORDS, k=18)).capitalize() + ".",
        body="\n\n".join(paragraphs),
        fetched_at=published + timedelta(minutes=3),
        language="en",
        authors=(f"Reporter {i % 97}",),
        agencies=("AFP",) if i % 4 == 0 else (),
        published=published,
        published_source="jsonld",
        published_precision="second",
        images=(Image(f"{url}/photo.jpg", "A caption.", "AFP/Photographer"),) if i % 10 < 7 else (),
        extractor="bench",
        extractor_version="1",
    )
    topics = rnd.sample(TOPICS, k=rnd.choice((1, 2, 2, 3)))
    countries = rnd.sample(COUNTRIES, k=rnd.choice((1, 1, 2)))
    if crawl:
        topics, countries = [TOPICS[10 + i % 2]], ["SY"]
    labels = [Label("topic", t.slug, 0.9, "text", rank) for rank, t in enumerate(topics)]
    labels += [Label("region", c, 0.9, "gazetteer", rank) for rank, c in enumerate(countries)]
    region = world_region(countries[0])
    if region is not None:
        labels.append(Label("world_region", region.slug, 0.9, "gazetteer"))
    return article, labels


def add_articles(path: Path, first: int, count: int, *, crawl: bool = False) -> None:
    """Archive articles first .. first+count-1; one in ten joins the story of the one before."""
    rnd = random.Random(first)
    archive = open_archive(path)
    try:
        archive.conn.execute("PRAGMA synchronous = OFF")
        with archive.transaction() as conn:
            sync_sources(conn, [s.as_row() for s in parse_config(sources_toml()).sources])
            previous = None
            for i in range(first, first + count):
                article, labels = make_article(i, rnd, crawl=crawl)
                result = upsert_article(conn, article, now=article.fetched_at)
                set_labels(conn, result.article_id, labels)
                if previous is not None and i % 10 == 9:
                    conn.execute(
                        "INSERT INTO stories (representative_id, first_published, article_count,"
                        " created_at, updated_at) VALUES (?, ?, 2, ?, ?)",
                        [previous, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z",
                         "2024-01-01T00:00:00Z"],
                    )  # fmt: skip
                    conn.execute(
                        "UPDATE articles SET story_id = last_insert_rowid() WHERE id IN (?, ?)",
                        [previous, result.article_id],
                    )
                previous = result.article_id
    finally:
        archive.close()


def build(workdir: Path, n: int) -> Path:
    path = workdir / f"feeds-{n}.db"
    marker = workdir / f"feeds-{n}.done"
    if path.exists() and marker.exists():
        print(f"reusing {path}")
        return path
    for p in workdir.glob(f"feeds-{n}.db*"):
        p.unlink()
    started = time.perf_counter()
    add_articles(path, 0, n)
    marker.write_text("ok\n")
    print(f"built {path}: {n} articles in {time.perf_counter() - started:.1f} s")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class WrkResult:
    requests_s: float
    p50_ms: float
    p99_ms: float
    status: str
    raw: str


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, headers: list[str], duration: int, connections: int) -> WrkResult:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return WrkResult(rate, p50, p99, f"non-2xx/3xx: {errors.group(1) if errors else 0}", out)


def fetch(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), b""


def serve_and_load(archive: Path, sources: Path, duration: int) -> dict[str, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [*NEWSDESK, "serve", "--archive", str(archive), "--sources", str(sources),
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                fetch(base + "/healthz", {})
                break
            except OSError:
                time.sleep(0.05)
        started = time.perf_counter()
        status, headers, body = fetch(base + FEED, {"Accept-Encoding": "gzip"})
        first_ms = (time.perf_counter() - started) * 1000
        etag = headers["etag"] if "etag" in headers else headers["ETag"]
        status304, _, _ = fetch(base + FEED, {"Accept-Encoding": "gzip", "If-None-Match": etag})
        assert (status, status304) == (200, 304), (status, status304)
        full = wrk(base + FEED, ["Accept-Encoding: gzip"], duration, 32)
        cond = wrk(base + FEED, ["Accept-Encoding: gzip", f"If-None-Match: {etag}"], duration, 32)
        for path in ("/", SEARCH):  # render once: measure serving, not the first render
            fetch(base + path, {"Accept-Encoding": "gzip"})
        index = wrk(base + "/", ["Accept-Encoding: gzip"], duration, 32)
        search = wrk(base + SEARCH, ["Accept-Encoding: gzip"], duration, 32)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return {
        "first_ms": f"{first_ms:.0f}",
        "size": f"{len(body)}",
        "feed": full,  # type: ignore[dict-item]
        "not_modified": cond,  # type: ignore[dict-item]
        "index": index,  # type: ignore[dict-item]
        "search": search,  # type: ignore[dict-item]
    }


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    types {{ application/atom+xml atom; application/rss+xml rss; application/feed+json json; }}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        gzip_static on;
        etag on;
        client_body_temp_path {dir}; proxy_temp_path {dir}; fastcgi_temp_path {dir};
        uwsgi_temp_path {dir}; scgi_temp_path {dir};
    }}
}}
"""


def nginx_reference(public: Path, duration: int) -> tuple[WrkResult, WrkResult] | None:
    """The same published feed file served by nginx: the static reference."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        return None
    state = public.parent / "nginx"
    state.mkdir(exist_ok=True)
    # nginx's best case for a static feed: compressed once, ahead of time (gzip_static).
    feed_file = public / FEED.lstrip("/")
    (feed_file.parent / (feed_file.name + ".gz")).write_bytes(
        gzip.compress(feed_file.read_bytes(), 9, mtime=0)
    )
    port = free_port()
    conf = state / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=state, port=port, root=public))
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(state)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                _, headers, _ = fetch(base + FEED, {"Accept-Encoding": "gzip"})
                break
            except OSError:
                time.sleep(0.05)
        etag = headers.get("etag") or headers.get("ETag") or ""
        full = wrk(base + FEED, ["Accept-Encoding: gzip"], duration, 32)
        cond = wrk(base + FEED, ["Accept-Encoding: gzip", f"If-None-Match: {etag}"], duration, 32)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return full, cond


def publish(
    archive: Path, sources: Path, out: Path, *, full: bool, archives: bool
) -> tuple[float, str]:
    command = [*NEWSDESK, "publish", "--archive", str(archive), "--sources", str(sources),
               "--out", str(out), "--base-url", "https://feeds.example.com/"]  # fmt: skip
    if full:
        command.append("--full")
    if archives:
        command.append("--archives")
    started = time.perf_counter()
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return time.perf_counter() - started, result.stdout.strip()


NOTE = (
    "The server answers from its in-memory cache of rendered documents (rebuilt when the "
    "archive's feed stamp moves), so a feed costs the same on 100,000 articles as on 10; the "
    "first request of a document after a change renders it (about 20 ms here). wrk and the "
    "server share the two cores. Publishing every feed writes each feed's subscription "
    "document in three formats; with --archives it also writes every RFC 5005 archive page, a "
    "copy of the archive per feed it appears in (about 4 GB here), which is a one-time cost: "
    "afterwards a crawl rewrites only the subscription documents and the newest pages of the "
    "feeds it touched."
)


def write_benchmarks(command: str, lines: list[str]) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = "\n".join(["## Feeds: serve and publish", "", "```sh", command, "```", "",
                         "```text", *lines, "```", "", NOTE, ""])  # fmt: skip
    pattern = re.compile(r"## Feeds: serve and publish\n.*?(?=\n## |\Z)", re.DOTALL)
    text = (
        pattern.sub(section.rstrip("\n"), text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + section
    )
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsdesk-bench-feeds"))
    parser.add_argument("--write-benchmarks", action="store_true")
    parser.add_argument(
        "--archives",
        action="store_true",
        help="also publish every RFC 5005 archive page (about a minute and 4 GB at 100,000)",
    )
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    archive = build(args.workdir, args.articles)
    sources = args.workdir / "sources.toml"
    sources.write_text(sources_toml(), encoding="utf-8")

    load = serve_and_load(archive, sources, args.duration)
    results = {}
    for archives in (False, True) if args.archives else (False,):
        out = args.workdir / ("public-archives" if archives else "public")
        full_s, full_summary = publish(archive, sources, out, full=True, archives=archives)
        size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
        # A crawl of one source adds 100 articles (to a copy: the cached archive stays as built).
        added = args.workdir / f"feeds-{args.articles}-plus.db"
        for p in args.workdir.glob(added.name + "*"):
            p.unlink()
        shutil.copy(archive, added)
        add_articles(added, args.articles, 100, crawl=True)
        incr_s, incr_summary = publish(added, sources, out, full=False, archives=archives)
        results[archives] = (full_s, full_summary, size_mb, incr_s, incr_summary)
    feed: WrkResult = load["feed"]  # type: ignore[assignment]
    cond: WrkResult = load["not_modified"]  # type: ignore[assignment]
    index: WrkResult = load["index"]  # type: ignore[assignment]
    search: WrkResult = load["search"]  # type: ignore[assignment]
    reference = nginx_reference(args.workdir / "public", args.duration)
    lines = [
        f"archive: {args.articles} articles, 20 sources, feed_items = 50",
        f"{FEED} (200, gzip, {load['size']} bytes; first request {load['first_ms']} ms): "
        f"{feed.requests_s:,.0f} requests/s, p50 {feed.p50_ms:.2f} ms, p99 {feed.p99_ms:.2f} ms "
        f"({feed.status})",
        f"{FEED} (304, If-None-Match): {cond.requests_s:,.0f} requests/s, "
        f"p50 {cond.p50_ms:.2f} ms, p99 {cond.p99_ms:.2f} ms ({cond.status})",
        f"/ (index, gzip): {index.requests_s:,.0f} requests/s, p50 {index.p50_ms:.2f} ms, "
        f"p99 {index.p99_ms:.2f} ms ({index.status})",
        f"{SEARCH} (gzip): {search.requests_s:,.0f} requests/s, p50 {search.p50_ms:.2f} ms, "
        f"p99 {search.p99_ms:.2f} ms ({search.status})",
        f"  (wrk -t1 -c32 -d{args.duration}s --latency, in its own process)",
    ]
    if reference is not None:
        ref_full, ref_cond = reference
        lines += [
            f"nginx, the published {FEED} file (static reference, 1 worker, gzip_static): "
            f"{ref_full.requests_s:,.0f} requests/s, p99 {ref_full.p99_ms:.2f} ms; 304: "
            f"{ref_cond.requests_s:,.0f} requests/s, p99 {ref_cond.p99_ms:.2f} ms",
            f"  newsdesk serve / nginx: {feed.requests_s / ref_full.requests_s:.0%} (200), "
            f"{cond.requests_s / ref_cond.requests_s:.0%} (304)",
        ]
    for archives, (full_s, full_summary, size_mb, incr_s, incr_summary) in results.items():
        flag = " --archives" if archives else ""
        lines += [
            f"newsdesk publish --full{flag}: {full_s:.2f} s wall, {size_mb:,.0f} MB",
            f"  {full_summary}",
            f"newsdesk publish{flag} after a crawl added 100 articles (one source): "
            f"{incr_s:.2f} s wall",
            f"  {incr_summary}",
        ]
    print("\n".join(lines))
    if args.write_benchmarks:
        write_benchmarks(
            f".venv/bin/python bench/serve_feeds.py --articles {args.articles} "
            f"--duration {args.duration}{' --archives' if args.archives else ''} "
            "--write-benchmarks",
            lines,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

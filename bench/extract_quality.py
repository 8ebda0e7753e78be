"""Extraction quality and speed on a synthetic news site, scored against its ground truth.

    python bench/extract_quality.py                      # generate 10 publishers x 1000 articles
    python bench/extract_quality.py --site /tmp/s1k      # score an existing make_sites.py tree
    python bench/extract_quality.py --check              # exit 1 if a floor of issue 3 is missed

Prints, per template and per language: body token F1, publication date correct (to the
minute, or to the day where the page prints no time), authors and agencies exact as sets,
title exact, comment text leaked into bodies; then CPU milliseconds per article for our
extractor and for ``trafilatura.bare_extraction(with_metadata=True)`` on the same pages, and
what happened to each page of the bad-inputs publisher.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.extract import NotAnArticle, extract_article  # noqa: E402

DEFAULT_BENCH = REPO.parent / "shared" / "bench"
ORIGIN = "http://site.invalid"  # the placeholder origin make_sites.py writes into pages
#: Floors from issue 3 ("Must show").
FLOORS = {"body_f1": 0.97, "published": 0.98, "authors": 0.95, "agencies": 0.95}
_TOKEN = re.compile(r"\w+")
_SHOWS_TIME = re.compile(r"\d\s*[:.hH]\s*\d\d")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def token_f1(got: str, want: str) -> float:
    a, b = tokens(got), tokens(want)
    overlap = sum((a & b).values())
    if not overlap:
        return 1.0 if not a and not b else 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def page_file(site: Path, url_path: str) -> Path:
    path = site / "sites" / unquote(url_path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def same_published(got: datetime | None, truth: dict) -> bool:
    if not truth.get("published"):
        return got is None
    if got is None:
        return False
    want = datetime.fromisoformat(truth["published"])
    shows_time = truth.get("meta_style") in ("jsonld", "microdata", "og") or bool(
        _SHOWS_TIME.search(truth.get("published_display") or "")
    )
    if not shows_time:
        return got.astimezone(want.tzinfo).date() == want.date()
    return got.astimezone(UTC).replace(second=0) == want.astimezone(UTC).replace(second=0)


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def score_record(
    truth: dict, body: bytes, content_type: str | None, timezone: str | None = None
) -> dict:
    url = ORIGIN + truth["url_path"]
    start = time.process_time()
    try:
        got = extract_article(body, url, content_type=content_type, timezone_hint=timezone)
    except NotAnArticle as exc:
        return {"ms": (time.process_time() - start) * 1000, "error": exc.reason}
    ms = (time.process_time() - start) * 1000
    want_body = "\n".join(truth["body"])
    leaks = sum(
        1
        for c in truth.get("comments", [])
        if len(c["text"]) >= 10 and norm(c["text"]) in norm(got.body)
    )
    return {
        "ms": ms,
        "body_f1": token_f1(got.body, want_body),
        "published": same_published(got.published, truth),
        "authors": set(got.authors) == set(truth["authors"]),
        "agencies": set(got.agencies) == set(truth["agencies"]),
        "title": norm(got.title) == norm(truth["title"]),
        "subtitle": norm(got.subtitle) == norm(truth["subtitle"]),
        "leaks": leaks,
        "got": got,
    }


def trafilatura_record(truth: dict, body: bytes) -> dict:
    import trafilatura

    start = time.process_time()
    doc = trafilatura.bare_extraction(body, url=ORIGIN + truth["url_path"], with_metadata=True)
    ms = (time.process_time() - start) * 1000
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    return {"ms": ms, "body_f1": token_f1(text, "\n".join(truth["body"]))}


def generate(bench: Path, publishers: int, articles: int, seed: int) -> Path:
    out = Path(tempfile.mkdtemp(prefix="newsdesk-extract-")) / "site"
    subprocess.run(
        [
            sys.executable,
            str(bench / "make_sites.py"),
            "--publishers",
            str(publishers),
            "--articles",
            str(articles),
            "--seed",
            str(seed),
            "--out",
            str(out),
            "--workers",
            "1",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def _row(label: str, rows: list[dict]) -> str:
    ok = [r for r in rows if "error" not in r]
    n = len(rows)

    def share(key: str) -> str:
        return f"{sum(1 for r in ok if r[key]) / n:6.3f}" if n else "     -"

    f1 = statistics.fmean(r["body_f1"] for r in ok) * len(ok) / n if n else 0.0
    leaks = sum(r["leaks"] for r in ok)
    errors = n - len(ok)
    return (
        f"{label:<24}{n:>5} {f1:7.4f} {share('published')} {share('authors')} "
        f"{share('agencies')} {share('title')} {share('subtitle')} {leaks:>5} {errors:>4}"
    )


def bad_inputs(site: Path) -> list[tuple[str, bool, str]]:
    faults_file = site / "faults.json"
    if not faults_file.exists():
        return []
    headers_file = site / "sites" / "badinputs.test" / "_headers.json"
    headers = json.loads(headers_file.read_text()) if headers_file.exists() else {}
    truth = {}
    for line in (site / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["publisher"] == "badinputs.test":
            truth[record["url_path"]] = record
    results = []
    for fault in json.loads(faults_file.read_text()):
        if fault["kind"] not in (
            "charset",
            "malformed-html",
            "huge-page",
            "empty",
            "future-date",
            "duplicate-urls",
        ):
            continue
        path = fault["url_path"]
        local = path.removeprefix("/badinputs.test")
        body = page_file(site, path).read_bytes()
        content_type = headers.get(local, {}).get("Content-Type")
        start = time.process_time()
        try:
            got = extract_article(body, ORIGIN + path, content_type=content_type)
        except NotAnArticle as exc:
            ms = (time.process_time() - start) * 1000
            expected = {"empty": "empty"}.get(fault["kind"])
            results.append(
                (path, exc.reason == expected, f"NotAnArticle({exc.reason}) {ms:.0f} ms")
            )
            continue
        ms = (time.process_time() - start) * 1000
        record = truth.get(path)
        if record is None or fault["kind"] == "empty":
            results.append((path, False, f"archived, expected a drop ({ms:.0f} ms)"))
            continue
        if fault["kind"] == "future-date":  # faults.json: reject the date (not the article)
            record = {**record, "published": None}
        f1 = token_f1(got.body, "\n".join(record["body"]))
        good = f1 >= 0.95 and norm(got.title) == norm(record["title"]) and "\ufffd" not in got.body
        good = good and same_published(got.published, record)
        if fault["kind"] == "duplicate-urls":
            good = good and got.url == ORIGIN + path
        detail = f"archived: F1 {f1:.3f}, {got.encoding}, published {got.published}, {ms:.0f} ms"
        results.append((path, good, detail))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an existing make_sites.py output folder")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="../shared/bench")
    parser.add_argument("--publishers", type=int, default=10)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the comparison")
    parser.add_argument("--show", type=int, default=0, help="print the N worst pages")
    parser.add_argument("--check", action="store_true", help="exit 1 below the issue's floors")
    parser.add_argument(
        "--timezone-hints",
        action="store_true",
        help="pass each publisher's zone (publishers.json), as a source's configuration would",
    )
    args = parser.parse_args(argv)

    site = args.site or generate(args.bench, args.publishers, args.articles, args.seed)
    try:
        return report(site, args)
    finally:
        if args.site is None:
            shutil.rmtree(site.parent, ignore_errors=True)


def report(site: Path, args: argparse.Namespace) -> int:
    records = [
        json.loads(line)
        for line in (site / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    records = [r for r in records if r["publisher"] != "badinputs.test"]
    pages = [page_file(site, r["url_path"]).read_bytes() for r in records]
    for body, record in list(zip(pages, records, strict=True))[:3]:  # warm caches and imports
        extract_article(body, ORIGIN + record["url_path"])
    zones: dict[str, str] = {}
    if args.timezone_hints:
        publishers = json.loads((site / "publishers.json").read_text(encoding="utf-8"))
        zones = {p["host"]: p.get("timezone") for p in publishers["publishers"]}
    results = [
        score_record(r, body, None, zones.get(r["publisher"]))
        for r, body in zip(records, pages, strict=True)
    ]

    by_template: dict[str, list[dict]] = defaultdict(list)
    by_language: dict[str, list[dict]] = defaultdict(list)
    for record, result in zip(records, results, strict=True):
        by_template[record["template"]].append(result)
        by_language[record["language"]].append(result)
    header = (
        f"{'':<24}{'pages':>5} {'bodyF1':>7} {'date':>6} {'auth':>6} {'agcy':>6} "
        f"{'title':>6} {'subt':>6} {'leaks':>5} {'drop':>4}"
    )
    print(f"site: {site} ({len(records)} article pages)\n")
    print(header)
    for name in sorted(by_template):
        print(_row(f"template {name}", by_template[name]))
    for name in sorted(by_language):
        print(_row(f"language {name}", by_language[name]))
    print(_row("all", results))

    ours = [r["ms"] for r in results]
    print(
        f"\nours: median {statistics.median(ours):.2f} ms, mean {statistics.fmean(ours):.2f} ms"
        " CPU per article"
    )
    if not args.no_trafilatura:
        import trafilatura

        for body in pages[:3]:
            trafilatura.bare_extraction(body, with_metadata=True)
        theirs = [trafilatura_record(r, body) for r, body in zip(records, pages, strict=True)]
        tms = [r["ms"] for r in theirs]
        print(
            f"trafilatura bare_extraction(with_metadata=True): median "
            f"{statistics.median(tms):.2f} ms, mean {statistics.fmean(tms):.2f} ms CPU per "
            f"article; its body F1 {statistics.fmean(r['body_f1'] for r in theirs):.4f}"
        )

    bad = bad_inputs(site)
    if bad:
        print("\nbad inputs:")
        for path, good, detail in bad:
            print(f"  {'ok  ' if good else 'FAIL'} {path}: {detail}")

    if args.show:
        worst = sorted(
            (r for r in zip(records, results, strict=True) if "error" not in r[1]),
            key=lambda p: (p[1]["body_f1"], p[1]["published"], p[1]["authors"], p[1]["agencies"]),
        )
        for record, result in worst[: args.show]:
            got = result["got"]
            print(
                f"\n{record['url_path']} [{record['template']}] F1 {result['body_f1']:.3f} "
                f"date {result['published']} authors {result['authors']} "
                f"agencies {result['agencies']}"
            )
            print(
                f"  published got {got.published} ({got.published_source}) "
                f"want {record['published']}"
                f" shown {record['published_display']!r}"
            )
            print(
                f"  authors got {got.authors} {got.agencies} want {record['authors']} "
                f"{record['agencies']} byline {record['byline']!r}"
            )

    ok_rows = [r for r in results if "error" not in r]
    scores = {
        "body_f1": statistics.fmean(r["body_f1"] for r in ok_rows) * len(ok_rows) / len(results),
        "published": sum(r["published"] for r in ok_rows) / len(results),
        "authors": sum(r["authors"] for r in ok_rows) / len(results),
        "agencies": sum(r["agencies"] for r in ok_rows) / len(results),
    }
    leaks = sum(r["leaks"] for r in ok_rows)
    failed = [k for k, floor in FLOORS.items() if scores[k] < floor]
    if leaks:
        failed.append("comment leaks")
    if any(not good for _, good, _ in bad):
        failed.append("bad inputs")
    if args.check and failed:
        print(f"\nbelow the floor: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

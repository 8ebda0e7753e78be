"""Regenerate the extraction golden files: tests/fixtures/extract/golden/<case>.json.

    .venv/bin/python scripts/regen_extract_golden.py          # rewrite every golden file
    .venv/bin/python scripts/regen_extract_golden.py --check  # exit 1 if one is out of date
    .venv/bin/python scripts/regen_extract_golden.py --import-bench /tmp/site
        # copy a sample of a make_sites.py tree (pages + truth records) into the corpus

Each case of tests/fixtures/extract/cases.json names a page, the URL it was fetched from
and, for some, its HTTP Content-Type. The golden file is what ``extract_article`` gives for
it (``to_dict()``), or ``{"not_an_article": reason}``. Review the diff before committing:
a golden file records what the extractor does, not what it should do; the quality gate
(tests/extract/test_quality_gate.py) scores the corpus against the hand-checked truth.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.extract import NotAnArticle, extract_article  # noqa: E402

CORPUS = REPO / "tests" / "fixtures" / "extract"
CASES = CORPUS / "cases.json"
ORIGIN = "http://site.invalid"  # placeholder origin of make_sites.py pages
#: Pages per template taken by --import-bench, preferring pages with comments and a pull quote.
PER_TEMPLATE = 2
BAD_PAGES = (
    "/badinputs.test/charset/win1256-declared-utf8.html",
    "/badinputs.test/charset/utf8-declared-win1256.html",
    "/badinputs.test/charset/win1256-undeclared.html",
    "/badinputs.test/charset/latin1-declared-utf8.html",
    "/badinputs.test/malformed/unclosed.html",
    "/badinputs.test/malformed/no-skeleton.html",
    "/badinputs.test/empty.html",
    "/badinputs.test/future/2099-article.html",
    "/badinputs.test/news/dup-story.html",
)
#: Bad inputs that must be dropped, with the reason (faults.json: "skip", "reject").
DROPS = {"/badinputs.test/empty.html": "empty"}
#: Truth the extractor must not follow: a date in the future is rejected, not kept.
NO_DATE = {"/badinputs.test/future/2099-article.html"}
TRUTH_KEYS = (
    "title",
    "subtitle",
    "authors",
    "agencies",
    "published",
    "published_display",
    "meta_style",
    "language",
    "body",
    "comments",
)


def load_cases() -> dict[str, Any]:
    return json.loads(CASES.read_text(encoding="utf-8"))


def extract_case(case: dict[str, Any], now: datetime) -> dict[str, Any]:
    body = (CORPUS / "pages" / case["page"]).read_bytes()
    try:
        extraction = extract_article(
            body, case["url"], content_type=case.get("content_type"), now=now
        )
    except NotAnArticle as exc:
        return {"not_an_article": exc.reason}
    return extraction.to_dict()


def golden_text(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


def regenerate(check: bool) -> int:
    corpus = load_cases()
    now = datetime.fromisoformat(corpus["now"])
    golden_dir = CORPUS / "golden"
    golden_dir.mkdir(exist_ok=True)
    stale = []
    expected_files = set()
    for case in corpus["cases"]:
        path = golden_dir / f"{case['name']}.json"
        expected_files.add(path.name)
        text = golden_text(extract_case(case, now))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path.name)
            if not check:
                path.write_text(text, encoding="utf-8")
    orphans = sorted(p.name for p in golden_dir.glob("*.json") if p.name not in expected_files)
    if check:
        for name in stale + orphans:
            print(f"out of date: {name}")
        return 1 if stale or orphans else 0
    for name in orphans:
        (golden_dir / name).unlink()
    print(
        f"{len(corpus['cases'])} cases, {len(stale)} golden files rewritten, {len(orphans)} removed"
    )
    return 0


def _bench_file(site: Path, url_path: str) -> Path:
    path = site / "sites" / unquote(url_path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def import_bench(site: Path) -> int:
    """Copy a few pages per template (and the bad inputs) of a generated site into the corpus."""
    records = [
        json.loads(line)
        for line in (site / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    headers_file = site / "sites" / "badinputs.test" / "_headers.json"
    headers = json.loads(headers_file.read_text()) if headers_file.exists() else {}
    chosen: list[dict[str, Any]] = []
    by_template: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if record["publisher"] != "badinputs.test":
            by_template.setdefault(record["template"], []).append(record)
    for template in sorted(by_template):
        ranked = sorted(
            by_template[template],
            key=lambda r: (not r["comments"], not r["pull_quote"], not r["agencies"], r["id"]),
        )
        chosen.extend(ranked[:PER_TEMPLATE])
    truth_by_path = {r["url_path"]: r for r in records}
    corpus = load_cases()
    cases = [c for c in corpus["cases"] if c.get("origin") != "bench"]
    for record in chosen:
        name = f"bench-{record['template']}-{record['id']}"
        cases.append(_bench_case(site, name, record["url_path"], record, None))
    for url_path in BAD_PAGES:
        name = "bad-" + url_path.rsplit("/", 1)[-1].removesuffix(".html")
        content_type = headers.get(url_path.removeprefix("/badinputs.test"), {}).get("Content-Type")
        cases.append(_bench_case(site, name, url_path, truth_by_path.get(url_path), content_type))
    corpus["cases"] = cases
    CASES.write_text(json.dumps(corpus, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"imported {len(chosen)} article pages and {len(BAD_PAGES)} bad-input pages from {site}")
    return 0


def _bench_case(
    site: Path, name: str, url_path: str, record: dict[str, Any] | None, content_type: str | None
) -> dict[str, Any]:
    page = f"{name}.html"
    shutil.copyfile(_bench_file(site, url_path), CORPUS / "pages" / page)
    case: dict[str, Any] = {"name": name, "origin": "bench", "page": page, "url": ORIGIN + url_path}
    if content_type:
        case["content_type"] = content_type
    if url_path in DROPS:
        case["expect_drop"] = DROPS[url_path]
    elif record is not None:
        truth = {key: record.get(key) for key in TRUTH_KEYS}
        truth["comments"] = [c["text"] for c in record.get("comments", [])]
        if url_path in NO_DATE:
            truth["published"] = None
        case["truth"] = truth
    return case


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a golden file is stale")
    parser.add_argument(
        "--import-bench",
        type=Path,
        metavar="SITE",
        help="copy sample pages of a make_sites.py tree into the corpus",
    )
    args = parser.parse_args(argv)
    if args.import_bench:
        import_bench(args.import_bench)
    return regenerate(args.check)


if __name__ == "__main__":
    sys.exit(main())

"""Golden files: every page of the extraction corpus gives exactly its recorded JSON.

The files are written by ``scripts/regen_extract_golden.py``; after a deliberate change,
run it and review the diff of tests/fixtures/extract/golden/ before committing.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from crawler.extract import NotAnArticle, extract_article

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "extract"
CASES = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
NOW = datetime.fromisoformat(CASES["now"])
REGEN = "scripts/regen_extract_golden.py"


def _extract(case: dict) -> dict:
    page = (CORPUS / "pages" / case["page"]).read_bytes()
    try:
        return extract_article(
            page, case["url"], content_type=case.get("content_type"), now=NOW
        ).to_dict()
    except NotAnArticle as exc:
        return {"not_an_article": exc.reason}


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda case: case["name"])
def test_page_gives_its_golden_json(case: dict) -> None:
    golden = CORPUS / "golden" / f"{case['name']}.json"
    want = json.loads(golden.read_text(encoding="utf-8"))
    got = _extract(case)
    assert got == want, (
        f"{case['page']} no longer gives {golden.name}: if the change is intended, run "
        f"`{sys.executable} {REGEN}` and review the diff"
    )


@pytest.mark.parametrize(
    "case",
    [case for case in CASES["cases"] if case.get("expect_drop")],
    ids=lambda case: case["name"],
)
def test_bad_input_is_dropped_with_its_reason(case: dict) -> None:
    assert _extract(case) == {"not_an_article": case["expect_drop"]}


def test_every_golden_file_belongs_to_a_case() -> None:
    names = {f"{case['name']}.json" for case in CASES["cases"]}
    assert sorted(p.name for p in (CORPUS / "golden").glob("*.json")) == sorted(names)

"""Issue 3's extraction floors on a synthetic site of all 10 templates and 4 languages,
scored against the generator's truth with bench/extract_quality.py's own scoring."""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench"

pytestmark = [
    pytest.mark.bench_site,
    pytest.mark.skipif(
        not BENCH.is_dir(), reason=f"needs the synthetic news sites of {BENCH}, absent here"
    ),
]


def _quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_quality", ROOT / "bench" / "extract_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


quality = _quality()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("extract-bench") / "site"
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "make_sites.py"),
            "--publishers",
            "10",
            "--articles",
            "300",
            "--seed",
            "3",
            "--workers",
            "1",
            "--out",
            str(out),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


@pytest.fixture(scope="module")
def results(site: Path) -> list[dict]:
    import json

    records = [
        json.loads(line)
        for line in (site / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [
        quality.score_record(record, quality.page_file(site, record["url_path"]).read_bytes(), None)
        for record in records
        if record["publisher"] != "badinputs.test"
    ]


def test_every_template_is_there(site: Path) -> None:
    text = (site / "truth.jsonl").read_text(encoding="utf-8")
    templates = {"classic", "cms_fr", "divsoup", "portal_ar", "microdata", "wordpress", "legacy"}
    assert {t for t in templates if f'"template": "{t}"' in text} == templates


@pytest.mark.parametrize(("metric", "floor"), sorted(quality.FLOORS.items()))
def test_issue_floor(results: list[dict], metric: str, floor: float) -> None:
    values = [r[metric] if "error" not in r else 0 for r in results]
    assert statistics.fmean(values) >= floor


def test_no_comment_text_in_any_body(results: list[dict]) -> None:
    assert sum(r.get("leaks", 0) for r in results) == 0


def test_bad_inputs_behave_as_faults_json_expects(site: Path) -> None:
    assert [(path, detail) for path, good, detail in quality.bad_inputs(site) if not good] == []

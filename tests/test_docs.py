"""The README's generated sections match the code (python -m newsdesk.docs regenerates them)."""

import re

from newsdesk import docs


def test_readme_is_up_to_date():
    current = docs.README.read_text(encoding="utf-8")
    assert current == docs.render(current), "README.md is out of date: run python -m newsdesk.docs"


def test_readme_starts_with_the_two_commands():
    lines = docs.README.read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```")]
    commands = [re.split(r"\s+#", line)[0].strip() for line in block]
    assert commands == ["./scripts/run", "./scripts/test"]
    assert lines.index("```sh") == 2  # right after the title


def test_the_check_can_fail(tmp_path):
    stale = docs.README.read_text(encoding="utf-8").replace("| `guid` |", "| `gooid` |", 1)
    readme = tmp_path / "README.md"
    readme.write_text(stale, encoding="utf-8")
    assert docs.main(["--check", "--readme", str(readme)]) == 1

"""Regenerate (or check) the parts of README.md that are made from the code.

    python -m newsdesk.docs           # rewrite README.md
    python -m newsdesk.docs --check   # exit 1 if README.md is out of date (CI runs this)

Sections live between ``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers: the CLI
reference (every verb's --help), the sources.toml keys, and the archive schema.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from archive.schema_doc import schema_markdown
from archive.sources import QUERY_KEYS, SETTINGS_KEYS, SOURCE_KEYS, Key

from .cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"
HELP_WIDTH = "100"


def _subparsers(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((name, sub))
    return found


def cli_markdown() -> str:
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_WIDTH  # argparse wraps to the terminal: make it fixed
    try:
        parser = build_parser()
        parts = ["```text", parser.format_help().rstrip(), "```", ""]
        for name, sub in _subparsers(parser):
            nested = _subparsers(sub)
            for title, p in [(name, sub)] + [(f"{name} {n}", s) for n, s in nested]:
                parts += [
                    f"#### `newsdesk {title}`",
                    "",
                    "```text",
                    p.format_help().rstrip(),
                    "```",
                    "",
                ]
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return "\n".join(parts).rstrip() + "\n"


def _key_rows(keys: tuple[Key, ...]) -> list[str]:
    rows = ["| key | default | meaning |", "| --- | --- | --- |"]
    for key in keys:
        if key.required:
            default = "required"
        elif key.default in (None, ()):
            default = ""
        elif isinstance(key.default, bool):
            default = f"`{str(key.default).lower()}`"
        elif key.name == "interval":
            default = '`"15m"`'
        else:
            default = f"`{key.default}`"
        rows.append(f"| `{key.name}` | {default} | {key.help} |")
    return rows


def config_markdown() -> str:
    lines = ["`[[source]]`, one per publisher:", ""]
    lines += _key_rows(SOURCE_KEYS)
    lines += ["", "`[[query]]`, saved queries published as feeds:", ""]
    lines += _key_rows(QUERY_KEYS)
    lines += ["", "`[settings]`, optional:", ""]
    lines += _key_rows(SETTINGS_KEYS)
    return "\n".join(lines) + "\n"


SECTIONS = {"cli": cli_markdown, "config": config_markdown, "schema": schema_markdown}


def render(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", flags=re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(
                f"README.md has no <!-- BEGIN {name} --> ... <!-- END {name} --> block"
            )
        body = make()
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, exit 1 if out of date")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if current != wanted:
            print(f"{args.readme} is out of date: run python -m newsdesk.docs", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        args.readme.write_text(wanted, encoding="utf-8")
        print(f"rewrote {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Writing result rows for people (an aligned table) and for programs (CSV, JSON, JSON lines)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("table", "csv", "json", "jsonl")


def _cell(value: Any, max_width: int) -> str:
    if value is None:
        return ""
    text = f"<{len(value)} bytes>" if isinstance(value, bytes) else str(value)
    text = " ".join(text.split())  # one line per row
    if max_width and len(text) > max_width:
        text = text[: max_width - 1] + "…"
    return text


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": __import__("base64").b64encode(value).decode()}
    return value


def write_rows(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: str,
    out: TextIO,
    *,
    max_width: int = 80,
) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_jsonable(v) if isinstance(v, bytes) else v for v in row] for row in rows)
    elif fmt == "json":
        records = [{c: _jsonable(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            record = {c: _jsonable(v) for c, v in zip(columns, row, strict=True)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "table":
        text_rows = [[_cell(v, max_width) for v in row] for row in rows]
        widths = [len(c) for c in columns]
        for row in text_rows:
            widths = [max(w, len(v)) for w, v in zip(widths, row, strict=True)]
        line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
        out.write(line + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for row in text_rows:
            out.write(
                "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n"
            )
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

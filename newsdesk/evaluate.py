"""Scoring an archive against a ground-truth file (``truth.jsonl`` of the synthetic news sites).

Used by the end-to-end tests and the benchmarks. Every score compares what the crawler stored
with what the page generator says the page holds:

- body: token F1 (bag of lower-cased word tokens) against the article paragraphs;
- published: the same minute (to the day where the page shows no time of day);
- authors and agencies: exact, as sets;
- comment leakage: any reader comment's text found in a stored body.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive import open_reader

_TOKEN = re.compile(r"\w+", re.UNICODE)
_TIME_OF_DAY = re.compile(r"\d{1,2}[:.h]\d{2}|[\u0660-\u0669]{1,2}:[\u0660-\u0669]{2}")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def token_f1(predicted: str, expected: str) -> float:
    got, want = Counter(tokens(predicted)), Counter(tokens(expected))
    if not got and not want:
        return 1.0
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def load_truth(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def shows_time_of_day(record: Mapping[str, Any]) -> bool:
    return bool(_TIME_OF_DAY.search(record.get("published_display") or ""))


def same_time(stored_utc: str | None, expected: str | None, *, to_day: bool) -> bool:
    if not expected:
        return stored_utc is None
    if not stored_utc:
        return False
    want = datetime.fromisoformat(expected)
    got = datetime.fromisoformat(stored_utc.replace("Z", "+00:00"))
    if to_day:
        # The page shows only the publisher's local date: compare in the publisher's zone.
        local = got.astimezone(want.tzinfo) if want.tzinfo else got.astimezone(UTC)
        return local.date() == want.date()
    return abs((got - want).total_seconds()) < 60


@dataclass
class Scores:
    expected: int = 0
    found: int = 0
    body_f1: list[float] = field(default_factory=list)
    published_ok: list[bool] = field(default_factory=list)
    people_ok: list[bool] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    by_group: dict[str, Scores] = field(default_factory=dict)

    @staticmethod
    def _mean(values: Iterable[float]) -> float:
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def mean_body_f1(self) -> float:
        return self._mean(self.body_f1)

    @property
    def published_accuracy(self) -> float:
        return self._mean(float(v) for v in self.published_ok)

    @property
    def people_accuracy(self) -> float:
        return self._mean(float(v) for v in self.people_ok)

    def line(self, label: str = "all") -> str:
        return (
            f"{label:24s} found {self.found}/{self.expected} ({self.recall:.3f})  "
            f"body F1 {self.mean_body_f1:.4f}  published {self.published_accuracy:.4f}  "
            f"authors+agencies {self.people_accuracy:.4f}  comment leaks {len(self.leaks)}"
        )


def _url_key_of(url_path: str) -> str:
    return url_path.lstrip("/")


def score_archive(
    archive_path: str | Path,
    truth: list[dict[str, Any]],
    *,
    group_by: str = "template",
) -> Scores:
    """Score every truth record that has a well-defined article (``id`` not null or bad-input
    pages with a body) against the archive."""
    conn = open_reader(archive_path)
    try:
        rows = conn.execute(
            "SELECT a.id, a.url_key, a.body, a.published, v.authors, v.agencies "
            "FROM articles a JOIN articles_view v ON v.id = a.id"
        ).fetchall()
        keys = dict(conn.execute("SELECT url_key, article_id FROM article_urls").fetchall())
    finally:
        conn.close()
    by_id = {row[0]: row for row in rows}
    # url_key is host[:port]/path: match on the path part, which is the truth's url_path.
    by_path: dict[str, tuple[Any, ...]] = {}
    for key, article_id in keys.items():
        path = "/" + key.split("/", 1)[1] if "/" in key else "/"
        by_path.setdefault(path, by_id[article_id])
    scores = Scores()
    for record in truth:
        if not record.get("body"):
            continue
        group = scores.by_group.setdefault(str(record.get(group_by)), Scores())
        for target in (scores, group):
            target.expected += 1
        row = by_path.get(record["url_path"])
        if row is None:
            scores.missing.append(record["url_path"])
            continue
        _, _, body, published, authors, agencies = row
        expected_body = "\n\n".join(record["body"])
        f1 = token_f1(body, expected_body)
        date_ok = same_time(
            published, record.get("published"), to_day=not shows_time_of_day(record)
        )
        people_ok = set(json.loads(authors)) == set(record.get("authors") or ()) and set(
            json.loads(agencies)
        ) == set(record.get("agencies") or ())
        leaked = [c["text"] for c in record.get("comments") or () if c["text"][:80] in body]
        for target in (scores, group):
            target.found += 1
            target.body_f1.append(f1)
            target.published_ok.append(date_ok)
            target.people_ok.append(people_ok)
            target.leaks.extend(leaked)
    return scores

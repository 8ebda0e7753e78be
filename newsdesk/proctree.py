"""A process's children and memory, read from Linux's /proc: what the benchmarks, the soak
script and the tests use to watch a crawl or a service and the processes it starts."""

from __future__ import annotations

import contextlib
from pathlib import Path


def rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` in KB (0 once it has gone)."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    """The live children of ``pid`` (of every thread of it)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError, ValueError):
            found += [int(k) for k in (task / "children").read_text().split()]
    return found


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid``, children first."""
    found: list[int] = []
    todo = [pid]
    while todo:
        kids = children(todo.pop())
        found += kids
        todo += kids
    return found

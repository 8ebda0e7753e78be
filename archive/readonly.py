"""Read-only SQL for people and programs: the CLI's ``sql``, the HTTP ``/sql`` endpoint.

Three locks, any one of which would stop a write: the file is opened ``mode=ro``, the
connection has ``PRAGMA query_only``, and an authorizer refuses every action that is not a
read (so the error names what was refused, before anything runs). A progress handler stops a
query that runs past its time limit, and results are capped at ``max_rows``.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .db import open_reader
from .errors import QueryError, QueryTimeout, ReadOnlyError

DEFAULT_TIME_LIMIT_S = 5.0
DEFAULT_MAX_ROWS = 10_000
_PROGRESS_EVERY_N_OPS = 1_000

#: PRAGMAs that only read. Anything else (journal_mode=..., writable_schema, ...) is refused.
READ_ONLY_PRAGMAS = frozenset(
    {
        "table_info",
        "table_xinfo",
        "table_list",
        "index_list",
        "index_info",
        "index_xinfo",
        "foreign_key_list",
        "collation_list",
        "function_list",
        "module_list",
        "pragma_list",
        "compile_options",
        "database_list",
        "data_version",
        "page_count",
        "page_size",
        "freelist_count",
    }
)

#: sqlite3 authorizer action codes (https://sqlite.org/c3ref/c_alter_table.html) by name.
_ACTION_NAMES = {
    getattr(sqlite3, f"SQLITE_{name}"): name.lower().replace("_", " ")
    for name in (
        "CREATE_INDEX",
        "CREATE_TABLE",
        "CREATE_TEMP_INDEX",
        "CREATE_TEMP_TABLE",
        "CREATE_TEMP_TRIGGER",
        "CREATE_TEMP_VIEW",
        "CREATE_TRIGGER",
        "CREATE_VIEW",
        "DELETE",
        "DROP_INDEX",
        "DROP_TABLE",
        "DROP_TEMP_INDEX",
        "DROP_TEMP_TABLE",
        "DROP_TEMP_TRIGGER",
        "DROP_TEMP_VIEW",
        "DROP_TRIGGER",
        "DROP_VIEW",
        "INSERT",
        "PRAGMA",
        "READ",
        "SELECT",
        "TRANSACTION",
        "UPDATE",
        "ATTACH",
        "DETACH",
        "ALTER_TABLE",
        "REINDEX",
        "ANALYZE",
        "CREATE_VTABLE",
        "DROP_VTABLE",
        "FUNCTION",
        "SAVEPOINT",
        "RECURSIVE",
    )
}

_ALLOWED_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool  # True when more rows existed than max_rows
    elapsed_s: float


class _Guard:
    """Authorizer: remembers the first refused action so the error can name it."""

    def __init__(self) -> None:
        self.refused: str | None = None

    def __call__(self, action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
        if action in _ALLOWED_ACTIONS:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION:
            if (arg2 or "").lower() in ("load_extension", "readfile", "writefile", "edit"):
                self.refused = f"function {arg2}()"
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in READ_ONLY_PRAGMAS:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_temp_master"):
            # SQLite asks this while loading the schema for table-valued PRAGMA functions
            # (pragma_table_info(...)); a real UPDATE of sqlite_master is impossible without
            # PRAGMA writable_schema, which is refused, and the file is open read-only anyway.
            return sqlite3.SQLITE_OK
        what = _ACTION_NAMES.get(action, f"action {action}")
        target = " ".join(x for x in (arg1, arg2) if x)
        self.refused = f"{what} {target}".strip()
        return sqlite3.SQLITE_DENY


def guard_connection(conn: sqlite3.Connection) -> _Guard:
    guard = _Guard()
    conn.set_authorizer(guard)
    return guard


def run_query(
    conn: sqlite3.Connection,
    sql: str,
    params: Sequence[Any] | dict[str, Any] = (),
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> QueryResult:
    """Run one read-only statement on a reader connection, with a time and row limit."""
    if not (math.isfinite(time_limit_s) and time_limit_s > 0):
        # NaN compares false with everything: as a deadline it would never be reached.
        raise QueryError(f"the time limit must be a positive number of seconds, not {time_limit_s}")
    if max_rows < 0:
        raise QueryError(f"the row limit must be 0 or more, not {max_rows}")
    guard = guard_connection(conn)
    started = time.monotonic()
    deadline = started + time_limit_s
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_EVERY_N_OPS)
    try:
        cursor = conn.execute(sql, params)
        rows = cursor.fetchmany(max_rows + 1)
        columns = [d[0] for d in cursor.description or ()]
    except sqlite3.DatabaseError as exc:
        _raise_for(exc, guard, time_limit_s)
        raise  # _raise_for always raises; this keeps type checkers content
    except sqlite3.ProgrammingError as exc:
        raise QueryError(str(exc)) from None
    finally:
        conn.set_progress_handler(None, 0)
        conn.set_authorizer(None)
    truncated = len(rows) > max_rows
    return QueryResult(columns, rows[:max_rows], truncated, time.monotonic() - started)


def _raise_for(exc: sqlite3.DatabaseError, guard: _Guard, time_limit_s: float) -> None:
    message = str(exc)
    lowered = message.lower()
    if guard.refused or any(
        hint in lowered for hint in ("not authorized", "readonly", "may not be modified")
    ):
        refused = guard.refused or message
        raise ReadOnlyError(
            f"refused: {refused}: this SQL is read-only (SELECT, WITH, EXPLAIN and read-only "
            "PRAGMAs)"
        ) from None
    if "interrupted" in message:
        raise QueryTimeout(f"query stopped after its time limit of {time_limit_s:g} s") from None
    raise QueryError(message) from None


def query(
    path: str | Path,
    sql: str,
    params: Sequence[Any] | dict[str, Any] = (),
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> QueryResult:
    """Open a reader on ``path``, run one statement, close."""
    conn = open_reader(path)
    try:
        return run_query(conn, sql, params, time_limit_s=time_limit_s, max_rows=max_rows)
    finally:
        conn.close()


def iter_rows(result: QueryResult) -> Iterator[dict[str, Any]]:
    for row in result.rows:
        yield dict(zip(result.columns, row, strict=True))

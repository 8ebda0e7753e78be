"""Opening the archive: one writer, any number of read-only readers.

The writer connection runs the migrations, turns on WAL (readers never block the writer and
the writer never blocks readers), a busy timeout, foreign keys and recursive triggers. Readers
open the file with ``mode=ro`` and ``PRAGMA query_only``, so they cannot write even by mistake.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from .errors import SchemaError, WriteError
from .schema import MIGRATION_SET, code_migration_names, migrations

BUSY_TIMEOUT_MS = 30_000
MIGRATIONS_TABLE = "_sqlite_migrations"


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [name for (name,) in rows]


def check_schema(conn: sqlite3.Connection, path: str | Path) -> list[str]:
    """Return the migrations still to apply; raise if the file is newer than this code."""
    known = code_migration_names()
    applied = applied_migrations(conn)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise SchemaError(
            f"{path} has schema {len(applied)} ({applied[-1]}), newer than this version of "
            f"newsdesk ({len(known)}, {known[-1]}): upgrade newsdesk to open it"
        )
    return [name for name in known if name not in applied]


class Archive:
    """The writer's handle on ``archive.db``. Use one per process, from one thread."""

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.path = Path(path)
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.OperationalError as exc:
            raise WriteError.from_sqlite(self.path, exc) from exc
        try:
            _configure(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL is durable across application crashes in WAL mode; only a power loss can
            # lose the last transactions, never corrupt the file.
            conn.execute("PRAGMA synchronous = NORMAL")
            self.db = Database(conn, recursive_triggers=True, execute_plugins=False)
            pending = check_schema(conn, self.path)
            if pending and not migrate:
                raise SchemaError(
                    f"{self.path} needs {len(pending)} migration(s) ({', '.join(pending)}): "
                    "run newsdesk migrate"
                )
            if pending:
                migrations.apply(self.db)
        except sqlite3.OperationalError as exc:  # a full disk, a read-only directory...
            conn.close()
            raise WriteError.from_sqlite(self.path, exc) from exc
        except BaseException:
            conn.close()
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work: everything inside commits together or not at all."""
        with self.db.atomic():
            yield self.conn

    def schema_version(self) -> list[str]:
        return applied_migrations(self.conn)


def open_archive(path: str | Path, *, migrate: bool = True) -> Archive:
    """Open (creating and migrating if needed) the archive for writing."""
    return Archive(path, migrate=migrate)


def ensure_archive(path: str | Path) -> None:
    """Create or migrate the file if it needs it; cheap when it is up to date.

    Readers call this first so that a new user's first ``newsdesk sql`` works on a fresh
    checkout, and so that an old file is upgraded by whoever opens it first.
    """
    path = Path(path)
    if path.exists():
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _configure(conn)
            pending = check_schema(conn, path)
        finally:
            conn.close()
        if not pending:
            return
    open_archive(path).close()


def migrate_archive(path: str | Path) -> tuple[list[str], list[str]]:
    """Create or migrate; return (applied before, applied now)."""
    path = Path(path)
    before: list[str] = []
    if path.exists():
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            before = applied_migrations(conn)
        finally:
            conn.close()
    with open_archive(path) as archive:
        return before, archive.schema_version()


def open_reader(path: str | Path, *, check: bool = True) -> sqlite3.Connection:
    """A read-only connection: ``mode=ro`` on the file and ``PRAGMA query_only``."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run newsdesk migrate to create it")
    conn = sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    try:
        _configure(conn)
        conn.execute("PRAGMA query_only = ON")
        if check:
            pending = check_schema(conn, path)
            if pending:
                raise SchemaError(
                    f"{path} needs {len(pending)} migration(s) ({', '.join(pending)}): "
                    "run newsdesk migrate"
                )
    except BaseException:
        conn.close()
        raise
    return conn

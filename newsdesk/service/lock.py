"""Exactly one scheduler per archive: an exclusive ``flock`` on ``ARCHIVE.lock``.

The kernel drops the lock when the process dies however it dies (SIGKILL included), so a
crashed service never leaves a stale lock behind; the file keeps the holder's pid for the
error message and for ``newsdesk status``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO

from .errors import ServiceError


def lock_path(archive_path: Path) -> Path:
    return archive_path.with_name(archive_path.name + ".lock")


def holder_pid(archive_path: Path) -> int | None:
    """The pid written by the service that holds (or last held) the lock, if alive."""
    try:
        text = lock_path(archive_path).read_text().strip()
        pid = int(text)
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def is_locked(archive_path: Path) -> bool:
    """Does a running service hold the lock? (Asks the kernel, without taking it.)"""
    path = lock_path(archive_path)
    if not path.exists():
        return False
    with open(path, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


class ArchiveLock:
    def __init__(self, archive_path: Path) -> None:
        self.archive_path = archive_path
        self.path = lock_path(archive_path)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+")  # noqa: SIM115 - held for the life of the service
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            pid = holder_pid(self.archive_path)
            who = f" (pid {pid})" if pid else ""
            raise ServiceError(
                f"{self.archive_path} is already scheduled by another newsdesk run{who}: "
                "stop that one first, or give this one its own --archive"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self._handle.seek(0)
            self._handle.truncate()
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> ArchiveLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

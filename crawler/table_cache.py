"""Lookup tables kept on disk between processes, for tables that take long to build.

A table is a pure function of the files it is built from (code and data), so it is stored as a
pickle named after a digest of those files: when one of them changes, the digest changes and
the table is built again. The files live in ``$NEWSDESK_CACHE_DIR``, or else
``$XDG_CACHE_HOME/newsdesk`` or ``~/.cache/newsdesk``. A missing, stale or unreadable file is
rebuilt and replaced atomically (processes starting together may both build it, and the last
one replaces it); when the directory cannot be written, the table is only built in memory.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Part of every digest: change it when the way tables are stored changes.
FORMAT = "1"


def cache_dir() -> Path:
    if configured := os.environ.get("NEWSDESK_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsdesk"


@cache
def digest(files: tuple[Path, ...], packages: tuple[str, ...] = ()) -> str:
    """A digest of the content of ``files``, the versions of ``packages`` and the Python
    that runs (its pickle and its Unicode database); computed once per process."""
    h = hashlib.sha256()
    for part in (FORMAT, sys.version, unicodedata.unidata_version):
        h.update(part.encode() + b"\0")
    for package in packages:
        h.update(f"{package}=={metadata.version(package)}\0".encode())
    for path in files:
        h.update(path.name.encode() + b"\0")
        with path.open("rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def load_or_build(
    name: str, build: Callable[[], T], files: tuple[Path, ...], packages: tuple[str, ...] = ()
) -> T:
    """The table ``name`` that ``build`` makes from ``files`` (with the given versions of
    ``packages``): read from the cache when it is there, else built and stored for the next
    process."""
    try:
        key = digest(files, packages)
        directory = cache_dir()
    except (OSError, RuntimeError, metadata.PackageNotFoundError) as exc:
        log.debug("no cache for %s (%s)", name, exc)
        return build()
    path = directory / f"{name}-{key[:32]}.pickle"
    table = _load(path, key)
    if table is None:
        table = build()
        if _store(path, key, table):
            _remove_others(directory, name, path)
    return table  # type: ignore[return-value]


def _load(path: Path, key: str) -> object | None:
    # Unpickling makes hundreds of thousands of objects, none of them garbage: collecting
    # while it runs would only walk them again and again (it doubles the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as f:
            if hasattr(os, "getuid") and os.fstat(f.fileno()).st_uid != os.getuid():
                return None  # a pickle runs code: only read what this user wrote
            stored_key, table = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as exc:  # truncated, unreadable, of classes that changed since...
        log.debug("cannot read %s (%s): building the table again", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()
    return table if stored_key == key else None


def _store(path: Path, key: str, table: object) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((key, table), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)  # atomic: readers see the old file or the new one
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception as exc:  # a read-only directory, a full disk...: the cache is optional
        log.debug("cannot store %s (%s): the table is kept in memory only", path, exc)
        return False
    return True


def _remove_others(directory: Path, name: str, path: Path) -> None:
    """Remove the files of older versions of a table."""
    for old in directory.glob(f"{name}-*.pickle"):
        if old != path:
            with suppress(OSError):
                old.unlink(missing_ok=True)

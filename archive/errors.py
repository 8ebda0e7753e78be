"""The archive's exceptions: few, each with one meaning.

Every message is one line that a person can act on; the CLI prints it after ``error:``.
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Base class for everything the archive package raises on purpose."""


class SchemaError(ArchiveError):
    """The archive file's schema does not match this version of newsdesk."""


class ReadOnlyError(ArchiveError):
    """A read-only query tried to write, attach, load an extension or change a setting."""


class QueryError(ArchiveError):
    """A read-only query is not valid SQL or failed while running."""


class QueryTimeout(QueryError):
    """A read-only query ran past its time limit and was stopped."""


class WriteError(ArchiveError):
    """The archive could not be written (disk full, a file size limit, an I/O error); the
    open transaction was rolled back, and nothing committed before is affected."""

    @classmethod
    def from_sqlite(cls, path: object, exc: Exception) -> WriteError:
        """The error for SQLite's ``exc`` on ``path``, with what to look at."""
        text = str(exc)
        if any(word in text for word in ("disk", "full", "I/O")):
            hint = "is the disk full, or the file over a size limit?"
        elif "locked" in text or "busy" in text:
            hint = "another process kept it locked for too long"
        elif "readonly" in text or "unable to open" in text:
            hint = "may this user write the file and its directory?"
        else:
            hint = "nothing of the open transaction was kept"
        return cls(f"{path}: cannot write ({text}): {hint}")


class ConfigError(ArchiveError):
    """A configuration file (sources.toml, OPML) is invalid; nothing was applied."""

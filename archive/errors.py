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


class ConfigError(ArchiveError):
    """A configuration file (sources.toml, OPML) is invalid; nothing was applied."""

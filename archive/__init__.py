"""The newsdesk archive: the SQLite file the crawler writes and the feeds read.

Only this package runs SQL. One process writes (:func:`open_archive`); any number read
(:func:`open_reader`, :func:`archive.readonly.query`).
"""

from .db import Archive, ensure_archive, open_archive, open_reader
from .errors import (
    ArchiveError,
    ConfigError,
    QueryError,
    QueryTimeout,
    ReadOnlyError,
    SchemaError,
    WriteError,
)
from .models import (
    RUN_COUNTERS,
    Article,
    Comment,
    FetchState,
    Image,
    Label,
    Place,
    RawPage,
    RunCounts,
    UpsertResult,
)
from .sources import Config, SavedQuery, Settings, Source, load_config, parse_config

__all__ = [
    "RUN_COUNTERS",
    "Archive",
    "ArchiveError",
    "Article",
    "Comment",
    "Config",
    "ConfigError",
    "FetchState",
    "Image",
    "Label",
    "Place",
    "QueryError",
    "QueryTimeout",
    "RawPage",
    "ReadOnlyError",
    "RunCounts",
    "SavedQuery",
    "SchemaError",
    "Settings",
    "Source",
    "UpsertResult",
    "WriteError",
    "ensure_archive",
    "load_config",
    "open_archive",
    "open_reader",
    "parse_config",
]

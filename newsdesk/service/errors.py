"""The service's one deliberate exception."""

from __future__ import annotations


class ServiceError(Exception):
    """The service cannot start as asked (archive already scheduled, port in use); the CLI
    prints it as one ``error:`` line and exits 1."""

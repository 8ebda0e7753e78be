"""``python -m newsdesk`` is the ``newsdesk`` command."""

from newsdesk.cli import run

run()

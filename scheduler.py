"""``python scheduler.py`` is ``newsdesk run``: the long-running service."""

from newsdesk.cli import main

if __name__ == "__main__":
    import sys

    sys.exit(main(["run", *sys.argv[1:]]))

"""Feeds: RSS 2.0, Atom and JSON Feed from the archive, served over HTTP or published as files.

It reads the archive through :mod:`archive` only, and never imports :mod:`crawler`.
"""

"""The crawler: Scrapy spider and pipelines, extraction, normalization, tagging.

It writes to the archive through :mod:`archive` only, and never imports :mod:`feeds`.
"""

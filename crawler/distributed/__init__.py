"""Distributed crawling on Redis with scrapy-redis: any number of workers share one request
queue, one seen-set and per-host limits; one archive writer drains what they extract.

``worker`` (a Scrapy process) and ``drain`` (the writer) are imported by their entry points
only, so that a plain install without the ``redis`` extra never needs Redis.
"""

__all__: list[str] = []
